/**
 * Web codes in core: the code's text, what a hold takes lot by lot, and the property that a hold
 * released gives back every lot as it was (same amounts, same expiries), never leaving a
 * negative balance.
 */
import fc from 'fast-check';
import {
  balanceOf,
  heldPortions,
  type LoyaltyEntry,
  openLots,
  webCodeProblem,
  webCodeText,
} from '../../../src/core/loyalty';

const entry = (
  i: number,
  amount: number,
  expires: number | null,
  kind: LoyaltyEntry['kind'] = 'adjust',
): LoyaltyEntry => ({
  entryId: `L-${i}`,
  time: i,
  customerId: 'C-1',
  amount,
  kind,
  orderId: '',
  expires,
  key: `k-${i}`,
});

/** Remaining credit per expiry, as a sorted list: what the customer holds, lot by lot. */
function byExpiry(entries: LoyaltyEntry[]): string[] {
  const sums = new Map<string, number>();
  for (const lot of openLots(entries)) {
    const k = String(lot.expires);
    sums.set(k, (sums.get(k) ?? 0) + lot.remaining);
  }
  return [...sums].map(([k, v]) => `${k}:${v}`).sort();
}

test('a code is SL- and two groups of five unambiguous characters, the same for the same hash', () => {
  const hash = 'a3f1c9e07b5d42e8a3f1c9e07b5d42e8a3f1c9e07b5d42e8a3f1c9e07b5d42e8';
  expect(webCodeText(hash)).toMatch(/^SL-[2-9A-HJKMNP-TV-Z]{5}-[2-9A-HJKMNP-TV-Z]{5}$/);
  expect(webCodeText(hash)).toBe(webCodeText(hash));
  expect(webCodeText(hash)).not.toBe(webCodeText(`0${hash.slice(1)}`));
});

test('a hold takes the lot that expires soonest first', () => {
  const before = [entry(1, 500, null), entry(2, 300, 1000), entry(3, 200, 2000)];
  expect(heldPortions(before, 600)).toEqual([
    { amount: 300, expires: 1000 },
    { amount: 200, expires: 2000 },
    { amount: 100, expires: null },
  ]);
});

test('property: holding the whole balance and releasing it gives every lot back as it was; the balance never goes below 0', () => {
  const expiry = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null });
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 1, max: 5000 }), expiry, fc.integer({ min: 0, max: 100 })), {
        minLength: 1,
        maxLength: 12,
      }),
      (steps) => {
        // Credit earned, and some of it spent (never more than the balance), in turn.
        const entries: LoyaltyEntry[] = [];
        steps.forEach(([amount, exp, spendPercent], i) => {
          entries.push(entry(2 * i, amount, exp));
          const spend = Math.floor((balanceOf(entries) * spendPercent) / 100);
          if (spend > 0) entries.push(entry(2 * i + 1, -spend, null, 'redeem'));
        });
        const balance = balanceOf(entries);
        const lots = byExpiry(entries);
        const portions = heldPortions(entries, balance);
        expect(portions.reduce((s, p) => s + p.amount, 0)).toBe(balance);
        const held = [...entries, entry(1000, -balance, 99, 'redeem')];
        expect(balanceOf(held)).toBe(0);
        const released = [
          ...held,
          ...portions.map((p, i) => entry(1001 + i, p.amount, p.expires, 'reverse')),
        ];
        expect(balanceOf(released)).toBe(balance);
        expect(byExpiry(released)).toEqual(lots);
      },
    ),
  );
});

test('refusals say what to do', () => {
  const base = {
    customerId: 'C-1',
    known: true,
    mergedInto: '',
    email: 'a@b.c',
    balance: 100,
    needsEmail: true,
  };
  const show = (m: number) => (m / 100).toFixed(2);
  expect(webCodeProblem(base, show)).toBeNull();
  expect(webCodeProblem({ ...base, balance: 0 }, show)).toMatch(/no store credit/);
  expect(webCodeProblem({ ...base, email: '' }, show)).toMatch(/has no email/);
  expect(webCodeProblem({ ...base, email: '', needsEmail: false }, show)).toBeNull();
  expect(webCodeProblem({ ...base, mergedInto: 'C-2' }, show)).toMatch(/merged into C-2/);
  expect(webCodeProblem({ ...base, known: false }, show)).toMatch(/No customer with ID C-1/);
});
