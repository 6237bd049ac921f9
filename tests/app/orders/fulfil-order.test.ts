import { handOver, ordersToCollect, setTracking } from '../../../src/app/orders/fulfil-order';
import { importOrders } from '../../../src/app/sync/import-orders';
import { asResult } from '../../../src/app/till/problems';
import { MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';
import { productLine, webOrder } from '../../helpers/web-orders';

type Env = ReturnType<typeof tillLedger>['env'];

function records(env: Env, tab: string): Record<string, unknown>[] {
  return env.meter.uncounted(() => {
    const [header, ...rows] = env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues() ?? [];
    return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
  });
}
const stock = (env: Env, location: string) =>
  records(env, 'Stock').find((s) => s.SKU === MUG.sku && s.Location === location);

const pickup = (status: 'paid' | 'fulfilled') =>
  webOrder('2001', status, [productLine(MUG.sku, 2, 1200)], { localPickup: true });

test.each([
  ['reserved in the Store', 'Store', [[`shop:2001:ship`, 'Store/Reserved', 'Customer']]],
  [
    'reserved in the Warehouse',
    'Warehouse',
    [
      ['shop:2001:release', 'Warehouse/Reserved', 'Warehouse'],
      ['shop:2001:ship', 'Store', 'Customer'],
    ],
  ],
])(
  'click and collect %s: listed to collect, handed over from the Store once, and the import never undoes it',
  (_n, location, moves) => {
    const { env, platform } = tillLedger({ settings: { 'Web fulfilment location': location } });
    importOrders(platform, 'shop', { orders: [pickup('paid')], problems: [] });
    expect(records(env, 'Orders')[0]).toMatchObject({ 'Order No': '#2001', Fulfilment: 'to collect' });
    expect(ordersToCollect(platform.workbook).map((o) => o.orderNo)).toEqual(['#2001']);
    const storeBefore = stock(env, 'Store')?.['On hand'] as number;

    const done = handOver(platform, { order: '#2001' });
    expect(done).toMatchObject({ fulfilment: 'collected', replayed: false, skusChanged: [MUG.sku] });
    const stepMoves = () =>
      records(env, 'Movements')
        .filter((m) => String(m.Key).startsWith('shop:2001:') && !String(m.Key).endsWith(':reserve'))
        .map((m) => [m.Key, m.From, m.To]);
    expect(stepMoves()).toEqual(moves);
    expect(stock(env, 'Store')).toMatchObject({ 'On hand': storeBefore - 2, Reserved: 0 });
    expect(ordersToCollect(platform.workbook)).toEqual([]);

    // A retry, the next import (the shop still says paid), then the shop completing it: nothing moves again.
    expect(handOver(nextExecution(env.shared).platform, { order: '2001' }).replayed).toBe(true);
    importOrders(platform, 'shop', { orders: [pickup('paid')], problems: [] });
    importOrders(platform, 'shop', { orders: [pickup('fulfilled')], problems: [] });
    expect(stepMoves()).toEqual(moves);
    expect(records(env, 'Orders')[0]).toMatchObject({ Fulfilment: 'collected' });
  },
);

test('an order that is not to collect is not handed over', () => {
  const { platform } = tillLedger();
  importOrders(platform, 'shop', {
    orders: [webOrder('2002', 'paid', [productLine(MUG.sku, 1, 1200)])],
    problems: [],
  });
  expect(asResult(() => handOver(platform, { order: '#2002' }))).toEqual({
    ok: false,
    problem: expect.objectContaining({
      message: expect.stringMatching(/not waiting to be collected \(its Fulfilment is "unfulfilled"\)/),
    }),
  });
});

test('tracking: imported from the shop when it has one, and set at the counter, marking the order shipped', () => {
  const { env, platform } = tillLedger();
  importOrders(platform, 'shop', {
    orders: [
      webOrder('3001', 'fulfilled', [productLine(MUG.sku, 1, 1200)], { trackingNumber: '1Z999' }),
      webOrder('3002', 'paid', [productLine(MUG.sku, 1, 1200)]),
    ],
    problems: [],
  });
  expect(records(env, 'Orders').map((o) => [o['Order No'], o.Fulfilment, o.Tracking])).toEqual([
    ['#3001', 'shipped', '1Z999'],
    ['#3002', 'unfulfilled', ''],
  ]);
  expect(setTracking(platform, { order: '#3002', tracking: 'PK-42' })).toMatchObject({
    fulfilment: 'shipped',
    tracking: 'PK-42',
  });
  // The shop has not heard of it yet: its next import keeps what the counter entered.
  importOrders(platform, 'shop', {
    orders: [webOrder('3002', 'paid', [productLine(MUG.sku, 1, 1200)], { updated: Date.UTC(2026, 10, 21) })],
    problems: [],
  });
  expect(records(env, 'Orders')[1]).toMatchObject({ Fulfilment: 'shipped', Tracking: 'PK-42' });
});
