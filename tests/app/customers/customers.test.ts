import { checkLedger } from '../../../src/app/check-ledger';
import { customerCard } from '../../../src/app/customers/customer-card';
import { exportCustomer } from '../../../src/app/customers/export';
import { FORGOTTEN_NAME, forgetCustomer } from '../../../src/app/customers/forget';
import { mergeCustomers } from '../../../src/app/customers/merge';
import { loadContext } from '../../../src/app/ledger-context';
import { postLoyalty } from '../../../src/app/loyalty/post-entries';
import { importOrders } from '../../../src/app/sync/import-orders';
import { createCustomer, findCustomers } from '../../../src/app/till/customers';
import { recordSale } from '../../../src/app/till/record-sale';
import { tillApi } from '../../../src/app/till/till-api';
import { cashSale, MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';
import { productLine, webOrder } from '../../helpers/web-orders';

type Env = ReturnType<typeof tillLedger>['env'];
const records = (env: Env, tab: string) =>
  env.meter.uncounted(() => {
    const [header, ...data] = env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues() ?? [];
    return data.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
  });
const customerRow = (env: Env, id: string) => records(env, 'Customers').find((c) => c['Customer ID'] === id);
const SHOP = 'shop.example.com';

function twoCustomers() {
  const s = tillLedger({ settings: { Country: 'ES' } }); // phones typed without +34 are Spanish
  const ana = createCustomer(s.platform, {
    key: 'c1',
    name: 'Ana',
    email: 'ana@example.com',
    phone: '600 111 222',
  });
  const dup = createCustomer(s.platform, { key: 'c2', name: 'Ana G', email: 'ana.g@example.com' });
  const ctx = loadContext(s.platform.workbook);
  postLoyalty(
    s.platform,
    ctx,
    [
      { customerId: ana.customerId, amount: 100, kind: 'adjust', orderId: '', expires: null, key: 'a1' },
      {
        customerId: dup.customerId,
        amount: 300,
        kind: 'earn',
        orderId: 'O-9',
        expires: Date.UTC(2027, 0, 1),
        key: 'd1',
      },
      { customerId: dup.customerId, amount: 200, kind: 'earn', orderId: 'O-8', expires: null, key: 'd2' },
    ],
    Date.UTC(2026, 0, 1),
  );
  return { ...s, ana, dup };
}

describe('merge', () => {
  test('the survivor gets the credit, lot by lot with its expiry, and the shop ids; the duplicate keeps Merged into', () => {
    const { env, platform, ana, dup } = twoCustomers();
    importOrders(platform, SHOP, {
      orders: [
        webOrder('1', 'pending', [productLine('ACC-MUG-W', 1, 1210)], {
          customer: { externalId: '77', email: 'ana.g@example.com', name: 'Ana G', phone: '' },
        }),
      ],
      problems: [],
    });
    const result = mergeCustomers(platform, { from: dup.customerId, into: ana.customerId });
    expect(result).toEqual({
      from: dup.customerId,
      into: ana.customerId,
      moved: 500,
      balance: 600,
      merged: true,
    });
    expect(customerRow(env, dup.customerId)).toMatchObject({
      'Merged into': ana.customerId,
      'Loyalty balance': 0,
      Name: 'Ana G',
    });
    expect(customerRow(env, ana.customerId)).toMatchObject({
      'Loyalty balance': 6,
      'Shop IDs': `${SHOP}:77`,
    });
    const moves = records(env, 'Loyalty').filter((e) => String(e.Key).startsWith('merge:'));
    expect(moves.map((e) => [e['Customer ID'], e.Amount, e.Kind, e.Expires])).toEqual([
      [dup.customerId, -3, 'adjust', ''],
      [ana.customerId, 3, 'adjust', new Date(Date.UTC(2027, 0, 1))],
      [dup.customerId, -2, 'adjust', ''],
      [ana.customerId, 2, 'adjust', ''],
    ]);
    // The duplicate's orders keep their Customer ID; nothing is deleted.
    expect(records(env, 'Orders')[0]['Customer ID']).toBe(dup.customerId);
    expect(records(env, 'Customers')).toHaveLength(2);
    // Merging again changes nothing.
    expect(mergeCustomers(platform, { from: dup.customerId, into: ana.customerId }).merged).toBe(false);
    expect(records(env, 'Loyalty')).toHaveLength(7);
    // The duplicate's email, online or at the till, now finds the survivor, who earns.
    importOrders(nextExecution(env.shared).platform, SHOP, {
      orders: [
        webOrder('2', 'paid', [productLine('ACC-MUG-W', 1, 1210)], {
          customer: { externalId: '77', email: 'ana.g@example.com', name: 'Ana G', phone: '' },
        }),
      ],
      problems: [],
    });
    expect(records(env, 'Orders').at(-1)?.['Customer ID']).toBe(ana.customerId);
    expect(customerRow(env, ana.customerId)?.['Loyalty balance']).toBe(6.5);
    expect(findCustomers(platform.workbook, 'ana.g@example.com').map((c) => c.customerId)).toEqual([
      ana.customerId,
    ]);
    expect(checkLedger(platform.workbook).problems).toEqual([]);
  });

  test.each([
    ['into itself', (a: string, _d: string) => ({ from: a, into: a }), /cannot be merged into itself/],
    ['an unknown customer', (a: string) => ({ from: 'C-404', into: a }), /No customer with ID C-404/],
  ])('merging %s is refused', (_n, input, message) => {
    const { env, platform, ana, dup } = twoCustomers();
    const before = records(env, 'Customers');
    expect(() => mergeCustomers(platform, input(ana.customerId, dup.customerId))).toThrow(message);
    expect(records(env, 'Customers')).toEqual(before);
  });

  test('merging into a customer merged already, or merging a merged one elsewhere, is refused', () => {
    const { platform, ana, dup } = twoCustomers();
    const third = createCustomer(platform, { key: 'c3', name: 'Bo', email: 'bo@example.com' });
    mergeCustomers(platform, { from: dup.customerId, into: ana.customerId });
    expect(() => mergeCustomers(platform, { from: third.customerId, into: dup.customerId })).toThrow(
      `${dup.customerId} was merged into ${ana.customerId} already: merge ${third.customerId} into ${ana.customerId} instead.`,
    );
    expect(() => mergeCustomers(platform, { from: dup.customerId, into: third.customerId })).toThrow(
      /was merged into C-000001 already: it cannot be merged again/,
    );
  });
});

test('the customer card shows purchases in both channels, newest first, with the credit', () => {
  const { env, platform, ana, dup } = twoCustomers();
  const sale = recordSale(platform, {
    ...cashSale('s1', [{ sku: MUG.sku, qty: 1 }], MUG.price),
    customerId: ana.customerId,
  });
  importOrders(platform, SHOP, {
    orders: [
      webOrder('5', 'paid', [productLine('ACC-MUG-W', 2, 1210)], {
        customer: { externalId: '', email: 'ANA.G@example.com', name: 'x', phone: '' },
      }),
    ],
    problems: [],
  });
  mergeCustomers(platform, { from: dup.customerId, into: ana.customerId });
  const card = customerCard(nextExecution(env.shared).platform.workbook, ana.customerId);
  expect(card).toMatchObject({
    customerId: ana.customerId,
    name: 'Ana',
    phone: '+34600111222',
    ordersCount: 2,
    mergedFrom: [dup.customerId],
  });
  expect(card.history.map((h) => [h.channel, h.total])).toEqual(
    expect.arrayContaining([
      ['Store', sale.total],
      ['Web', 2420],
    ]),
  );
  expect(card.history.map((h) => h.created)).toEqual(
    [...card.history.map((h) => h.created)].sort().reverse(),
  );
  expect(card.balance).toBe(Math.round(Number(customerRow(env, ana.customerId)?.['Loyalty balance']) * 100));
  expect(JSON.parse(JSON.stringify(card))).toEqual(card); // plain data only: it crosses google.script.run
});

test('the customer card costs the same service calls with 10 or 10,000 other orders', () => {
  const counts = [10, 10_000].map((n) => {
    const s = tillLedger();
    const ana = createCustomer(s.platform, { key: 'c1', name: 'Ana', email: 'ana@example.com' });
    const when = new Date(Date.UTC(2026, 0, 1));
    const orders = Array.from({ length: n }, (_, i) => [
      `O-${i + 1}`,
      'sale',
      'Web',
      'shop',
      `${i}`,
      `#${i}`,
      'paid',
      when,
      i % 1000 === 0 ? ana.customerId : 'C-999',
      1,
      0.21,
      1.21,
      'EUR',
      '',
      '',
      `k${i}`,
      '',
    ]);
    s.env.meter.uncounted(() => s.platform.workbook.write('Orders', 2, 1, orders));
    const run = nextExecution(s.env.shared);
    customerCard(run.platform.workbook, ana.customerId);
    return run.env.meter.snapshot();
  });
  // The customer has 1 order among 10 and 10 among 10,000: at most one read per order shown.
  expect(counts[1].byMethod['Range.getValues']).toBeLessThanOrEqual(
    (counts[0].byMethod['Range.getValues'] ?? 0) + 9,
  );
  expect(counts[1].cellsRead).toBeLessThan(2_000);
});

test('export holds everything about the customer: the row, orders with lines and payments, loyalty, invoices', () => {
  const { platform, ana } = twoCustomers();
  const sale = recordSale(platform, {
    ...cashSale('s1', [{ sku: MUG.sku, qty: 1 }], MUG.price),
    customerId: ana.customerId,
  });
  const data = exportCustomer(platform.workbook, ana.customerId, Date.UTC(2026, 10, 27));
  expect(data.customer).toMatchObject({ 'Customer ID': ana.customerId, Email: 'ana@example.com' });
  expect(data.orders).toHaveLength(1);
  expect(data.orders[0].order).toMatchObject({ 'Order ID': sale.orderId, 'Invoice No': sale.invoiceNo });
  expect(data.orders[0].lines).toEqual([expect.objectContaining({ SKU: MUG.sku, Qty: 1 })]);
  expect(data.orders[0].payments).toEqual([expect.objectContaining({ Method: 'cash' })]);
  expect(data.loyalty.map((e) => e.Kind)).toEqual(['adjust', 'earn']);
  expect(data.invoices).toEqual([
    expect.objectContaining({ 'Invoice No': sale.invoiceNo, 'Customer ID': ana.customerId }),
  ]);
  expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  expect(() => exportCustomer(platform.workbook, 'C-404', 0)).toThrow(/No customer with ID C-404/);
});

test('forget blanks the personal fields, keeps the row, credit, orders and invoices, and is idempotent', () => {
  const { env, platform, ana } = twoCustomers();
  recordSale(platform, {
    ...cashSale('s1', [{ sku: MUG.sku, qty: 1 }], MUG.price),
    customerId: ana.customerId,
  });
  const invoices = records(env, 'Invoices');
  const balance = customerRow(env, ana.customerId)?.['Loyalty balance'];
  expect(forgetCustomer(platform, ana.customerId)).toEqual({ customerId: ana.customerId, changed: true });
  expect(customerRow(env, ana.customerId)).toMatchObject({
    Name: FORGOTTEN_NAME,
    Email: '',
    Phone: '',
    'Loyalty card': '',
    Consent: '',
    'Shop IDs': '',
    Key: `forgotten:${ana.customerId}`,
    'Loyalty balance': balance,
  });
  expect(records(env, 'Invoices')).toEqual(invoices);
  expect(records(env, 'Orders')[0]['Customer ID']).toBe(ana.customerId);
  expect(forgetCustomer(platform, ana.customerId).changed).toBe(false);
  expect(findCustomers(platform.workbook, 'ana@example.com')).toEqual([]);
  expect(checkLedger(platform.workbook).problems).toEqual([]);
});

test('the till API answers the card and the merge as plain results; refusals are { ok: false } with the message', () => {
  const { platform, ana, dup } = twoCustomers();
  const api = tillApi(() => platform as never);
  const card = api.customerCard(ana.customerId);
  expect(card).toMatchObject({ ok: true, value: { customerId: ana.customerId, balance: 100 } });
  expect(api.customerCard('C-404')).toEqual({
    ok: false,
    problem: { code: 'unknown-customer', message: 'No customer with ID C-404 in the Customers tab.' },
  });
  expect(api.mergeCustomers({ from: ana.customerId, into: ana.customerId })).toMatchObject({
    ok: false,
    problem: { code: 'bad-input', message: expect.stringMatching(/into itself/) },
  });
  expect(api.mergeCustomers({ from: dup.customerId, into: ana.customerId })).toEqual({
    ok: true,
    value: { from: dup.customerId, into: ana.customerId, moved: 500, balance: 600, merged: true },
  });
  expect(api.findCustomers(ana.email)).toMatchObject({
    ok: true,
    value: [{ customerId: ana.customerId, balance: 600 }],
  });
});
