import fc from 'fast-check';
import type { OrderFact, OrderFacts, OrderStatus } from '../../../src/core/summary/facts';
import {
  applyOrder,
  emptySummary,
  rebuild,
  removeOrder,
  type Summary,
} from '../../../src/core/summary/incremental';
import { paymentsRowAt, paymentsRows } from '../../../src/core/summary/payments-by-method';
import { salesRowAt, salesRows } from '../../../src/core/summary/sales-by-channel';
import { vatRowAt, vatRows } from '../../../src/core/summary/vat-summary';

const options = { currency: 'EUR', timeZone: 'Europe/Madrid' };
// Around the end of March 2026 in Madrid, across a month boundary and the spring DST change.
const START = Date.UTC(2026, 2, 28);
const END = Date.UTC(2026, 3, 2);

function rowsOf(summary: Summary) {
  return {
    salesDay: salesRows(summary.sales, 'day'),
    salesMonth: salesRows(summary.sales, 'month'),
    paymentsDay: paymentsRows(summary.payments, 'day'),
    paymentsMonth: paymentsRows(summary.payments, 'month'),
    vat: vatRows(summary.vat),
  };
}

const amount = fc.integer({ min: 0, max: 100_000 });
const time = fc.integer({ min: START, max: END });

/** An order as it stands after some commit: a sale or a return, in either channel, in one of two shops or none. */
const orderFactsArb = (orderId: string): fc.Arbitrary<OrderFacts> =>
  fc
    .record({
      type: fc.constantFrom('sale' as const, 'return' as const),
      channel: fc.constantFrom('Store' as const, 'Web' as const),
      shop: fc.constantFrom('', 'woo', 'shopify'),
      status: fc.constantFrom<OrderStatus>(
        'pending',
        'paid',
        'fulfilled',
        'partially refunded',
        'refunded',
        'cancelled',
      ),
      created: time,
      currency: fc.constantFrom('EUR', '', 'USD'),
      lines: fc.array(fc.record({ vatRate: fc.constantFrom(21, 10, 4, 0, null), net: amount, vat: amount }), {
        maxLength: 3,
      }),
      units: fc.integer({ min: 0, max: 20 }),
      discount: amount,
      cost: fc.option(amount, { nil: null }),
      payments: fc.array(fc.record({ time, method: fc.constantFrom('cash', 'card', 'stripe'), amount }), {
        maxLength: 2,
      }),
    })
    .map((r) => {
      const sign = r.type === 'return' ? -1 : 1;
      const lines = r.lines.map((line) => ({
        orderId,
        vatRate: line.vatRate,
        net: sign * line.net,
        vat: sign * line.vat,
      }));
      const net = lines.reduce((sum, line) => sum + line.net, 0);
      const vat = lines.reduce((sum, line) => sum + line.vat, 0);
      const order: OrderFact = {
        orderId,
        type: r.type,
        channel: r.channel,
        shop: r.channel === 'Web' ? r.shop : '',
        status: r.status,
        created: r.created,
        currency: r.currency,
        net,
        vat,
        total: net + vat,
        discount: sign * r.discount,
        units: sign * r.units,
        cost: r.cost === null ? null : sign * r.cost,
      };
      const payments = r.payments.map((p) => ({
        orderId,
        time: p.time,
        channel: r.channel,
        method: p.method,
        amount: sign * p.amount,
      }));
      return { order, lines, payments };
    });

const ids = ['O1', 'O2', 'O3', 'O4', 'O5'];
const NEXT: Partial<Record<OrderStatus, OrderStatus>> = { pending: 'paid', paid: 'refunded' };

type Op =
  | { kind: 'put'; facts: OrderFacts }
  | { kind: 'advance'; id: string; cancel: boolean }
  | { kind: 'retotal'; id: string; delta: number }
  | { kind: 'remove'; id: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(...ids)
      .chain((id) => orderFactsArb(id).map((facts) => ({ kind: 'put' as const, facts }))),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      id: fc.constantFrom(...ids),
      cancel: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('retotal' as const),
      id: fc.constantFrom(...ids),
      delta: fc.integer({ min: -500, max: 500 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), id: fc.constantFrom(...ids) }) },
);

/** The order's facts after an op, or undefined for "leave it", or null for "delete it". */
function next(ledger: Map<string, OrderFacts>, op: Op): OrderFacts | null | undefined {
  if (op.kind === 'put') return op.facts;
  const current = ledger.get(op.id);
  if (!current) return undefined;
  if (op.kind === 'remove') return null;
  if (op.kind === 'advance') {
    // pending → paid → refunded; cancelled only from pending (never paid).
    const status = op.cancel && current.order.status === 'pending' ? 'cancelled' : NEXT[current.order.status];
    return status ? { ...current, order: { ...current.order, status } } : undefined;
  }
  // A re-import that changes a total (and the base of the first line with it).
  const lines = current.lines.map((line, i) => (i === 0 ? { ...line, net: line.net + op.delta } : line));
  const order = {
    ...current.order,
    net: current.order.net + op.delta,
    total: current.order.total + op.delta,
  };
  return { ...current, order, lines };
}

describe('incremental summaries', () => {
  it('always equal the rebuilt ones', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const ledger = new Map<string, OrderFacts>();
        const live = emptySummary(options);
        for (const op of ops) {
          const facts = next(ledger, op);
          if (facts === undefined) continue;
          const id = facts === null ? (op as { id: string }).id : facts.order.orderId;
          if (facts === null) {
            ledger.delete(id);
            removeOrder(live, id);
          } else {
            ledger.set(id, facts);
            applyOrder(live, facts);
          }
          expect(rowsOf(live)).toEqual(rowsOf(rebuild(ledger.values(), options)));
        }
        // And against a direct sum: all-time gross of each channel over the orders that count.
        for (const channel of ['Store', 'Web'] as const) {
          const direct = [...ledger.values()]
            .map((f) => f.order)
            .filter(
              (o) =>
                o.channel === channel && !['pending', 'cancelled'].includes(o.status) && o.currency !== 'USD',
            )
            .reduce((sum, o) => sum + o.total, 0);
          const summed = salesRows(live.sales, 'month')
            .filter((row) => row.kind === 'channel' && row.channel === channel)
            .reduce((sum, row) => sum + row.gross, 0);
          expect(summed).toBe(direct);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('moves a pending order into the figures when it is paid, and reports the rows it touched', () => {
    const summary = emptySummary(options);
    const base: OrderFacts = {
      order: {
        orderId: 'W1',
        type: 'sale',
        channel: 'Web',
        shop: 'woo',
        status: 'pending',
        created: Date.UTC(2026, 2, 10, 11),
        currency: 'EUR',
        net: 1000,
        vat: 210,
        total: 1210,
        discount: 0,
        units: 2,
        cost: 500,
      },
      lines: [{ orderId: 'W1', vatRate: 21, net: 1000, vat: 210 }],
      payments: [
        { orderId: 'W1', time: Date.UTC(2026, 2, 10, 12), channel: 'Web', method: 'stripe', amount: 1210 },
      ],
    };
    const pending = applyOrder(summary, base);
    expect(pending.sales.day).toEqual([]);
    expect(salesRows(summary.sales, 'day')).toEqual([]);

    const paid = applyOrder(summary, { ...base, order: { ...base.order, status: 'paid' } });
    expect(paid.sales.day).toEqual([
      { period: '2026-03-10', group: { kind: 'channel', name: 'Web' } },
      { period: '2026-03-10', group: { kind: 'shop', name: 'woo' } },
    ]);
    expect(paid.sales.month).toHaveLength(2);
    expect(paid.payments.day).toEqual([{ period: '2026-03-10', channel: 'Web', method: 'stripe' }]);
    expect(paid.vat).toEqual([{ month: '2026-03', rate: 21 }]);
    expect(salesRowAt(summary.sales, 'day', paid.sales.day[1])).toMatchObject({
      channel: 'woo',
      gross: 1210,
      margin: 500,
    });
    expect(paymentsRowAt(summary.payments, 'day', paid.payments.day[0])).toMatchObject({
      count: 1,
      amount: 1210,
    });
    expect(vatRowAt(summary.vat, paid.vat[0])).toEqual({ month: '2026-03', rate: 21, base: 1000, vat: 210 });

    // Deleting the order empties those rows: the tab's rows go.
    const gone = removeOrder(summary, 'W1');
    expect(gone.sales.day).toHaveLength(2);
    expect(salesRowAt(summary.sales, 'day', gone.sales.day[0])).toBeNull();
    expect(
      summary.sales.day.size + summary.sales.month.size + summary.payments.day.size + summary.vat.size,
    ).toBe(0);
  });

  it('keeps its own copy of the facts, and refuses malformed ones without changing anything', () => {
    const summary = emptySummary(options);
    const facts: OrderFacts = {
      order: {
        orderId: 'S1',
        type: 'sale',
        channel: 'Store',
        shop: '',
        status: 'paid',
        created: Date.UTC(2026, 2, 10, 11),
        currency: 'EUR',
        net: 100,
        vat: 21,
        total: 121,
        discount: 0,
        units: 1,
        cost: null,
      },
      lines: [],
      payments: [],
    };
    applyOrder(summary, facts);
    facts.order.total = 999_999; // the caller reuses its object
    applyOrder(summary, { ...facts, order: { ...facts.order, total: 242 } });
    expect(salesRows(summary.sales, 'day')[0].gross).toBe(242);

    const before = JSON.stringify(salesRows(summary.sales, 'day'));
    expect(() => applyOrder(summary, { ...facts, order: { ...facts.order, net: 1.5 } })).toThrow(
      'Net of order S1',
    );
    expect(JSON.stringify(salesRows(summary.sales, 'day'))).toBe(before);
  });

  it('rejects a duplicate Order ID on rebuild, and a bad time zone or currency up front', () => {
    const facts = rebuild([], options).orders;
    expect(facts.size).toBe(0);
    expect(() => emptySummary({ currency: 'EUR', timeZone: 'Nowhere/Here' })).toThrow('not a time zone');
    expect(() => emptySummary({ currency: ' ', timeZone: 'UTC' })).toThrow('currency');
  });
});
