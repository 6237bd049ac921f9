import { dayOf, monthOf } from '../../../src/core/summary/calendar';
import {
  groupFacts,
  type LineFact,
  type OrderFact,
  type OrderFacts,
  orderFactsError,
  type PaymentFact,
} from '../../../src/core/summary/facts';
import { buildPaymentsByMethod, paymentsRows } from '../../../src/core/summary/payments-by-method';
import { buildSalesByChannel, salesRows } from '../../../src/core/summary/sales-by-channel';
import { buildVatSummary, vatRows } from '../../../src/core/summary/vat-summary';

const options = { currency: 'EUR', timeZone: 'Europe/Madrid' };
// 2026-03-10 12:00 in Madrid (UTC+1).
const NOON = Date.UTC(2026, 2, 10, 11, 0, 0);
const HOUR = 3_600_000;

function order(overrides: Partial<OrderFact> & { orderId: string }): OrderFact {
  return {
    type: 'sale',
    channel: 'Store',
    shop: '',
    status: 'paid',
    created: NOON,
    currency: 'EUR',
    net: 1000,
    vat: 210,
    total: 1210,
    discount: 0,
    units: 1,
    cost: 400,
    ...overrides,
  };
}

function facts(
  o: OrderFact,
  lines: Omit<LineFact, 'orderId'>[] = [],
  payments: Omit<PaymentFact, 'orderId'>[] = [],
) {
  return {
    order: o,
    lines: lines.map((line) => ({ orderId: o.orderId, ...line })),
    payments: payments.map((payment) => ({ orderId: o.orderId, ...payment })),
  } satisfies OrderFacts;
}

describe('calendar', () => {
  it('counts days in the ledger’s time zone', () => {
    // 23:30 UTC on 9 March is 00:30 on 10 March in Madrid.
    expect(dayOf(Date.UTC(2026, 2, 9, 23, 30), 'Europe/Madrid')).toBe('2026-03-10');
    expect(dayOf(Date.UTC(2026, 2, 9, 23, 30), 'UTC')).toBe('2026-03-09');
    expect(dayOf(Date.UTC(2026, 2, 9, 23, 30), 'America/New_York')).toBe('2026-03-09');
    expect(monthOf(Date.UTC(2026, 1, 28, 23, 30), 'Europe/Madrid')).toBe('2026-03');
  });

  it('finds midnight inside an hour (+05:30, +05:45)', () => {
    // Midnight in Kolkata is 18:30 UTC.
    expect(dayOf(Date.UTC(2026, 2, 9, 18, 29, 59, 999), 'Asia/Kolkata')).toBe('2026-03-09');
    expect(dayOf(Date.UTC(2026, 2, 9, 18, 30), 'Asia/Kolkata')).toBe('2026-03-10');
    expect(dayOf(Date.UTC(2026, 2, 9, 18, 14), 'Asia/Kathmandu')).toBe('2026-03-09');
    expect(dayOf(Date.UTC(2026, 2, 9, 18, 15), 'Asia/Kathmandu')).toBe('2026-03-10');
  });

  it('follows daylight saving time', () => {
    // Madrid is UTC+2 in summer: 22:30 UTC on 1 July is already 2 July.
    expect(dayOf(Date.UTC(2026, 6, 1, 22, 30), 'Europe/Madrid')).toBe('2026-07-02');
    expect(dayOf(Date.UTC(2026, 0, 1, 22, 30), 'Europe/Madrid')).toBe('2026-01-01');
  });

  it('rejects an unknown time zone and a bad time clearly', () => {
    expect(() => dayOf(0, 'Mars/Olympus')).toThrow('"Mars/Olympus" is not a time zone');
    expect(() => dayOf(Number.NaN, 'UTC')).toThrow('is not a time');
  });
});

describe('facts', () => {
  it('says what is wrong with malformed facts', () => {
    expect(orderFactsError(facts(order({ orderId: 'O1' })))).toBeNull();
    expect(orderFactsError(facts(order({ orderId: 'O1', total: 12.1 })))).toMatch('Total of order O1');
    expect(orderFactsError(facts(order({ orderId: '' })))).toMatch('without an Order ID');
    const stray = {
      ...facts(order({ orderId: 'O1' })),
      lines: [{ orderId: 'O2', vatRate: 21, net: 1, vat: 0 }],
    };
    expect(orderFactsError(stray)).toMatch('A line of order O2 was given with order O1');
  });

  it('groups rows by order and keeps orphans apart', () => {
    const grouped = groupFacts(
      [order({ orderId: 'O1' })],
      [
        { orderId: 'O1', vatRate: 21, net: 1000, vat: 210 },
        { orderId: 'GONE', vatRate: 21, net: 5, vat: 1 },
      ],
      [{ orderId: 'O1', time: NOON, channel: 'Store', method: 'cash', amount: 1210 }],
    );
    expect(grouped.facts).toHaveLength(1);
    expect(grouped.facts[0].lines).toHaveLength(1);
    expect(grouped.facts[0].payments).toHaveLength(1);
    expect(grouped.orphanLines.map((line) => line.orderId)).toEqual(['GONE']);
    expect(() => groupFacts([order({ orderId: 'O1' }), order({ orderId: 'O1' })], [], [])).toThrow('twice');
  });
});

describe('sales by channel', () => {
  const orders: OrderFact[] = [
    order({ orderId: 'S1' }),
    order({ orderId: 'S2', net: 2000, vat: 420, total: 2420, units: 3, cost: 900, discount: 100 }),
    order({ orderId: 'W1', channel: 'Web', shop: 'woo', net: 500, vat: 105, total: 605, cost: null }),
    order({
      orderId: 'R1',
      type: 'return',
      status: 'refunded',
      net: -1000,
      vat: -210,
      total: -1210,
      units: -1,
      cost: -400,
    }),
    order({ orderId: 'P1', status: 'pending' }),
    order({ orderId: 'C1', status: 'cancelled', channel: 'Web', shop: 'woo' }),
    order({ orderId: 'U1', channel: 'Web', shop: 'woo', currency: 'USD' }),
    order({ orderId: 'NEXT', created: NOON + 24 * HOUR }),
  ];
  const state = buildSalesByChannel(orders, options);

  it('adds up one row per day × channel and shop, with returns as negatives', () => {
    const rows = salesRows(state, 'day');
    expect(rows.map((row) => [row.period, row.kind, row.channel])).toEqual([
      ['2026-03-10', 'channel', 'Store'],
      ['2026-03-10', 'channel', 'Web'],
      ['2026-03-10', 'shop', 'woo'],
      ['2026-03-11', 'channel', 'Store'],
    ]);
    expect(rows[0]).toEqual({
      period: '2026-03-10',
      kind: 'channel',
      channel: 'Store',
      orders: 2,
      returns: 1,
      units: 3,
      gross: 1210 + 2420 - 1210,
      net: 2000,
      vat: 420,
      discounts: 100,
      refunds: -1210,
      averageTicket: (1210 + 2420) / 2,
      cost: 900,
      margin: 1100,
      otherCurrency: 0,
    });
  });

  it('leaves out pending and cancelled orders, and counts other currencies apart', () => {
    const [, web, woo] = salesRows(state, 'day');
    expect(web.orders).toBe(1);
    expect(web.gross).toBe(605);
    expect(web.otherCurrency).toBe(1);
    expect(woo).toMatchObject({ orders: 1, gross: 605, otherCurrency: 1 });
  });

  it('gives no margin when a cost is unknown', () => {
    const [, web] = salesRows(state, 'day');
    expect(web.cost).toBeNull();
    expect(web.margin).toBeNull();
  });

  it('has a month view', () => {
    const [store] = salesRows(state, 'month');
    expect(store).toMatchObject({
      period: '2026-03',
      channel: 'Store',
      orders: 3,
      gross: 3630,
      margin: 1700,
    });
  });

  it('rounds the average ticket half away from zero and has none without sales', () => {
    const odd = buildSalesByChannel(
      [order({ orderId: 'A', total: 100 }), order({ orderId: 'B', total: 101 })],
      options,
    );
    expect(salesRows(odd, 'day')[0].averageTicket).toBe(101);
    const onlyReturn = buildSalesByChannel([order({ orderId: 'R', type: 'return', total: -5 })], options);
    expect(salesRows(onlyReturn, 'day')[0].averageTicket).toBeNull();
  });
});

describe('payments by method', () => {
  it('counts and sums per day × channel × method, refunds negative, following the order', () => {
    const all = [
      facts(order({ orderId: 'S1' }), [], [{ time: NOON, channel: 'Store', method: 'cash', amount: 1210 }]),
      facts(
        order({ orderId: 'S2' }),
        [],
        [
          { time: NOON, channel: 'Store', method: 'card', amount: 1000 },
          { time: NOON, channel: 'Store', method: 'cash', amount: 210 },
        ],
      ),
      facts(
        order({ orderId: 'R1', type: 'return', total: -210, status: 'refunded' }),
        [],
        [{ time: NOON + 24 * HOUR, channel: 'Store', method: 'cash', amount: -210 }],
      ),
      facts(
        order({ orderId: 'W1', channel: 'Web', shop: 'woo' }),
        [],
        [{ time: NOON, channel: 'Web', method: 'stripe', amount: 1210 }],
      ),
      facts(
        order({ orderId: 'P1', status: 'pending', channel: 'Web' }),
        [],
        [{ time: NOON, channel: 'Web', method: 'stripe', amount: 999 }],
      ),
      facts(
        order({ orderId: 'U1', currency: 'USD', channel: 'Web' }),
        [],
        [{ time: NOON, channel: 'Web', method: 'stripe', amount: 999 }],
      ),
    ];
    const state = buildPaymentsByMethod(all, options);
    expect(paymentsRows(state, 'day')).toEqual([
      {
        period: '2026-03-10',
        channel: 'Store',
        method: 'card',
        count: 1,
        amount: 1000,
        refundCount: 0,
        refunds: 0,
      },
      {
        period: '2026-03-10',
        channel: 'Store',
        method: 'cash',
        count: 2,
        amount: 1420,
        refundCount: 0,
        refunds: 0,
      },
      {
        period: '2026-03-10',
        channel: 'Web',
        method: 'stripe',
        count: 1,
        amount: 1210,
        refundCount: 0,
        refunds: 0,
      },
      {
        period: '2026-03-11',
        channel: 'Store',
        method: 'cash',
        count: 1,
        amount: -210,
        refundCount: 1,
        refunds: -210,
      },
    ]);
    expect(paymentsRows(state, 'month')).toContainEqual({
      period: '2026-03',
      channel: 'Store',
      method: 'cash',
      count: 3,
      amount: 1210,
      refundCount: 1,
      refunds: -210,
    });
  });
});

describe('VAT summary', () => {
  it('sums base and VAT per month × rate, returns as negatives', () => {
    const april = Date.UTC(2026, 3, 2, 10);
    const all = [
      facts(order({ orderId: 'S1' }), [
        { vatRate: 21, net: 1000, vat: 210 },
        { vatRate: 10, net: 500, vat: 50 },
      ]),
      facts(order({ orderId: 'S2' }), [{ vatRate: 21, net: 200, vat: 42 }]),
      facts(order({ orderId: 'R1', type: 'return', created: april }), [
        { vatRate: 21, net: -1000, vat: -210 },
      ]),
      facts(order({ orderId: 'W1', channel: 'Web' }), [{ vatRate: null, net: 300, vat: 0 }]),
      facts(order({ orderId: 'P1', status: 'pending' }), [{ vatRate: 21, net: 7, vat: 1 }]),
      facts(order({ orderId: 'U1', currency: 'usd' }), [{ vatRate: 21, net: 7, vat: 1 }]),
    ];
    expect(vatRows(buildVatSummary(all, options))).toEqual([
      { month: '2026-03', rate: 10, base: 500, vat: 50 },
      { month: '2026-03', rate: 21, base: 1200, vat: 252 },
      { month: '2026-03', rate: null, base: 300, vat: 0 },
      { month: '2026-04', rate: 21, base: -1000, vat: -210 },
    ]);
  });
});
