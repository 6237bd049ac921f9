import type { OrderFact, OrderFacts } from '../../../src/core/summary/facts';
import { rebuild } from '../../../src/core/summary/incremental';
import { buildReport } from '../../../src/core/summary/report';

const options = { currency: 'EUR', timeZone: 'Europe/Madrid' };
const DAY = 86_400_000;
// "Now": 2026-03-10 23:30 in Madrid (22:30 UTC); still 10 March there.
const NOW = Date.UTC(2026, 2, 10, 22, 30);

function orderFacts(
  o: Partial<OrderFact> & { orderId: string },
  payments: { method: string; amount: number; time?: number }[] = [],
  vatRate = 21,
): OrderFacts {
  const order: OrderFact = {
    type: 'sale',
    channel: 'Store',
    shop: '',
    status: 'paid',
    created: Date.UTC(2026, 2, 10, 10),
    currency: 'EUR',
    net: 1000,
    vat: 210,
    total: 1210,
    discount: 0,
    units: 1,
    cost: 400,
    ...o,
  };
  return {
    order,
    lines: [{ orderId: order.orderId, vatRate, net: order.net, vat: order.vat }],
    payments: payments.map((p) => ({
      orderId: order.orderId,
      time: p.time ?? order.created,
      channel: order.channel,
      method: p.method,
      amount: p.amount,
    })),
  };
}

const ledger: OrderFacts[] = [
  orderFacts({ orderId: 'S1' }, [{ method: 'cash', amount: 1210 }]),
  // Earlier this month.
  orderFacts(
    { orderId: 'S2', created: NOW - 5 * DAY, net: 2000, vat: 420, total: 2420, units: 2, cost: 700 },
    [{ method: 'card', amount: 2420 }],
  ),
  // Last month, a web sale at 10 %.
  orderFacts(
    {
      orderId: 'W1',
      channel: 'Web',
      shop: 'woo',
      created: Date.UTC(2026, 1, 20, 10),
      net: 1000,
      vat: 100,
      total: 1100,
      cost: null,
    },
    [{ method: 'stripe', amount: 1100 }],
    10,
  ),
  // Today, its refund.
  orderFacts(
    {
      orderId: 'W1-R',
      type: 'return',
      channel: 'Web',
      shop: 'woo',
      status: 'refunded',
      created: Date.UTC(2026, 2, 10, 9),
      net: -500,
      vat: -50,
      total: -550,
      units: -1,
      cost: -200,
    },
    [{ method: 'stripe', amount: -550 }],
    10,
  ),
  orderFacts({ orderId: 'W2', channel: 'Web', shop: 'woo', status: 'pending' }),
  orderFacts({ orderId: 'W3', channel: 'Web', shop: '__proto__', currency: 'USD' }, [
    { method: 'stripe', amount: 9 },
  ]),
];

/** An own property, even one named "__proto__". */
function own(target: object, key: string) {
  return Object.getOwnPropertyDescriptor(target, key)?.value;
}

describe('report --json', () => {
  const report = buildReport(rebuild(ledger, options), NOW);

  it('gives each channel today, this month and all time, in decimals of the ledger’s currency', () => {
    expect(report.currency).toBe('EUR');
    expect(report.byChannel.Store).toEqual({
      today: { orders: 1, units: 1, total: 12.1, net: 10, vat: 2.1, refunds: 0, margin: 6 },
      month: { orders: 2, units: 3, total: 36.3, net: 30, vat: 6.3, refunds: 0, margin: 19 },
      all: { orders: 2, units: 3, total: 36.3, net: 30, vat: 6.3, refunds: 0, margin: 19 },
    });
    expect(report.byChannel.Web).toEqual({
      today: { orders: 0, units: -1, total: -5.5, net: -5, vat: -0.5, refunds: -5.5, margin: -3 },
      month: { orders: 0, units: -1, total: -5.5, net: -5, vat: -0.5, refunds: -5.5, margin: -3 },
      all: { orders: 1, units: 0, total: 5.5, net: 5, vat: 0.5, refunds: -5.5, margin: null },
    });
  });

  it('gives each shop and each payment method, and counts other currencies apart', () => {
    // A shop whose only orders are in another currency is listed, with nothing in its sums.
    expect(Object.keys(report.byShop)).toEqual(['__proto__', 'woo']);
    expect(own(report.byShop, '__proto__').all).toMatchObject({ orders: 0, total: 0 });
    expect(report.byShop.woo.all).toEqual(report.byChannel.Web.all);
    expect(Object.keys(report.byMethod)).toEqual(['card', 'cash', 'stripe']);
    expect(report.byMethod.stripe).toEqual({
      today: { orders: 1, units: null, total: -5.5, net: null, vat: null, refunds: -5.5, margin: null },
      month: { orders: 1, units: null, total: -5.5, net: null, vat: null, refunds: -5.5, margin: null },
      all: { orders: 2, units: null, total: 5.5, net: null, vat: null, refunds: -5.5, margin: null },
    });
    expect(report.otherCurrency).toEqual({ today: 1, month: 1, all: 1 });
  });

  it('lists VAT per month × rate', () => {
    expect(report.vat).toEqual([
      { month: '2026-02', rate: 10, base: 10, vat: 1 },
      { month: '2026-03', rate: 10, base: -5, vat: -0.5 },
      { month: '2026-03', rate: 21, base: 30, vat: 6.3 },
    ]);
  });

  it('counts "today" in the ledger’s time zone', () => {
    // 00:30 on 11 March in Madrid: nothing today, the month unchanged.
    const later = buildReport(rebuild(ledger, options), NOW + 60 * 60_000);
    expect(later.byChannel.Store.today.orders).toBe(0);
    expect(later.byChannel.Store.month.orders).toBe(2);
  });

  it('keeps a shop called "__proto__" as an ordinary key in JSON', () => {
    const withShop = buildReport(
      rebuild([orderFacts({ orderId: 'X', channel: 'Web', shop: '__proto__' })], options),
      NOW,
    );
    expect(own(JSON.parse(JSON.stringify(withShop)).byShop, '__proto__').all.orders).toBe(1);
    expect(Object.keys(withShop.byShop)).toEqual(['__proto__']);
  });

  it('uses the currency’s own decimals, and refuses an Order ID given twice', () => {
    const yen = buildReport(
      rebuild([orderFacts({ orderId: 'J', currency: 'JPY', total: 1210 })], { ...options, currency: 'jpy' }),
      NOW,
    );
    expect(yen.currency).toBe('JPY');
    expect(yen.byChannel.Store.all.total).toBe(1210);
    expect(() => rebuild([orderFacts({ orderId: 'D' }), orderFacts({ orderId: 'D' })], options)).toThrow(
      'appears twice',
    );
  });
});
