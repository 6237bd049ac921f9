import type { ShopConfig } from '../../../src/app/sync/shop-config';
import { syncKeys, syncShop } from '../../../src/app/sync/sync-shop';
import { recordSale } from '../../../src/app/till/record-sale';
import type { WebOrder } from '../../../src/core/web-order';
import type { ShopConnector, StockWrite } from '../../../src/shops/connector';
import { ShopError } from '../../../src/shops/shop-error';
import { cashSale, MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';
import { productLine, webOrder } from '../../helpers/web-orders';

const SHOP: ShopConfig = {
  name: 'shop.example.com',
  platform: 'woocommerce',
  url: 'https://shop.example.com',
};
const rows = (env: ReturnType<typeof tillLedger>['env'], tab: string) =>
  env.meter.uncounted(() => env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues().slice(1) ?? []);

/** A shop in memory: pages of orders, stock levels, and a record of every call. */
class FakeShop implements ShopConnector {
  readonly platform = 'WooCommerce' as const;
  calls: string[] = [];
  writes: StockWrite[] = [];
  stock = new Map<string, number>([['ACC-MUG-W', 42]]);
  constructor(public pages: WebOrder[][] = []) {}
  ping() {
    return 'ok';
  }
  fetchOrders(since: string, cursor: string | null) {
    this.calls.push(`orders since=${since} cursor=${cursor}`);
    const i = cursor ? Number(cursor) : 0;
    const orders = (this.pages[i] ?? []).filter((o) => o.updated > Date.parse(since));
    return { orders, problems: [], next: i + 1 < this.pages.length ? String(i + 1) : null };
  }
  readStock(skus: readonly string[]) {
    this.calls.push(`read ${skus.length}`);
    return skus
      .filter((s) => this.stock.has(s))
      .map((sku) => ({ sku, ref: `p-${sku}`, quantity: this.stock.get(sku) ?? null }));
  }
  writeStock(writes: readonly StockWrite[]) {
    this.calls.push(`write ${writes.length}`);
    this.writes.push(...writes);
    for (const w of writes) this.stock.set(w.sku, w.quantity);
    return writes.map((w) => ({ sku: w.sku, ok: true, quantity: w.quantity }));
  }
}

const order = (id: string, minute: number, status: WebOrder['status'] = 'paid') =>
  webOrder(id, status, [productLine('ACC-MUG-W', 1, 1200)], { updated: Date.UTC(2026, 10, 26, 10, minute) });

test('a sync imports every page, pushes the stock the web may sell, logs the run, and remembers where it got to', () => {
  const { env, platform } = tillLedger({ open: false });
  const shop = new FakeShop([[order('1', 1), order('2', 2)], [order('3', 3)], [order('4', 4)]]);
  const report = syncShop(platform, SHOP, shop, { since: '2026-11-01T00:00:00.000Z' });
  expect(report).toMatchObject({
    ordersNew: 4,
    ordersUpdated: 0,
    stockPushed: 1,
    problems: 0,
    stoppedEarly: false,
    error: null,
  });
  expect(shop.calls.filter((c) => c.startsWith('orders'))).toHaveLength(3);
  // Store 12 + Warehouse 30, less 4 reserved for the web orders.
  expect(shop.writes).toEqual([
    expect.objectContaining({ sku: 'ACC-MUG-W', ref: 'p-ACC-MUG-W', quantity: 38, expected: 42 }),
  ]);
  expect(platform.properties.get(syncKeys(SHOP.name).since)).toBe(
    new Date(Date.UTC(2026, 10, 26, 10, 4)).toISOString(),
  );
  expect(platform.properties.get(syncKeys(SHOP.name).cursor)).toBeNull();
  expect(rows(env, 'Sync Log').map((r) => r.slice(4, 8))).toEqual([[4, 0, 1, 0]]);
  const shopStock = rows(env, 'Shop Stock');
  expect(shopStock.filter((r) => r[2] !== '').map((r) => r.slice(0, 4))).toEqual([
    [SHOP.name, 'ACC-MUG-W', 'p-ACC-MUG-W', 38],
  ]);
  // The 29 SKUs the shop does not sell are noted, so the next runs do not look for them again.
  expect(shopStock.filter((r) => r[5] === 'not sold in this shop')).toHaveLength(29);
});

test('a sync with nothing new makes one call to the shop and writes nothing to the ledger', () => {
  const { env, platform } = tillLedger({ open: false });
  const shop = new FakeShop([[order('1', 1)]]);
  syncShop(platform, SHOP, shop, { since: '2026-11-01T00:00:00.000Z' });
  shop.calls = [];
  const again = nextExecution(env.shared);
  const report = syncShop(again.platform, SHOP, shop);
  expect(report).toMatchObject({ ordersNew: 0, ordersUpdated: 0, stockPushed: 0, problems: 0 });
  expect(shop.calls).toEqual([
    `orders since=${new Date(Date.UTC(2026, 10, 26, 10, 1)).toISOString()} cursor=null`,
  ]);
  expect(again.env.meter.byMethod['Range.setValues'] ?? 0).toBe(0);
  expect(rows(env, 'Sync Log')).toHaveLength(1);
  expect(again.platform.properties.get(syncKeys(SHOP.name).checked)).toBe(report.checkedAt);
});

test('a sale at the till lowers what the web shop may sell, at the next push', () => {
  const { platform } = tillLedger();
  const shop = new FakeShop([]);
  syncShop(platform, SHOP, shop, { since: '2026-11-01T00:00:00.000Z' });
  expect(shop.stock.get('ACC-MUG-W')).toBe(42);
  recordSale(platform, cashSale('till-1', [{ sku: MUG.sku, qty: 2 }], 2 * MUG.price));
  const report = syncShop(platform, SHOP, shop);
  expect(report.stockPushed).toBe(1);
  expect(shop.stock.get('ACC-MUG-W')).toBe(40);
});

test('out of time, the run stops after the page in hand and the next run resumes at the cursor', () => {
  const { platform } = tillLedger({ open: false });
  const shop = new FakeShop([[order('1', 1)], [order('2', 2)], [order('3', 3)]]);
  const first = syncShop(platform, SHOP, shop, { since: '2026-11-01T00:00:00.000Z', budgetMs: -1 });
  expect(first).toMatchObject({ ordersNew: 1, stoppedEarly: true, stockPushed: 0 });
  expect(platform.properties.get(syncKeys(SHOP.name).cursor)).toBe('1');
  const second = syncShop(platform, SHOP, shop, { since: '2026-11-01T00:00:00.000Z' });
  expect(second).toMatchObject({ ordersNew: 2, stoppedEarly: false });
});

test('a shop that refuses the key stops the run with a clear message, a log line and a toast; nothing else is written', () => {
  const { env, platform } = tillLedger({ open: false });
  const shop = new FakeShop([[order('1', 1)]]);
  shop.fetchOrders = () => {
    throw new ShopError('auth', 'WooCommerce refused the credentials (HTTP 401): check the key and secret.');
  };
  const report = syncShop(platform, SHOP, shop);
  expect(report).toMatchObject({ stoppedEarly: true, error: expect.stringMatching(/check the key/) });
  expect(rows(env, 'Orders')).toHaveLength(0);
  expect(rows(env, 'Sync Log')[0][8]).toMatch(/check the key/);
  expect(env.ui.toasts.at(-1)?.message).toMatch(/check the key/);
});

test('when the shop sold online since our last push, the sync imports first and then writes', () => {
  const { platform } = tillLedger();
  const shop = new FakeShop([[order('1', 1)]]);
  syncShop(platform, SHOP, shop, { since: '2026-11-01T00:00:00.000Z' });
  expect(shop.stock.get('ACC-MUG-W')).toBe(41);
  // A mug sold at the till; meanwhile a mug sold online that the ledger has not imported yet.
  recordSale(platform, cashSale('till-1', [{ sku: MUG.sku, qty: 1 }], MUG.price));
  let fetches = 0;
  const fetchOrders = shop.fetchOrders.bind(shop);
  shop.fetchOrders = (since, cursor) => {
    fetches++;
    if (fetches === 1) {
      shop.stock.set('ACC-MUG-W', 40); // the online sale lands just after our import
      return { orders: [], problems: [], next: null };
    }
    shop.pages = [[order('2', 9)]];
    return fetchOrders(since, cursor);
  };
  const report = syncShop(platform, SHOP, shop);
  expect(fetches).toBe(2); // the push saw 40 where we had pushed 41, so it imported first
  expect(report.ordersNew).toBe(1);
  // 42 less two web orders less one till sale.
  expect(shop.writes.at(-1)).toMatchObject({ sku: 'ACC-MUG-W', quantity: 39, expected: 40 });
  expect(shop.stock.get('ACC-MUG-W')).toBe(39);
});

test('when an order changes during a walk of several pages, the mark stays put and the next sync walks again', () => {
  const { platform } = tillLedger({ open: false });
  const now = Date.now();
  // Page 2 holds an order changed after the walk began: page numbers may have shifted under us.
  const shop = new FakeShop([[order('1', 1)], [{ ...order('2', 2), updated: now + 5_000 }]]);
  syncShop(platform, SHOP, shop, { since: '2026-11-01T00:00:00.000Z' });
  expect(platform.properties.get(syncKeys(SHOP.name).since)).toBe('2026-11-01T00:00:00.000Z');
  expect(platform.properties.get(syncKeys(SHOP.name).walk)).toBeNull();
  // A quiet walk moves the mark to the newest change it saw.
  shop.pages = [[order('1', 1)], [order('2', 2)]];
  shop.calls = [];
  const again = syncShop(platform, SHOP, shop);
  expect(again).toMatchObject({ ordersNew: 0, ordersUpdated: 0 });
  expect(shop.calls.filter((c) => c.startsWith('orders since=2026-11-01T00:00:00.000Z'))).toHaveLength(2);
  expect(platform.properties.get(syncKeys(SHOP.name).since)).toBe(
    new Date(Date.UTC(2026, 10, 26, 10, 2)).toISOString(),
  );
});
