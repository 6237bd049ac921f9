import { rebuildSummaries } from '../../../src/app/summaries/rebuild-summaries';
import { importOrders } from '../../../src/app/sync/import-orders';
import { recordSale } from '../../../src/app/till/record-sale';
import { dayOf } from '../../../src/core/summary/calendar';
import { ORDER_LINES, ORDERS, PAYMENTS } from '../../../src/ledger/schema';
import { appendRows, type Record_, readHeaderTable } from '../../../src/ledger/table';
import type { CellValue, Workbook } from '../../../src/platform/workbook';
import { COFFEE, cashSale, MUG, tillLedger } from '../../helpers/till-ledger';
import { productLine, webOrder } from '../../helpers/web-orders';

type Env = ReturnType<typeof tillLedger>['env'];

function records(env: Env, tab: string): Record<string, CellValue>[] {
  return env.meter.uncounted(() => {
    const [header, ...rows] = env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues() ?? [];
    return rows
      .filter((row) => row.some((cell) => cell !== ''))
      .map((row) => Object.fromEntries(header.map((h, i) => [String(h), row[i] ?? ''])));
  });
}

const SHOP_A = 'a.example.com';
const SHOP_B = 'b.example.com';
const WEB_DAY = '2026-11-20';
const REFUND_DAY = '2026-11-21';

function sampleLedger() {
  const setup = tillLedger({ settings: { 'Time zone': 'Europe/Madrid' } });
  const { platform } = setup;
  // Till: cash, card, and one paid half in cash, half by card.
  const cashTotal = 2 * COFFEE.price + MUG.price;
  recordSale(
    platform,
    cashSale(
      's1',
      [
        { sku: COFFEE.sku, qty: 2 },
        { sku: MUG.sku, qty: 1 },
      ],
      cashTotal,
    ),
  );
  recordSale(platform, {
    key: 's2',
    till: 'Till 1',
    lines: [{ sku: MUG.sku, qty: 1 }],
    payments: [{ method: 'card', amount: MUG.price }],
  });
  recordSale(platform, {
    key: 's3',
    till: 'Till 1',
    lines: [{ sku: COFFEE.sku, qty: 1 }],
    payments: [
      { method: 'cash', amount: 500, tendered: 500 },
      { method: 'card', amount: COFFEE.price - 500 },
    ],
  });
  // Web: shop A sells 2 mugs and refunds one the next day; a cancelled and a pending order add nothing.
  const refunded = webOrder('727', 'partially refunded', [productLine(MUG.sku, 2, 1200)], {
    refunds: [
      {
        refundId: '1',
        created: Date.UTC(2026, 10, 21, 10),
        amount: 1200,
        reason: 'chipped',
        lines: [{ externalLineId: MUG.sku, sku: MUG.sku, qty: 1, amount: 1200, restock: false }],
      },
    ],
  });
  const cancelled = webOrder('728', 'cancelled', [productLine(MUG.sku, 5, 1200)]);
  const pending = webOrder('729', 'pending', [productLine(MUG.sku, 3, 1200)]);
  importOrders(platform, SHOP_A, { orders: [refunded, cancelled, pending], problems: [] });
  // Shop B sells a bag of coffee at 10 %.
  const coffee = webOrder('900', 'paid', [productLine(COFFEE.sku, 1, 1290, 10)]);
  importOrders(platform, SHOP_B, { orders: [coffee], problems: [] });
  return setup;
}

test('rebuild writes Sales by Channel per day and channel: the refund negative, cancelled and pending left out', () => {
  const { env, platform } = sampleLedger();
  const report = rebuildSummaries(platform);
  expect(report.problems).toEqual([]);
  // 3 till sales, 4 web orders (sale, return, cancelled, pending) and shop B's sale.
  expect(report.orders).toBe(8);

  const storeOrders = records(env, 'Orders').filter((o) => o.Channel === 'Store');
  const tillDay = dayOf((storeOrders[0].Created as Date).getTime(), 'Europe/Madrid');
  const sales = records(env, 'Sales by Channel');
  const row = (period: string, day: string, channel: string) =>
    sales.find((r) => r.Period === period && r.Day === day && r.Channel === channel);

  const storeGross = 3 * COFFEE.price + 2 * MUG.price;
  const storeNet = storeOrders.reduce((n, o) => n + Math.round(Number(o.Net) * 100), 0);
  const storeCost = 3 * 610 + 2 * 420;
  expect(row('day', tillDay, 'Store')).toEqual({
    Period: 'day',
    Day: tillDay,
    Channel: 'Store',
    Orders: 3,
    Units: 5,
    Gross: storeGross / 100,
    Net: storeNet / 100,
    VAT: (storeGross - storeNet) / 100,
    Discounts: 0,
    Refunds: 0,
    'Average ticket': Math.round(storeGross / 3) / 100,
    'Cost of goods': storeCost / 100,
    Margin: (storeNet - storeCost) / 100,
  });

  expect(row('day', WEB_DAY, 'Web')).toMatchObject({ Orders: 2, Units: 3, Gross: 36.9, Refunds: 0 });
  expect(row('day', WEB_DAY, SHOP_A)).toMatchObject({ Orders: 1, Units: 2, Gross: 24, 'Cost of goods': 8.4 });
  expect(row('day', WEB_DAY, SHOP_B)).toMatchObject({
    Orders: 1,
    Units: 1,
    Gross: 12.9,
    Net: 11.73,
    VAT: 1.17,
  });
  // The refund is its own day's row, negative; the cancelled (5 mugs) and pending (3 mugs) orders add nothing.
  expect(row('day', REFUND_DAY, 'Web')).toMatchObject({
    Orders: 0,
    Units: -1,
    Gross: -12,
    Refunds: -12,
    'Cost of goods': -4.2,
    'Average ticket': '',
  });
  expect(row('month', '2026-11', SHOP_A)).toMatchObject({ Orders: 1, Units: 1, Gross: 12, Refunds: -12 });
  expect(sales.filter((r) => r.Period === 'day' && r.Channel === 'Web').map((r) => r.Day)).toEqual([
    WEB_DAY,
    REFUND_DAY,
  ]);
});

test('rebuild writes Payments by Method and the VAT Summary per month and rate', () => {
  const { env, platform } = sampleLedger();
  rebuildSummaries(platform);
  const tillDay = dayOf(
    (records(env, 'Orders').filter((o) => o.Channel === 'Store')[0].Created as Date).getTime(),
    'Europe/Madrid',
  );
  const payments = records(env, 'Payments by Method').filter((r) => r.Period === 'day');
  expect(payments).toEqual(
    expect.arrayContaining([
      {
        Period: 'day',
        Day: tillDay,
        Channel: 'Store',
        Method: 'cash',
        Count: 2,
        Amount: (2 * COFFEE.price + MUG.price + 500) / 100,
      },
      {
        Period: 'day',
        Day: tillDay,
        Channel: 'Store',
        Method: 'card',
        Count: 2,
        Amount: (MUG.price + COFFEE.price - 500) / 100,
      },
      { Period: 'day', Day: WEB_DAY, Channel: 'Web', Method: 'stripe', Count: 2, Amount: 36.9 },
      { Period: 'day', Day: REFUND_DAY, Channel: 'Web', Method: 'stripe', Count: 1, Amount: -12 },
    ]),
  );
  expect(payments.filter((r) => r.Channel === 'Web')).toHaveLength(2);

  const vat = records(env, 'VAT Summary');
  // One row per month × rate.
  expect(new Set(vat.map((r) => `${r.Month} ${r['VAT %']}`)).size).toBe(vat.length);
  expect(new Set(vat.map((r) => r['VAT %']))).toEqual(new Set([10, 21]));
  // The taxable base of every month and rate adds up to the Net of the orders that count.
  const totalBase = vat.reduce((n, r) => n + Math.round(Number(r.Base) * 100), 0);
  const totalOrderNet = records(env, 'Orders')
    .filter((o) => o.Status !== 'cancelled' && o.Status !== 'pending')
    .reduce((n, o) => n + Math.round(Number(o.Net) * 100), 0);
  expect(totalBase).toBe(totalOrderNet);
});

test('a second rebuild over fewer orders blanks the rows left over', () => {
  const { env, platform } = sampleLedger();
  rebuildSummaries(platform);
  const before = records(env, 'Sales by Channel').length;
  env.meter.uncounted(() => {
    const sheet = env.spreadsheet.getSheetByName('Orders');
    const values = sheet?.getDataRange().getValues() ?? [];
    // Cancel every web order by hand.
    values.forEach((row, i) => {
      if (row[2] === 'Web') sheet?.getRange(i + 1, 7).setValue('cancelled');
    });
  });
  const report = rebuildSummaries(platform);
  const after = records(env, 'Sales by Channel');
  expect(after.length).toBeLessThan(before);
  expect(after.length).toBe(report.salesRows);
  expect(after.every((r) => r.Channel === 'Store')).toBe(true);
});

test('an order row with a bad cell is left out and reported by its cell, never guessed', () => {
  const { env, platform } = sampleLedger();
  env.meter.uncounted(() => {
    const sheet = env.spreadsheet.getSheetByName('Orders');
    const values = sheet?.getDataRange().getValues() ?? [];
    const i = values.findIndex((row) => row[4] === '900');
    sheet?.getRange(i + 1, 12).setValue('lots');
  });
  const report = rebuildSummaries(platform);
  expect(report.problems).toHaveLength(1);
  expect(report.problems[0]).toMatchObject({ tab: 'Orders', cell: expect.stringMatching(/^L\d+$/) });
  expect(report.problems[0].message).toContain('left out of the summaries');
  expect(records(env, 'Sales by Channel').some((r) => r.Channel === SHOP_B)).toBe(false);
});

function addOrders(wb: Workbook, tabs: string[], n: number): void {
  const orders: Record_[] = [];
  const lines: Record_[] = [];
  const payments: Record_[] = [];
  for (let i = 0; i < n; i++) {
    const id = `X-${i}`;
    const created = new Date(Date.UTC(2026, i % 12, 1 + (i % 28), 12));
    orders.push({
      'Order ID': id,
      Type: 'sale',
      Channel: i % 2 === 0 ? 'Store' : 'Web',
      Shop: i % 2 === 0 ? '' : `shop${i % 3}`,
      Status: 'paid',
      Created: created,
      Net: 10,
      VAT: 2.1,
      Total: 12.1,
      Currency: 'EUR',
    });
    lines.push({
      'Order ID': id,
      Line: 1,
      SKU: MUG.sku,
      Qty: 1,
      'VAT %': 21,
      Net: 10,
      VAT: 2.1,
      Total: 12.1,
    });
    payments.push({
      'Payment ID': `${id}/P1`,
      Time: created,
      'Order ID': id,
      Channel: i % 2 === 0 ? 'Store' : 'Web',
      Method: 'card',
      Amount: 12.1,
    });
  }
  appendRows(wb, readHeaderTable(wb, ORDERS, tabs), orders);
  appendRows(wb, readHeaderTable(wb, ORDER_LINES, tabs), lines);
  appendRows(wb, readHeaderTable(wb, PAYMENTS, tabs), payments);
}

function readsOfRebuild(n: number): { getValues: number; salesRows: number } {
  const { env, platform } = tillLedger({ open: false });
  env.meter.uncounted(() => addOrders(platform.workbook, platform.workbook.tabNames(), n));
  env.meter.reset();
  const report = rebuildSummaries(platform);
  expect(report.orders).toBe(n);
  expect(report.problems).toEqual([]);
  return { getValues: env.meter.snapshot().byMethod['Range.getValues'] ?? 0, salesRows: report.salesRows };
}

test('rebuilding over 10 or 10,000 orders reads each tab once: the same number of getValues', () => {
  const small = readsOfRebuild(10);
  const large = readsOfRebuild(10_000);
  expect(large.getValues).toBe(small.getValues);
  // Settings, Orders, Order Lines, Payments, Products, and row 1 of each of the three summary tabs.
  expect(small.getValues).toBe(8);
  expect(large.salesRows).toBeGreaterThan(small.salesRows);
});
