import { importOrders } from '../../../src/app/sync/import-orders';
import { nextExecution, tillLedger } from '../../helpers/till-ledger';
import { productLine, webOrder } from '../../helpers/web-orders';

const SHOP = 'shop.example.com';
const rows = (env: ReturnType<typeof tillLedger>['env'], tab: string) =>
  env.meter.uncounted(() => env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues().slice(1) ?? []);
const stockAt = (env: ReturnType<typeof tillLedger>['env'], sku: string, location: string) =>
  rows(env, 'Stock')
    .find((s) => s[0] === sku && s[1] === location)
    ?.slice(2, 5);

test('a paid web order lands in the same tabs as till sales, and reserves stock at the web fulfilment location', () => {
  const { env, platform } = tillLedger({ open: false });
  const order = webOrder('727', 'paid', [productLine('ACC-MUG-W', 2, 1200)]);
  const report = importOrders(platform, SHOP, { orders: [order], problems: [] });
  expect(report).toMatchObject({ ordersNew: 1, ordersUpdated: 0, problems: [], skusChanged: ['ACC-MUG-W'] });
  const [o] = rows(env, 'Orders');
  expect(o.slice(0, 8)).toEqual([
    'O-000001',
    'sale',
    'Web',
    SHOP,
    '727',
    '#727',
    'paid',
    new Date(order.created),
  ]);
  expect(o.slice(9, 13)).toEqual([19.83, 4.17, 24, 'EUR']);
  expect(o[15]).toBe(`${SHOP}:727`);
  expect(rows(env, 'Order Lines').map((l) => l.slice(0, 5))).toEqual([
    ['O-000001', 1, 'ACC-MUG-W', 'ACC-MUG-W', 2],
  ]);
  expect(rows(env, 'Payments').map((x) => x.slice(2, 7))).toEqual([
    ['O-000001', 'Web', 'stripe', 24, 'ch_727'],
  ]);
  expect(stockAt(env, 'ACC-MUG-W', 'Warehouse')).toEqual([30, 2, 28]);
  const [customer] = rows(env, 'Customers');
  expect(customer.slice(0, 3)).toEqual(['C-000001', 'Ana García', 'ana@example.com']);
});

test('re-importing the same page changes nothing; the order moving on updates its row in place', () => {
  const { env, platform } = tillLedger({ open: false });
  const paid = webOrder('727', 'paid', [productLine('ACC-MUG-W', 2, 1200)]);
  importOrders(platform, SHOP, { orders: [paid], problems: [] });
  const again = importOrders(nextExecution(env.shared).platform, SHOP, { orders: [paid], problems: [] });
  expect(again).toMatchObject({ ordersNew: 0, ordersUpdated: 0, skusChanged: [] });
  expect(
    ['Orders', 'Order Lines', 'Payments', 'Movements', 'Customers'].map((t) => rows(env, t).length),
  ).toEqual([1, 1, 1, 61, 1]);

  const shipped = importOrders(platform, SHOP, { orders: [{ ...paid, status: 'fulfilled' }], problems: [] });
  expect(shipped).toMatchObject({ ordersNew: 0, ordersUpdated: 1, skusChanged: ['ACC-MUG-W'] });
  expect(rows(env, 'Orders')).toHaveLength(1);
  expect(rows(env, 'Orders')[0][6]).toBe('fulfilled');
  expect(stockAt(env, 'ACC-MUG-W', 'Warehouse')).toEqual([28, 0, 28]);
  expect(rows(env, 'Movements').at(-1)?.slice(2, 7)).toEqual([
    'ACC-MUG-W',
    2,
    'Warehouse/Reserved',
    'Customer',
    'sale',
  ]);
  importOrders(platform, SHOP, { orders: [{ ...paid, status: 'fulfilled' }], problems: [] });
  expect(rows(env, 'Movements')).toHaveLength(62);
});

test('cancelling a paid order releases its reservation; a pending order moves no stock', () => {
  const { env, platform } = tillLedger({ open: false });
  importOrders(platform, SHOP, {
    orders: [
      webOrder('1', 'paid', [productLine('TEA-EGR-100', 3, 890, 10)]),
      webOrder('2', 'pending', [productLine('TEA-EGR-100', 1, 890, 10)]),
    ],
    problems: [],
  });
  expect(stockAt(env, 'TEA-EGR-100', 'Warehouse')).toEqual([25, 3, 22]);
  expect(rows(env, 'Payments')).toHaveLength(1);
  importOrders(platform, SHOP, {
    orders: [webOrder('1', 'cancelled', [productLine('TEA-EGR-100', 3, 890, 10)])],
    problems: [],
  });
  expect(stockAt(env, 'TEA-EGR-100', 'Warehouse')).toEqual([25, 0, 25]);
  expect(rows(env, 'Movements').at(-1)?.slice(4, 7)).toEqual([
    'Warehouse/Reserved',
    'Warehouse',
    'reservation release',
  ]);
});

test('a refund is its own return row with negative amounts; restocked goods come back', () => {
  const { env, platform } = tillLedger({ open: false });
  const lines = [productLine('ACC-MUG-W', 2, 1200, 21, 'l1'), productLine('COF-ETH-250', 1, 1290, 10, 'l2')];
  const refund = {
    refundId: '726',
    created: Date.UTC(2026, 10, 21),
    amount: 1200,
    reason: 'chipped',
    lines: [{ externalLineId: 'l1', sku: 'ACC-MUG-W', qty: 1, amount: 1200, restock: true }],
  };
  const order = webOrder('723', 'partially refunded', lines, { refunds: [refund] });
  importOrders(platform, SHOP, { orders: [order], problems: [] });
  const orders = rows(env, 'Orders');
  expect(orders.map((o) => [o[0], o[1], o[4], o[6], o[11], o[14]])).toEqual([
    ['O-000001', 'sale', '723', 'partially refunded', 36.9, ''],
    ['O-000002', 'return', '723-R726', 'refunded', -12, 'O-000001'],
  ]);
  expect(rows(env, 'Order Lines').at(-1)?.slice(0, 5)).toEqual(['O-000002', 1, 'ACC-MUG-W', 'ACC-MUG-W', -1]);
  expect(rows(env, 'Payments').at(-1)?.slice(2, 7)).toEqual([
    'O-000002',
    'Web',
    'stripe',
    -12,
    'refund 726: chipped',
  ]);
  // The return row's VAT is the VAT of the lines given back, as its R invoice says.
  const returnRow = rows(env, 'Orders').find((o) => o[0] === 'O-000002');
  const returnLines = rows(env, 'Order Lines').filter((l) => l[0] === 'O-000002');
  expect(returnRow?.[10]).toBeCloseTo(
    returnLines.reduce((sum, l) => sum + Number(l[9]), 0),
    2,
  );
  // Shipped (2 out), then 1 restocked.
  expect(stockAt(env, 'ACC-MUG-W', 'Warehouse')).toEqual([29, 0, 29]);
  importOrders(platform, SHOP, { orders: [order], problems: [] });
  expect(rows(env, 'Orders')).toHaveLength(2);
  expect(stockAt(env, 'ACC-MUG-W', 'Warehouse')).toEqual([29, 0, 29]);
});

test('an unknown SKU, a foreign currency and a wrong line are listed once in Sync Problems; the order still lands', () => {
  const { env, platform } = tillLedger({ open: false });
  const wrong = { ...productLine('ACC-MUG-W', 1, 1200), tax: 300, net: 900 };
  const order = webOrder('9', 'paid', [productLine('NOT-IN-LEDGER', 1, 500), wrong], { currency: 'USD' });
  const first = importOrders(platform, SHOP, {
    orders: [order],
    problems: [{ externalId: '9', line: '3', sku: '', problem: 'A line had no quantity.' }],
  });
  expect(first.problems.map((p) => [p.line, p.sku, p.problem])).toEqual([
    ['3', '', 'A line had no quantity.'],
    ['', '', "The order is in USD, the ledger in EUR: it is left out of the ledger's totals."],
    [
      '1',
      'NOT-IN-LEDGER',
      'SKU NOT-IN-LEDGER is not in the Products tab: the line was imported, its stock was not moved. Add the product, then sync again.',
    ],
    [
      '2',
      'ACC-MUG-W',
      'The shop charged 12.00 with 3.00 VAT, but 1 × 12.00 less 0.00 at 21 % gives 12.00 with 2.08 VAT.',
    ],
  ]);
  expect(rows(env, 'Orders')).toHaveLength(1);
  expect(rows(env, 'Order Lines')).toHaveLength(2);
  const listed = rows(env, 'Sync Problems').length;
  expect(listed).toBe(first.problems.length);
  const again = importOrders(platform, SHOP, {
    orders: [order],
    problems: [{ externalId: '9', line: '3', sku: '', problem: 'A line had no quantity.' }],
  });
  expect(again.problems).toEqual([]);
  expect(rows(env, 'Sync Problems')).toHaveLength(listed);
});

test('text from the shop stays text: a customer called =IMPORTXML(…) never becomes a formula', () => {
  const { env, platform } = tillLedger({ open: false });
  const order = webOrder('5', 'paid', [productLine('ACC-MUG-W', 1, 1200)], {
    customer: {
      externalId: '8',
      email: 'x@example.com',
      name: '=IMPORTXML("http://evil","//a")',
      phone: '+34 600',
    },
  });
  importOrders(platform, SHOP, { orders: [order], problems: [] });
  const sheet = env.spreadsheet.getSheetByName('Customers');
  expect(sheet?.getRange(2, 2, 1, 3).getValues()[0]).toEqual([
    '=IMPORTXML("http://evil","//a")',
    'x@example.com',
    '+34 600',
  ]);
  expect(sheet?.getRange(2, 2).getFormula()).toBe('');
});

test('an import of a page costs the same service calls whatever the size of the ledger', () => {
  const page = Array.from({ length: 20 }, (_, i) =>
    webOrder(String(100 + i), 'paid', [productLine('ACC-MUG-W', 1, 1200)]),
  );
  const counts = [10, 10_000].map((n) => {
    const setup = tillLedger({ open: false });
    const when = new Date(Date.UTC(2026, 0, 1));
    const old = Array.from({ length: n }, (_, i) => [
      `O-${String(i + 1).padStart(6, '0')}`,
      'sale',
      'Web',
      SHOP,
      `x${i}`,
      `#${i}`,
      'paid',
      when,
      '',
      1,
      0.21,
      1.21,
      'EUR',
      '',
      '',
      `${SHOP}:x${i}`,
      '',
    ]);
    setup.env.meter.uncounted(() => {
      setup.platform.workbook.write('Orders', 2, 1, old);
      for (const t of ['Orders', 'Order Lines', 'Payments', 'Movements']) {
        const sheet = setup.env.spreadsheet.getSheetByName(t);
        sheet?.insertRowsAfter(sheet.getMaxRows(), 200);
      }
    });
    const run = nextExecution(setup.env.shared);
    expect(importOrders(run.platform, SHOP, { orders: page, problems: [] }).ordersNew).toBe(20);
    return run.env.meter.snapshot();
  });
  expect(counts[1].byMethod).toEqual(counts[0].byMethod);
  expect(counts[1].cellsRead).toBe(counts[0].cellsRead);
});

test('a page of 40 new orders makes the same Sheets calls as a page of 5: nothing is done per order', () => {
  const counts = [5, 40].map((n) => {
    const setup = tillLedger({ open: false });
    setup.env.meter.uncounted(() => {
      for (const t of ['Orders', 'Order Lines', 'Payments', 'Movements', 'Invoices', 'Loyalty']) {
        const sheet = setup.env.spreadsheet.getSheetByName(t);
        sheet?.insertRowsAfter(sheet.getMaxRows(), 200);
      }
    });
    const page = Array.from({ length: n }, (_, i) =>
      webOrder(String(100 + i), 'fulfilled', [
        productLine('ACC-MUG-W', 1, 1200),
        productLine('COF-ETH-250', 2, 1290),
      ]),
    );
    const run = nextExecution(setup.env.shared);
    expect(importOrders(run.platform, SHOP, { orders: page, problems: [] }).ordersNew).toBe(n);
    const { byMethod } = run.env.meter.snapshot();
    // Each W invoice's hash is one Utilities.computeDigest (not a Sheets call); the rest is per page.
    expect(byMethod['Utilities.computeDigest']).toBe(n);
    const sheets = Object.entries(byMethod).filter(([m]) => !m.startsWith('Utilities.'));
    return Object.fromEntries(sheets);
  });
  expect(counts[1]).toEqual(counts[0]);
});

test('a refund of an amount only (no lines, or a line with quantity 0) is recorded and lists no Sync Problem', () => {
  const { env, platform } = tillLedger({ open: false });
  const lines = [productLine('ACC-MUG-W', 2, 1200, 21, 'l1')];
  const order = webOrder('730', 'partially refunded', lines, {
    refunds: [
      { refundId: '1', created: Date.UTC(2026, 10, 21), amount: 495, reason: 'shipping', lines: [] },
      {
        refundId: '2',
        created: Date.UTC(2026, 10, 22),
        amount: 300,
        reason: 'goodwill',
        lines: [{ externalLineId: 'l1', sku: 'ACC-MUG-W', qty: 0, amount: 300, restock: false }],
      },
    ],
  });
  const report = importOrders(platform, SHOP, { orders: [order], problems: [] });
  expect(report.problems).toEqual([]);
  expect(rows(env, 'Sync Problems')).toEqual([]);
  const returns = rows(env, 'Orders').filter((o) => o[1] === 'return');
  expect(returns.map((o) => [o[4], o[11]])).toEqual([
    ['730-R1', -4.95],
    ['730-R2', -3],
  ]);
  // Nothing came back: the 2 mugs shipped stay out.
  expect(stockAt(env, 'ACC-MUG-W', 'Warehouse')).toEqual([28, 0, 28]);
});

test('a real over-refund is still listed in Sync Problems', () => {
  const { env, platform } = tillLedger({ open: false });
  const order = webOrder('731', 'refunded', [productLine('ACC-MUG-W', 1, 1200, 21, 'l1')], {
    refunds: [
      {
        refundId: '1',
        created: Date.UTC(2026, 10, 21),
        amount: 1200,
        reason: '',
        lines: [{ externalLineId: 'l1', sku: 'ACC-MUG-W', qty: 2, amount: 1200, restock: false }],
      },
    ],
  });
  const report = importOrders(platform, SHOP, { orders: [order], problems: [] });
  expect(report.problems.map((p) => p.problem)).toEqual([
    expect.stringMatching(/Refund 1: ACC-MUG-W: 1 sold in #731, so at most 1 can be returned, not 2/),
  ]);
  expect(rows(env, 'Sync Problems')).toHaveLength(1);
});

test('two lines of one SKU refunded line 2 then line 1: both count on their own line, no false problem', () => {
  const { env, platform } = tillLedger({ open: false });
  const lines = [productLine('ACC-MUG-W', 1, 1000, 21, 'l1'), productLine('ACC-MUG-W', 1, 1200, 21, 'l2')];
  const refund = (id: string, line: string, amount: number) => ({
    refundId: id,
    created: Date.UTC(2026, 10, 21),
    amount,
    reason: '',
    lines: [{ externalLineId: line, sku: 'ACC-MUG-W', qty: 1, amount, restock: true }],
  });
  const order = webOrder('732', 'refunded', lines, {
    refunds: [refund('1', 'l2', 1200), refund('2', 'l1', 1000)],
  });
  const report = importOrders(platform, SHOP, { orders: [order], problems: [] });
  expect(report.problems).toEqual([]);
  expect(rows(env, 'Sync Problems')).toEqual([]);
  // Both units came back to stock.
  expect(stockAt(env, 'ACC-MUG-W', 'Warehouse')).toEqual([30, 0, 30]);
});
