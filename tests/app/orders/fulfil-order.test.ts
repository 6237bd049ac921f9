import { handOver, ordersToCollect, setTracking } from '../../../src/app/orders/fulfil-order';
import { importOrders } from '../../../src/app/sync/import-orders';
import { asResult } from '../../../src/app/till/problems';
import { recordSale } from '../../../src/app/till/record-sale';
import { cashSale, MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';
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

/** Writes one cell of Orders by hand, as the shop owner would in the sheet. */
function setOrderCell(env: Env, orderNo: string, header: string, value: unknown) {
  env.meter.uncounted(() => {
    const sheet = env.spreadsheet.getSheetByName('Orders');
    const [head, ...rows] = sheet?.getDataRange().getValues() ?? [];
    const row = rows.findIndex((r) => r[head.indexOf('Order No')] === orderNo);
    sheet?.getRange(row + 2, head.indexOf(header) + 1).setValue(value);
  });
}

test('a click-and-collect order the shop cancels leaves the list and cannot be handed over', () => {
  const { env, platform } = tillLedger();
  importOrders(platform, 'shop', { orders: [pickup('paid')], problems: [] });
  expect(ordersToCollect(platform.workbook).map((o) => o.orderNo)).toEqual(['#2001']);
  importOrders(platform, 'shop', {
    orders: [webOrder('2001', 'cancelled', [productLine(MUG.sku, 2, 1200)], { localPickup: true })],
    problems: [],
  });
  expect(records(env, 'Orders')[0]).toMatchObject({ Status: 'cancelled', Fulfilment: 'unfulfilled' });
  expect(ordersToCollect(platform.workbook)).toEqual([]);
  const movesBefore = records(env, 'Movements').length;
  expect(asResult(() => handOver(platform, { order: '#2001' }))).toEqual({
    ok: false,
    problem: expect.objectContaining({ message: expect.stringMatching(/#2001 is cancelled/) }),
  });
  expect(records(env, 'Movements')).toHaveLength(movesBefore);
});

test.each(['cancelled', 'refunded', 'pending'])(
  'an order still marked "to collect" whose Status is %s is not listed and is refused at hand-over, saying why',
  (status) => {
    const { env, platform } = tillLedger();
    importOrders(platform, 'shop', { orders: [pickup('paid')], problems: [] });
    setOrderCell(env, '#2001', 'Status', status);
    expect(ordersToCollect(platform.workbook)).toEqual([]);
    const before = ['Orders', 'Movements', 'Stock'].map((t) => records(env, t));
    expect(asResult(() => handOver(platform, { order: '#2001' }))).toEqual({
      ok: false,
      problem: expect.objectContaining({
        code: 'bad-input',
        message: expect.stringMatching(new RegExp(`#2001 is ${status}: only a paid order is handed over`)),
      }),
    });
    expect(['Orders', 'Movements', 'Stock'].map((t) => records(env, t))).toEqual(before);
  },
);

test('the list gives each total in the order’s own currency minor units, rounded exactly', () => {
  const { platform } = tillLedger();
  // A yen order's Total cell is in whole yen: it must not be scaled by the ledger's (euro) exponent.
  importOrders(platform, 'shop', {
    orders: [
      webOrder('2005', 'paid', [productLine(MUG.sku, 3, 115)], { localPickup: true }),
      webOrder('2006', 'paid', [productLine(MUG.sku, 1, 1200)], { localPickup: true, currency: 'JPY' }),
    ],
    problems: [],
  });
  expect(ordersToCollect(platform.workbook).map((o) => [o.orderNo, o.total, o.currency, o.exponent])).toEqual(
    [
      ['#2005', 345, 'EUR', 2],
      ['#2006', 1200, 'JPY', 0],
    ],
  );
});

test('tracking is refused for a till sale and for a cancelled order, and nothing is written', () => {
  const { env, platform } = tillLedger();
  const sale = recordSale(platform, cashSale('s-1', [{ sku: MUG.sku, qty: 1 }], MUG.price));
  importOrders(platform, 'shop', {
    orders: [webOrder('3003', 'cancelled', [productLine(MUG.sku, 1, 1200)])],
    problems: [],
  });
  const before = records(env, 'Orders');
  expect(asResult(() => setTracking(platform, { order: sale.orderNo, tracking: 'PK-1' }))).toEqual({
    ok: false,
    problem: expect.objectContaining({
      message: expect.stringMatching(/till sale.*handed over at the counter/),
    }),
  });
  expect(asResult(() => setTracking(platform, { order: '#3003', tracking: 'PK-2' }))).toEqual({
    ok: false,
    problem: expect.objectContaining({ message: expect.stringMatching(/#3003 is cancelled/) }),
  });
  expect(records(env, 'Orders')).toEqual(before);
});
