/** The receipt of a return already recorded, rebuilt from its rows, for a retried commit. */
import { toMinor } from '../../core/money';
import type { RefundMethod } from '../../core/returns/return-types';
import { parseText } from '../../ledger/cells';
import { LOYALTY, MOVEMENTS, ORDER_LINES, ORDERS, PAYMENTS } from '../../ledger/schema';
import { findRows, readFoundRows, readHeaderTable } from '../../ledger/table';
import type { CellValue, Workbook } from '../../platform/workbook';
import type { LedgerContext } from '../ledger-context';
import { findCustomerRow, findSurvivorRow } from '../loyalty/customer-row';
import type { Disposition, ReturnLoyalty, ReturnReceipt } from './return-api-types';

/** The loyalty entries this return wrote (by their keys), and the customer's balance now. */
function replayLoyalty(
  wb: Workbook,
  ctx: LedgerContext,
  customerId: string,
  key: string,
): ReturnLoyalty | null {
  if (!customerId || !ctx.tabs.includes(LOYALTY.name)) return null;
  const tab = readHeaderTable(wb, LOYALTY, ctx.tabs);
  const keys = ['give-back', 'refund-credit', 'reverse-earn'].map((k) => `${key}:${k}`);
  const rows = readFoundRows(wb, tab, findRows(wb, tab, 'Key', keys));
  const sum = (k: string) =>
    rows
      .filter((r) => parseText(tab.get(r, 'Key')) === `${key}:${k}`)
      .reduce((s, r) => {
        const v = tab.get(r, 'Amount');
        return s + (typeof v === 'number' ? toMinor(v, ctx.cells.exponent) : 0);
      }, 0);
  const customer = findCustomerRow(wb, ctx, customerId);
  const holder = customer?.mergedInto ? findSurvivorRow(wb, ctx, customer.mergedInto) : customer;
  return {
    reversed: -sum('reverse-earn'),
    givenBack: sum('give-back'),
    credited: sum('refund-credit'),
    balance: holder?.balance ?? 0,
  };
}

export function replayReturn(wb: Workbook, ctx: LedgerContext, orderRow: number): ReturnReceipt {
  const orders = readHeaderTable(wb, ORDERS, ctx.tabs);
  const [order] = readFoundRows(wb, orders, [orderRow]);
  const text = (h: string) => (orders.has(h) ? parseText(orders.get(order, h)) : '');
  const minor = (v: CellValue) => (typeof v === 'number' ? toMinor(v, ctx.cells.exponent) : 0);
  const returnId = text('Order ID');
  const originalId = text('Refund of');

  const lines = readHeaderTable(wb, ORDER_LINES, ctx.tabs);
  const lineRows = readFoundRows(wb, lines, findRows(wb, lines, 'Order ID', returnId));
  const payments = readHeaderTable(wb, PAYMENTS, ctx.tabs);
  const [payment] = readFoundRows(wb, payments, findRows(wb, payments, 'Order ID', returnId));
  const movements = readHeaderTable(wb, MOVEMENTS, ctx.tabs);
  const moves = readFoundRows(wb, movements, findRows(wb, movements, 'Key', text('Key')));
  const [original] = readFoundRows(wb, orders, findRows(wb, orders, 'Order ID', originalId).slice(0, 1));

  // What became of each SKU, read back from its moves: to Loss is damaged, none is lost.
  const dispositionOf = (sku: string): Disposition => {
    const to = moves.find((r) => parseText(movements.get(r, 'SKU')) === sku);
    if (!to) return 'lost';
    return parseText(movements.get(to, 'To')) === 'Loss' ? 'damaged' : 'restock';
  };
  const created = orders.get(order, 'Created');
  const total = minor(orders.get(order, 'Total'));
  const loyalty = replayLoyalty(wb, ctx, text('Customer ID'), text('Key'));
  return {
    returnId,
    invoiceNo: text('Invoice No'),
    originalId,
    originalNo: text('Order No'),
    originalInvoiceNo: original ? parseText(orders.get(original, 'Invoice No')) : '',
    originalStatus: original ? parseText(orders.get(original, 'Status')) : '',
    created: created instanceof Date ? created.toISOString() : '',
    till: text('Till'),
    lines: lineRows.map((r) => {
      const sku = parseText(lines.get(r, 'SKU'));
      return {
        sku,
        name: parseText(lines.get(r, 'Name')),
        qty: Number(lines.get(r, 'Qty')) || 0,
        disposition: dispositionOf(sku),
        total: minor(lines.get(r, 'Total')),
      };
    }),
    net: minor(orders.get(order, 'Net')),
    vat: minor(orders.get(order, 'VAT')),
    total,
    refund: {
      method: (payment ? parseText(payments.get(payment, 'Method')) : 'cash') as RefundMethod,
      amount: -total - (loyalty?.givenBack ?? 0),
    },
    loyalty,
    skusChanged: [],
    currency: text('Currency') || ctx.settings.currency,
    exponent: ctx.cells.exponent,
    replayed: true,
  };
}
