import { loadContext } from '../../../src/app/ledger-context';
import { postLoyalty } from '../../../src/app/loyalty/post-entries';
import { importOrders } from '../../../src/app/sync/import-orders';
import { createCustomer } from '../../../src/app/till/customers';
import { asResult } from '../../../src/app/till/problems';
import { recordSale } from '../../../src/app/till/record-sale';
import { cashSale, MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';
import { productLine, webOrder } from '../../helpers/web-orders';

type Env = ReturnType<typeof tillLedger>['env'];
const rows = (env: Env, tab: string) =>
  env.meter.uncounted(() => env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues() ?? []);
/** The data rows of a tab as objects by header. */
const records = (env: Env, tab: string) => {
  const [header, ...data] = rows(env, tab);
  return data.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
};
const balanceOf = (env: Env, id: string) =>
  records(env, 'Customers').find((c) => c['Customer ID'] === id)?.['Loyalty balance'];

function withCustomer(credit = 0) {
  const setup = tillLedger();
  const ana = createCustomer(setup.platform, { key: 'c1', name: 'Ana', email: 'ana@example.com' });
  if (credit > 0) {
    const ctx = loadContext(setup.platform.workbook);
    postLoyalty(
      setup.platform,
      ctx,
      [
        {
          customerId: ana.customerId,
          amount: credit,
          kind: 'adjust',
          orderId: '',
          expires: null,
          key: 'gift',
        },
      ],
      Date.UTC(2026, 0, 1),
    );
  }
  return { ...setup, ana };
}

test('a sale with a customer earns 5 % of its net, in the Loyalty tab and the Customers cache, and the receipt says so', () => {
  const { env, platform, ana } = withCustomer();
  const receipt = recordSale(platform, {
    ...cashSale('s1', [{ sku: MUG.sku, qty: 2 }], 2 * MUG.price),
    customerId: ana.customerId,
  });
  const earned = Math.floor(receipt.net * 0.05);
  expect(earned).toBeGreaterThan(0);
  expect(receipt.loyalty).toEqual({ redeemed: 0, earned, balance: earned });
  expect(records(env, 'Loyalty')).toEqual([
    expect.objectContaining({
      'Customer ID': ana.customerId,
      Amount: earned / 100,
      Kind: 'earn',
      'Order ID': receipt.orderId,
      Expires: '',
      Key: 's1:earn',
    }),
  ]);
  expect(balanceOf(env, ana.customerId)).toBe(earned / 100);
  // The retry writes nothing more.
  recordSale(nextExecution(env.shared).platform, {
    ...cashSale('s1', [{ sku: MUG.sku, qty: 2 }], 2 * MUG.price),
    customerId: ana.customerId,
  });
  expect(records(env, 'Loyalty')).toHaveLength(1);
  expect(balanceOf(env, ana.customerId)).toBe(earned / 100);
});

test('with Loyalty expiry months set, earned credit carries its expiry date', () => {
  const { env, platform, ana } = withCustomer();
  const ctx = loadContext(platform.workbook);
  expect(ctx.settings.loyalty.expiryMonths).toBeNull();
  env.meter.uncounted(() => {
    const sheet = env.spreadsheet.getSheetByName('Settings');
    const keys =
      sheet
        ?.getDataRange()
        .getValues()
        .map((r) => r[0]) ?? [];
    sheet?.getRange(keys.indexOf('Loyalty expiry months') + 1, 2).setValue(12);
  });
  const receipt = recordSale(platform, {
    ...cashSale('s1', [{ sku: MUG.sku, qty: 1 }], MUG.price),
    customerId: ana.customerId,
  });
  const [entry] = records(env, 'Loyalty');
  const expires = new Date(receipt.created);
  expires.setUTCMonth(expires.getUTCMonth() + 12);
  expect((entry.Expires as Date).getTime()).toBe(expires.getTime());
});

test('store credit pays part of a sale: a credit payment, a redeem entry, earning only on the rest, the balance left', () => {
  const { env, platform, ana } = withCustomer(1000);
  const total = 2 * MUG.price;
  const receipt = recordSale(platform, {
    key: 's2',
    till: 'Till 1',
    lines: [{ sku: MUG.sku, qty: 2 }],
    payments: [
      { method: 'credit', amount: 1000 },
      { method: 'cash', amount: total - 1000, tendered: total - 1000 },
    ],
    customerId: ana.customerId,
  });
  const earned = Math.floor((Math.floor((receipt.net * (total - 1000)) / total) * 5) / 100);
  expect(receipt.loyalty).toEqual({ redeemed: 1000, earned, balance: earned });
  expect(records(env, 'Payments').map((p) => [p.Method, p.Amount])).toEqual([
    ['credit', 10],
    ['cash', (total - 1000) / 100],
  ]);
  expect(records(env, 'Loyalty').map((e) => [e.Kind, e.Amount, e.Key])).toEqual([
    ['adjust', 10, 'gift'],
    ['redeem', -10, 's2:redeem'],
    ['earn', earned / 100, 's2:earn'],
  ]);
  expect(balanceOf(env, ana.customerId)).toBe(earned / 100);
  const [session] = records(env, 'Till Sessions');
  expect([session['Credit sales'], session['Credit payments']]).toEqual([10, 1]);
});

test.each([
  ['more than the balance', 1000, 1001, true, /has 10.00 of store credit, less than the 10.01 asked/],
  ['without a customer', 1000, 500, false, /Store credit needs a customer/],
])(
  'store credit %s is refused with a clear message, and nothing is written',
  (_n, credit, amount, withId, message) => {
    const { env, platform, ana } = withCustomer(credit);
    const before = ['Orders', 'Payments', 'Loyalty', 'Customers', 'Movements'].map((t) => rows(env, t));
    const result = asResult(() =>
      recordSale(platform, {
        key: 's3',
        till: 'Till 1',
        lines: [{ sku: MUG.sku, qty: 1 }],
        payments: [
          { method: 'credit', amount },
          { method: 'card', amount: MUG.price - amount },
        ],
        customerId: withId ? ana.customerId : undefined,
      }),
    );
    expect(result).toEqual({
      ok: false,
      problem: { code: 'credit-refused', message: expect.stringMatching(message) },
    });
    expect(['Orders', 'Payments', 'Loyalty', 'Customers', 'Movements'].map((t) => rows(env, t))).toEqual(
      before,
    );
  },
);

test('a customer made at the till who later buys online is the same customer, and earns on the web order once', () => {
  const { env, platform, ana } = withCustomer();
  const order = webOrder('901', 'paid', [productLine('ACC-MUG-W', 1, 1210)], {
    customer: { externalId: '55', email: ' ANA@example.com', name: 'Ana G', phone: '' },
  });
  importOrders(platform, 'shop.example.com', { orders: [order], problems: [] });
  const customers = records(env, 'Customers');
  expect(customers).toHaveLength(1);
  expect(customers[0]['Shop IDs']).toBe('shop.example.com:55');
  const web = records(env, 'Orders').find((o) => o.Channel === 'Web');
  expect(web?.['Customer ID']).toBe(ana.customerId);
  expect(records(env, 'Loyalty').map((e) => [e['Customer ID'], e.Amount, e.Kind, e.Key])).toEqual([
    [ana.customerId, 0.5, 'earn', 'shop.example.com:901:earn'], // 5 % of 10.00 net
  ]);
  // Re-importing, and the order moving on to fulfilled, never earns twice.
  importOrders(nextExecution(env.shared).platform, 'shop.example.com', { orders: [order], problems: [] });
  importOrders(nextExecution(env.shared).platform, 'shop.example.com', {
    orders: [{ ...order, status: 'fulfilled' }],
    problems: [],
  });
  expect(records(env, 'Loyalty')).toHaveLength(1);
  expect(balanceOf(env, ana.customerId)).toBe(0.5);
});

test('Loyalty on web orders FALSE: web orders earn nothing', () => {
  const { env, platform } = tillLedger({ open: false, settings: { 'Loyalty on web orders': false } });
  importOrders(platform, 'shop.example.com', {
    orders: [webOrder('1', 'paid', [productLine('ACC-MUG-W', 1, 1210)])],
    problems: [],
  });
  expect(records(env, 'Customers')).toHaveLength(1);
  expect(records(env, 'Loyalty')).toHaveLength(0);
});

test('a sale with a customer and credit costs the same service calls with 10 or 10,000 loyalty entries before it', () => {
  const counts = [10, 10_000].map((n) => {
    const setup = withCustomer(5000);
    const when = new Date(Date.UTC(2026, 0, 1));
    const entries = Array.from({ length: n }, (_, i) => [
      `X-${i}`,
      when,
      'C-999999',
      1,
      'adjust',
      '',
      '',
      `x${i}`,
    ]);
    setup.env.meter.uncounted(() => {
      setup.platform.workbook.write('Loyalty', 3, 1, entries);
      for (const t of ['Orders', 'Order Lines', 'Payments', 'Movements', 'Loyalty']) {
        const sheet = setup.env.spreadsheet.getSheetByName(t);
        sheet?.insertRowsAfter(sheet.getMaxRows(), 100);
      }
    });
    const run = nextExecution(setup.env.shared);
    recordSale(run.platform, {
      key: `s${n}`,
      till: 'Till 1',
      lines: [{ sku: MUG.sku, qty: 1 }],
      payments: [{ method: 'credit', amount: MUG.price }],
      customerId: setup.ana.customerId,
    });
    return run.env.meter.snapshot();
  });
  expect(counts[1].byMethod).toEqual(counts[0].byMethod);
  expect(counts[1].cellsRead).toBe(counts[0].cellsRead);
  expect(counts[0].byMethod['SpreadsheetApp.flush']).toBe(1);
});
