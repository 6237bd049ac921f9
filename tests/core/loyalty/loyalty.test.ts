import fc from 'fast-check';
import {
  addMonths,
  balanceOf,
  earnAmount,
  expiryDue,
  type LoyaltyEntry,
  lotsOf,
  orderCredit,
  redeemProblem,
  refundCredit,
} from '../../../src/core/loyalty';

const show = (m: number) => (m / 100).toFixed(2);
const rules = { earnPercent: 5, minimumPurchase: 0 };

test('earning: 5 % of the net, rounded down, never on the part paid with credit, nothing under the minimum', () => {
  expect(earnAmount({ net: 1000, total: 1210, paidWithCredit: 0 }, rules)).toBe(50);
  expect(earnAmount({ net: 999, total: 1209, paidWithCredit: 0 }, rules)).toBe(49); // 49.95 → 49
  // Half paid with credit: half the net earns.
  expect(earnAmount({ net: 1000, total: 1210, paidWithCredit: 605 }, rules)).toBe(25);
  expect(earnAmount({ net: 1000, total: 1210, paidWithCredit: 1210 }, rules)).toBe(0);
  expect(earnAmount({ net: 1000, total: 1210, paidWithCredit: 0 }, { ...rules, minimumPurchase: 1211 })).toBe(
    0,
  );
  expect(earnAmount({ net: 1000, total: 1210, paidWithCredit: 0 }, { ...rules, minimumPurchase: 1210 })).toBe(
    50,
  );
  expect(earnAmount({ net: -1000, total: -1210, paidWithCredit: 0 }, rules)).toBe(0);
});

test('earning never exceeds the rate of the net paid with money', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 10_000_000 }),
      fc.integer({ min: 0, max: 100 }),
      fc.double({ min: 0, max: 100, noNaN: true }),
      fc.integer({ min: 0, max: 10_000_000 }),
      (net, vatPct, rate, creditPart) => {
        const total = net + Math.round((net * vatPct) / 100);
        const credit = Math.min(creditPart, total);
        const earned = earnAmount(
          { net, total, paidWithCredit: credit },
          { earnPercent: rate, minimumPurchase: 0 },
        );
        expect(Number.isInteger(earned)).toBe(true);
        expect(earned).toBeGreaterThanOrEqual(0);
        if (total > 0)
          expect(earned).toBeLessThanOrEqual((net * (total - credit) * rate) / total / 100 + 1e-6);
      },
    ),
  );
});

test('redeeming is refused above the balance, for no or an unknown customer, or a merged one, with clear messages', () => {
  const ok = { customerId: 'C-000001', known: true, mergedInto: '', balance: 500, amount: 500 };
  expect(redeemProblem(ok, show)).toBeNull();
  expect(redeemProblem({ ...ok, amount: 501 }, show)).toBe(
    'The customer has 5.00 of store credit, less than the 5.01 asked: take at most 5.00 in credit and the rest another way.',
  );
  expect(redeemProblem({ ...ok, customerId: '' }, show)).toMatch(/needs a customer/);
  expect(redeemProblem({ ...ok, known: false }, show)).toMatch(/No customer with ID C-000001/);
  expect(redeemProblem({ ...ok, mergedInto: 'C-000002' }, show)).toMatch(/merged into C-000002/);
  expect(redeemProblem({ ...ok, amount: 0 }, show)).toMatch(/more than 0/);
});

const entry = (
  n: number,
  amount: number,
  kind: LoyaltyEntry['kind'],
  expires: number | null = null,
  key = `k${n}`,
): LoyaltyEntry => ({
  entryId: `L-${n}`,
  time: n,
  customerId: 'C-1',
  amount,
  kind,
  orderId: `O-${n}`,
  expires,
  key,
});

test('credit is taken from the lot that expires soonest, and an expiry takes what is left of its lot', () => {
  const jan = Date.UTC(2026, 0, 1);
  const entries = [
    entry(1, 300, 'earn', addMonths(jan, 12)),
    entry(2, 200, 'earn', addMonths(jan, 6)),
    entry(3, 100, 'adjust'),
    entry(4, -250, 'redeem'),
  ];
  const { lots } = lotsOf(entries);
  expect(lots.map((l) => [l.entryId, l.remaining])).toEqual([
    ['L-1', 250],
    ['L-2', 0],
    ['L-3', 100],
  ]);
  expect(expiryDue('C-1', entries, addMonths(jan, 6))).toEqual([]);
  const due = expiryDue('C-1', entries, addMonths(jan, 12));
  expect(due).toEqual([
    {
      customerId: 'C-1',
      amount: -250,
      kind: 'expire',
      orderId: 'O-1',
      expires: null,
      key: 'expire:L-1:2027-01-01',
    },
  ]);
  const after = [...entries, { ...due[0], entryId: 'L-5', time: 5 }];
  expect(balanceOf(after)).toBe(100);
  expect(expiryDue('C-1', after, addMonths(jan, 24))).toEqual([]); // never twice
});

test('a refund takes back earned credit in proportion and gives back spent credit, never twice, never below 0', () => {
  const c = { earned: 100, redeemed: 400, earnReversed: 0, redeemGivenBack: 0 };
  expect(refundCredit(c, 500, 1000, 1000)).toEqual({ reverse: -50, giveBack: 200 });
  expect(refundCredit({ ...c, earnReversed: 80, redeemGivenBack: 350 }, 500, 1000, 1000)).toEqual({
    reverse: -20,
    giveBack: 50,
  });
  // The earned credit was spent already: only what is there (plus what comes back) is taken.
  expect(refundCredit({ ...c, redeemed: 0 }, 1000, 1000, 30)).toEqual({ reverse: -30, giveBack: 0 });
});

/** A random life of one customer's credit, through the core functions only. */
type Step =
  | { kind: 'earn'; net: number; credit: number; months: number | null }
  | { kind: 'redeem'; amount: number }
  | { kind: 'refund'; order: number; share: number }
  | { kind: 'tick'; months: number }
  | { kind: 'adjust'; amount: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('earn' as const),
    net: fc.integer({ min: 0, max: 100_000 }),
    credit: fc.integer({ min: 0, max: 100_000 }),
    months: fc.option(fc.integer({ min: 1, max: 24 })),
  }),
  fc.record({ kind: fc.constant('redeem' as const), amount: fc.integer({ min: 1, max: 20_000 }) }),
  fc.record({
    kind: fc.constant('refund' as const),
    order: fc.nat(),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({ kind: fc.constant('tick' as const), months: fc.integer({ min: 0, max: 12 }) }),
  fc.record({ kind: fc.constant('adjust' as const), amount: fc.integer({ min: 0, max: 5_000 }) }),
);

test('property: the balance is the sum of the entries, never negative, and expiry never takes more than a lot holds', () => {
  fc.assert(
    fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
      const entries: LoyaltyEntry[] = [];
      const orders: {
        id: string;
        net: number;
        earned: number;
        redeemed: number;
        reversed: number;
        given: number;
      }[] = [];
      let now = Date.UTC(2026, 0, 1);
      const add = (d: Omit<LoyaltyEntry, 'entryId' | 'time'>) => {
        if (d.amount !== 0) entries.push({ ...d, entryId: `L-${entries.length + 1}`, time: now });
      };
      const balance = () => balanceOf(entries);
      for (const s of steps) {
        now += 86_400_000;
        if (s.kind === 'earn') {
          const total = Math.round(s.net * 1.21);
          const credit = Math.min(s.credit, total, balance());
          const id = `O-${orders.length + 1}`;
          add({
            customerId: 'C-1',
            amount: -credit,
            kind: 'redeem',
            orderId: id,
            expires: null,
            key: `${id}:redeem`,
          });
          const earned = earnAmount({ net: s.net, total, paidWithCredit: credit }, rules);
          add({
            customerId: 'C-1',
            amount: earned,
            kind: 'earn',
            orderId: id,
            expires: s.months === null ? null : addMonths(now, s.months),
            key: `${id}:earn`,
          });
          orders.push({ id, net: s.net, earned, redeemed: credit, reversed: 0, given: 0 });
        } else if (s.kind === 'redeem') {
          if (
            redeemProblem(
              { customerId: 'C-1', known: true, mergedInto: '', balance: balance(), amount: s.amount },
              show,
            ) === null
          ) {
            add({
              customerId: 'C-1',
              amount: -s.amount,
              kind: 'redeem',
              orderId: '',
              expires: null,
              key: `r${now}`,
            });
          } else {
            expect(s.amount).toBeGreaterThan(balance());
          }
        } else if (s.kind === 'refund' && orders.length > 0) {
          const o = orders[s.order % orders.length];
          const r = refundCredit(
            { earned: o.earned, redeemed: o.redeemed, earnReversed: o.reversed, redeemGivenBack: o.given },
            Math.round(o.net * s.share),
            o.net,
            balance(),
          );
          add({
            customerId: 'C-1',
            amount: r.giveBack,
            kind: 'reverse',
            orderId: o.id,
            expires: null,
            key: `g${now}`,
          });
          add({
            customerId: 'C-1',
            amount: r.reverse,
            kind: 'reverse',
            orderId: o.id,
            expires: null,
            key: `v${now}`,
          });
          o.reversed -= r.reverse;
          o.given += r.giveBack;
          expect(o.reversed).toBeLessThanOrEqual(o.earned);
          expect(o.given).toBeLessThanOrEqual(o.redeemed);
        } else if (s.kind === 'tick') {
          now = addMonths(now, s.months);
          const before = lotsOf(entries).lots;
          for (const d of expiryDue('C-1', entries, now)) {
            const lot = before.find((l) => d.key.startsWith(`expire:${l.entryId}:`));
            expect(lot).toBeDefined();
            expect(-d.amount).toBeLessThanOrEqual(lot?.remaining ?? 0);
            add(d);
          }
          expect(expiryDue('C-1', entries, now)).toEqual([]);
        } else if (s.kind === 'adjust') {
          add({
            customerId: 'C-1',
            amount: s.amount,
            kind: 'adjust',
            orderId: '',
            expires: null,
            key: `a${now}`,
          });
        }
        expect(balance()).toBeGreaterThanOrEqual(0);
        const state = lotsOf(entries);
        expect(state.owed).toBe(0);
        expect(state.lots.reduce((sum, l) => sum + l.remaining, 0)).toBe(balance());
      }
    }),
  );
});

test('orderCredit: earned, spent, and what earlier returns took back and gave back, from the order’s entries', () => {
  expect(
    orderCredit([
      { kind: 'earn', amount: 120 },
      { kind: 'redeem', amount: -500 },
      { kind: 'reverse', amount: -60 }, // an earlier return took back half the earned credit
      { kind: 'reverse', amount: 250 }, // and gave back half the spent credit
      { kind: 'expire', amount: -10 }, // expiry is not a refund's business
    ]),
  ).toEqual({ earned: 120, redeemed: 500, earnReversed: 60, redeemGivenBack: 250 });
  expect(orderCredit([])).toEqual({ earned: 0, redeemed: 0, earnReversed: 0, redeemGivenBack: 0 });
});
