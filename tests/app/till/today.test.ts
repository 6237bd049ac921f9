/**
 * Today's totals of a till in the sidebar: from its sessions opened today (ledger's time zone),
 * never from Orders or Payments, so the 60-second refresh costs the same however many sales.
 */
import { recordExchange } from '../../../src/app/returns/record-exchange';
import { recordReturn } from '../../../src/app/returns/record-return';
import { createCustomer } from '../../../src/app/till/customers';
import { recordSale } from '../../../src/app/till/record-sale';
import { closeTill, openTill } from '../../../src/app/till/sessions';
import { tillRefresh, tillState } from '../../../src/app/till/till-state';
import { sampleCatalogue } from '../../../src/core/sample-catalogue';
import { newSession, withSale } from '../../../src/core/till-session';
import { tillToday } from '../../../src/core/till-today';
import { COFFEE, cashSale, MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';

const DAY = Date.UTC(2026, 2, 10, 8); // 09:00 in Madrid, 10 March 2026
const HOUR = 3_600_000;

function ledgerAt() {
  const setup = tillLedger({ open: false, settings: { 'Time zone': 'Europe/Madrid' } });
  let now = DAY;
  const platform = { ...setup.platform, clock: { now: () => now } };
  return { setup, platform, at: (ms: number) => (now = ms) };
}

const card = (key: string, till: string, qty: number) => ({
  key,
  till,
  lines: [{ sku: MUG.sku, qty }],
  payments: [{ method: 'card' as const, amount: qty * MUG.price }],
});

test("the till state and refresh carry this till's sales today, per method, over its sessions of the day", () => {
  const { platform, at } = ledgerAt();
  openTill(platform, { key: 'o1', till: 'Till 1', float: 10000 });
  openTill(platform, { key: 'o2', till: 'Till 2', float: 10000 });
  expect(tillState(platform, 'Till 1').today).toEqual({
    day: '2026-03-10',
    sessions: 1,
    salesCount: 0,
    returnsCount: 0,
    salesTotal: 0,
    byMethod: [],
  });
  recordSale(platform, { ...cashSale('s1', [{ sku: MUG.sku, qty: 1 }], MUG.price, 2000), till: 'Till 1' });
  recordSale(platform, card('s2', 'Till 1', 2));
  recordSale(platform, card('s3', 'Till 2', 5)); // another till: not ours
  // Closed and opened again the same day: both sessions count.
  at(DAY + 4 * HOUR);
  closeTill(platform, { key: 'z1', till: 'Till 1', counted: 10000 + MUG.price });
  openTill(platform, { key: 'o3', till: 'Till 1', float: 5000 });
  recordSale(platform, {
    key: 's4',
    till: 'Till 1',
    lines: [{ sku: MUG.sku, qty: 1 }],
    payments: [
      { method: 'cash', amount: 200, tendered: 200 },
      { method: 'card', amount: MUG.price - 200 },
    ],
  });
  const expected = {
    day: '2026-03-10',
    sessions: 2,
    salesCount: 3,
    returnsCount: 0,
    salesTotal: 4 * MUG.price,
    byMethod: [
      { method: 'cash', count: 2, amount: MUG.price + 200, refunded: 0 },
      { method: 'card', count: 2, amount: 3 * MUG.price - 200, refunded: 0 },
    ],
  };
  expect(tillState(platform, 'Till 1').today).toEqual(expected);
  expect(tillRefresh(platform, 'Till 1').today).toEqual(expected);
  expect(tillRefresh(platform, 'Till 2').today).toMatchObject({ salesCount: 1, salesTotal: 5 * MUG.price });

  // The next day in Madrid (00:30 local), before anything is sold: nothing yet.
  at(Date.UTC(2026, 2, 10, 23, 30));
  expect(tillRefresh(platform, 'Till 1').today).toEqual({
    day: '2026-03-11',
    sessions: 0,
    salesCount: 0,
    returnsCount: 0,
    salesTotal: 0,
    byMethod: [],
  });
});

test('a day is counted in the ledger time zone: a session opened at 23:30 UTC belongs to the next day in Madrid', () => {
  const opened = Date.UTC(2026, 2, 10, 23, 30);
  const session = withSale(newSession('TS-1', 'Till 1', opened, 0), 500, [{ method: 'cash', amount: 500 }]);
  expect(tillToday([session], 'Till 1', opened, 'Europe/Madrid')).toMatchObject({
    day: '2026-03-11',
    salesCount: 1,
  });
  expect(tillToday([session], 'Till 1', Date.UTC(2026, 2, 11, 12), 'UTC')).toMatchObject({
    day: '2026-03-11',
    sessions: 0,
    salesCount: 0,
  });
});

test("the refresh reads the same cells whether today's sales are 2 or 30: never Orders or Payments", () => {
  const { setup, platform } = ledgerAt();
  openTill(platform, { key: 'o1', till: 'Till 1', float: 10000 });
  const measure = () => {
    const run = nextExecution(setup.env.shared);
    const refresh = tillRefresh({ ...run.platform, clock: platform.clock }, 'Till 1');
    return { refresh, meter: run.env.meter.snapshot() };
  };
  // Each sale a different product, so no product runs out of stock.
  const products = sampleCatalogue().map((item) => item.product);
  const sell = (i: number) =>
    recordSale(platform, {
      key: `s${i}`,
      till: 'Till 1',
      lines: [{ sku: products[i].sku, qty: 1 }],
      payments: [{ method: 'card', amount: products[i].price }],
    });
  sell(0);
  sell(1);
  const few = measure();
  for (let i = 2; i < 30; i++) sell(i);
  const many = measure();
  expect(many.refresh.today.salesCount).toBe(30);
  expect(few.refresh.today.salesCount).toBe(2);
  expect({ calls: many.meter.calls, cellsRead: many.meter.cellsRead }).toEqual({
    calls: few.meter.calls,
    cellsRead: few.meter.cellsRead,
  });
});

test('a sale and its full cash return: 1 sale and 1 return, €0.00, cash in and out apart (not a second payment)', () => {
  const { platform } = ledgerAt();
  openTill(platform, { key: 'o1', till: 'Till 1', float: 10000 });
  const sale = recordSale(platform, cashSale('s1', [{ sku: COFFEE.sku, qty: 1 }], COFFEE.price));
  recordReturn(platform, {
    key: 'r1',
    order: sale.orderNo,
    till: 'Till 1',
    lines: [{ sku: COFFEE.sku, qty: 1, disposition: 'restock' }],
    refund: 'cash',
  });
  expect(tillRefresh(platform, 'Till 1').today).toEqual({
    day: '2026-03-10',
    sessions: 1,
    salesCount: 1,
    returnsCount: 1,
    salesTotal: 0,
    byMethod: [{ method: 'cash', count: 1, amount: 0, refunded: COFFEE.price }],
  });
  // The Z report says the same, and the drawer still expects only the float.
  const z = closeTill(platform, { key: 'z1', till: 'Till 1', counted: 10000 });
  expect(z).toMatchObject({
    salesCount: 1,
    returnsCount: 1,
    salesTotal: 0,
    expectedCash: 10000,
    difference: 0,
  });
  expect(z.byMethod).toEqual([
    { method: 'cash', count: 1, amount: 0, refunded: COFFEE.price },
    { method: 'card', count: 0, amount: 0, refunded: 0 },
  ]);
});

test('a return refunded in store credit counts as a return and moves no money at the till; a card refund is card out', () => {
  const { platform } = ledgerAt();
  openTill(platform, { key: 'o1', till: 'Till 1', float: 10000 });
  const ana = createCustomer(platform, { key: 'c1', name: 'Ana García', email: 'ana@example.com' });
  const sale = recordSale(platform, { ...card('s1', 'Till 1', 3), customerId: ana.customerId });
  const back = (key: string, refund: 'card' | 'credit') =>
    recordReturn(platform, {
      key,
      order: sale.orderNo,
      till: 'Till 1',
      lines: [{ sku: MUG.sku, qty: 1, disposition: 'restock' }],
      refund,
    });
  back('r1', 'credit');
  expect(tillRefresh(platform, 'Till 1').today).toMatchObject({
    salesCount: 1,
    returnsCount: 1,
    salesTotal: 3 * MUG.price,
    byMethod: [{ method: 'card', count: 1, amount: 3 * MUG.price, refunded: 0 }],
  });
  back('r2', 'card');
  back('r2', 'card'); // a retry: nothing counted twice
  expect(tillRefresh(platform, 'Till 1').today).toMatchObject({
    returnsCount: 2,
    salesTotal: 2 * MUG.price,
    byMethod: [{ method: 'card', count: 1, amount: 2 * MUG.price, refunded: MUG.price }],
  });
});

test('an exchange is one sale and one return: the value exchanged goes in and out, the difference stays', () => {
  const { platform } = ledgerAt();
  openTill(platform, { key: 'o1', till: 'Till 1', float: 10000 });
  const sale = recordSale(platform, cashSale('s1', [{ sku: COFFEE.sku, qty: 1 }], COFFEE.price));
  const x = recordExchange(platform, {
    key: 'x1',
    order: sale.orderNo,
    lines: [{ sku: COFFEE.sku, qty: 1, disposition: 'restock' }],
    sell: [{ sku: MUG.sku, qty: 2 }],
    till: 'Till 1',
    pay: { method: 'cash' },
  });
  expect(x.difference).toBe(2 * MUG.price - COFFEE.price);
  const today = tillRefresh(platform, 'Till 1').today;
  expect(today).toMatchObject({ salesCount: 2, returnsCount: 1, salesTotal: 2 * MUG.price });
  const cash = today.byMethod.find((m) => m.method === 'cash');
  expect(cash).toEqual({ method: 'cash', count: 2, amount: 2 * MUG.price, refunded: COFFEE.price });
  // What came in is what was taken, the coffee and then the mugs; what went out, the coffee.
  expect((cash?.amount ?? 0) + (cash?.refunded ?? 0)).toBe(COFFEE.price + 2 * MUG.price);
});

test('a return costs the same Sheets calls whether today had 2 or 30 sales, and the refresh after it too', () => {
  const { setup, platform } = ledgerAt();
  openTill(platform, { key: 'o1', till: 'Till 1', float: 10000 });
  const products = sampleCatalogue().map((item) => item.product);
  const sell = (i: number) =>
    recordSale(platform, {
      key: `s${i}`,
      till: 'Till 1',
      lines: [{ sku: products[i].sku, qty: 1 }],
      payments: [{ method: 'cash', amount: products[i].price, tendered: products[i].price }],
    });
  const measure = (i: number) => {
    const sale = sell(i);
    const run = nextExecution(setup.env.shared);
    const ports = { ...run.platform, clock: platform.clock };
    recordReturn(ports, {
      key: `r${i}`,
      order: sale.orderNo,
      till: 'Till 1',
      lines: [{ sku: products[i].sku, qty: 1, disposition: 'restock' }],
      refund: 'cash',
    });
    const afterReturn = run.env.meter.snapshot();
    const again = nextExecution(setup.env.shared);
    tillRefresh({ ...again.platform, clock: platform.clock }, 'Till 1');
    const refresh = again.env.meter.snapshot();
    return { ret: afterReturn.byMethod, refresh: { calls: refresh.calls, cellsRead: refresh.cellsRead } };
  };
  // The first return of the ledger starts the R series: measured from the second on.
  measure(0);
  const few = measure(1);
  for (let i = 2; i < 29; i++) sell(i);
  const many = measure(29);
  expect(many).toEqual(few);
  expect(tillRefresh(platform, 'Till 1').today).toMatchObject({ salesCount: 30, returnsCount: 3 });
});
