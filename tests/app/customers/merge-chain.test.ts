/**
 * A merged customer may be merged again (A into B, then B into C): everything that reaches A —
 * a web order with A's email, a till sale on A, creating A again — ends at C, who can spend it.
 */
import { mergeCustomers } from '../../../src/app/customers/merge';
import { loadContext } from '../../../src/app/ledger-context';
import { postLoyalty } from '../../../src/app/loyalty/post-entries';
import { creditOnSale } from '../../../src/app/loyalty/till-credit';
import { recordReturn } from '../../../src/app/returns/record-return';
import { importOrders } from '../../../src/app/sync/import-orders';
import { createCustomer, findCustomers } from '../../../src/app/till/customers';
import { recordSale } from '../../../src/app/till/record-sale';
import { cashSale, MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';
import { productLine, webOrder } from '../../helpers/web-orders';

type Env = ReturnType<typeof tillLedger>['env'];
const records = (env: Env, tab: string) =>
  env.meter.uncounted(() => {
    const [header, ...data] = env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues() ?? [];
    return data.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
  });
/** The Customers cache; blank (never touched) reads as 0. */
const balanceOf = (env: Env, id: string) =>
  Number(records(env, 'Customers').find((c) => c['Customer ID'] === id)?.['Loyalty balance'] || 0);

/** A merged into B, then B merged into C. */
function chain() {
  const s = tillLedger();
  const a = createCustomer(s.platform, { key: 'ca', name: 'Ana', email: 'ana@example.com' });
  const b = createCustomer(s.platform, { key: 'cb', name: 'Ana G', email: 'ana.g@example.com' });
  const c = createCustomer(s.platform, { key: 'cc', name: 'Ana García', email: 'ana.garcia@example.com' });
  mergeCustomers(s.platform, { from: a.customerId, into: b.customerId });
  mergeCustomers(s.platform, { from: b.customerId, into: c.customerId });
  return { ...s, a, b, c };
}

test('a web order with the oldest duplicate’s email goes to the end of the chain, who earns on it', () => {
  const { env, platform, a, b, c } = chain();
  importOrders(platform, 'shop.example.com', {
    orders: [
      webOrder('1', 'paid', [productLine('ACC-MUG-W', 1, 1210)], {
        customer: { externalId: '7', email: 'ana@example.com', name: 'Ana', phone: '' },
      }),
    ],
    problems: [],
  });
  expect(records(env, 'Orders').at(-1)?.['Customer ID']).toBe(c.customerId);
  expect(balanceOf(env, c.customerId)).toBe(0.5);
  expect([balanceOf(env, a.customerId), balanceOf(env, b.customerId)]).toEqual([0, 0]);
});

test('a till sale on a merged customer earns for the survivor, and the receipt shows the survivor’s balance', () => {
  const { env, platform, a, c } = chain();
  const receipt = recordSale(platform, {
    ...cashSale('s1', [{ sku: MUG.sku, qty: 2 }], 2 * MUG.price),
    customerId: a.customerId,
  });
  const earned = Math.floor(receipt.net * 0.05);
  expect(earned).toBeGreaterThan(0);
  expect(records(env, 'Loyalty').filter((e) => e.Kind === 'earn')).toEqual([
    expect.objectContaining({ 'Customer ID': c.customerId, Amount: earned / 100, Key: 's1:earn' }),
  ]);
  expect(receipt.loyalty).toEqual({ redeemed: 0, earned, balance: earned });
  expect(balanceOf(env, c.customerId)).toBe(earned / 100);
  expect(balanceOf(env, a.customerId)).toBe(0);
});

test('creditOnSale on a customer merged once also earns for the survivor', () => {
  const s = tillLedger();
  const a = createCustomer(s.platform, { key: 'ca', name: 'Ana', email: 'ana@example.com' });
  const b = createCustomer(s.platform, { key: 'cb', name: 'Ana G', email: 'ana.g@example.com' });
  mergeCustomers(s.platform, { from: a.customerId, into: b.customerId });
  const run = nextExecution(s.env.shared).platform;
  const got = creditOnSale(
    run,
    loadContext(run.workbook),
    { customerId: a.customerId, orderId: 'O-1', key: 'k', net: 10000, total: 12100, credit: 0 },
    Date.UTC(2026, 0, 1),
  );
  expect(got).toEqual({ redeemed: 0, earned: 500, balance: 500 });
  expect(records(s.env, 'Loyalty').map((e) => e['Customer ID'])).toEqual([b.customerId]);
});

test('creating a merged customer again — its key retried, or its email — gives the survivor', () => {
  const { env, platform, a, b, c } = chain();
  const before = records(env, 'Customers');
  expect(createCustomer(platform, { key: 'ca', name: 'Ana', email: 'ana@example.com' }).customerId).toBe(
    c.customerId,
  );
  expect(createCustomer(platform, { key: 'new', name: 'Ana', email: 'ANA.G@example.com' }).customerId).toBe(
    c.customerId,
  );
  expect(records(env, 'Customers')).toEqual(before);
  // Found by any of the three emails, the till works on the survivor.
  for (const email of ['ana@example.com', 'ana.g@example.com', 'ana.garcia@example.com']) {
    expect(findCustomers(platform.workbook, email).map((x) => x.customerId)).toEqual([c.customerId]);
  }
  expect([a.customerId, b.customerId]).not.toContain(c.customerId);
});

test('a hand-made cycle in Merged into does not hang the import or the till', () => {
  const { env, platform, a, c } = chain();
  // Someone types C's Merged into by hand: A → B → C → A.
  env.meter.uncounted(() => {
    const sheet = env.spreadsheet.getSheetByName('Customers');
    const values = sheet?.getDataRange().getValues() ?? [];
    const col = values[0].indexOf('Merged into');
    sheet?.getRange(4, col + 1).setValue(a.customerId);
  });
  expect(findCustomers(platform.workbook, 'ana@example.com')).toHaveLength(1);
  importOrders(platform, 'shop.example.com', {
    orders: [
      webOrder('1', 'paid', [productLine('ACC-MUG-W', 1, 1210)], {
        customer: { externalId: '7', email: 'ana@example.com', name: 'Ana', phone: '' },
      }),
    ],
    problems: [],
  });
  // The chain is followed until it would come round again.
  expect(records(env, 'Orders').at(-1)?.['Customer ID']).toBe(c.customerId);
});

test('a return of a sale made before two merges takes the earned credit back from the end of the chain', () => {
  const s = tillLedger();
  const a = createCustomer(s.platform, { key: 'ca', name: 'Ana', email: 'ana@example.com' });
  const b = createCustomer(s.platform, { key: 'cb', name: 'Ana G', email: 'ana.g@example.com' });
  const c = createCustomer(s.platform, { key: 'cc', name: 'Ana García', email: 'ana.garcia@example.com' });
  const sale = recordSale(s.platform, {
    ...cashSale('s1', [{ sku: MUG.sku, qty: 2 }], 2 * MUG.price),
    customerId: a.customerId,
  });
  const earned = sale.loyalty?.earned ?? 0;
  expect(earned).toBeGreaterThan(0);
  mergeCustomers(s.platform, { from: a.customerId, into: b.customerId });
  mergeCustomers(s.platform, { from: b.customerId, into: c.customerId });
  expect(balanceOf(s.env, c.customerId)).toBe(earned / 100);
  // C's own credit besides, so the balance after the return is not 0 whoever holds it.
  postLoyalty(
    s.platform,
    loadContext(s.platform.workbook),
    [{ customerId: c.customerId, amount: 500, kind: 'adjust', orderId: '', expires: null, key: 'gift' }],
    Date.UTC(2026, 0, 1),
  );
  const draft = {
    key: 'r1',
    order: sale.orderId,
    till: 'Till 1',
    lines: [{ sku: MUG.sku, qty: 2, disposition: 'restock' as const }],
    refund: 'cash' as const,
  };
  const first = recordReturn(s.platform, draft);
  const reversed = records(s.env, 'Loyalty').filter((e) => String(e.Key).startsWith('r1:'));
  expect(reversed.map((e) => e['Customer ID'])).toEqual([c.customerId]);
  expect([a, b, c].map((x) => balanceOf(s.env, x.customerId))).toEqual([0, 0, 5]);
  expect(first.loyalty?.balance).toBe(500);
  // Its replay shows the same holder's balance.
  expect(recordReturn(nextExecution(s.env.shared).platform, draft).loyalty).toEqual(first.loyalty);
});
