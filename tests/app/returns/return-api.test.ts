/** The till's server API for returns, exchanges and click and collect: plain data only, refusals as values. */
import { importOrders } from '../../../src/app/sync/import-orders';
import { recordSale } from '../../../src/app/till/record-sale';
import { tillApi } from '../../../src/app/till/till-api';
import { COFFEE, cashSale, MUG, tillLedger } from '../../helpers/till-ledger';
import { productLine, webOrder } from '../../helpers/web-orders';

/** Plain data survives a JSON round trip unchanged (no Date, no class instances). */
const plain = (v: unknown) => expect(JSON.parse(JSON.stringify(v))).toEqual(v);

test('findReturnable shows each line sold, already returned and returnable; recordReturn takes one back', () => {
  const { platform } = tillLedger();
  const api = tillApi(() => platform);
  const sale = recordSale(
    platform,
    cashSale(
      's1',
      [
        { sku: COFFEE.sku, qty: 2 },
        { sku: MUG.sku, qty: 1 },
      ],
      2 * COFFEE.price + MUG.price,
    ),
  );
  const first = api.recordReturn({
    key: 'r1',
    order: sale.orderNo,
    till: 'Till 1',
    lines: [{ sku: COFFEE.sku, qty: 1, disposition: 'restock' }],
    refund: 'cash',
  });
  expect(first).toMatchObject({ ok: true, value: { refund: { method: 'cash', amount: COFFEE.price } } });
  plain(first);
  const found = api.findReturnable(sale.orderNo);
  plain(found);
  expect(found).toMatchObject({
    ok: true,
    value: {
      orderNo: sale.orderNo,
      status: 'partially refunded',
      lines: [
        { sku: COFFEE.sku, sold: 2, returned: 1, returnable: 1 },
        { sku: MUG.sku, sold: 1, returned: 0, returnable: 1 },
      ],
    },
  });
  expect(api.findReturnable('R-999999')).toMatchObject({ ok: false, problem: { code: 'unknown-order' } });
  expect(
    api.recordReturn({
      key: 'r2',
      order: sale.orderNo,
      till: 'Till 1',
      lines: [{ sku: COFFEE.sku, qty: 2, disposition: 'restock' }],
      refund: 'cash',
    }),
  ).toMatchObject({ ok: false, problem: { code: 'not-returnable' } });
});

test('ordersToCollect lists a pickup web order; handOver fulfils it once; setTracking marks another shipped', () => {
  const { platform } = tillLedger();
  const api = tillApi(() => platform);
  importOrders(platform, 'shop', {
    orders: [
      webOrder('3001', 'paid', [productLine(MUG.sku, 1, 1200)], { localPickup: true }),
      webOrder('3002', 'paid', [productLine(MUG.sku, 1, 1200)]),
    ],
    problems: [],
  });
  const list = api.ordersToCollect();
  plain(list);
  expect(list.map((o) => o.orderNo)).toEqual(['#3001']);
  expect(api.handOver({ order: '#3001' })).toMatchObject({
    ok: true,
    value: { fulfilment: 'collected', skusChanged: [MUG.sku], replayed: false },
  });
  expect(api.handOver({ order: '#3001' })).toMatchObject({ ok: true, value: { replayed: true } });
  expect(api.ordersToCollect()).toEqual([]);
  expect(api.setTracking({ order: '3002', tracking: 'TRK-9' })).toMatchObject({
    ok: true,
    value: { fulfilment: 'shipped', tracking: 'TRK-9' },
  });
  expect(api.handOver({ order: '#3002' })).toMatchObject({ ok: false, problem: { code: 'bad-input' } });
});

test('recordExchange through the API gives both receipts as plain data', () => {
  const { platform } = tillLedger();
  const api = tillApi(() => platform);
  const sale = recordSale(platform, cashSale('s1', [{ sku: COFFEE.sku, qty: 1 }], COFFEE.price));
  const x = api.recordExchange({
    key: 'x1',
    order: sale.orderNo,
    lines: [{ sku: COFFEE.sku, qty: 1, disposition: 'restock' }],
    sell: [{ sku: MUG.sku, qty: 1 }],
    till: 'Till 1',
  });
  plain(x);
  expect(x).toMatchObject({ ok: true, value: { difference: MUG.price - COFFEE.price, method: 'cash' } });
});
