/** Invoices wired into the till and web-import commits, their numbering, chain and check. */
import { checkLedger } from '../../../src/app/check-ledger';
import { importOrders } from '../../../src/app/sync/import-orders';
import { asResult } from '../../../src/app/till/problems';
import { recordSale } from '../../../src/app/till/record-sale';
import { verifyChain } from '../../../src/core/invoice/chain';
import { chainRow } from '../../../src/ledger/invoices';
import { INVOICES } from '../../../src/ledger/schema';
import { readTable } from '../../../src/ledger/table';
import { cashSale, MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';
import { productLine, webOrder } from '../../helpers/web-orders';

type Env = ReturnType<typeof tillLedger>['env'];
type Setup = ReturnType<typeof tillLedger>;

const SHOP = 'shop.example.com';
const rows = (env: Env, tab: string) =>
  env.meter.uncounted(() => env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues().slice(1) ?? []);
const invoiceNos = (env: Env) => rows(env, 'Invoices').map((r) => r[0]);
const sale = (platform: Setup['platform'], key: string) =>
  recordSale(platform, cashSale(key, [{ sku: MUG.sku, qty: 1 }], MUG.price));

/** The chain problems of the Invoices tab, as check-ledger sees them. */
function chainProblems({ env, platform }: Setup) {
  return env.meter.uncounted(() => {
    const table = readTable(platform.workbook, INVOICES);
    return verifyChain(
      platform.digest,
      table.rows.map((r) => chainRow(table, r, { exponent: 2 })),
    );
  });
}

const invoiceProblems = ({ env, platform }: Setup) =>
  env.meter
    .uncounted(() => checkLedger(platform.workbook, platform.digest))
    .problems.filter((p) => p.tab === 'Invoices');

test('every till sale issues the next T invoice in its commit; the receipt and the Orders row carry it', () => {
  const setup = tillLedger();
  const first = sale(setup.platform, 'sale-1');
  const second = sale(nextExecution(setup.env.shared).platform, 'sale-2');
  expect(first.invoiceNo).toMatch(/^T-\d{4}-000001$/);
  const year = first.invoiceNo.slice(2, 6);
  expect(second.invoiceNo).toBe(`T-${year}-000002`);
  expect(rows(setup.env, 'Orders').map((o) => o[13])).toEqual([first.invoiceNo, second.invoiceNo]);

  const [row] = rows(setup.env, 'Invoices');
  expect(row.slice(0, 5)).toEqual([first.invoiceNo, 'T', 'simplified', expect.any(String), first.orderId]);
  expect(String(row[3])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  expect(row[9]).toBe(MUG.price / 100);
  expect(row[13]).toBe(''); // the first invoice has no previous hash
  expect(rows(setup.env, 'Invoices')[1][13]).toBe(row[12]);
  expect(chainProblems(setup)).toEqual([]);
  expect(invoiceProblems(setup)).toEqual([]);

  // A retried sale replays its receipt, invoice number included, and issues nothing.
  const again = sale(nextExecution(setup.env.shared).platform, 'sale-1');
  expect(again).toMatchObject({ replayed: true, invoiceNo: first.invoiceNo });
  expect(invoiceNos(setup.env)).toHaveLength(2);
});

test('a web order imported as paid issues a W invoice once; a refund issues an R citing it, negative', () => {
  const setup = tillLedger({ open: false });
  const { env, platform } = setup;
  const lines = [productLine('ACC-MUG-W', 2, 1200, 21, 'l1'), productLine('COF-ETH-250', 1, 1290, 10, 'l2')];
  const pending = webOrder('723', 'pending', lines);
  importOrders(platform, SHOP, { orders: [pending], problems: [] });
  expect(invoiceNos(env)).toEqual([]); // never a number for an unpaid order

  const paid = webOrder('723', 'paid', lines);
  importOrders(nextExecution(env.shared).platform, SHOP, { orders: [paid], problems: [] });
  const [w] = invoiceNos(env);
  expect(w).toMatch(/^W-\d{4}-000001$/);
  expect(rows(env, 'Orders')[0][13]).toBe(w);
  // Imported again (or as shipped): no second invoice.
  importOrders(nextExecution(env.shared).platform, SHOP, {
    orders: [webOrder('723', 'fulfilled', lines)],
    problems: [],
  });
  expect(invoiceNos(env)).toEqual([w]);

  const refund = {
    refundId: '726',
    created: Date.UTC(2026, 10, 21),
    amount: 1200,
    reason: 'chipped',
    lines: [{ externalLineId: 'l1', sku: 'ACC-MUG-W', qty: 1, amount: 1200, restock: true }],
  };
  importOrders(nextExecution(env.shared).platform, SHOP, {
    orders: [webOrder('723', 'partially refunded', lines, { refunds: [refund] })],
    problems: [],
  });
  const invoices = rows(env, 'Invoices');
  expect(invoices).toHaveLength(2);
  const r = invoices[1];
  expect(r[0]).toBe(`R-${String(w).slice(2, 6)}-000001`);
  expect([r[1], r[2], r[11]]).toEqual(['R', 'corrective', w]);
  // As the return's Order Lines row: the mug's share of its line's VAT (4.17 × 12 / 24 → 2.09).
  expect([r[7], r[8], r[9]]).toEqual([-9.91, -2.09, -12]);
  expect(r[10]).toBe('21:-9.91:-2.09');
  const returnRow = rows(env, 'Orders').find((o) => o[1] === 'return');
  expect(returnRow?.[13]).toBe(r[0]);
  expect(chainProblems(setup)).toEqual([]);
  expect(invoiceProblems(setup)).toEqual([]);
});

test('an order first imported already refunded gets its W and then the R citing it, in one commit', () => {
  const setup = tillLedger({ open: false });
  const lines = [productLine('ACC-MUG-W', 1, 1200, 21, 'l1')];
  const refund = {
    refundId: '9',
    created: Date.UTC(2026, 10, 21),
    amount: 1200,
    reason: '',
    lines: [{ externalLineId: 'l1', sku: 'ACC-MUG-W', qty: 1, amount: 1200, restock: false }],
  };
  importOrders(setup.platform, SHOP, {
    orders: [webOrder('800', 'refunded', lines, { refunds: [refund] })],
    problems: [],
  });
  const invoices = rows(setup.env, 'Invoices');
  expect(invoices.map((i) => [String(i[0]).slice(0, 1), i[11]])).toEqual([
    ['W', ''],
    ['R', invoices[0][0]],
  ]);
  expect(chainProblems(setup)).toEqual([]);
});

test('a row edited by hand is reported by check, naming its row', () => {
  const setup = tillLedger();
  sale(setup.platform, 's1');
  sale(setup.platform, 's2');
  sale(setup.platform, 's3');
  setup.env.meter.uncounted(() =>
    setup.env.spreadsheet.getSheetByName('Invoices')?.getRange(3, 10).setValue(0.01),
  );
  const problems = invoiceProblems(setup);
  expect(problems).toEqual([
    { tab: 'Invoices', cell: 'A3', message: expect.stringMatching(/edited by hand/) },
  ]);
});

test('a deleted row is reported as a gap in the numbering and a break in the chain', () => {
  const setup = tillLedger();
  for (const k of ['s1', 's2', 's3']) sale(setup.platform, k);
  setup.env.meter.uncounted(() => setup.env.spreadsheet.getSheetByName('Invoices')?.deleteRow(3));
  const problems = invoiceProblems(setup);
  expect(problems).toEqual(
    expect.arrayContaining([
      { tab: 'Invoices', cell: 'A2', message: expect.stringMatching(/000002/) },
      { tab: 'Invoices', cell: 'A3', message: expect.stringMatching(/deleted, inserted or moved/) },
    ]),
  );
  expect(problems).toHaveLength(2);
  // The next sale is numbered after the highest, never re-using the missing number.
  expect(sale(setup.platform, 's4').invoiceNo).toMatch(/-000004$/);
});

test('a sale costs the same service calls with 10 or 10,000 earlier invoices', () => {
  const counts = [10, 10_000].map((n) => {
    const setup = tillLedger();
    const year = new Date().getUTCFullYear();
    const invoices = Array.from({ length: n }, (_, i) => [
      `T-${year}-${String(i + 1).padStart(6, '0')}`,
      'T',
      'simplified',
      `${year}-01-01T10:00:00+01:00`,
      `O-${i}`,
      '',
      '',
      1,
      0.21,
      1.21,
      '21:1.00:0.21',
      '',
      `H${i + 1}`,
      i === 0 ? '' : `H${i}`,
    ]);
    setup.env.meter.uncounted(() => {
      setup.platform.workbook.write('Invoices', 2, 1, invoices);
      const sheets = ['Orders', 'Order Lines', 'Payments', 'Movements', 'Invoices'].map((t) =>
        setup.env.spreadsheet.getSheetByName(t),
      );
      for (const sheet of sheets) sheet?.insertRowsAfter(sheet.getMaxRows(), 100);
    });
    const run = nextExecution(setup.env.shared);
    const receipt = sale(run.platform, `s${n}`);
    expect(receipt.invoiceNo).toBe(`T-${year}-${String(n + 1).padStart(6, '0')}`);
    const m = run.env.meter.snapshot();
    return { byMethod: m.byMethod, cellsRead: m.cellsRead };
  });
  expect(counts[1].byMethod).toEqual(counts[0].byMethod);
  expect(counts[1].cellsRead).toBe(counts[0].cellsRead); // Invoices is searched, never read whole
});

test('two executions at once: the second is refused while the first holds the lock, retries, and numbers stay gapless', () => {
  const setup = tillLedger();
  const { env, platform } = setup;
  const other = nextExecution(env.shared).platform;
  let during: unknown = null;
  const lock = platform.lock;
  const inner = {
    ...platform,
    lock: {
      acquire: (ms: number) => lock.acquire(ms),
      release: () => {
        during = asResult(() => sale(other, 'web-or-till-2'));
        lock.release();
      },
    },
  };
  sale(inner, 'till-1');
  expect(during).toEqual({ ok: false, problem: expect.objectContaining({ code: 'busy' }) });
  expect(invoiceNos(env)).toHaveLength(1);
  sale(other, 'web-or-till-2');
  // A web import in between, then another sale: each series stays consecutive, none repeats.
  importOrders(nextExecution(env.shared).platform, SHOP, {
    orders: [webOrder('1', 'paid', [productLine('ACC-MUG-W', 1, 1200)])],
    problems: [],
  });
  sale(nextExecution(env.shared).platform, 'till-3');
  const numbers = invoiceNos(env).map(String);
  expect(numbers.map((n) => n.replace(/-\d{4}-/, '-'))).toEqual([
    'T-000001',
    'T-000002',
    'W-000001',
    'T-000003',
  ]);
  expect(new Set(numbers).size).toBe(numbers.length);
  expect(chainProblems(setup)).toEqual([]);
  expect(invoiceProblems(setup)).toEqual([]);
});
