/** A web refund imported from the shop takes back the credit its order earned, through loyaltyOnReturn, once per refund. */
import { checkLedger } from '../../../src/app/check-ledger';
import { importOrders } from '../../../src/app/sync/import-orders';
import { MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';
import { productLine, webOrder } from '../../helpers/web-orders';

type Env = ReturnType<typeof tillLedger>['env'];
const records = (env: Env, tab: string) =>
  env.meter.uncounted(() => {
    const [header, ...data] = env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues() ?? [];
    return data.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
  });
const cents = (v: unknown) => Math.round(Number(v) * 100);

test('a refund of half a web order takes back half its earned credit; re-importing it takes nothing more', () => {
  const { env, platform } = tillLedger();
  const lines = [productLine(MUG.sku, 2, 1200, 21, 'l1')];
  importOrders(platform, 'shop', { orders: [webOrder('900', 'fulfilled', lines)], problems: [] });
  const [earn] = records(env, 'Loyalty');
  expect(earn).toMatchObject({ Kind: 'earn', 'Order ID': 'O-000001' });
  const earned = cents(earn.Amount);
  expect(earned).toBeGreaterThan(0);

  const refunded = webOrder('900', 'partially refunded', lines, {
    refunds: [
      {
        refundId: '901',
        created: Date.UTC(2026, 10, 22),
        amount: 1200,
        reason: 'too big',
        lines: [{ externalLineId: 'l1', sku: MUG.sku, qty: 1, amount: 1200, restock: true }],
      },
    ],
  });
  importOrders(nextExecution(env.shared).platform, 'shop', { orders: [refunded], problems: [] });
  importOrders(nextExecution(env.shared).platform, 'shop', { orders: [refunded], problems: [] });

  // In proportion to the net refunded (one mug of two, its VAT rounded by the shop).
  const [sale, ret] = records(env, 'Orders');
  const due = Math.round((earned * -cents(ret.Net)) / cents(sale.Net));
  expect(Math.abs(due - earned / 2)).toBeLessThanOrEqual(1);
  const reverse = records(env, 'Loyalty').filter((e) => e.Kind === 'reverse');
  expect(reverse).toEqual([
    expect.objectContaining({
      'Order ID': 'O-000001',
      Amount: -due / 100,
      Key: 'shop:900-R901:reverse-earn',
    }),
  ]);
  const [ana] = records(env, 'Customers');
  expect(cents(ana['Loyalty balance'])).toBe(earned - due);
  expect(checkLedger(platform.workbook).problems).toEqual([]);
});

test('an order imported already refunded earns, then the refund takes it back, in one import', () => {
  const { env, platform } = tillLedger();
  const lines = [productLine(MUG.sku, 1, 1200, 21, 'l1')];
  const order = webOrder('910', 'refunded', lines, {
    refunds: [
      {
        refundId: '911',
        created: Date.UTC(2026, 10, 22),
        amount: 1200,
        reason: '',
        lines: [{ externalLineId: 'l1', sku: MUG.sku, qty: 1, amount: 1200, restock: false }],
      },
    ],
  });
  importOrders(platform, 'shop', { orders: [order], problems: [] });
  const entries = records(env, 'Loyalty');
  expect(entries.map((e) => e.Kind)).toEqual(['earn', 'reverse']);
  expect(cents(entries[0].Amount) + cents(entries[1].Amount)).toBe(0);
  expect(cents(records(env, 'Customers')[0]['Loyalty balance'])).toBe(0);
});
