/**
 * The fake shop's own contract: it must answer as WooCommerce and Shopify do, or the sync tests
 * would prove nothing. Its orders are read by the real connectors' parsers and must add up; its
 * refusals carry the platforms' status codes and bodies; the forked server is loopback only and
 * goes away when stopped.
 */
import { fakeShop } from '../../src/node/fake-shop/fake-shop';
import { startFakeShopProcess } from '../../src/node/fake-shop/process';
import { FAKE_SHOPIFY_TOKEN, FAKE_WOO_KEY, FAKE_WOO_SECRET } from '../../src/node/fake-shop/scenario';
import {
  buildProducts,
  DEFAULT_ORDER_COUNT,
  storyOrderIds,
  UNKNOWN_SKU,
} from '../../src/node/fake-shop/shop-data';
import { inventoryItemGid, LOCATION_GID } from '../../src/node/fake-shop/shopify-json';
import { nodeHttp } from '../../src/node/node-http';
import { HttpUnreachableError } from '../../src/platform/http';
import { SHOPIFY_GRAPHQL_PATH } from '../../src/shops/shopify/api';
import { mapShopifyOrder } from '../../src/shops/shopify/order-mapping';
import { ORDERS_QUERY } from '../../src/shops/shopify/orders';
import { SET_QUANTITIES_MUTATION } from '../../src/shops/shopify/stock';
import { parseOrder } from '../../src/shops/woocommerce/order';
import { parseRefund } from '../../src/shops/woocommerce/refunds';

const NOW = Date.UTC(2026, 10, 26, 12);
const BASE = 'https://shop.example.com';
const AUTH = {
  Authorization: `Basic ${Buffer.from(`${FAKE_WOO_KEY}:${FAKE_WOO_SECRET}`).toString('base64')}`,
};

function woo(
  shop: ReturnType<typeof fakeShop>,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const res = shop.handle({
    method: init.method ?? 'GET',
    url: `${BASE}/wp-json/wc/v3${path}`,
    headers: init.headers ?? AUTH,
    body: init.body === undefined ? '' : JSON.stringify(init.body),
  });
  return { ...res, json: () => JSON.parse(res.body) };
}

function graphql(
  shop: ReturnType<typeof fakeShop>,
  query: string,
  variables: Record<string, unknown>,
  token = FAKE_SHOPIFY_TOKEN,
) {
  const res = shop.handle({
    method: 'POST',
    url: `https://fake.myshopify.com${SHOPIFY_GRAPHQL_PATH}`,
    headers: { 'X-Shopify-Access-Token': token, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { ...res, json: () => JSON.parse(res.body) };
}

describe('its orders', () => {
  test('are read by the WooCommerce connector without a single problem: every order adds up to its total', () => {
    const shop = fakeShop({ now: NOW });
    const page = woo(shop, '/orders?per_page=100&page=1&orderby=modified&order=asc').json() as unknown[];
    const all = [1, 2, 3].flatMap((p) => woo(shop, `/orders?per_page=100&page=${p}`).json() as unknown[]);
    expect(page).toHaveLength(100);
    expect(all).toHaveLength(DEFAULT_ORDER_COUNT);
    for (const raw of all) expect(parseOrder(raw).problems).toEqual([]);
    const statuses = new Set(all.map((o) => (o as { status: string }).status));
    expect([...statuses].sort()).toEqual(['cancelled', 'completed', 'on-hold', 'processing']);
    const rates = new Set(
      all.flatMap((o) =>
        (o as { tax_lines: { rate_percent: number }[] }).tax_lines.map((t) => t.rate_percent),
      ),
    );
    expect([...rates].sort()).toEqual([10, 21]);
  });

  test('are read by the Shopify connector without a single problem, with ids above 2^53 kept whole', () => {
    const shop = fakeShop({ now: NOW, orders: 30 });
    const data = graphql(shop, ORDERS_QUERY, {
      first: 100,
      after: null,
      search: "updated_at:>'2026-11-01T00:00:00Z'",
    }).json();
    const nodes = data.data.orders.nodes as unknown[];
    expect(nodes).toHaveLength(30);
    for (const node of nodes) expect(mapShopifyOrder(node).problems).toEqual([]);
    const first = mapShopifyOrder(nodes[0]).order;
    expect(first?.externalId).toMatch(/^\d{19}$/);
    expect(BigInt(first?.externalId ?? 0) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(data.extensions.cost.throttleStatus).toEqual(
      expect.objectContaining({ maximumAvailable: 2000, restoreRate: 100 }),
    );
  });

  test('tell the story the sync must get right: a coupon, a restocked refund, a cancellation, an unknown SKU, several customers', () => {
    const shop = fakeShop({ now: NOW });
    const ids = storyOrderIds();
    const order = (id: number) => woo(shop, `/orders/${id}`).json();
    expect(order(ids.coupon).coupon_lines).toEqual([expect.objectContaining({ code: 'welcome10' })]);
    expect(order(ids.cancelled).status).toBe('cancelled');
    expect(order(ids.cancelled).date_paid_gmt).toBeNull();
    expect(order(ids.onHold).status).toBe('on-hold');
    expect(order(ids.unknownSku).line_items.map((l: { sku: string }) => l.sku)).toContain(UNKNOWN_SKU);
    const refunded = order(ids.refunded);
    expect(refunded.refunds).toEqual([{ id: 9001, reason: 'Arrived chipped', total: '-12.00' }]);
    const [refund] = woo(shop, `/orders/${ids.refunded}/refunds`).json();
    const parsed = parseRefund(refund, { externalId: String(ids.refunded), currency: 'EUR' });
    expect(parsed.problems).toEqual([]);
    expect(parsed.refund?.lines).toEqual([
      {
        externalLineId: String(refunded.line_items[0].id),
        sku: 'ACC-MUG-B',
        qty: 1,
        amount: 1200,
        restock: true,
      },
    ]);
    const emails = new Set(shop.orders.map((o) => o.customer.email));
    expect(emails.size).toBeGreaterThanOrEqual(5);
    expect(shop.orders.some((o) => o.customer.id === 0)).toBe(true);
  });
});

describe('as WooCommerce', () => {
  test('refuses a wrong key or secret, and no key at all, with WooCommerce’s 401 bodies', () => {
    const shop = fakeShop({ now: NOW });
    const basic = (k: string, s: string) => ({
      Authorization: `Basic ${Buffer.from(`${k}:${s}`).toString('base64')}`,
    });
    expect(woo(shop, '/orders', { headers: basic(FAKE_WOO_KEY, 'cs_wrong') })).toMatchObject({ status: 401 });
    expect(woo(shop, '/orders', { headers: basic(FAKE_WOO_KEY, 'cs_wrong') }).json()).toEqual({
      code: 'woocommerce_rest_authentication_error',
      message: 'Consumer secret is invalid.',
      data: { status: 401 },
    });
    expect(woo(shop, '/orders', { headers: basic('ck_other', FAKE_WOO_SECRET) }).json().message).toBe(
      'Consumer key is invalid.',
    );
    expect(woo(shop, '/orders', { headers: {} }).json().code).toBe('woocommerce_rest_cannot_view');
  });

  test('pages with per_page (1–100) and says how many pages there are; modified_after is strict', () => {
    const shop = fakeShop({ now: NOW, orders: 250 });
    const first = woo(shop, '/orders?per_page=100&page=1&orderby=modified&order=asc&dates_are_gmt=true');
    expect(first.headers).toMatchObject({ 'x-wp-total': '250', 'x-wp-totalpages': '3' });
    expect(first.headers.link).toMatch(/[?&]page=2[&>].*; rel="next"$/);
    const last = woo(shop, '/orders?per_page=100&page=3&orderby=modified&order=asc').json() as {
      id: number;
    }[];
    expect(last).toHaveLength(50);
    expect(woo(shop, '/orders?per_page=101').status).toBe(400);
    expect(woo(shop, '/orders?per_page=101').json().code).toBe('rest_invalid_param');

    const newest = shop.orders.reduce((a, b) => (b.modified > a.modified ? b : a));
    const at = new Date(newest.modified).toISOString().slice(0, 19);
    expect(woo(shop, `/orders?modified_after=${at}&dates_are_gmt=true`).json()).toEqual([]);
    shop.updateOrder(newest.id, { note: 'changed' });
    expect(woo(shop, `/orders?modified_after=${at}&dates_are_gmt=true&_fields=id`).json()).toEqual([
      { id: newest.id },
    ]);
  });

  test('answers a stock batch item by item, refuses one it is told to, and more than 100 items with 413', () => {
    const shop = fakeShop({ now: NOW, refuseStockOf: 'TEA-EGR-100' });
    const simple = buildProducts().filter((p) => p.type === 'simple');
    const eth = simple.find((p) => p.sku === 'COF-ETH-250');
    const egr = simple.find((p) => p.sku === 'TEA-EGR-100');
    const res = woo(shop, '/products/batch', {
      method: 'POST',
      body: {
        update: [
          { id: eth?.id, manage_stock: true, stock_quantity: 7 },
          { id: egr?.id, manage_stock: true, stock_quantity: 3 },
          { id: 99999, manage_stock: true, stock_quantity: 1 },
        ],
      },
    });
    expect(res.status).toBe(200);
    const answers = res.json().update;
    expect(answers[0]).toMatchObject({ id: eth?.id, sku: 'COF-ETH-250', stock_quantity: 7 });
    expect(answers[1]).toMatchObject({ id: egr?.id, error: { code: 'woocommerce_rest_cannot_edit' } });
    expect(answers[2]).toMatchObject({ id: 99999, error: { code: 'woocommerce_rest_product_invalid_id' } });
    expect(shop.stock()).toMatchObject({ 'COF-ETH-250': 7, 'TEA-EGR-100': egr?.stock });
    const tooMany = Array.from({ length: 101 }, () => ({ id: eth?.id, stock_quantity: 1 }));
    expect(woo(shop, '/products/batch', { method: 'POST', body: { update: tooMany } }).status).toBe(413);
    // The mugs are variations of one product: listed under it, written through its variations batch.
    const mugs = woo(
      shop,
      '/products/150/variations?per_page=100&_fields=id,sku,manage_stock,stock_quantity',
    ).json();
    expect(mugs.map((m: { sku: string }) => m.sku).sort()).toEqual(['ACC-MUG-B', 'ACC-MUG-W']);
    expect(Object.keys(mugs[0]).sort()).toEqual(['id', 'manage_stock', 'sku', 'stock_quantity']);
  });

  test('queued faults answer the next requests in turn, then it answers normally', () => {
    const shop = fakeShop({ now: NOW, failNext: [{ status: 429, retryAfter: 3 }, { malformed: true }] });
    shop.failNext({ status: 500 });
    const first = woo(shop, '/orders');
    expect([first.status, first.headers['retry-after']]).toEqual([429, '3']);
    const second = woo(shop, '/orders');
    expect(second.status).toBe(200);
    expect(() => JSON.parse(second.body)).toThrow();
    expect(woo(shop, '/orders').status).toBe(500);
    expect(woo(shop, '/orders').status).toBe(200);
    expect(shop.requests().map((r) => r.status)).toEqual([429, 200, 500, 200]);
  });
});

describe('as Shopify', () => {
  const mugItem = () => inventoryItemGid({ id: 151 });
  const setMug = (shop: ReturnType<typeof fakeShop>, quantity: number, from: number | null, key: string) =>
    graphql(shop, SET_QUANTITIES_MUTATION, {
      input: {
        name: 'available',
        reason: 'correction',
        quantities: [
          { inventoryItemId: mugItem(), locationId: LOCATION_GID, quantity, changeFromQuantity: from },
        ],
      },
      idempotencyKey: key,
    }).json().data.inventorySetQuantities;

  test('refuses a wrong token with Shopify’s 401', () => {
    const shop = fakeShop({ now: NOW });
    const res = graphql(shop, ORDERS_QUERY, { first: 10, search: '' }, 'shpat_wrong');
    expect(res.status).toBe(401);
    expect(res.json().errors).toMatch(/Invalid API key or access token/);
  });

  test('compares changeFromQuantity: a stale one is refused and changes nothing; a repeated key is answered again, not applied again', () => {
    const shop = fakeShop({ now: NOW });
    const start = shop.stock()['ACC-MUG-W'] as number;
    expect(setMug(shop, 5, start + 1, 'k1')).toEqual({
      inventoryAdjustmentGroup: null,
      userErrors: [expect.objectContaining({ code: 'CHANGE_FROM_QUANTITY_STALE' })],
    });
    expect(shop.stock()['ACC-MUG-W']).toBe(start);
    expect(setMug(shop, 5, start, 'k2').userErrors).toEqual([]);
    expect(shop.stock()['ACC-MUG-W']).toBe(5);
    shop.updateOrder(storyOrderIds().paid, { note: 'x' }); // unrelated: stock stays
    expect(setMug(shop, 9, start, 'k2').userErrors).toEqual([]);
    expect(shop.stock()['ACC-MUG-W']).toBe(5);
    expect(shop.inventoryWrites().map((w) => w.outcome)).toEqual(['stale', 'set', 'replayed']);
  });

  test('staleOnce: the next write meets an online sale of that SKU', () => {
    const shop = fakeShop({ now: NOW });
    const start = shop.stock()['ACC-MUG-W'] as number;
    shop.staleOnce('ACC-MUG-W', 2);
    expect(setMug(shop, 5, start, 'k1').userErrors[0].code).toBe('CHANGE_FROM_QUANTITY_STALE');
    expect(shop.stock()['ACC-MUG-W']).toBe(start - 2);
    expect(setMug(shop, 5, start - 2, 'k2').userErrors).toEqual([]);
  });

  test('pages orders by cursor in order of update', () => {
    const shop = fakeShop({ now: NOW, orders: 25 });
    const page = (after: string | null) =>
      graphql(shop, ORDERS_QUERY, { first: 10, after, search: "updated_at:>'2026-11-01T00:00:00Z'" }).json()
        .data.orders;
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 3; i++) {
      const p = page(after);
      seen.push(...p.nodes.map((n: { id: string }) => n.id));
      after = p.pageInfo.endCursor;
      expect(p.pageInfo.hasNextPage).toBe(i < 2);
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });
});

describe('the forked server', () => {
  test('serves the shop on 127.0.0.1 over real HTTP, takes commands, and is gone once stopped', async () => {
    const server = await startFakeShopProcess({ now: NOW, orders: 12 });
    const http = nodeHttp({ defaultTimeoutMs: 5000 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = http.request({
      method: 'GET',
      url: `${server.url}/wp-json/wc/v3/orders?per_page=5`,
      headers: AUTH,
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-wp-total']).toBe('12');
    await server.failNext({ status: 503 });
    expect(
      http.request({ method: 'GET', url: `${server.url}/wp-json/wc/v3/orders`, headers: AUTH }).status,
    ).toBe(503);
    expect((await server.requests()).map((r) => r.status)).toEqual([200, 503]);
    await server.stop();
    expect(() =>
      http.request({ method: 'GET', url: `${server.url}/wp-json/wc/v3/orders`, headers: AUTH }),
    ).toThrow(HttpUnreachableError);
  });
});
