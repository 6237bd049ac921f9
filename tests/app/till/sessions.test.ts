import { createCustomer, findCustomers } from '../../../src/app/till/customers';
import { asResult } from '../../../src/app/till/problems';
import { recordSale } from '../../../src/app/till/record-sale';
import { cashMove, closeTill, openTill } from '../../../src/app/till/sessions';
import { tillRefresh, tillState } from '../../../src/app/till/till-state';
import { cashSale, MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';

test('a session: float, sales in cash and card, cash in and out, then the Z report at close', () => {
  const { env, platform } = tillLedger({ open: false });
  const opened = openTill(platform, { key: 'o1', till: 'Till 1', float: 15000 });
  expect(opened).toMatchObject({
    sessionId: 'TS-000001',
    openingFloat: 15000,
    expectedCash: 15000,
    salesCount: 0,
  });
  recordSale(platform, cashSale('s1', [{ sku: MUG.sku, qty: 1 }], MUG.price, 2000));
  recordSale(platform, {
    key: 's2',
    till: 'Till 1',
    lines: [{ sku: MUG.sku, qty: 2 }],
    payments: [{ method: 'card', amount: 2 * MUG.price }],
  });
  cashMove(platform, { key: 'c1', till: 'Till 1', kind: 'in', amount: 5000, reason: 'change from the bank' });
  cashMove(platform, { key: 'c2', till: 'Till 1', kind: 'out', amount: 3000, reason: 'bank deposit' });
  const z = closeTill(platform, { key: 'z1', till: 'Till 1', counted: 18100 });
  expect(z).toMatchObject({
    sessionId: 'TS-000001',
    openingFloat: 15000,
    salesCount: 2,
    salesTotal: 3 * MUG.price,
    cashIn: 5000,
    cashOut: 3000,
    expectedCash: 15000 + MUG.price + 5000 - 3000,
    countedCash: 18100,
    difference: 18100 - (15000 + MUG.price + 5000 - 3000),
  });
  expect(z.byMethod).toEqual([
    { method: 'cash', count: 1, amount: MUG.price, refunded: 0 },
    { method: 'card', count: 1, amount: 2 * MUG.price, refunded: 0 },
  ]);
  const sheet = env.spreadsheet.getSheetByName('Till Sessions');
  const [row] = sheet?.getDataRange().getValues().slice(1) ?? [];
  expect(row[4]).toBeInstanceOf(Date); // Closed
  expect(row.slice(5, 8)).toEqual([z.expectedCash / 100, 181, z.difference / 100]);
  expect(env.spreadsheet.getSheetByName('Till Cash')?.getLastRow()).toBe(3);
});

test('only one open session per till; a retried open or close changes nothing', () => {
  const { platform } = tillLedger({ open: false });
  const first = openTill(platform, { key: 'o1', till: 'Till 1', float: 100 });
  expect(openTill(platform, { key: 'o1', till: 'Till 1', float: 100 })).toEqual(first);
  expect(asResult(() => openTill(platform, { key: 'o2', till: 'Till 1', float: 100 }))).toEqual({
    ok: false,
    problem: expect.objectContaining({
      code: 'session-open',
      message: expect.stringMatching(/Till 1 is already open/),
    }),
  });
  expect(openTill(platform, { key: 'o3', till: 'Till 2', float: 0 }).sessionId).toBe('TS-000002');
  const z = closeTill(platform, { key: 'z1', till: 'Till 1', counted: 100 });
  expect(closeTill(platform, { key: 'z1', till: 'Till 1', counted: 100 })).toEqual(z);
  expect(asResult(() => closeTill(platform, { key: 'z2', till: 'Till 1', counted: 100 }))).toEqual({
    ok: false,
    problem: expect.objectContaining({ code: 'no-session' }),
  });
});

test('cash out is refused beyond what the drawer should hold; a retried cash move counts once', () => {
  const { platform } = tillLedger();
  expect(
    asResult(() => cashMove(platform, { key: 'c1', till: 'Till 1', kind: 'out', amount: 10001, reason: '' })),
  ).toMatchObject({
    ok: false,
    problem: { code: 'bad-input' },
  });
  cashMove(platform, { key: 'c2', till: 'Till 1', kind: 'in', amount: 500, reason: '' });
  const again = cashMove(platform, { key: 'c2', till: 'Till 1', kind: 'in', amount: 500, reason: '' });
  expect(again.expectedCash).toBe(10500);
});

test('customers are created once per key and per email, and found by email, phone, card or name', () => {
  const { platform, env } = tillLedger();
  const ana = createCustomer(platform, {
    key: 'n1',
    name: 'Ana García',
    email: ' Ana@Example.com ',
    phone: '+34 600 111 222',
  });
  expect(ana).toMatchObject({ customerId: 'C-000001', email: 'ana@example.com' });
  expect(createCustomer(platform, { key: 'n1', name: 'Ana García', email: 'ana@example.com' })).toEqual(ana);
  expect(createCustomer(platform, { key: 'n2', name: 'Ana G.', email: 'ANA@example.com' })).toEqual(ana);
  const wb = nextExecution(env.shared).platform.workbook;
  expect(findCustomers(wb, 'ana@example.com')).toEqual([ana]);
  expect(findCustomers(wb, '600111222')).toEqual([ana]);
  expect(findCustomers(wb, 'garcía')).toEqual([ana]);
  expect(findCustomers(wb, 'zz')).toEqual([]);
  // An email that is not an address is kept as typed, with a warning for the till to show.
  expect(
    asResult(() => createCustomer(platform, { key: 'n3', name: 'Bo', email: 'not-an-email' })),
  ).toMatchObject({
    ok: true,
    value: {
      email: 'not-an-email',
      warnings: [expect.stringMatching(/"not-an-email" does not look like an address/)],
    },
  });
  // A sale with the customer carries the Customer ID onto the order.
  const receipt = recordSale(platform, {
    ...cashSale('s1', [{ sku: MUG.sku, qty: 1 }], MUG.price),
    customerId: ana.customerId,
  });
  expect(receipt.customer).toEqual({ customerId: 'C-000001', name: 'Ana García' });
  // A retried sale gets the same receipt, customer name included.
  const replayed = recordSale(platform, {
    ...cashSale('s1', [{ sku: MUG.sku, qty: 1 }], MUG.price),
    customerId: ana.customerId,
  });
  expect(replayed).toMatchObject({
    replayed: true,
    customer: { customerId: 'C-000001', name: 'Ana García' },
  });
  expect(
    asResult(() =>
      recordSale(platform, { ...cashSale('s2', [{ sku: MUG.sku, qty: 1 }], MUG.price), customerId: 'C-999' }),
    ),
  ).toMatchObject({
    ok: false,
    problem: { code: 'unknown-customer' },
  });
});

test('the till state carries the catalogue with stock at the store, the session, and plain data only', () => {
  const { platform } = tillLedger();
  const state = tillState(platform, 'Till 1');
  expect(state).toMatchObject({
    till: 'Till 1',
    location: 'Store',
    lang: 'en',
    currency: 'EUR',
    exponent: 2,
    oversellPolicy: 'refuse',
  });
  expect(state.products).toHaveLength(30);
  expect(state.products.find((p) => p.sku === MUG.sku)).toMatchObject({
    price: 1200,
    available: 12,
    low: false,
  });
  expect(state.session?.sessionId).toBe('TS-000001');
  expect(JSON.parse(JSON.stringify(state))).toEqual(state); // nothing but plain data crosses google.script.run
  recordSale(platform, cashSale('s1', [{ sku: MUG.sku, qty: 8 }], 8 * MUG.price));
  const refresh = tillRefresh(platform, 'Till 1');
  expect(refresh.products.find((s) => s.sku === MUG.sku)).toMatchObject({
    sku: MUG.sku,
    available: 4,
    low: true,
  });
});

test('a Spanish spreadsheet gets the till in Spanish', () => {
  const { platform } = tillLedger();
  const es = {
    ...platform,
    workbook: Object.assign(Object.create(platform.workbook), { locale: () => 'es_ES' }),
  };
  expect(tillState(es, 'Till 1').lang).toBe('es');
});
