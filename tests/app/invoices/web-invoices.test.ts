/** Web orders' invoices: in the order's own currency, and never an R for more than its W. */
import { checkLedger } from '../../../src/app/check-ledger';
import { issueFullInvoice } from '../../../src/app/invoices/full-invoice';
import { computeSummary } from '../../../src/app/summaries/rebuild-summaries';
import { importOrders } from '../../../src/app/sync/import-orders';
import type { WebRefund } from '../../../src/core/web-order';
import { LockTimeoutError } from '../../../src/platform/lock';
import { nextExecution, tillLedger } from '../../helpers/till-ledger';
import { productLine, webOrder } from '../../helpers/web-orders';

type Setup = ReturnType<typeof tillLedger>;
type Env = Setup['env'];

const SHOP = 'shop.example.com';
function tab(env: Env, name: string): Record<string, unknown>[] {
  const [header, ...data] = env.meter.uncounted(
    () => env.spreadsheet.getSheetByName(name)?.getDataRange().getValues() ?? [],
  );
  return data.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}
const invoiceProblems = ({ env, platform }: Setup) =>
  env.meter
    .uncounted(() => checkLedger(platform.workbook, platform.digest))
    .problems.filter((p) => p.tab === 'Invoices');
const refund = (refundId: string, amount: number): WebRefund => ({
  refundId,
  created: Date.UTC(2026, 10, 21),
  amount,
  reason: '',
  lines: [],
});

test('a paid order in another currency gets its W in that currency; the summaries still leave it out', () => {
  const setup = tillLedger({ open: false });
  const lines = [productLine('ACC-MUG-W', 2, 1500, 21, 'l1')];
  importOrders(setup.platform, SHOP, {
    orders: [webOrder('900', 'paid', lines, { currency: 'USD' })],
    problems: [],
  });
  const [w] = tab(setup.env, 'Invoices');
  expect(w).toMatchObject({ Series: 'W', Type: 'simplified', Currency: 'USD', Total: 30 });
  expect(tab(setup.env, 'Orders')[0]['Invoice No']).toBe(w['Invoice No']);
  expect(invoiceProblems(setup)).toEqual([]);

  // Its refund: an R in USD citing the W.
  importOrders(nextExecution(setup.env.shared).platform, SHOP, {
    orders: [webOrder('900', 'partially refunded', lines, { currency: 'USD', refunds: [refund('1', 1000)] })],
    problems: [],
  });
  const r = tab(setup.env, 'Invoices')[1];
  expect(r).toMatchObject({ Series: 'R', Corrects: w['Invoice No'], Currency: 'USD', Total: -10 });
  expect(invoiceProblems(setup)).toEqual([]);

  // Still left out of every sum, counted as another currency; the problem is still listed.
  const { summary } = setup.env.meter.uncounted(() => computeSummary(setup.platform.workbook));
  const rows = [...summary.sales.month.values()];
  expect(rows.reduce((s, b) => s + b.figures.gross, 0)).toBe(0);
  expect(rows.reduce((s, b) => s + b.figures.otherCurrency, 0)).toBeGreaterThan(0);
  expect(tab(setup.env, 'Sales by Channel').every((row) => !row.Gross)).toBe(true);
  expect(tab(setup.env, 'Sync Problems').map((p) => p.Problem)).toContainEqual(
    expect.stringMatching(/in USD, the ledger in EUR/),
  );
});

test('a ledger-currency W says its currency too', () => {
  const setup = tillLedger({ open: false });
  importOrders(setup.platform, SHOP, {
    orders: [webOrder('901', 'paid', [productLine('ACC-MUG-W', 1, 1200)])],
    problems: [],
  });
  expect(tab(setup.env, 'Invoices')[0].Currency).toBe('EUR');
});

test('a refund for more than its W is not invoiced: it is a Sync Problem, and the return is still recorded', () => {
  const setup = tillLedger({ open: false });
  const lines = [productLine('ACC-MUG-W', 1, 1200, 21, 'l1')];
  importOrders(setup.platform, SHOP, { orders: [webOrder('902', 'paid', lines)], problems: [] });
  const [w] = tab(setup.env, 'Invoices');

  // 8.00 back: fine. Then 8.00 more in a later sync: 16.00 would credit more than the 12.00 of W.
  importOrders(nextExecution(setup.env.shared).platform, SHOP, {
    orders: [webOrder('902', 'partially refunded', lines, { refunds: [refund('1', 800)] })],
    problems: [],
  });
  const run = nextExecution(setup.env.shared);
  importOrders(run.platform, SHOP, {
    orders: [webOrder('902', 'refunded', lines, { refunds: [refund('1', 800), refund('2', 800)] })],
    problems: [],
  });
  const invoices = tab(setup.env, 'Invoices');
  expect(invoices.map((i) => [i.Series, i.Total])).toEqual([
    ['W', 12],
    ['R', -8],
  ]);
  const returns = tab(setup.env, 'Orders').filter((o) => o.Type === 'return');
  expect(returns.map((o) => [o.Total, o['Invoice No']])).toEqual([
    [-8, invoices[1]['Invoice No']],
    [-8, ''],
  ]);
  expect(tab(setup.env, 'Sync Problems').map((p) => p.Problem)).toContainEqual(
    expect.stringMatching(
      new RegExp(
        `Refund 2 was not invoiced: .*would credit more than ${w['Invoice No']}'s total of 12.00.*-8.00`,
      ),
    ),
  );
  expect(invoiceProblems(setup)).toEqual([]);
});

test('refunds in the same import as the W count against it too', () => {
  const setup = tillLedger({ open: false });
  const lines = [productLine('ACC-MUG-W', 1, 1200, 21, 'l1')];
  importOrders(setup.platform, SHOP, {
    orders: [webOrder('903', 'refunded', lines, { refunds: [refund('1', 1200), refund('2', 100)] })],
    problems: [],
  });
  expect(tab(setup.env, 'Invoices').map((i) => [i.Series, i.Total])).toEqual([
    ['W', 12],
    ['R', -12],
  ]);
  expect(tab(setup.env, 'Sync Problems').map((p) => p.Problem)).toContainEqual(
    expect.stringMatching(/Refund 2 was not invoiced: .*its W invoice/),
  );
});

test('an import that cannot have the lock says "try again" and writes nothing: no order, no invoice', () => {
  const setup = tillLedger({ open: false });
  const snapshot = () => ['Orders', 'Invoices', 'Sync Problems'].map((t) => tab(setup.env, t));
  const before = snapshot();
  const busy = {
    ...setup.platform,
    lock: {
      acquire: () => {
        throw new LockTimeoutError();
      },
      release: () => {},
    },
  };
  expect(() =>
    importOrders(busy, SHOP, {
      orders: [webOrder('904', 'paid', [productLine('ACC-MUG-W', 1, 1200)])],
      problems: [],
    }),
  ).toThrow(/Nothing was written: please try again/);
  expect(snapshot()).toEqual(before);
});

test('a W replaced by a full invoice: its refunds are corrected by Rs citing the F, still never crediting more than the W', () => {
  const setup = tillLedger({ open: false });
  const lines = [productLine('ACC-MUG-W', 2, 1500, 21, 'l1')];
  importOrders(setup.platform, SHOP, { orders: [webOrder('910', 'fulfilled', lines)], problems: [] });
  const [w] = tab(setup.env, 'Invoices');
  const full = issueFullInvoice(nextExecution(setup.env.shared).platform, {
    ticket: String(w['Invoice No']),
    taxId: 'B12345674',
    name: 'Café Sol S.L.',
    address: 'Calle Mayor 1, Madrid',
    key: 'full-910',
  });
  importOrders(nextExecution(setup.env.shared).platform, SHOP, {
    orders: [webOrder('910', 'partially refunded', lines, { refunds: [refund('1', 2000)] })],
    problems: [],
  });
  expect(tab(setup.env, 'Invoices').at(-1)).toMatchObject({
    Series: 'R',
    Corrects: full.invoiceNo,
    Total: -20,
  });
  // 20.00 of 30.00 credited through the F: a further 15.00 would be more than the W.
  importOrders(nextExecution(setup.env.shared).platform, SHOP, {
    orders: [
      webOrder('910', 'partially refunded', lines, { refunds: [refund('1', 2000), refund('2', 1500)] }),
    ],
    problems: [],
  });
  expect(tab(setup.env, 'Invoices').filter((i) => i.Series === 'R')).toHaveLength(1);
  expect(tab(setup.env, 'Sync Problems').map((p) => p.Problem)).toContainEqual(
    expect.stringMatching(/^Refund 2 was not invoiced/),
  );
  expect(invoiceProblems(setup)).toEqual([]);
});

test('a paid order cancelled after its W gets one R for what still stands of it, never a second', () => {
  const setup = tillLedger({ open: false });
  const lines = [productLine('ACC-MUG-W', 2, 1500, 21, 'l1'), productLine('COF-ETH-250', 1, 1290, 10, 'l2')];
  importOrders(setup.platform, SHOP, { orders: [webOrder('920', 'paid', lines)], problems: [] });
  const [w] = tab(setup.env, 'Invoices');
  expect(w).toMatchObject({ Series: 'W', Total: 42.9 });

  // Cancelled in the shop: the W is credited in full, rate by rate.
  const cancelled = webOrder('920', 'cancelled', lines);
  importOrders(nextExecution(setup.env.shared).platform, SHOP, { orders: [cancelled], problems: [] });
  const r = tab(setup.env, 'Invoices')[1];
  expect(r).toMatchObject({
    Series: 'R',
    Type: 'corrective',
    Corrects: w['Invoice No'],
    'Order ID': tab(setup.env, 'Orders')[0]['Order ID'],
    Net: -(w.Net as number),
    VAT: -(w.VAT as number),
    Total: -42.9,
  });
  expect(String(r['VAT breakdown'])).toBe('10:-11.73:-1.17; 21:-24.79:-5.21');
  // Imported again, still cancelled: nothing more.
  importOrders(nextExecution(setup.env.shared).platform, SHOP, { orders: [cancelled], problems: [] });
  expect(tab(setup.env, 'Invoices')).toHaveLength(2);
  expect(invoiceProblems(setup)).toEqual([]);
});

test('refunded in part, then cancelled: the R of the cancellation credits only the rest', () => {
  const setup = tillLedger({ open: false });
  const lines = [productLine('ACC-MUG-W', 2, 1500, 21, 'l1')];
  importOrders(setup.platform, SHOP, { orders: [webOrder('930', 'fulfilled', lines)], problems: [] });
  importOrders(nextExecution(setup.env.shared).platform, SHOP, {
    orders: [webOrder('930', 'partially refunded', lines, { refunds: [refund('1', 1000)] })],
    problems: [],
  });
  importOrders(nextExecution(setup.env.shared).platform, SHOP, {
    orders: [webOrder('930', 'cancelled', lines, { refunds: [refund('1', 1000)] })],
    problems: [],
  });
  const rs = tab(setup.env, 'Invoices').filter((i) => i.Series === 'R');
  expect(rs.map((i) => i.Total)).toEqual([-10, -20]);
  expect(invoiceProblems(setup)).toEqual([]);
});
