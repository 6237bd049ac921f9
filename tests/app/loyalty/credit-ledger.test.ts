import { checkLedger } from '../../../src/app/check-ledger';
import { loadContext } from '../../../src/app/ledger-context';
import { expireCredit } from '../../../src/app/loyalty/expire';
import { loyaltyOnReturn } from '../../../src/app/loyalty/on-return';
import { postLoyalty } from '../../../src/app/loyalty/post-entries';
import { rebuildLoyalty } from '../../../src/app/loyalty/rebuild';
import { createCustomer } from '../../../src/app/till/customers';
import { recordSale } from '../../../src/app/till/record-sale';
import { MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';

type Env = ReturnType<typeof tillLedger>['env'];
const records = (env: Env, tab: string) =>
  env.meter.uncounted(() => {
    const [header, ...data] = env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues() ?? [];
    return data.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
  });
const balanceOf = (env: Env, id: string) =>
  records(env, 'Customers').find((c) => c['Customer ID'] === id)?.['Loyalty balance'];

function setup(settings: Record<string, string | number | boolean> = {}) {
  const s = tillLedger({ settings });
  const ana = createCustomer(s.platform, { key: 'c1', name: 'Ana', email: 'ana@example.com' });
  return { ...s, ana };
}

describe('loyaltyOnReturn (for the returns use case)', () => {
  /** A sale of 4 mugs: 10.00 paid in credit, the rest in card; it earns on the card part. */
  function soldWithCredit() {
    const s = setup();
    const ctx = loadContext(s.platform.workbook);
    postLoyalty(
      s.platform,
      ctx,
      [
        {
          customerId: s.ana.customerId,
          amount: 1000,
          kind: 'adjust',
          orderId: '',
          expires: null,
          key: 'gift',
        },
      ],
      Date.UTC(2026, 0, 1),
    );
    const receipt = recordSale(s.platform, {
      key: 'sale-1',
      till: 'Till 1',
      lines: [{ sku: MUG.sku, qty: 4 }],
      payments: [
        { method: 'credit', amount: 1000 },
        { method: 'card', amount: 4 * MUG.price - 1000 },
      ],
      customerId: s.ana.customerId,
    });
    return { ...s, receipt, earned: receipt.loyalty?.earned ?? 0 };
  }

  test('half returned: half the earned credit is taken back, half the spent credit given back, plus a credit refund', () => {
    const { env, platform, ana, receipt, earned } = soldWithCredit();
    expect(earned).toBeGreaterThan(0);
    const ctx = loadContext(platform.workbook);
    const result = loyaltyOnReturn(platform, ctx, {
      customerId: ana.customerId,
      originalOrderId: receipt.orderId,
      returnOrderId: 'O-R1',
      returnedNet: receipt.net / 2,
      originalNet: receipt.net,
      creditRefund: 300,
      key: 'ret-1',
      time: Date.UTC(2026, 10, 28),
    });
    const reversed = Math.round(earned / 2);
    expect(result.creditGivenBack).toBe(500);
    expect(result.entries.map((e) => [e.kind, e.amount, e.orderId, e.key])).toEqual([
      ['reverse', 500, receipt.orderId, 'ret-1:give-back'],
      ['adjust', 300, 'O-R1', 'ret-1:refund-credit'],
      ['reverse', -reversed, receipt.orderId, 'ret-1:reverse-earn'],
    ]);
    expect(result.balance).toBe(earned + 500 + 300 - reversed);
    expect(balanceOf(env, ana.customerId)).toBe(result.balance / 100);
    // A retried return writes nothing more and says the same give-back.
    const again = loyaltyOnReturn(nextExecution(env.shared).platform, ctx, {
      customerId: ana.customerId,
      originalOrderId: receipt.orderId,
      returnOrderId: 'O-R1',
      returnedNet: receipt.net / 2,
      originalNet: receipt.net,
      creditRefund: 300,
      key: 'ret-1',
      time: Date.UTC(2026, 10, 28),
    });
    expect(again.entries).toEqual([]);
    expect(again.creditGivenBack).toBe(500);
    expect(records(env, 'Loyalty')).toHaveLength(6);
    // The rest returned later: never more than was earned or spent, over both returns.
    const rest = loyaltyOnReturn(platform, ctx, {
      customerId: ana.customerId,
      originalOrderId: receipt.orderId,
      returnOrderId: 'O-R2',
      returnedNet: receipt.net,
      originalNet: receipt.net,
      creditRefund: 0,
      key: 'ret-2',
      time: Date.UTC(2026, 10, 29),
    });
    expect(rest.creditGivenBack).toBe(500);
    const byKind = (k: string, sign: number) =>
      records(env, 'Loyalty')
        .filter((e) => e.Kind === k && Math.sign(e.Amount as number) === sign)
        .reduce((s, e) => s + Math.round((e.Amount as number) * 100), 0);
    expect(-byKind('reverse', -1)).toBe(earned);
    expect(byKind('reverse', 1)).toBe(1000);
    expect(checkLedger(platform.workbook).problems).toEqual([]);
  });

  test('a customer who spent the earned credit already is never taken below 0', () => {
    const { env, platform, ana, receipt, earned } = soldWithCredit();
    const ctx = loadContext(platform.workbook);
    postLoyalty(
      platform,
      ctx,
      [
        {
          customerId: ana.customerId,
          amount: -earned,
          kind: 'redeem',
          orderId: 'O-X',
          expires: null,
          key: 'spent',
        },
      ],
      Date.UTC(2026, 10, 27),
    );
    const result = loyaltyOnReturn(platform, ctx, {
      customerId: ana.customerId,
      originalOrderId: receipt.orderId,
      returnOrderId: 'O-R1',
      returnedNet: receipt.net,
      originalNet: receipt.net,
      creditRefund: 0,
      key: 'ret-1',
      time: Date.UTC(2026, 10, 28),
    });
    // All the spent credit comes back (10.00), and the earned credit is taken from it.
    expect(result.balance).toBe(1000 - earned);
    expect(balanceOf(env, ana.customerId)).toBe((1000 - earned) / 100);
  });

  test('no customer, or an unknown one: nothing is written', () => {
    const { env, platform } = setup();
    const ctx = loadContext(platform.workbook);
    const input = {
      originalOrderId: 'O-1',
      returnOrderId: 'O-2',
      returnedNet: 1,
      originalNet: 1,
      creditRefund: 0,
      key: 'r',
      time: 0,
    };
    expect(loyaltyOnReturn(platform, ctx, { ...input, customerId: '' }).entries).toEqual([]);
    expect(loyaltyOnReturn(platform, ctx, { ...input, customerId: 'C-404' }).entries).toEqual([]);
    expect(records(env, 'Loyalty')).toEqual([]);
  });
});

test('expiry at the tick takes what is left of each due lot, once, soonest expiry first for spending', () => {
  const { env, platform, ana } = setup({ 'Loyalty expiry months': 6 });
  const ctx = loadContext(platform.workbook);
  const jan = Date.UTC(2026, 0, 1);
  postLoyalty(
    platform,
    ctx,
    [
      {
        customerId: ana.customerId,
        amount: 500,
        kind: 'earn',
        orderId: 'O-1',
        expires: Date.UTC(2026, 5, 1),
        key: 'e1',
      },
      {
        customerId: ana.customerId,
        amount: 300,
        kind: 'earn',
        orderId: 'O-2',
        expires: Date.UTC(2026, 11, 1),
        key: 'e2',
      },
      { customerId: ana.customerId, amount: -200, kind: 'redeem', orderId: 'O-3', expires: null, key: 'r1' },
    ],
    jan,
  );
  const at = (ms: number) => ({ ...platform, clock: { now: () => ms } });
  expect(expireCredit(at(Date.UTC(2026, 4, 31)))).toEqual({ entries: 0, amount: 0 });
  // The redeem took from the lot expiring first: 300 of 500 are left to expire in June.
  expect(expireCredit(at(Date.UTC(2026, 5, 1, 1)))).toEqual({ entries: 1, amount: 300 });
  expect(expireCredit(at(Date.UTC(2026, 5, 1, 2)))).toEqual({ entries: 0, amount: 0 });
  expect(expireCredit(at(Date.UTC(2027, 0, 1)))).toEqual({ entries: 1, amount: 300 });
  const expired = records(env, 'Loyalty').filter((e) => e.Kind === 'expire');
  expect(expired.map((e) => [e.Amount, e['Order ID'], e.Key])).toEqual([
    [-3, 'O-1', expect.stringMatching(/^expire:L-000001:2026-06-01$/)],
    [-3, 'O-2', expect.stringMatching(/^expire:L-000002:2026-12-01$/)],
  ]);
  expect(balanceOf(env, ana.customerId)).toBe(0);
});

test('Check ledger names the Customers cell whose balance is not its entries sum; Rebuild loyalty fixes it', () => {
  const { env, platform, ana } = setup();
  const ctx = loadContext(platform.workbook);
  postLoyalty(
    platform,
    ctx,
    [{ customerId: ana.customerId, amount: 700, kind: 'adjust', orderId: '', expires: null, key: 'a' }],
    Date.UTC(2026, 0, 1),
  );
  expect(checkLedger(platform.workbook).problems).toEqual([]);
  const [header] = env.meter.uncounted(
    () => env.spreadsheet.getSheetByName('Customers')?.getDataRange().getValues() ?? [],
  );
  const col = header.indexOf('Loyalty balance') + 1;
  env.meter.uncounted(() => env.spreadsheet.getSheetByName('Customers')?.getRange(2, col).setValue(99));
  const letter = String.fromCharCode(64 + col);
  expect(checkLedger(platform.workbook).problems).toEqual([
    {
      tab: 'Customers',
      cell: `${letter}2`,
      message: expect.stringMatching(
        /Loyalty balance of C-000001 is 99.00 but its Loyalty entries add up to 7.00. Run Rebuild loyalty/,
      ),
    },
  ]);
  expect(rebuildLoyalty(platform)).toBe(1);
  expect(balanceOf(env, ana.customerId)).toBe(7);
  expect(checkLedger(platform.workbook).problems).toEqual([]);
});
