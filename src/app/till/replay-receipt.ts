/** The receipt of a sale already recorded, rebuilt from its rows, for a retried commit. */
import { toMinor } from '../../core/money';
import { parseText } from '../../ledger/cells';
import { CUSTOMERS, ORDER_LINES, ORDERS, PAYMENTS } from '../../ledger/schema';
import { findRows, readFoundRows, readHeaderTable, type Table } from '../../ledger/table';
import type { CellValue, Workbook } from '../../platform/workbook';
import type { LedgerContext } from '../ledger-context';
import { creditOfSale } from '../loyalty/till-credit';
import type { PaymentMethod, Receipt } from './api-types';

function customerName(wb: Workbook, ctx: LedgerContext, customerId: string): string {
  const customers = readHeaderTable(wb, CUSTOMERS, ctx.tabs);
  const [row] = readFoundRows(wb, customers, findRows(wb, customers, 'Customer ID', customerId).slice(0, 1));
  return row ? parseText(customers.get(row, 'Name')) : '';
}

export function replayReceipt(wb: Workbook, ctx: LedgerContext, orderRow: number): Receipt {
  const orders = readHeaderTable(wb, ORDERS, ctx.tabs);
  const [order] = readFoundRows(wb, orders, [orderRow]);
  const field = (t: Table, cells: CellValue[], h: string): CellValue =>
    t.has(h) ? (cells[t.col(h)] ?? '') : '';
  const money = (t: Table, cells: CellValue[], h: string): number => {
    const v = field(t, cells, h);
    return typeof v === 'number' ? toMinor(v, ctx.cells.exponent) : 0;
  };
  const orderId = parseText(field(orders, order.cells, 'Order ID'));

  const linesTable = readHeaderTable(wb, ORDER_LINES, ctx.tabs);
  const lines = readFoundRows(wb, linesTable, findRows(wb, linesTable, 'Order ID', orderId));
  const paymentsTable = readHeaderTable(wb, PAYMENTS, ctx.tabs);
  const payments = readFoundRows(wb, paymentsTable, findRows(wb, paymentsTable, 'Order ID', orderId));
  const created = field(orders, order.cells, 'Created');
  const customerId = parseText(field(orders, order.cells, 'Customer ID'));

  const paid = payments.map((r) => ({
    method: parseText(field(paymentsTable, r.cells, 'Method')) as PaymentMethod,
    amount: money(paymentsTable, r.cells, 'Amount'),
    reference: parseText(field(paymentsTable, r.cells, 'Reference')),
  }));
  const tenderedChange = paid
    .map((x) => /tendered ([\d.]+), change ([\d.]+)/.exec(x.reference))
    .reduce(
      (acc, m) =>
        m
          ? {
              tendered: acc.tendered + toMinor(Number(m[1]), ctx.cells.exponent),
              change: acc.change + toMinor(Number(m[2]), ctx.cells.exponent),
            }
          : acc,
      { tendered: 0, change: 0 },
    );
  const cashWithoutChange = paid
    .filter((x) => x.method === 'cash' && !/tendered/.test(x.reference))
    .reduce((s, x) => s + x.amount, 0);

  const receiptLines = lines.map((r) => ({
    sku: parseText(field(linesTable, r.cells, 'SKU')),
    name: parseText(field(linesTable, r.cells, 'Name')),
    qty: Number(field(linesTable, r.cells, 'Qty')) || 0,
    unitPrice: money(linesTable, r.cells, 'Unit price'),
    discount: money(linesTable, r.cells, 'Discount'),
    vatRate: Number(field(linesTable, r.cells, 'VAT %')) || 0,
    net: money(linesTable, r.cells, 'Net'),
    vat: money(linesTable, r.cells, 'VAT'),
    total: money(linesTable, r.cells, 'Total'),
  }));
  const rates = [...new Set(receiptLines.map((l) => l.vatRate))].sort((a, b) => a - b);
  return {
    orderId,
    orderNo: parseText(field(orders, order.cells, 'Order No')),
    invoiceNo: parseText(field(orders, order.cells, 'Invoice No')),
    created: created instanceof Date ? created.toISOString() : '',
    till: parseText(field(orders, order.cells, 'Till')),
    sessionId: '',
    lines: receiptLines.map(({ net: _n, vat: _v, ...l }) => l),
    net: money(orders, order.cells, 'Net'),
    vat: money(orders, order.cells, 'VAT'),
    total: money(orders, order.cells, 'Total'),
    breakdown: rates.map((rate) => {
      const of = receiptLines.filter((l) => l.vatRate === rate);
      const base = of.reduce((s, l) => s + l.net, 0);
      const vat = of.reduce((s, l) => s + l.vat, 0);
      return { rate, base, vat, total: base + vat };
    }),
    payments: paid.map(({ method, amount }) => ({ method, amount })),
    tendered: tenderedChange.tendered + cashWithoutChange,
    change: tenderedChange.change,
    customer: customerId ? { customerId, name: customerName(wb, ctx, customerId) } : null,
    // As the first receipt: the credit used, earned and left, whenever the sale had a customer.
    loyalty: customerId
      ? creditOfSale(wb, ctx, { customerId, orderId, key: parseText(field(orders, order.cells, 'Key')) })
      : null,
    currency: parseText(field(orders, order.cells, 'Currency')) || ctx.settings.currency,
    exponent: ctx.cells.exponent,
    replayed: true,
  };
}
