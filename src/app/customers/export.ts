/**
 * Everything the ledger holds about one customer, as plain JSON (a subject access request):
 * the Customers row, their orders with lines and payments, their loyalty entries and invoices,
 * each row as { header: value } with dates as ISO text and money as decimals, as in the cells.
 * Rows are found by the spreadsheet on their Customer ID / Order ID columns. Read-only.
 */
import { parseText } from '../../ledger/cells';
import {
  CUSTOMERS,
  INVOICES,
  LOYALTY,
  ORDER_LINES,
  ORDERS,
  PAYMENTS,
  type TabSpec,
} from '../../ledger/schema';
import { findRows, type Row, readFoundRows, readHeaderTable, type Table } from '../../ledger/table';
import type { CellValue, Workbook } from '../../platform/workbook';
import { loadContext } from '../ledger-context';
import { CustomerProblem } from './problem';

export type Plain = Record<string, string | number | boolean>;

export interface CustomerExport {
  exportedAt: string;
  customer: Plain;
  /** Customers merged into this one, each with its row. */
  merged: Plain[];
  orders: { order: Plain; lines: Plain[]; payments: Plain[] }[];
  loyalty: Plain[];
  invoices: Plain[];
}

const plainValue = (v: CellValue): string | number | boolean => (v instanceof Date ? v.toISOString() : v);

function plain(table: Table, row: Row): Plain {
  const out: Plain = {};
  table.header.forEach((h, i) => {
    if (h !== '') out[h] = plainValue(row.cells[i] ?? '');
  });
  return out;
}

export function exportCustomer(wb: Workbook, customerId: string, now: number): CustomerExport {
  const ctx = loadContext(wb);
  const id = String(customerId ?? '').trim();
  const tab = (spec: TabSpec) => readHeaderTable(wb, spec, ctx.tabs);
  const rowsBy = (t: Table, header: string, values: string[]) =>
    values.length === 0 || !t.has(header) ? [] : readFoundRows(wb, t, findRows(wb, t, header, values));
  const customers = tab(CUSTOMERS);
  const [row] = rowsBy(customers, 'Customer ID', [id]);
  if (!row) throw new CustomerProblem('unknown-customer', `No customer with ID ${id} in the Customers tab.`);
  const merged = rowsBy(customers, 'Merged into', [id]);
  const ids = [id, ...merged.map((r) => parseText(customers.get(r, 'Customer ID')))];
  const orders = tab(ORDERS);
  const orderRows = rowsBy(orders, 'Customer ID', ids);
  const orderIds = orderRows.map((r) => parseText(orders.get(r, 'Order ID')));
  const lines = tab(ORDER_LINES);
  const payments = tab(PAYMENTS);
  const lineRows = rowsBy(lines, 'Order ID', orderIds);
  const paymentRows = rowsBy(payments, 'Order ID', orderIds);
  const of = (t: Table, rs: Row[], orderId: string) =>
    rs.filter((r) => parseText(t.get(r, 'Order ID')) === orderId).map((r) => plain(t, r));
  const loyalty = ctx.tabs.includes(LOYALTY.name) ? tab(LOYALTY) : null;
  const invoices = tab(INVOICES);
  return {
    exportedAt: new Date(now).toISOString(),
    customer: plain(customers, row),
    merged: merged.map((r) => plain(customers, r)),
    orders: orderRows.map((r, i) => ({
      order: plain(orders, r),
      lines: of(lines, lineRows, orderIds[i]),
      payments: of(payments, paymentRows, orderIds[i]),
    })),
    loyalty: loyalty ? rowsBy(loyalty, 'Customer ID', ids).map((r) => plain(loyalty, r)) : [],
    invoices: rowsBy(invoices, 'Customer ID', ids).map((r) => plain(invoices, r)),
  };
}
