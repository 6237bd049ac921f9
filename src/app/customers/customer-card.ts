/**
 * One customer's card: who they are, their credit, and their purchases in both channels
 * (their own orders and those of customers merged into them), newest first. The orders are
 * found by the spreadsheet on the Customer ID column (one search), never by reading Orders, and
 * only the latest HISTORY_LIMIT are read, so the card's cost does not grow with the ledger.
 */
import { toMinor } from '../../core/money';
import { parseText } from '../../ledger/cells';
import { CUSTOMERS, ORDERS } from '../../ledger/schema';
import { findRows, readFoundRows, readHeaderTable } from '../../ledger/table';
import type { Workbook } from '../../platform/workbook';
import { loadContext } from '../ledger-context';
import { findCustomerRow } from '../loyalty/customer-row';
import type { CustomerCard } from '../till/api-types';
import { CustomerProblem } from './problem';

export const HISTORY_LIMIT = 20;

export function customerCard(wb: Workbook, customerId: string): CustomerCard {
  const ctx = loadContext(wb);
  const found = findCustomerRow(wb, ctx, customerId);
  if (!found)
    throw new CustomerProblem('unknown-customer', `No customer with ID ${customerId} in the Customers tab.`);
  const { table, row } = found;
  const text = (h: string) => (table.has(h) ? parseText(table.get(row, h)) : '');
  const customers = readHeaderTable(wb, CUSTOMERS, ctx.tabs);
  const merged = customers.has('Merged into')
    ? readFoundRows(wb, customers, findRows(wb, customers, 'Merged into', found.customerId)).map((r) =>
        parseText(customers.get(r, 'Customer ID')),
      )
    : [];
  const orders = readHeaderTable(wb, ORDERS, ctx.tabs);
  const rows = findRows(wb, orders, 'Customer ID', [found.customerId, ...merged]);
  const latest = rows.slice(-HISTORY_LIMIT);
  const history = readFoundRows(wb, orders, latest)
    .map((r) => {
      const created = orders.get(r, 'Created');
      const total = orders.get(r, 'Total');
      return {
        orderId: parseText(orders.get(r, 'Order ID')),
        orderNo: parseText(orders.get(r, 'Order No')),
        type: parseText(orders.get(r, 'Type')),
        channel: parseText(orders.get(r, 'Channel')),
        shop: parseText(orders.get(r, 'Shop')),
        status: parseText(orders.get(r, 'Status')),
        created: created instanceof Date ? created.toISOString() : '',
        total: typeof total === 'number' ? toMinor(total, ctx.cells.exponent) : 0,
      };
    })
    .sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0));
  return {
    customerId: found.customerId,
    name: text('Name'),
    email: text('Email'),
    phone: text('Phone'),
    loyaltyCard: text('Loyalty card'),
    mergedInto: found.mergedInto,
    balance: found.balance,
    currency: ctx.settings.currency,
    exponent: ctx.cells.exponent,
    history,
    ordersCount: rows.length,
    mergedFrom: merged,
  };
}
