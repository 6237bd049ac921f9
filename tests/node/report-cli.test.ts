/** `shop-ledger report` on a real .xlsx: the sales figures per channel, shop and method, --rebuild and --json. */

import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ORDER_LINES, ORDERS, PAYMENTS } from '../../src/ledger/schema';
import { appendRows, type Record_, readHeaderTable } from '../../src/ledger/table';
import { loadXlsx, saveXlsx } from '../../src/node/xlsx-file';
import { captureCli } from '../helpers/cli';

let dir: string;

beforeEach(async () => {
  dir = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'shop-ledger-report-')));
});

afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => captureCli(argv);

const LONG_AGO = new Date(Date.UTC(2025, 0, 15, 12));

function order(id: string, extra: Record_): Record_ {
  return { 'Order ID': id, Type: 'sale', Status: 'paid', Created: LONG_AGO, Currency: 'EUR', ...extra };
}

/** A sample ledger with: a till sale today (cash), two web orders long ago from two shops, a refund, a cancelled order and a USD order. */
async function ledgerWithOrders(): Promise<string> {
  const path = join(dir, 'ledger.xlsx');
  expect((await cli('init', '--ledger', path, '--sample', '--time-zone', 'Europe/Madrid')).code).toBe(0);
  const wb = await loadXlsx(path);
  const tabs = wb.tabNames();
  const now = new Date();
  const orders = [
    order('O-1', { Channel: 'Store', Status: 'fulfilled', Created: now, Net: 10.66, VAT: 2.24, Total: 12.9 }),
    order('O-2', { Channel: 'Web', Shop: 'Alpha', Net: 19.83, VAT: 4.17, Total: 24 }),
    order('O-3', { Channel: 'Web', Shop: 'Beta', Net: 11.73, VAT: 1.17, Total: 12.9 }),
    order('O-4', {
      Type: 'return',
      Channel: 'Web',
      Shop: 'Alpha',
      Status: 'refunded',
      Net: -9.92,
      VAT: -2.08,
      Total: -12,
    }),
    order('O-5', { Channel: 'Web', Shop: 'Alpha', Status: 'cancelled', Net: 99.17, VAT: 20.83, Total: 120 }),
    order('O-6', { Channel: 'Web', Shop: 'Beta', Currency: 'USD', Net: 10, VAT: 2.1, Total: 12.1 }),
  ];
  const line = (id: string, sku: string, qty: number, rate: number, net: number, vat: number): Record_ => ({
    'Order ID': id,
    Line: 1,
    SKU: sku,
    Qty: qty,
    'VAT %': rate,
    Net: net,
    VAT: vat,
    Total: Math.round((net + vat) * 100) / 100,
  });
  const lines = [
    line('O-1', 'COF-ETH-250', 1, 21, 10.66, 2.24),
    line('O-2', 'ACC-MUG-W', 2, 21, 19.83, 4.17),
    line('O-3', 'COF-ETH-250', 1, 10, 11.73, 1.17),
    line('O-4', 'ACC-MUG-W', -1, 21, -9.92, -2.08),
    line('O-5', 'ACC-MUG-W', 10, 21, 99.17, 20.83),
    line('O-6', 'ACC-MUG-W', 1, 21, 10, 2.1),
  ];
  const pay = (id: string, channel: string, method: string, amount: number, time = LONG_AGO): Record_ => ({
    'Payment ID': `${id}/P1`,
    Time: time,
    'Order ID': id,
    Channel: channel,
    Method: method,
    Amount: amount,
  });
  const payments = [
    pay('O-1', 'Store', 'cash', 12.9, now),
    pay('O-2', 'Web', 'stripe', 24),
    pay('O-3', 'Web', 'paypal', 12.9),
    pay('O-4', 'Web', 'stripe', -12),
    pay('O-6', 'Web', 'stripe', 12.1),
  ];
  appendRows(wb, readHeaderTable(wb, ORDERS, tabs), orders);
  appendRows(wb, readHeaderTable(wb, ORDER_LINES, tabs), lines);
  appendRows(wb, readHeaderTable(wb, PAYMENTS, tabs), payments);
  await saveXlsx(wb, path);
  return path;
}

const F = (f: Partial<Record<string, number | null>>) => ({
  orders: 0,
  units: 0,
  total: 0,
  net: 0,
  vat: 0,
  refunds: 0,
  margin: 0,
  ...f,
});

test('report --rebuild --json: per channel, shop and method, decimal amounts, other currency counted apart', async () => {
  const path = await ledgerWithOrders();
  const r = await cli('report', '--ledger', path, '--rebuild', '--json');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  const json = JSON.parse(r.out);
  expect(Object.keys(json)).toEqual([
    'currency',
    'byChannel',
    'byShop',
    'byMethod',
    'vat',
    'otherCurrency',
    'lowStock',
  ]);
  expect(json.currency).toBe('EUR');
  // The coffee costs 6.10 and the mug 4.20 in the sample catalogue.
  const store = F({ orders: 1, units: 1, total: 12.9, net: 10.66, vat: 2.24, margin: 4.56 });
  expect(json.byChannel.Store).toEqual({ today: store, month: store, all: store });
  expect(json.byChannel.Web.today).toEqual(F({ margin: 0 }));
  expect(json.byChannel.Web.all).toEqual(
    F({ orders: 2, units: 2, total: 24.9, net: 21.64, vat: 3.26, refunds: -12, margin: 11.34 }),
  );
  expect(json.byShop.Alpha.all).toEqual(
    F({ orders: 1, units: 1, total: 12, net: 9.91, vat: 2.09, refunds: -12, margin: 5.71 }),
  );
  expect(json.byShop.Beta.all).toMatchObject({ orders: 1, total: 12.9 });
  expect(Object.keys(json.byMethod)).toEqual(['cash', 'paypal', 'stripe']);
  expect(json.byMethod.stripe.all).toEqual({
    orders: 2,
    units: null,
    total: 12,
    net: null,
    vat: null,
    refunds: -12,
    margin: null,
  });
  expect(json.byMethod.cash.today).toMatchObject({ orders: 1, total: 12.9 });
  expect(json.vat).toEqual(
    expect.arrayContaining([
      { month: '2025-01', rate: 10, base: 11.73, vat: 1.17 },
      { month: '2025-01', rate: 21, base: 9.91, vat: 2.09 },
    ]),
  );
  expect(json.otherCurrency).toEqual({ today: 0, month: 0, all: 1 });
  expect(Array.isArray(json.lowStock)).toBe(true);

  // --rebuild wrote the tabs into the file.
  const wb = await loadXlsx(path);
  const [header, ...rows] = wb.read('Sales by Channel');
  expect(header.slice(0, 13)).toEqual([
    'Period',
    'Day',
    'Channel',
    'Orders',
    'Units',
    'Gross',
    'Net',
    'VAT',
    'Discounts',
    'Refunds',
    'Average ticket',
    'Cost of goods',
    'Margin',
  ]);
  expect(
    rows.find((row) => row[0] === 'month' && row[1] === '2025-01' && row[2] === 'Alpha')?.slice(3, 13),
  ).toEqual([1, 1, 12, 9.91, 2.09, 0, -12, 24, 4.2, 5.71]);
  expect(wb.read('Payments by Method')[0]).toEqual(['Period', 'Day', 'Channel', 'Method', 'Count', 'Amount']);
  expect(wb.read('VAT Summary')[0]).toEqual(['Month', 'VAT %', 'Base', 'VAT']);
});

test('report without --rebuild only reads the file, and prints today, this month and all time', async () => {
  const path = await ledgerWithOrders();
  const before = await fsp.readFile(path);
  const r = await cli('report', '--ledger', path);
  expect(r.code).toBe(0);
  expect((await fsp.readFile(path)).equals(before)).toBe(true);
  expect(r.out).toContain('Today (EUR):');
  expect(r.out).toContain('This month (EUR):');
  expect(r.out).toContain('All time (EUR):');
  expect(r.out).toContain(
    '  Store: 1 orders, 1 units, total 12.90 (net 10.66, VAT 2.24), refunds 0.00, margin 4.56',
  );
  expect(r.out).toContain('  Shop Alpha: 1 orders, 1 units, total 12.00');
  expect(r.out).toContain('  Paid by stripe: 2 payments, 12.00 (refunds -12.00)');
  expect(r.out).toContain('  1 orders in another currency are left out of these sums.');
  expect(r.out).toContain('Low stock:');
});

test('a line whose product has no cost: margin — and a note saying what to fix; none while every cost is known', async () => {
  const path = await ledgerWithOrders();
  expect((await cli('report', '--ledger', path)).out).not.toContain('Margin —');
  const wb = await loadXlsx(path);
  appendRows(wb, readHeaderTable(wb, ORDERS, wb.tabNames()), [
    order('O-7', { Channel: 'Web', Shop: 'Alpha', Net: 8.26, VAT: 1.74, Total: 10 }),
  ]);
  appendRows(wb, readHeaderTable(wb, ORDER_LINES, wb.tabNames()), [
    { 'Order ID': 'O-7', Line: 1, SKU: 'MER-TEE-M', Qty: 1, 'VAT %': 21, Net: 8.26, VAT: 1.74, Total: 10 },
  ]);
  await saveXlsx(wb, path);
  const r = await cli('report', '--ledger', path);
  expect(r.out).toContain(
    '  Shop Alpha: 2 orders, 2 units, total 22.00 (net 18.17, VAT 3.83), refunds -12.00, margin —',
  );
  expect(r.out).toContain(
    '  Shop Beta: 1 orders, 1 units, total 12.90 (net 11.73, VAT 1.17), refunds 0.00, margin 5.63',
  );
  expect(r.out).toContain(
    'Margin — : an order in that line sold a product whose cost is unknown (a SKU not in Products, or no Cost there). Give it a Cost in Products, then rebuild the summaries (shop-ledger report --rebuild).',
  );
});
