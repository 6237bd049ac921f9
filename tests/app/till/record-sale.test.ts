import { asResult } from '../../../src/app/till/problems';
import { recordSale } from '../../../src/app/till/record-sale';
import { COFFEE, cashSale, MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';

const rows = (env: ReturnType<typeof tillLedger>['env'], tab: string) =>
  env.meter.uncounted(() => env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues().slice(1) ?? []);

test('a cash sale writes the order, its lines, payments, moves, stock and session in one commit', () => {
  const { env, platform } = tillLedger();
  const total = 2 * COFFEE.price + MUG.price; // VAT-inclusive prices
  const receipt = recordSale(
    platform,
    cashSale(
      'sale-1',
      [
        { sku: COFFEE.sku, qty: 2 },
        { sku: MUG.sku, qty: 1 },
      ],
      total,
      5000,
    ),
  );
  expect(receipt).toMatchObject({
    orderId: 'O-000001',
    orderNo: 'R-000001',
    total,
    change: 5000 - total,
    replayed: false,
  });
  expect(receipt.breakdown.map((b) => b.rate)).toEqual([10, 21]);

  const [order] = rows(env, 'Orders');
  expect(order.slice(0, 7)).toEqual(['O-000001', 'sale', 'Store', '', '', 'R-000001', 'fulfilled']);
  expect(order[11]).toBe(total / 100);
  expect(rows(env, 'Order Lines').map((l) => [l[0], l[1], l[2], l[4]])).toEqual([
    ['O-000001', 1, COFFEE.sku, 2],
    ['O-000001', 2, MUG.sku, 1],
  ]);
  const [payment] = rows(env, 'Payments');
  expect(payment.slice(2, 6)).toEqual(['O-000001', 'Store', 'cash', total / 100]);
  expect(payment[6]).toBe(`tendered 50.00, change ${((5000 - total) / 100).toFixed(2)}`);
  const moves = rows(env, 'Movements').filter((m) => m[6] === 'sale');
  expect(moves.map((m) => [m[2], m[3], m[4], m[5], m[7]])).toEqual([
    [COFFEE.sku, 2, 'Store', 'Customer', 'O-000001'],
    [MUG.sku, 1, 'Store', 'Customer', 'O-000001'],
  ]);
  const stock = rows(env, 'Stock');
  expect(stock.find((s) => s[0] === COFFEE.sku && s[1] === 'Store')?.slice(2, 5)).toEqual([10, 0, 10]);
  expect(stock.find((s) => s[0] === COFFEE.sku && s[1] === 'Warehouse')?.slice(2, 5)).toEqual([40, 0, 40]);
  const [session] = rows(env, 'Till Sessions');
  expect(session[8]).toBe(1); // Sales count
  expect(session[9]).toBe(total / 100); // Sales total
  expect(session[5]).toBe((10000 + total) / 100); // Expected cash: float + cash sale
});

test('the same key twice records one sale, and the retry gets the first receipt', () => {
  const { env, platform } = tillLedger();
  const draft = cashSale('sale-dup', [{ sku: MUG.sku, qty: 1 }], MUG.price, 2000);
  const first = recordSale(platform, draft);
  const again = recordSale(nextExecution(env.shared).platform, draft);
  expect(again).toMatchObject({
    orderId: first.orderId,
    orderNo: first.orderNo,
    total: first.total,
    change: first.change,
    replayed: true,
  });
  expect(again.lines).toEqual(first.lines);
  expect(rows(env, 'Orders')).toHaveLength(1);
  expect(rows(env, 'Movements').filter((m) => m[6] === 'sale')).toHaveLength(1);
});

test.each([
  [
    'no open session',
    { open: false },
    cashSale('k', [{ sku: MUG.sku, qty: 1 }], MUG.price),
    'no-session',
    /Till 1 is not open/,
  ],
  [
    'an unknown SKU',
    {},
    cashSale('k', [{ sku: 'NOPE', qty: 1 }], 100),
    'unknown-product',
    /No product with SKU "NOPE"/,
  ],
  [
    'a quantity of 0',
    {},
    cashSale('k', [{ sku: MUG.sku, qty: 0 }], 0),
    'bad-quantity',
    /whole number of 1 or more/,
  ],
  ['a negative quantity', {}, cashSale('k', [{ sku: MUG.sku, qty: -1 }], 0), 'bad-quantity', /whole number/],
  [
    'a fractional quantity',
    {},
    cashSale('k', [{ sku: MUG.sku, qty: 1.5 }], 0),
    'bad-quantity',
    /whole number/,
  ],
  [
    'a discount over 100 %',
    {},
    { ...cashSale('k', [{ sku: MUG.sku, qty: 1, discount: { kind: 'percent' as const, value: 150 } }], 0) },
    'bad-discount',
    /discount/i,
  ],
  [
    'a discount over the line amount',
    {},
    {
      ...cashSale(
        'k',
        [{ sku: MUG.sku, qty: 1, discount: { kind: 'amount' as const, value: MUG.price + 1 } }],
        0,
      ),
    },
    'bad-discount',
    /discount/i,
  ],
  [
    'payments below the total',
    {},
    cashSale('k', [{ sku: MUG.sku, qty: 1 }], MUG.price - 1),
    'payments-mismatch',
    /do not match the total/,
  ],
  [
    'payments above the total',
    {},
    cashSale('k', [{ sku: MUG.sku, qty: 1 }], MUG.price + 1),
    'payments-mismatch',
    /remove the extra/,
  ],
  [
    'too little cash handed over',
    {},
    cashSale('k', [{ sku: MUG.sku, qty: 1 }], MUG.price, MUG.price - 1),
    'payments-mismatch',
    /less than/,
  ],
  [
    'more than the stock under "refuse"',
    {},
    cashSale('k', [{ sku: 'ACC-KTL-GN', qty: 2 }], 13800),
    'stock-short',
    /Not enough stock in Store: Gooseneck kettle 0.8 l: 2 wanted, 1 available/,
  ],
])('%s is refused with a clear message, and nothing is written', (_name, options, draft, code, message) => {
  const { env, platform } = tillLedger(options);
  const before = ['Orders', 'Order Lines', 'Payments', 'Movements', 'Stock', 'Till Sessions'].map((t) =>
    rows(env, t),
  );
  const result = asResult(() => recordSale(platform, draft));
  expect(result).toEqual({
    ok: false,
    problem: expect.objectContaining({ code, message: expect.stringMatching(message) }),
  });
  expect(
    ['Orders', 'Order Lines', 'Payments', 'Movements', 'Stock', 'Till Sessions'].map((t) => rows(env, t)),
  ).toEqual(before);
});

test('under "warn" a short sale asks first, and goes through when confirmed', () => {
  const { env, platform } = tillLedger({ settings: { 'Oversell policy': 'warn' } });
  const draft = cashSale('short', [{ sku: 'ACC-KTL-GN', qty: 2 }], 13800);
  const asked = asResult(() => recordSale(platform, draft));
  expect(asked).toEqual({
    ok: false,
    problem: expect.objectContaining({
      code: 'stock-short',
      shortages: [{ sku: 'ACC-KTL-GN', requested: 2, available: 1 }],
    }),
  });
  const sold = asResult(() => recordSale(platform, { ...draft, confirmOversell: true }));
  expect(sold.ok).toBe(true);
  expect(
    rows(env, 'Stock')
      .find((s) => s[0] === 'ACC-KTL-GN' && s[1] === 'Store')
      ?.slice(2, 5),
  ).toEqual([-1, 0, -1]);
});

test('split payments: card plus cash with change', () => {
  const { platform } = tillLedger();
  const total = MUG.price * 3;
  const receipt = recordSale(platform, {
    key: 'split',
    till: 'Till 1',
    lines: [{ sku: MUG.sku, qty: 3 }],
    payments: [
      { method: 'card', amount: 2000 },
      { method: 'cash', amount: total - 2000, tendered: 2000 },
    ],
  });
  expect(receipt.payments).toEqual([
    { method: 'card', amount: 2000 },
    { method: 'cash', amount: total - 2000 },
  ]);
  expect(receipt.change).toBe(2000 - (total - 2000));
});

test('a sale costs the same service calls with 10 or 10,000 earlier orders', () => {
  const counts = [10, 10_000].map((n) => {
    const setup = tillLedger();
    const when = new Date(Date.UTC(2026, 0, 1));
    const orders = Array.from({ length: n }, (_, i) => [
      `O-${String(i + 1).padStart(6, '0')}`,
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
      setup.platform.workbook.write('Orders', 2, 1, orders);
      // Room below, so that neither run pays for growing the sheet (that happens once per 1,000 rows).
      const sheets = ['Orders', 'Order Lines', 'Payments', 'Movements'].map((t) =>
        setup.env.spreadsheet.getSheetByName(t),
      );
      for (const sheet of sheets) sheet?.insertRowsAfter(sheet.getMaxRows(), 100);
    });
    const run = nextExecution(setup.env.shared);
    recordSale(run.platform, cashSale(`s${n}`, [{ sku: MUG.sku, qty: 1 }], MUG.price));
    const m = run.env.meter.snapshot();
    return { calls: m.calls, byMethod: m.byMethod, cellsRead: m.cellsRead };
  });
  expect(counts[1].byMethod).toEqual(counts[0].byMethod);
  expect(counts[1].cellsRead).toBe(counts[0].cellsRead); // Orders is searched, never read
  // 7 for the sale itself, plus at most one write per live summary tab (Sales, Payments, VAT).
  expect(counts[0].byMethod['Range.setValues']).toBeLessThanOrEqual(10);
  expect(counts[0].byMethod['SpreadsheetApp.flush']).toBe(1);
});

test('two tills at once: the second waits for the lock and sees the first sale, so no stock update is lost', () => {
  const { env, platform } = tillLedger();
  const { platform: till2 } = nextExecution(env.shared);
  // Till 1 takes the lock and, in the middle of its commit, Till 2 tries to sell the same mug.
  let during: unknown = null;
  const lock = platform.lock;
  const inner = {
    ...platform,
    lock: {
      acquire: (ms: number) => lock.acquire(ms),
      release: () => {
        during = asResult(() =>
          recordSale(till2, { ...cashSale('till2', [{ sku: MUG.sku, qty: 1 }], MUG.price), till: 'Till 1' }),
        );
        lock.release();
      },
    },
  };
  recordSale(inner, cashSale('till1', [{ sku: MUG.sku, qty: 1 }], MUG.price));
  // While Till 1 held the lock, Till 2 waited its 30 s and was told to try again, having written nothing.
  expect(during).toEqual({ ok: false, problem: expect.objectContaining({ code: 'busy' }) });
  expect(rows(env, 'Orders')).toHaveLength(1);
  // Its retry (the sidebar's queue) lands after, on a fresh snapshot: both sales count.
  recordSale(till2, cashSale('till2', [{ sku: MUG.sku, qty: 1 }], MUG.price));
  expect(rows(env, 'Orders')).toHaveLength(2);
  expect(
    rows(env, 'Stock')
      .find((s) => s[0] === MUG.sku && s[1] === 'Store')
      ?.slice(2, 5),
  ).toEqual([10, 0, 10]);
});
