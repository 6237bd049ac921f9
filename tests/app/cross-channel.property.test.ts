/**
 * One customer, both channels, any order of events: till sales (some paid with store credit),
 * paid web orders imported from the shop, web refunds imported later, returns at the counter of
 * either channel's orders, and expiry ticks months apart. After every step:
 * - the customer's balance is never negative;
 * - it equals the sum of the Loyalty entries (the Customers cache is exact);
 * - stock equals the sum of the moves, and the whole ledger checks clean (Check ledger rebuilds
 *   the balances from Movements, the credit from Loyalty, and verifies the invoice chain).
 * Refusals (not enough stock, more returned than sold…) are part of the game: they must write nothing.
 */
import fc from 'fast-check';
import { checkLedger } from '../../src/app/check-ledger';
import { expireCredit } from '../../src/app/loyalty/expire';
import { recordReturn } from '../../src/app/returns/record-return';
import { importOrders } from '../../src/app/sync/import-orders';
import { createCustomer } from '../../src/app/till/customers';
import { TillRefusal } from '../../src/app/till/problems';
import { recordSale } from '../../src/app/till/record-sale';
import { SaleProblem } from '../../src/core/sale';
import type { WebOrder } from '../../src/core/web-order';
import { COFFEE, MUG, nextExecution, tillLedger } from '../helpers/till-ledger';
import { productLine, webOrder } from '../helpers/web-orders';

type Env = ReturnType<typeof tillLedger>['env'];
const DAY = 24 * 3600 * 1000;

const records = (env: Env, tab: string) =>
  env.meter.uncounted(() => {
    const [header, ...data] = env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues() ?? [];
    return data.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
  });
const cents = (v: unknown) => Math.round(Number(v || 0) * 100);

type Step =
  | { kind: 'till'; sku: 0 | 1; qty: number; useCredit: boolean }
  | { kind: 'web'; sku: 0 | 1; qty: number }
  | { kind: 'web-refund'; pick: number; qty: number; restock: boolean }
  | {
      kind: 'return';
      pick: number;
      qty: number;
      disposition: 'restock' | 'damaged' | 'lost';
      refund: 'cash' | 'card' | 'credit';
    }
  | { kind: 'expire'; days: number };

const sku = fc.constantFrom<0 | 1>(0, 1);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('till' as const),
    sku,
    qty: fc.integer({ min: 1, max: 3 }),
    useCredit: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('web' as const), sku, qty: fc.integer({ min: 1, max: 3 }) }),
  fc.record({
    kind: fc.constant('web-refund' as const),
    pick: fc.nat(),
    qty: fc.integer({ min: 1, max: 3 }),
    restock: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('return' as const),
    pick: fc.nat(),
    qty: fc.integer({ min: 1, max: 3 }),
    disposition: fc.constantFrom('restock' as const, 'damaged' as const, 'lost' as const),
    refund: fc.constantFrom('cash' as const, 'card' as const, 'credit' as const),
  }),
  fc.record({ kind: fc.constant('expire' as const), days: fc.integer({ min: 1, max: 400 }) }),
);

/** Runs a step; a refusal to a person is allowed (and must have written nothing, which the checks see). */
const done = new Map<string, number>();
function attempt(kind: string, run: () => unknown): void {
  try {
    run();
    done.set(kind, (done.get(kind) ?? 0) + 1);
  } catch (e) {
    if (!(e instanceof TillRefusal || e instanceof SaleProblem)) throw e;
  }
}

test('across random sales, returns, imports and expiries in both channels, credit and stock stay exact', () => {
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
      const setup = tillLedger({ settings: { 'Loyalty expiry months': 6, 'Loyalty earn %': 10 } });
      const { env } = setup;
      let now = Date.UTC(2026, 0, 5, 10);
      const at = () => ({ ...nextExecution(env.shared).platform, clock: { now: () => now } });
      const ana = createCustomer(at(), { key: 'ana', name: 'Ana García', email: 'ana@example.com' });
      const web: WebOrder[] = [];
      const tillOrders: string[] = [];
      const products = [MUG, COFFEE];

      steps.forEach((s, i) => {
        now += DAY;
        const key = `step-${i}`;
        if (s.kind === 'till') {
          const p = products[s.sku];
          const total = s.qty * p.price;
          const balance = cents(
            records(env, 'Customers').find((c) => c['Customer ID'] === ana.customerId)?.['Loyalty balance'],
          );
          const credit = s.useCredit ? Math.min(balance, total) : 0;
          attempt('till', () => {
            const receipt = recordSale(at(), {
              key,
              till: 'Till 1',
              customerId: ana.customerId,
              lines: [{ sku: p.sku, qty: s.qty }],
              payments: [
                ...(credit > 0 ? [{ method: 'credit' as const, amount: credit }] : []),
                ...(total - credit > 0 ? [{ method: 'card' as const, amount: total - credit }] : []),
              ],
            });
            tillOrders.push(receipt.orderId);
          });
        } else if (s.kind === 'web') {
          const p = products[s.sku];
          const order = webOrder(
            String(1000 + i),
            'fulfilled',
            [productLine(p.sku, s.qty, p.price, p.vatRate, 'l1')],
            {
              created: now,
              updated: now,
            },
          );
          web.push(order);
          attempt('web', () => importOrders(at(), 'shop', { orders: [order], problems: [] }));
        } else if (s.kind === 'web-refund') {
          if (web.length === 0) return;
          const order = web[s.pick % web.length];
          const line = order.lines[0];
          const qty = Math.min(s.qty, line.qty);
          const refunded: WebOrder = {
            ...order,
            status: 'partially refunded',
            updated: now,
            refunds: [
              ...order.refunds,
              {
                refundId: `${i}`,
                created: now,
                amount: Math.round((line.net + line.tax) * (qty / line.qty)),
                reason: '',
                lines: [
                  {
                    externalLineId: 'l1',
                    sku: line.sku,
                    qty,
                    amount: Math.round(((line.net + line.tax) * qty) / line.qty),
                    restock: s.restock,
                  },
                ],
              },
            ],
          };
          web[web.indexOf(order)] = refunded;
          attempt('web-refund', () => importOrders(at(), 'shop', { orders: [refunded], problems: [] }));
        } else if (s.kind === 'return') {
          const choices = [...tillOrders, ...web.map((o) => o.orderNo)];
          if (choices.length === 0) return;
          const order = choices[s.pick % choices.length];
          const orderSku = tillOrders.includes(order)
            ? records(env, 'Order Lines').find((l) => l['Order ID'] === order)?.SKU
            : web.find((o) => o.orderNo === order)?.lines[0].sku;
          attempt('return', () =>
            recordReturn(at(), {
              key,
              order,
              till: 'Till 1',
              lines: [{ sku: String(orderSku), qty: s.qty, disposition: s.disposition }],
              refund: s.refund,
            }),
          );
        } else {
          now += s.days * DAY;
          attempt('expire', () => {
            if (expireCredit(at()).entries > 0) done.set('expired', (done.get('expired') ?? 0) + 1);
          });
        }

        // The invariants, after every step.
        const entries = records(env, 'Loyalty').filter((e) => e['Customer ID'] === ana.customerId);
        const sum = entries.reduce((t, e) => t + cents(e.Amount), 0);
        const balance = cents(
          records(env, 'Customers').find((c) => c['Customer ID'] === ana.customerId)?.['Loyalty balance'],
        );
        expect(balance).toBeGreaterThanOrEqual(0);
        expect(balance).toBe(sum);
        expect(checkLedger(at().workbook).problems).toEqual([]);
      });
    }),
    {
      numRuns: 25,
      // One story that runs every kind of step, whatever the random runs draw.
      examples: [
        [
          [
            { kind: 'web', sku: 0, qty: 2 },
            { kind: 'expire', days: 400 },
            { kind: 'web', sku: 1, qty: 2 },
            { kind: 'till', sku: 1, qty: 1, useCredit: true },
            { kind: 'web-refund', pick: 0, qty: 1, restock: true },
            { kind: 'return', pick: 0, qty: 1, disposition: 'damaged', refund: 'credit' },
          ],
        ],
      ],
    },
  );
  // Every kind of step really ran somewhere in the runs (not only refusals).
  for (const kind of ['till', 'web', 'web-refund', 'return', 'expire', 'expired']) {
    expect(done.get(kind) ?? 0).toBeGreaterThan(0);
  }
});
