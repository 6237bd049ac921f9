/**
 * A sale retried after a lost answer gets the first commit's receipt back, loyalty included:
 * the credit used, the credit earned and the balance left, read from the sale's own entries.
 */
import { mergeCustomers } from '../../../src/app/customers/merge';
import { loadContext } from '../../../src/app/ledger-context';
import { postLoyalty } from '../../../src/app/loyalty/post-entries';
import type { SaleDraft } from '../../../src/app/till/api-types';
import { createCustomer } from '../../../src/app/till/customers';
import { recordSale } from '../../../src/app/till/record-sale';
import { cashSale, MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';

/** Ana with 10.00 of credit (or `credit`). */
function withCredit(credit = 1000) {
  const s = tillLedger();
  const ana = createCustomer(s.platform, { key: 'c1', name: 'Ana', email: 'ana@example.com' });
  postLoyalty(
    s.platform,
    loadContext(s.platform.workbook),
    [{ customerId: ana.customerId, amount: credit, kind: 'adjust', orderId: '', expires: null, key: 'gift' }],
    Date.UTC(2026, 0, 1),
  );
  return { ...s, ana };
}

const creditSale = (key: string, customerId: string): SaleDraft => ({
  key,
  till: 'Till 1',
  lines: [{ sku: MUG.sku, qty: 3 }],
  payments: [
    { method: 'credit', amount: 600 },
    { method: 'card', amount: 3 * MUG.price - 600 },
  ],
  customerId,
});

test('the replayed receipt has the first receipt’s loyalty: credit used, earned, left', () => {
  const { env, platform, ana } = withCredit();
  const first = recordSale(platform, creditSale('s1', ana.customerId));
  expect(first.loyalty).toEqual({ redeemed: 600, earned: expect.any(Number), balance: expect.any(Number) });
  expect(first.loyalty?.earned).toBeGreaterThan(0);
  const again = recordSale(nextExecution(env.shared).platform, creditSale('s1', ana.customerId));
  expect(again.replayed).toBe(true);
  expect(again.loyalty).toEqual(first.loyalty);
});

test('a sale with a customer that earned nothing replays { 0, 0, balance }; one without a customer replays null', () => {
  const { env, platform, ana } = withCredit(5000);
  // Paid wholly in credit: nothing earned.
  const paidInCredit: SaleDraft = {
    key: 's2',
    till: 'Till 1',
    lines: [{ sku: MUG.sku, qty: 1 }],
    payments: [{ method: 'credit', amount: MUG.price }],
    customerId: ana.customerId,
  };
  const first = recordSale(platform, paidInCredit);
  expect(first.loyalty).toEqual({ redeemed: MUG.price, earned: 0, balance: 5000 - MUG.price });
  expect(recordSale(nextExecution(env.shared).platform, paidInCredit).loyalty).toEqual(first.loyalty);
  const plain = cashSale('s3', [{ sku: MUG.sku, qty: 1 }], MUG.price);
  const cash = recordSale(platform, plain);
  expect(cash.loyalty).toBeNull();
  expect(recordSale(nextExecution(env.shared).platform, plain).loyalty).toBeNull();
});

test('a sale on a merged customer replays the survivor’s balance, as its first receipt showed', () => {
  const { env, platform, ana } = withCredit();
  const dup = createCustomer(platform, { key: 'c2', name: 'Ana G', email: 'ana.g@example.com' });
  mergeCustomers(platform, { from: dup.customerId, into: ana.customerId });
  const sale = cashSale('s4', [{ sku: MUG.sku, qty: 2 }], 2 * MUG.price);
  const first = recordSale(platform, { ...sale, customerId: dup.customerId });
  expect(first.loyalty?.balance).toBeGreaterThan(1000);
  const again = recordSale(nextExecution(env.shared).platform, { ...sale, customerId: dup.customerId });
  expect(again.loyalty).toEqual(first.loyalty);
});

test('a replay costs the same service calls with 10 or 10,000 loyalty entries before it', () => {
  const counts = [10, 10_000].map((n) => {
    const s = withCredit();
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
    s.env.meter.uncounted(() => s.platform.workbook.write('Loyalty', 3, 1, entries));
    recordSale(s.platform, creditSale('s5', s.ana.customerId));
    const run = nextExecution(s.env.shared);
    recordSale(run.platform, creditSale('s5', s.ana.customerId));
    return run.env.meter.snapshot();
  });
  expect(counts[1].byMethod).toEqual(counts[0].byMethod);
  expect(counts[1].cellsRead).toBe(counts[0].cellsRead);
});
