/**
 * Finding the order a customer brings back, by what they hold: the receipt's number (R-000003,
 * which a scanner types when it reads the receipt), a web order number (#1001 or 1001), an
 * invoice number (T-2026-000003), or the ledger's Order ID. Each is one search of a column of
 * Orders, so finding costs the same in a ledger of any size; then the order's lines and its earlier
 * returns are found by Order ID and Refund of.
 */

import { FULL_TYPE } from '../../core/invoice/full-invoice';
import { toMinor } from '../../core/money';
import type { EarlierReturn, SoldLine } from '../../core/returns/return-types';
import { isBlank, parseText } from '../../ledger/cells';
import { INVOICES, ORDER_LINES, ORDERS } from '../../ledger/schema';
import { findRows, type Row, readFoundRows, readHeaderTable, type Table } from '../../ledger/table';
import type { CellValue, Workbook } from '../../platform/workbook';
import type { LedgerContext } from '../ledger-context';
import { refuse } from '../till/problems';

export interface FoundOrder {
  orders: Table;
  lines: Table;
  row: Row;
  orderId: string;
  orderNo: string;
  channel: 'Store' | 'Web';
  shop: string;
  status: string;
  /** Where its goods are (Orders › Fulfilment; '' on a ledger without the column). */
  fulfilment: string;
  /** The currency it was paid in ('' on an old row: the ledger's). */
  currency: string;
  customerId: string;
  invoiceNo: string;
  /** The invoice a correction cites: the full invoice that replaced the ticket, if one did, else the ticket. */
  invoiceInForce: string;
  created: number;
  total: number;
  key: string;
  sold: SoldLine[];
  /** Each sold SKU's unit cost at the time of sale (Order Lines' Cost), so a return carries it back. */
  costs: Map<string, number>;
  earlier: EarlierReturn[];
}

const money = (v: CellValue, exponent: number) => (typeof v === 'number' ? toMinor(v, exponent) : 0);

function soldLine(t: Table, r: Row, exponent: number): SoldLine {
  const rate = t.get(r, 'VAT %');
  return {
    sku: parseText(t.get(r, 'SKU')),
    name: parseText(t.get(r, 'Name')),
    qty: Number(t.get(r, 'Qty')) || 0,
    unitPrice: money(t.get(r, 'Unit price'), exponent),
    discount: money(t.get(r, 'Discount'), exponent),
    vatRate: isBlank(rate) || typeof rate !== 'number' ? null : rate,
    net: money(t.get(r, 'Net'), exponent),
    vat: money(t.get(r, 'VAT'), exponent),
    total: money(t.get(r, 'Total'), exponent),
  };
}

/** The sale a customer's number names, with its lines and earlier returns; refused when there is none or several. */
export function findOrder(wb: Workbook, ctx: LedgerContext, query: string): FoundOrder {
  const q = String(query ?? '').trim();
  if (q === '') refuse('bad-input', 'Type or scan the number on the receipt, or the web order number.');
  const orders = readHeaderTable(wb, ORDERS, ctx.tabs);
  const lines = readHeaderTable(wb, ORDER_LINES, ctx.tabs);
  const web = q.startsWith('#') ? [q, q.slice(1)] : [q, `#${q}`];
  let found: Row[] = [];
  for (const [header, values] of [
    ['Order ID', [q]],
    ['Order No', web],
    ['Invoice No', [q]],
  ] as const) {
    found = readFoundRows(wb, orders, findRows(wb, orders, header, [...values])).filter(
      (r) => parseText(orders.get(r, 'Type')) === 'sale',
    );
    if (found.length > 0) break;
  }
  if (found.length === 0) {
    refuse(
      'unknown-order',
      `No sale with the number "${q}" in the Orders tab. Check the receipt's number (R-…), the web order number, or the invoice number.`,
    );
  }
  if (found.length > 1) {
    const which = found.map(
      (r) => `${parseText(orders.get(r, 'Order ID'))} (${parseText(orders.get(r, 'Shop')) || 'till'})`,
    );
    refuse('bad-input', `Several orders have the number "${q}": ${which.join(', ')}. Use the Order ID.`);
  }
  const [row] = found;
  const text = (h: string) => parseText(orders.get(row, h));
  const orderId = text('Order ID');
  const exponent = ctx.cells.exponent;
  const soldRows = readFoundRows(wb, lines, findRows(wb, lines, 'Order ID', orderId)).sort(
    (a, b) => (Number(lines.get(a, 'Line')) || 0) - (Number(lines.get(b, 'Line')) || 0),
  );
  const sold = soldRows.map((r) => soldLine(lines, r, exponent));
  const costs = new Map<string, number>();
  if (lines.has('Cost')) {
    for (const r of soldRows) {
      const cost = lines.get(r, 'Cost');
      const sku = parseText(lines.get(r, 'SKU'));
      if (typeof cost === 'number' && !costs.has(sku)) costs.set(sku, toMinor(cost, exponent));
    }
  }

  const returns = readFoundRows(wb, orders, findRows(wb, orders, 'Refund of', orderId));
  const returnIds = returns.map((r) => parseText(orders.get(r, 'Order ID')));
  const returnLines =
    returnIds.length === 0 ? [] : readFoundRows(wb, lines, findRows(wb, lines, 'Order ID', returnIds));
  const earlier: EarlierReturn[] = returns.map((r) => {
    const id = parseText(orders.get(r, 'Order ID'));
    return {
      invoiceNo: parseText(orders.get(r, 'Invoice No')) || id,
      total: money(orders.get(r, 'Total'), exponent),
      lines: returnLines
        .filter((l) => parseText(lines.get(l, 'Order ID')) === id)
        .map((l) => ({ sku: parseText(lines.get(l, 'SKU')), qty: -(Number(lines.get(l, 'Qty')) || 0) }))
        .filter((l) => l.qty > 0),
    };
  });
  const created = orders.get(row, 'Created');
  return {
    orders,
    lines,
    row,
    orderId,
    orderNo: text('Order No') || orderId,
    channel: text('Channel') === 'Web' ? 'Web' : 'Store',
    shop: text('Shop'),
    status: text('Status'),
    fulfilment: orders.has('Fulfilment') ? text('Fulfilment') : '',
    currency: orders.has('Currency') ? text('Currency') : '',
    customerId: text('Customer ID'),
    invoiceNo: text('Invoice No'),
    invoiceInForce: replacedBy(wb, ctx, text('Invoice No')) || text('Invoice No'),
    created: created instanceof Date ? created.getTime() : 0,
    total: money(orders.get(row, 'Total'), exponent),
    key: text('Key'),
    sold,
    costs,
    earlier,
  };
}

/**
 * The full invoice (F) that replaced a ticket at the customer's request, or ''. A later return
 * corrects the invoice in force, so its R cites the F (the F carries the same amounts).
 */
function replacedBy(wb: Workbook, ctx: LedgerContext, invoiceNo: string): string {
  if (invoiceNo === '' || !ctx.tabs.includes(INVOICES.name)) return '';
  const invoices = readHeaderTable(wb, INVOICES, ctx.tabs);
  const full = readFoundRows(wb, invoices, findRows(wb, invoices, 'Corrects', invoiceNo)).find(
    (r) => parseText(invoices.get(r, 'Type')).toLowerCase() === FULL_TYPE,
  );
  return full ? parseText(invoices.get(full, 'Invoice No')) : '';
}
