/**
 * Web-shop sync end to end: the real connectors (src/shops) and the real sync use case (syncShop)
 * against the fake shop (src/node/fake-shop), which speaks WooCommerce's REST API and Shopify's
 * GraphQL Admin API. The same code runs two ways:
 * - through the UrlFetchApp fake, as in the Apps Script shell: the fakes' fetch handler calls the
 *   shop's pure handler in this process, and waiting is Utilities.sleep (the fake clock);
 * - through real HTTP, as in the Node shell: nodeHttp against the shop served by a child process
 *   on 127.0.0.1 (nodeHttp blocks this thread, so the server cannot live in it).
 * The ledger is the Apps Script fakes' spreadsheet in both, so its meter counts the Sheets calls.
 */
import { seedSample } from '../../src/app/seed-sample';
import { setUpLedger } from '../../src/app/set-up-ledger';
import { defaultShopName, type ShopConfig, type ShopSecret } from '../../src/app/sync/shop-config';
import { syncShop } from '../../src/app/sync/sync-shop';
import { fakeShop } from '../../src/node/fake-shop/fake-shop';
import { startFakeShopProcess } from '../../src/node/fake-shop/process';
import {
  FAKE_SHOPIFY_TOKEN,
  FAKE_WOO_KEY,
  FAKE_WOO_SECRET,
  type FakeFault,
  type FakeShopCommand,
  type FakeShopLogEntry,
  type FakeShopScenario,
  type OrderChanges,
} from '../../src/node/fake-shop/scenario';
import { type StoryRole, storyOrderIds, UNKNOWN_SKU } from '../../src/node/fake-shop/shop-data';
import type { InventoryWrite } from '../../src/node/fake-shop/shopify';
import { bigId } from '../../src/node/fake-shop/shopify-json';
import { nodeHttp } from '../../src/node/node-http';
import type { CellValue } from '../../src/platform/workbook';
import { connectorFor } from '../../src/shops/connector-for';
import type { FakeFetchHandler } from '../fakes';
import { installAppsScript } from '../helpers/apps-script';

type ShopPlatform = 'woocommerce' | 'shopify';

/** The shop's "now"; its orders are dated in the ten days before. */
const NOW = Date.UTC(2026, 10, 26, 12);
/** The first sync imports orders changed since then (the CLI's --since). */
const SINCE = '2026-11-01T00:00:00.000Z';
/** One WooCommerce page (100) holds every order of most tests; the paging test has more. */
const ORDERS = 60;

/** The shop as a test drives it, whichever way it is reached. */
interface TestShop {
  url: string;
  /** The UrlFetchApp fake's handler when the shop runs in this process; undefined for the real server. */
  fetch?: FakeFetchHandler;
  command(command: FakeShopCommand): Promise<unknown>;
  stop(): Promise<void>;
}

type Transport = [
  name: string,
  start: (scenario: FakeShopScenario, platform: ShopPlatform) => Promise<TestShop>,
];

const TRANSPORTS: Transport[] = [
  [
    'through the UrlFetchApp fake (Apps Script shell)',
    async (scenario, platform) => {
      const shop = fakeShop(scenario);
      return {
        url: platform === 'shopify' ? 'https://fake-coffee.myshopify.com' : 'https://shop.example.com',
        fetch: (req) => shop.handle(req),
        command: async (c) => shop.apply(c),
        stop: async () => {},
      };
    },
  ],
  [
    'through real HTTP (Node shell, a fake shop server in a child process)',
    async (scenario) => {
      const server = await startFakeShopProcess(scenario);
      return { url: server.url, command: server.command, stop: server.stop };
    },
  ],
];

const PLATFORMS: ShopPlatform[] = ['woocommerce', 'shopify'];

/** The shop's order id as the ledger's External ID: WooCommerce's id, the number in Shopify's GID. */
const ext = (platform: ShopPlatform, id: number) => (platform === 'shopify' ? bigId(id) : String(id));

type Row = Record<string, CellValue>;

/** A sample ledger on the Apps Script fakes, connected to one shop; each sync is a new execution. */
class Ledger {
  readonly config: ShopConfig;
  private readonly first: ReturnType<typeof installAppsScript>;

  constructor(
    readonly shop: TestShop,
    readonly platform: ShopPlatform,
  ) {
    this.first = installAppsScript({ fetch: shop.fetch });
    setUpLedger(this.first.platform);
    seedSample(this.first.platform);
    this.config = { name: defaultShopName(shop.url), platform, url: shop.url };
  }

  sync(options: { since?: string; secret?: ShopSecret } = {}) {
    const x = installAppsScript({ shared: this.first.env.shared, fetch: this.shop.fetch });
    const http = this.shop.fetch ? x.platform.http : nodeHttp();
    const waits: number[] = [];
    const wait = (ms: number) => {
      waits.push(ms);
      if (this.shop.fetch) x.env.globals.Utilities.sleep(ms);
    };
    const secret: ShopSecret =
      options.secret ??
      (this.platform === 'woocommerce'
        ? { platform: 'woocommerce', key: FAKE_WOO_KEY, secret: FAKE_WOO_SECRET }
        : { platform: 'shopify', token: FAKE_SHOPIFY_TOKEN });
    const connector = connectorFor(this.config, secret, { http, wait });
    const report = syncShop(x.platform, this.config, connector, { since: options.since });
    x.env.end();
    return { report, meter: x.env.meter, waits };
  }

  rows(tab: string): Row[] {
    const values = this.first.env.meter.uncounted(
      () => this.first.env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues() ?? [],
    );
    const [header, ...rows] = values;
    return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
  }

  order(externalId: string): Row {
    const found = this.rows('Orders').filter((r) => r['External ID'] === externalId);
    expect(found).toHaveLength(1);
    return found[0];
  }

  /** The moves whose key starts with this order's key. */
  movesOf(externalId: string): Row[] {
    const key = `${this.config.name}:${externalId}:`;
    return this.rows('Movements').filter((m) => String(m.Key).startsWith(key));
  }

  /** What the web may sell per SKU: Available over Store and Warehouse (Stock buffer 0). */
  webAvailable(): Map<string, number> {
    const sum = new Map<string, number>();
    for (const r of this.rows('Stock')) {
      if (r.Location !== 'Store' && r.Location !== 'Warehouse') continue;
      sum.set(String(r.SKU), (sum.get(String(r.SKU)) ?? 0) + Number(r.Available));
    }
    return sum;
  }
}

/** The tabs a failed run must leave as they were (it may only add its Sync Log line). */
const UNTOUCHED_BY_FAILURE = [
  'Orders',
  'Order Lines',
  'Payments',
  'Movements',
  'Stock',
  'Customers',
  'Sync Problems',
  'Shop Stock',
];

describe.each(TRANSPORTS)('%s', (_transport, start) => {
  let shops: TestShop[] = [];
  afterEach(async () => {
    await Promise.all(shops.map((s) => s.stop()));
    shops = [];
  });

  describe.each(PLATFORMS)('%s', (platform) => {
    async function open(scenario: FakeShopScenario = {}) {
      const shop = await start({ now: NOW, orders: ORDERS, ...scenario }, platform);
      shops.push(shop);
      const ledger = new Ledger(shop, platform);
      const requests = async () => (await shop.command({ op: 'requests' })) as FakeShopLogEntry[];
      const clear = () => shop.command({ op: 'clearRequests' });
      const failNext = (fault: FakeFault, times?: number) => shop.command({ op: 'failNext', fault, times });
      const updateOrder = (id: number, changes: OrderChanges) =>
        shop.command({ op: 'updateOrder', id, changes });
      const stock = async () => (await shop.command({ op: 'stock' })) as Record<string, number | null>;
      return { shop, ledger, requests, clear, failNext, updateOrder, stock };
    }
    const ids = (count = ORDERS) => storyOrderIds(count);
    const storyExt = (role: StoryRole, count = ORDERS) => ext(platform, ids(count)[role]);
    const ordersCalls = (log: FakeShopLogEntry[]) =>
      log.filter((r) => r.operation === (platform === 'shopify' ? 'orders' : 'GET /orders'));

    test('the first sync reads every page (3 and more), imports each order once, and leaves the shop offering what the ledger has', async () => {
      const count = 250;
      const { ledger, requests, stock } = await open({ orders: count });
      const { report } = ledger.sync({ since: SINCE });
      expect(report).toMatchObject({
        ordersNew: count + 1,
        ordersUpdated: 0,
        stoppedEarly: false,
        error: null,
      });

      const calls = ordersCalls(await requests());
      expect(calls).toHaveLength(3);
      if (platform === 'woocommerce') {
        expect(calls.map((c) => new URLSearchParams(c.query).get('page'))).toEqual(['1', '2', '3']);
        for (const c of calls) {
          expect(Object.fromEntries(new URLSearchParams(c.query))).toMatchObject({
            per_page: '100',
            modified_after: '2026-11-01T00:00:00',
            dates_are_gmt: 'true',
            orderby: 'modified',
            order: 'asc',
          });
        }
      } else {
        const after = calls.map((c) => c.variables?.after ?? null);
        expect(after[0]).toBeNull();
        expect(new Set(after.slice(1)).size).toBe(2);
        expect(after.slice(1).every((a) => typeof a === 'string')).toBe(true);
        for (const c of calls) expect(c.variables?.search).toBe("updated_at:>'2026-11-01T00:00:00Z'");
      }

      // Every order once, by its own id; the one refund as its own return row.
      const orders = ledger.rows('Orders');
      expect(orders).toHaveLength(count + 1);
      const sales = orders.filter((o) => o.Type === 'sale');
      const expected = Array.from({ length: count }, (_, i) => ext(platform, 1001 + i));
      expect(sales.map((o) => o['External ID']).sort()).toEqual(expected.sort());
      expect(new Set(orders.map((o) => o.Key)).size).toBe(orders.length);
      expect(sales.every((o) => o.Channel === 'Web' && o.Shop === ledger.config.name)).toBe(true);

      // Each line once: the shop's lines, a shipping line per order, the coupon (WooCommerce) and the refunded line.
      const shopOrders = fakeShop({ now: NOW, orders: count }).orders;
      const productLines = shopOrders.reduce((n, o) => n + o.lines.length, 0);
      const couponLines = platform === 'woocommerce' ? 1 : 0;
      expect(ledger.rows('Order Lines')).toHaveLength(productLines + count + couponLines + 1);

      // The shop now offers, per SKU, what the ledger may sell on the web.
      const shopStock = await stock();
      for (const [sku, available] of ledger.webAvailable())
        expect([sku, shopStock[sku]]).toEqual([sku, available]);
      expect(report.stockPushed).toBeGreaterThan(0);
    });

    test('a refund becomes its own return order, and the refunded goods go back on the shelf', async () => {
      const { ledger, updateOrder } = await open();
      ledger.sync({ since: SINCE });
      const refunded = ledger.order(storyExt('refunded'));
      expect(refunded.Status).toBe('partially refunded');
      const refundExt = `${storyExt('refunded')}-R${ext(platform, 9001)}`;
      expect(ledger.order(refundExt)).toMatchObject({
        Type: 'return',
        Status: 'refunded',
        Total: -12,
        'Refund of': refunded['Order ID'],
      });
      expect(
        ledger.rows('Payments').filter((p) => p['Order ID'] === ledger.order(refundExt)['Order ID']),
      ).toEqual([expect.objectContaining({ Amount: -12 })]);
      expect(ledger.movesOf(refundExt).map((m) => [m.SKU, m.Qty, m.From, m.To, m.Reason])).toEqual([
        ['ACC-MUG-B', 1, 'Customer', 'Warehouse', 'return'],
      ]);

      // A second refund, made in the shop between two syncs.
      await updateOrder(ids().coupon, {
        refund: { sku: 'ACC-INF-S', qty: 1, restock: true, reason: 'Changed mind' },
      });
      const { report } = ledger.sync();
      expect(report).toMatchObject({ ordersNew: 1, ordersUpdated: 1, error: null });
      expect(ledger.order(storyExt('coupon')).Status).toBe('partially refunded');
      const second = `${storyExt('coupon')}-R${ext(platform, 9002)}`;
      // 6.90 less the 10 % coupon: 6.21.
      expect(ledger.order(second)).toMatchObject({ Type: 'return', Total: -6.21 });
      expect(ledger.movesOf(second).map((m) => [m.SKU, m.Qty, m.From, m.To])).toEqual([
        ['ACC-INF-S', 1, 'Customer', 'Warehouse'],
      ]);
    });

    test('a cancellation: a cancelled order moves no stock, and one cancelled between syncs is updated in place and gives back what it held', async () => {
      const { ledger, updateOrder } = await open();
      ledger.sync({ since: SINCE });
      const cancelled = ledger.order(storyExt('cancelled'));
      expect(cancelled.Status).toBe('cancelled');
      expect(ledger.rows('Payments').filter((p) => p['Order ID'] === cancelled['Order ID'])).toEqual([]);
      expect(ledger.movesOf(storyExt('cancelled'))).toEqual([]);

      // Cash on delivery: WooCommerce says "processing" (stock reserved), Shopify "pending" (nothing reserved).
      const cod = storyExt('cashOnDelivery');
      const reservedBefore = ledger.movesOf(cod).map((m) => [m.SKU, m.Qty, m.From, m.To]);
      expect(reservedBefore).toEqual(
        platform === 'woocommerce'
          ? [
              ['TEA-MAT-50', 1, 'Warehouse', 'Warehouse/Reserved'],
              ['COF-BRA-1K', 1, 'Warehouse', 'Warehouse/Reserved'],
            ]
          : [],
      );
      const rowsBefore = ledger.rows('Orders').length;
      await updateOrder(ids().cashOnDelivery, { status: 'cancelled' });
      const { report } = ledger.sync();
      expect(report).toMatchObject({ ordersNew: 0, ordersUpdated: 1, error: null });
      expect(ledger.rows('Orders')).toHaveLength(rowsBefore);
      expect(ledger.order(cod).Status).toBe('cancelled');
      const released = ledger.movesOf(cod).filter((m) => String(m.Key).endsWith(':release'));
      expect(released.map((m) => [m.SKU, m.Qty, m.From, m.To])).toEqual(
        platform === 'woocommerce'
          ? [
              ['TEA-MAT-50', 1, 'Warehouse/Reserved', 'Warehouse'],
              ['COF-BRA-1K', 1, 'Warehouse/Reserved', 'Warehouse'],
            ]
          : [],
      );
    });

    test('an order changed between two syncs is updated in place, never duplicated', async () => {
      const { ledger, updateOrder, requests, clear } = await open();
      ledger.sync({ since: SINCE });
      const paid = storyExt('paid');
      expect(ledger.order(paid).Status).toBe('paid');
      const before = { orders: ledger.rows('Orders').length, lines: ledger.rows('Order Lines').length };

      await updateOrder(ids().paid, { status: 'completed' });
      await clear();
      const { report } = ledger.sync();
      expect(report).toMatchObject({ ordersNew: 0, ordersUpdated: 1, problems: 0, error: null });
      expect(ledger.rows('Orders')).toHaveLength(before.orders);
      expect(ledger.rows('Order Lines')).toHaveLength(before.lines);
      const row = ledger.order(paid);
      expect(row.Status).toBe('fulfilled');
      expect(ledger.rows('Payments').filter((p) => p['Order ID'] === row['Order ID'])).toHaveLength(1);
      // Reserved when paid, then shipped from the reservation: each once.
      expect(ledger.movesOf(paid).map((m) => [m.SKU, m.From, m.To])).toEqual([
        ['COF-ETH-250', 'Warehouse', 'Warehouse/Reserved'],
        ['ACC-MUG-W', 'Warehouse', 'Warehouse/Reserved'],
        ['COF-ETH-250', 'Warehouse/Reserved', 'Customer'],
        ['ACC-MUG-W', 'Warehouse/Reserved', 'Customer'],
      ]);
      // The second sync asked only for what changed since the first one's newest order.
      const [call] = ordersCalls(await requests());
      if (platform === 'woocommerce') {
        expect(new URLSearchParams(call.query).get('modified_after')).not.toBe('2026-11-01T00:00:00');
      } else {
        expect(call.variables?.search).not.toBe("updated_at:>'2026-11-01T00:00:00Z'");
      }
    });

    test('a sync that finds nothing new makes exactly one call to the shop and writes nothing to the sheets', async () => {
      const { ledger, requests, clear } = await open();
      ledger.sync({ since: SINCE });
      const logRows = ledger.rows('Sync Log').length;
      await clear();
      const { report, meter } = ledger.sync();
      expect(report).toMatchObject({
        ordersNew: 0,
        ordersUpdated: 0,
        stockPushed: 0,
        problems: 0,
        error: null,
      });
      expect(await requests()).toHaveLength(1);
      expect(ordersCalls(await requests())).toHaveLength(1);
      expect(meter.byMethod['Range.setValues'] ?? 0).toBe(0);
      expect(meter.cellsWritten).toBe(0);
      expect(ledger.rows('Sync Log')).toHaveLength(logRows);
    });

    test('the unknown SKU is imported, flagged, and listed once in Sync Problems however often its order syncs', async () => {
      const { ledger, updateOrder } = await open();
      const first = ledger.sync({ since: SINCE }).report;
      const unknown = storyExt('unknownSku');
      expect(first.problemList).toEqual([
        expect.objectContaining({
          externalId: unknown,
          sku: UNKNOWN_SKU,
          problem: expect.stringMatching(/not in the Products tab/),
        }),
      ]);
      const problems = () => ledger.rows('Sync Problems');
      expect(problems()).toEqual([
        expect.objectContaining({
          Shop: ledger.config.name,
          'External ID': unknown,
          SKU: UNKNOWN_SKU,
          Status: 'open',
          'Order ID': ledger.order(unknown)['Order ID'],
        }),
      ]);
      // The line is there; no stock moved for it.
      const orderId = ledger.order(unknown)['Order ID'];
      expect(
        ledger.rows('Order Lines').filter((l) => l['Order ID'] === orderId && l.SKU === UNKNOWN_SKU),
      ).toHaveLength(1);
      expect(ledger.rows('Movements').filter((m) => m.SKU === UNKNOWN_SKU)).toEqual([]);

      // The order changes in the shop and syncs again; then everything is read again from the start.
      await updateOrder(ids().unknownSku, { note: 'Gift wrap, please' });
      expect(ledger.sync().report).toMatchObject({ problems: 0, ordersNew: 0, error: null });
      expect(ledger.sync({ since: SINCE }).report).toMatchObject({
        problems: 0,
        ordersNew: 0,
        ordersUpdated: 0,
      });
      expect(problems()).toHaveLength(1);
      expect(ledger.rows('Orders')).toHaveLength(ORDERS + 1);
    });

    test('429 with Retry-After: the wait gets the shop’s figure, then the run completes', async () => {
      const { ledger, failNext, requests } = await open();
      await failNext({ status: 429, retryAfter: 2 });
      const { report, waits } = ledger.sync({ since: SINCE });
      expect(waits).toEqual([2000]);
      expect(report).toMatchObject({ ordersNew: ORDERS + 1, stoppedEarly: false, error: null });
      const [refused, retried] = await requests();
      expect(refused.status).toBe(429);
      expect({ ...retried, status: 429 }).toEqual(refused);
      expect(retried.status).toBe(200);
    });

    test('a 500, then success: one bounded wait and the run completes', async () => {
      const { ledger, failNext, requests } = await open();
      await failNext({ status: 500 });
      const { report, waits } = ledger.sync({ since: SINCE });
      expect(waits).toEqual([1000]);
      expect(report).toMatchObject({ ordersNew: ORDERS + 1, stoppedEarly: false, error: null });
      expect((await requests()).slice(0, 2).map((r) => r.status)).toEqual([500, 200]);
    });

    test.each([
      ['a wrong key', 'credentials' as const],
      ['the shop answering 401', 'fault' as const],
    ])(
      '401 (%s): a clear "check the key" message, no retry, and nothing written but the Sync Log line',
      async (_, how) => {
        const { ledger, failNext, requests } = await open();
        let secret: ShopSecret | undefined;
        if (how === 'fault') await failNext({ status: 401 });
        else if (platform === 'woocommerce') secret = { platform, key: FAKE_WOO_KEY, secret: 'cs_wrong' };
        else secret = { platform, token: 'shpat_wrong' };
        const before = UNTOUCHED_BY_FAILURE.map((tab) => [tab, ledger.rows(tab)]);
        const { report, waits } = ledger.sync({ since: SINCE, secret });
        expect(report.stoppedEarly).toBe(true);
        expect(report.error).toMatch(
          platform === 'woocommerce'
            ? /^WooCommerce refused the credentials \(HTTP 401\): check the key and secret/
            : /^Shopify refused the credentials \(HTTP 401\): check the key \(access token\)/,
        );
        expect(waits).toEqual([]);
        expect(await requests()).toHaveLength(1);
        expect(UNTOUCHED_BY_FAILURE.map((tab) => [tab, ledger.rows(tab)])).toEqual(before);
        expect(ledger.rows('Orders')).toEqual([]);
        expect(ledger.rows('Sync Log')).toEqual([expect.objectContaining({ Message: report.error })]);
      },
    );

    test('a malformed body: a clear error naming what came, and nothing written but the Sync Log line', async () => {
      const { ledger, failNext } = await open();
      await failNext({ malformed: true });
      const before = UNTOUCHED_BY_FAILURE.map((tab) => [tab, ledger.rows(tab)]);
      const { report } = ledger.sync({ since: SINCE });
      expect(report.stoppedEarly).toBe(true);
      expect(report.error).toMatch(
        platform === 'woocommerce'
          ? /^WooCommerce sent a reply that is not JSON from .*\/wp-json\/wc\/v3\/orders\?.*: <br \/>/
          : /^Shopify sent a reply that is not JSON from .*\/admin\/api\/\d{4}-\d{2}\/graphql\.json: \{"data"/,
      );
      expect(UNTOUCHED_BY_FAILURE.map((tab) => [tab, ledger.rows(tab)])).toEqual(before);
      expect(ledger.rows('Orders')).toEqual([]);
      expect(ledger.rows('Sync Log')).toHaveLength(1);
    });

    if (platform === 'shopify') {
      test('a stale changeFromQuantity: Shopify’s stock is read again and written with the online sale kept, never blind', async () => {
        const { ledger, shop, requests, stock } = await open();
        await shop.command({ op: 'staleOnce', sku: 'ACC-MUG-W', sold: 1 });
        const { report } = ledger.sync({ since: SINCE });
        expect(report).toMatchObject({ error: null, stoppedEarly: false });
        expect(report.problemList).toEqual([expect.objectContaining({ sku: UNKNOWN_SKU })]);

        const writes = (await shop.command({ op: 'inventoryWrites' })) as InventoryWrite[];
        expect(writes.every((w) => w.changeFromQuantity !== null)).toBe(true);
        const mug = writes.filter((w) => w.sku === 'ACC-MUG-W');
        const wanted = ledger.webAvailable().get('ACC-MUG-W') ?? Number.NaN;
        const [refused, written] = mug;
        expect(mug).toHaveLength(2);
        expect(refused).toMatchObject({ outcome: 'stale', quantity: wanted });
        // Read again: the compare is against what Shopify has after the sale, and the sale is kept.
        expect(written).toEqual({
          sku: 'ACC-MUG-W',
          outcome: 'set',
          changeFromQuantity: (refused.changeFromQuantity ?? 0) - 1,
          quantity: wanted - 1,
        });
        expect((await stock())['ACC-MUG-W']).toBe(wanted - 1);
        // After the first write, the only read is the one after the refusal.
        const ops = (await requests()).map((r) => r.operation);
        expect(
          ops.slice(ops.indexOf('inventorySetQuantities')).filter((op) => op === 'inventoryItems'),
        ).toHaveLength(1);
      });
    }

    if (platform === 'woocommerce') {
      test('a stock update refused inside a 200 batch answer fails that SKU only, and says why', async () => {
        const { ledger, stock } = await open({ refuseStockOf: 'COF-ETH-250' });
        const before = (await stock())['COF-ETH-250'];
        const { report } = ledger.sync({ since: SINCE });
        expect(report.problemList).toContainEqual(
          expect.objectContaining({
            sku: 'COF-ETH-250',
            problem: expect.stringMatching(
              /^Stock push failed: WooCommerce refused the stock of COF-ETH-250 .*not allowed to edit/,
            ),
          }),
        );
        const after = await stock();
        expect(after['COF-ETH-250']).toBe(before);
        const available = ledger.webAvailable();
        expect(after['COF-ETH-250']).not.toBe(available.get('COF-ETH-250'));
        for (const [sku, qty] of available)
          if (sku !== 'COF-ETH-250') expect([sku, after[sku]]).toEqual([sku, qty]);
        expect(ledger.rows('Shop Stock').find((r) => r.SKU === 'COF-ETH-250')?.['Last error']).toMatch(
          /not allowed/,
        );
      });
    }
  });
});
