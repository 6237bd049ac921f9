import { checkLedger } from '../../../src/app/check-ledger';
import { issueFullInvoice } from '../../../src/app/invoices/full-invoice';
import { handOver, setTracking } from '../../../src/app/orders/fulfil-order';
import { quoteReturn } from '../../../src/app/returns/quote-return';
import { recordReturn } from '../../../src/app/returns/record-return';
import { rebuildSummaries } from '../../../src/app/summaries/rebuild-summaries';
import { importOrders } from '../../../src/app/sync/import-orders';
import { asResult } from '../../../src/app/till/problems';
import { recordSale } from '../../../src/app/till/record-sale';
import { COFFEE, cashSale, MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';
import { productLine, webOrder } from '../../helpers/web-orders';

type Env = ReturnType<typeof tillLedger>['env'];

/** A tab's rows as records by header, read outside the meter. */
function records(env: Env, tab: string): Record<string, unknown>[] {
  return env.meter.uncounted(() => {
    const values = env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues() ?? [];
    const [header, ...rows] = values;
    return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
  });
}

const stockOf = (env: Env, sku: string, location: string) =>
  records(env, 'Stock').find((s) => s.SKU === sku && s.Location === location)?.['On hand'];

/** A till sale of 2 coffees and 1 mug, paid in cash: the order a customer brings back. */
function soldAtTill() {
  const setup = tillLedger();
  const total = 2 * COFFEE.price + MUG.price;
  const receipt = recordSale(
    setup.platform,
    cashSale(
      'sale-1',
      [
        { sku: COFFEE.sku, qty: 2 },
        { sku: MUG.sku, qty: 1 },
      ],
      total,
    ),
  );
  return { ...setup, receipt, total };
}

test('a return at the till is one commit: return row, lines, moves, stock, R invoice, refund, session, status', () => {
  const { env, platform, receipt } = soldAtTill();
  const storeBefore = stockOf(env, COFFEE.sku, 'Store') as number;
  const cashBefore = records(env, 'Till Sessions')[0]['Expected cash'] as number;
  const r = recordReturn(platform, {
    key: 'ret-1',
    order: receipt.orderNo, // the number on the receipt
    till: 'Till 1',
    lines: [{ sku: COFFEE.sku, qty: 1, disposition: 'restock' }],
    refund: 'cash',
  });
  expect(r).toMatchObject({
    returnId: 'O-000002',
    originalId: receipt.orderId,
    originalInvoiceNo: receipt.invoiceNo,
    originalStatus: 'partially refunded',
    total: -COFFEE.price,
    refund: { method: 'cash', amount: COFFEE.price },
    replayed: false,
  });
  expect(r.invoiceNo).toMatch(/^R-\d{4}-000001$/);

  const orders = records(env, 'Orders');
  expect(orders[0]).toMatchObject({ 'Order ID': receipt.orderId, Status: 'partially refunded' });
  expect(orders[1]).toMatchObject({
    'Order ID': 'O-000002',
    Type: 'return',
    Channel: 'Store',
    Status: 'refunded',
    Total: -COFFEE.price / 100,
    'Refund of': receipt.orderId,
    'Invoice No': r.invoiceNo,
    Key: 'ret-1',
  });
  expect(records(env, 'Order Lines').filter((l) => l['Order ID'] === 'O-000002')).toEqual([
    expect.objectContaining({ SKU: COFFEE.sku, Qty: -1, Total: -COFFEE.price / 100 }),
  ]);
  expect(records(env, 'Payments').filter((x) => x['Order ID'] === 'O-000002')).toEqual([
    expect.objectContaining({ Method: 'cash', Amount: -COFFEE.price / 100, Channel: 'Store' }),
  ]);
  expect(records(env, 'Movements').filter((x) => x.Reason === 'return')).toEqual([
    expect.objectContaining({
      SKU: COFFEE.sku,
      Qty: 1,
      From: 'Customer',
      To: 'Store',
      Reference: 'O-000002',
    }),
  ]);
  expect(stockOf(env, COFFEE.sku, 'Store')).toBe(storeBefore + 1);
  const invoice = records(env, 'Invoices').find((i) => i['Invoice No'] === r.invoiceNo);
  expect(invoice).toMatchObject({
    Type: 'corrective',
    Corrects: receipt.invoiceNo,
    Total: -COFFEE.price / 100,
  });
  expect(records(env, 'Till Sessions')[0]['Expected cash']).toBe(cashBefore - COFFEE.price / 100);
});

test('returning the rest refunds the order in full; damaged goes to Loss and lost moves nothing', () => {
  const { env, platform, receipt, total } = soldAtTill();
  recordReturn(platform, {
    key: 'ret-a',
    order: receipt.orderId,
    lines: [{ sku: COFFEE.sku, qty: 1, disposition: 'damaged' }],
    refund: 'card',
  });
  const storeMug = stockOf(env, MUG.sku, 'Store');
  const r = recordReturn(platform, {
    key: 'ret-b',
    order: receipt.invoiceNo, // the invoice number finds it too
    lines: [
      { sku: COFFEE.sku, qty: 1, disposition: 'restock' },
      { sku: MUG.sku, qty: 1, disposition: 'lost' },
    ],
    refund: 'card',
  });
  expect(r.originalStatus).toBe('refunded');
  const returns = records(env, 'Orders').filter((o) => o.Type === 'return');
  expect(returns.reduce((s, o) => s + Math.round((o.Total as number) * 100), 0)).toBe(-total);
  expect(records(env, 'Orders')[0]).toMatchObject({ Status: 'refunded', Fulfilment: 'returned' });
  expect(
    records(env, 'Movements')
      .filter((x) => x.Reason === 'return')
      .map((x) => [x.SKU, x.To]),
  ).toEqual([
    [COFFEE.sku, 'Loss'],
    [COFFEE.sku, 'Store'],
  ]);
  expect(stockOf(env, MUG.sku, 'Store')).toBe(storeMug);
  expect(records(env, 'Payments').find((x) => x['Order ID'] === r.returnId)?.Reference).toMatch(
    /1 × ACC-MUG-W lost/,
  );
});

test('the same key twice records one return; the retry gets the first receipt', () => {
  const { env, platform, receipt } = soldAtTill();
  const draft = {
    key: 'ret-dup',
    order: receipt.orderNo,
    till: 'Till 1',
    lines: [{ sku: MUG.sku, qty: 1, disposition: 'restock' as const }],
    refund: 'cash' as const,
  };
  const first = recordReturn(platform, draft);
  const again = recordReturn(nextExecution(env.shared).platform, draft);
  expect(again).toMatchObject({
    returnId: first.returnId,
    invoiceNo: first.invoiceNo,
    total: first.total,
    originalStatus: 'partially refunded',
    replayed: true,
  });
  expect(again.lines).toEqual([expect.objectContaining({ sku: MUG.sku, qty: -1, disposition: 'restock' })]);
  expect(records(env, 'Orders').filter((o) => o.Type === 'return')).toHaveLength(1);
  expect(records(env, 'Movements').filter((x) => x.Reason === 'return')).toHaveLength(1);
  expect(records(env, 'Invoices').filter((i) => i.Type === 'corrective')).toHaveLength(1);
});

test.each([
  [
    'more than was sold',
    [{ sku: MUG.sku, qty: 2, disposition: 'restock' }],
    'cash',
    /ACC-MUG-W: 1 sold in R-000001, so at most 1 can be returned, not 2/,
  ],
  [
    'a SKU not in the order',
    [{ sku: 'TEA-SEN-100', qty: 1, disposition: 'restock' }],
    'cash',
    /TEA-SEN-100 is not in order R-000001: it has COF-ETH-250, ACC-MUG-W/,
  ],
  [
    'store credit without a customer',
    [{ sku: MUG.sku, qty: 1, disposition: 'restock' }],
    'credit',
    /has no customer/,
  ],
  ['a bad disposition', [{ sku: MUG.sku, qty: 1, disposition: 'binned' }], 'cash', /not a disposition/],
])('%s is refused with a clear message, and nothing is written', (_name, lines, refund, message) => {
  const { env, platform, receipt } = soldAtTill();
  const tabs = ['Orders', 'Order Lines', 'Payments', 'Movements', 'Stock', 'Till Sessions', 'Invoices'];
  const before = tabs.map((t) => records(env, t));
  const result = asResult(() =>
    recordReturn(platform, {
      key: 'bad',
      order: receipt.orderNo,
      till: 'Till 1',
      lines: lines as never,
      refund: refund as never,
    }),
  );
  expect(result).toEqual({
    ok: false,
    problem: expect.objectContaining({ message: expect.stringMatching(message) }),
  });
  expect(tabs.map((t) => records(env, t))).toEqual(before);
});

test('an order number that is not in the ledger is refused, naming what to check', () => {
  const { platform } = soldAtTill();
  expect(
    asResult(() =>
      recordReturn(platform, {
        key: 'k',
        order: 'R-999999',
        lines: [{ sku: MUG.sku, qty: 1, disposition: 'restock' }],
        refund: 'card',
      }),
    ),
  ).toEqual({
    ok: false,
    problem: expect.objectContaining({
      code: 'unknown-order',
      message: expect.stringMatching(/No sale with the number "R-999999"/),
    }),
  });
});

test('a web order is returned at the counter through the same use case: its lines’ charged amounts, restocked in the Store', () => {
  const { env, platform } = tillLedger();
  importOrders(platform, 'shop', {
    orders: [
      webOrder('1001', 'fulfilled', [productLine(MUG.sku, 2, 1290), productLine(COFFEE.sku, 1, 1000, 10)]),
    ],
    problems: [],
  });
  const storeBefore = stockOf(env, MUG.sku, 'Store') as number;
  const r = recordReturn(platform, {
    key: 'web-ret',
    order: '1001', // as the customer says it, without the #
    till: 'Till 1',
    lines: [{ sku: MUG.sku, qty: 1, disposition: 'restock' }],
    refund: 'card',
  });
  expect(r).toMatchObject({ originalNo: '#1001', total: -1290, originalStatus: 'partially refunded' });
  expect(r.invoiceNo).toMatch(/^R-/);
  const ret = records(env, 'Orders').find((o) => o['Order ID'] === r.returnId);
  expect(ret).toMatchObject({ Type: 'return', Channel: 'Web', Shop: 'shop', 'Refund of': r.originalId });
  expect(stockOf(env, MUG.sku, 'Store')).toBe(storeBefore + 1);
  expect(r.skusChanged).toEqual([MUG.sku]);
});

test('a web order not shipped yet cannot be returned: it is cancelled instead', () => {
  const { platform } = tillLedger();
  importOrders(platform, 'shop', {
    orders: [webOrder('1002', 'paid', [productLine(MUG.sku, 1, 1290)])],
    problems: [],
  });
  expect(
    asResult(() =>
      recordReturn(platform, {
        key: 'k',
        order: '#1002',
        lines: [{ sku: MUG.sku, qty: 1, disposition: 'restock' }],
        refund: 'card',
      }),
    ),
  ).toEqual({
    ok: false,
    problem: expect.objectContaining({
      code: 'not-returnable',
      message: expect.stringMatching(/#1002 is paid: .*Cancel it instead/),
    }),
  });
});

test('a return costs the same service calls with 10 or 10,000 earlier orders', () => {
  const counts = [10, 10_000].map((n) => {
    const setup = soldAtTill();
    const when = new Date(Date.UTC(2026, 0, 1));
    const orders = Array.from({ length: n }, (_, i) => [
      `O-${String(i + 100).padStart(6, '0')}`,
      'sale',
      'Web',
      'shop',
      `${i}`,
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
      `k${i}`,
      '',
    ]);
    setup.env.meter.uncounted(() => {
      setup.platform.workbook.write('Orders', 3, 1, orders);
      const sheets = ['Orders', 'Order Lines', 'Payments', 'Movements', 'Invoices'].map((t) =>
        setup.env.spreadsheet.getSheetByName(t),
      );
      for (const sheet of sheets) sheet?.insertRowsAfter(sheet.getMaxRows(), 100);
    });
    const run = nextExecution(setup.env.shared);
    recordReturn(run.platform, {
      key: `r${n}`,
      order: setup.receipt.orderNo,
      till: 'Till 1',
      lines: [{ sku: MUG.sku, qty: 1, disposition: 'restock' }],
      refund: 'cash',
    });
    const m = run.env.meter.snapshot();
    return { byMethod: m.byMethod, cellsRead: m.cellsRead };
  });
  expect(counts[1].byMethod).toEqual(counts[0].byMethod);
  expect(counts[1].cellsRead).toBe(counts[0].cellsRead);
  expect(counts[0].byMethod['SpreadsheetApp.flush']).toBe(1);
});

test('a returned line carries the cost at the time of sale, even after the product’s Cost changed', () => {
  const { env, platform, receipt } = soldAtTill();
  const sold = records(env, 'Order Lines').find((l) => l.SKU === MUG.sku);
  expect(typeof sold?.Cost).toBe('number');
  // The supplier's price goes up after the sale.
  env.meter.uncounted(() => {
    const sheet = env.spreadsheet.getSheetByName('Products');
    const values = sheet?.getDataRange().getValues() ?? [];
    const costCol = values[0].indexOf('Cost');
    const row = values.findIndex((r) => r[0] === MUG.sku);
    sheet?.getRange(row + 1, costCol + 1).setValue(99);
  });
  const r = recordReturn(platform, {
    key: 'ret-cost',
    order: receipt.orderNo,
    till: 'Till 1',
    lines: [{ sku: MUG.sku, qty: 1, disposition: 'restock' }],
    refund: 'cash',
  });
  const back = records(env, 'Order Lines').find((l) => l['Order ID'] === r.returnId);
  expect(back).toMatchObject({ SKU: MUG.sku, Qty: -1, Cost: sold?.Cost });
});

test('a ticket replaced by a full invoice is corrected by an R citing the full invoice', () => {
  const { env, platform, receipt } = soldAtTill();
  const full = issueFullInvoice(platform, {
    ticket: receipt.invoiceNo,
    taxId: 'B12345674',
    name: 'Café Sol S.L.',
    address: 'Calle Mayor 1, Madrid',
    key: 'full-1',
  });
  const r = recordReturn(nextExecution(env.shared).platform, {
    key: 'ret-f',
    order: receipt.orderNo,
    till: 'Till 1',
    lines: [{ sku: COFFEE.sku, qty: 1, disposition: 'restock' }],
    refund: 'cash',
  });
  const invoices = records(env, 'Invoices');
  expect(invoices.find((i) => i['Invoice No'] === r.invoiceNo)).toMatchObject({
    Type: 'corrective',
    Corrects: full.invoiceNo,
  });
  expect(checkLedger(platform.workbook).problems).toEqual([]);
});

test('a web order paid in another currency is refused at the counter, saying where to refund it, and nothing is written', () => {
  const { env, platform } = tillLedger();
  importOrders(platform, 'shop', {
    orders: [webOrder('1003', 'fulfilled', [productLine(MUG.sku, 1, 1500)], { currency: 'USD' })],
    problems: [],
  });
  const tabs = ['Orders', 'Order Lines', 'Payments', 'Movements', 'Stock', 'Invoices'];
  const before = tabs.map((t) => records(env, t));
  const draft = {
    order: '#1003',
    till: 'Till 1',
    lines: [{ sku: MUG.sku, qty: 1, disposition: 'restock' as const }],
    refund: 'card' as const,
  };
  const refusal = {
    ok: false,
    problem: expect.objectContaining({
      code: 'not-returnable',
      message: "#1003 was paid in USD: refund it in the shop; the ledger's till works in EUR.",
    }),
  };
  expect(asResult(() => recordReturn(platform, { ...draft, key: 'usd' }))).toEqual(refusal);
  expect(asResult(() => quoteReturn(platform, draft))).toEqual(refusal);
  expect(tabs.map((t) => records(env, t))).toEqual(before);
});

test.each([
  ['handed over at the counter (click and collect)', 'collected'],
  ['shipped with a tracking number', 'shipped'],
])('a paid web order %s can be returned at the counter before the shop marks it complete', (_n, how) => {
  const { env, platform } = tillLedger();
  importOrders(platform, 'shop', {
    orders: [webOrder('1004', 'paid', [productLine(MUG.sku, 2, 1290)], { localPickup: how === 'collected' })],
    problems: [],
  });
  if (how === 'collected') handOver(platform, { order: '#1004' });
  else setTracking(platform, { order: '#1004', tracking: 'PK-7' });
  expect(records(env, 'Orders')[0]).toMatchObject({ Status: 'paid', Fulfilment: how });
  const r = recordReturn(platform, {
    key: `ret-${how}`,
    order: '#1004',
    till: 'Till 1',
    lines: [{ sku: MUG.sku, qty: 1, disposition: 'restock' }],
    refund: 'card',
  });
  expect(r).toMatchObject({ total: -1290, originalStatus: 'partially refunded', replayed: false });
});

test.each([
  [
    'a SKU that is not text',
    { lines: [{ sku: 42, qty: 1, disposition: 'restock' }] },
    /Line 1: the SKU must be text/,
  ],
  ['a line that is not an object', { lines: ['ACC-MUG-W'] }, /Line 1: the SKU must be text/],
  ['a till that is not text', { till: 7 }, /Name the till/],
  ['a location that is not text', { location: { name: 'Store' } }, /The stock location must be text/],
])('input from the sidebar with %s is refused before anything is read or written', (_n, bad, message) => {
  const { env, platform, receipt } = soldAtTill();
  const tabs = ['Orders', 'Order Lines', 'Payments', 'Movements', 'Stock', 'Till Sessions', 'Invoices'];
  const before = tabs.map((t) => records(env, t));
  const draft = {
    key: 'typed',
    order: receipt.orderNo,
    till: 'Till 1',
    lines: [{ sku: MUG.sku, qty: 1, disposition: 'restock' }],
    refund: 'card',
    ...bad,
  };
  const refused = {
    ok: false,
    problem: expect.objectContaining({ code: 'bad-input', message: expect.stringMatching(message) }),
  };
  expect(asResult(() => recordReturn(platform, draft as never))).toEqual(refused);
  const { key: _key, ...quote } = draft;
  expect(asResult(() => quoteReturn(platform, quote as never))).toEqual(refused);
  expect(tabs.map((t) => records(env, t))).toEqual(before);
});

test("a return's live summary takes back the cost at the time of sale, as a rebuild does, after the product's Cost changed", () => {
  const { env, platform, receipt } = soldAtTill();
  rebuildSummaries(platform);
  env.meter.uncounted(() => {
    const sheet = env.spreadsheet.getSheetByName('Products');
    const values = sheet?.getDataRange().getValues() ?? [];
    sheet
      ?.getRange(values.findIndex((r) => r[0] === MUG.sku) + 1, values[0].indexOf('Cost') + 1)
      .setValue(99);
  });
  recordReturn(platform, {
    key: 'ret-live',
    order: receipt.orderNo,
    till: 'Till 1',
    lines: [{ sku: MUG.sku, qty: 1, disposition: 'restock' }],
    refund: 'cash',
  });
  const summaries = () => ['Sales by Channel', 'VAT Summary'].flatMap((t) => records(env, t));
  const live = summaries();
  const store = live.find((r) => r.Period === 'month' && r.Channel === 'Store');
  expect(store?.['Cost of goods']).toBe((2 * (COFFEE.cost as number)) / 100);
  rebuildSummaries(platform);
  expect(summaries()).toEqual(live);
});
