/**
 * Today's totals of a till in the sidebar: from its sessions opened today (ledger's time zone),
 * never from Orders or Payments, so the 60-second refresh costs the same however many sales.
 */
import { recordSale } from '../../../src/app/till/record-sale';
import { closeTill, openTill } from '../../../src/app/till/sessions';
import { tillRefresh, tillState } from '../../../src/app/till/till-state';
import { sampleCatalogue } from '../../../src/core/sample-catalogue';
import { newSession, withSale } from '../../../src/core/till-session';
import { tillToday } from '../../../src/core/till-today';
import { cashSale, MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';

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
    salesTotal: 4 * MUG.price,
    byMethod: [
      { method: 'cash', count: 2, amount: MUG.price + 200 },
      { method: 'card', count: 2, amount: 3 * MUG.price - 200 },
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
