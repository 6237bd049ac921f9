/**
 * A web shop in memory that speaks WooCommerce's REST API v3 and Shopify's GraphQL Admin API, for
 * the sync tests, the benchmark and the demo. `handle` is a pure request → response function over
 * the shop's state (no I/O, no clock): the tests route the Apps Script UrlFetchApp fake to it in
 * process, and server.ts serves it over real HTTP from a child process. Both APIs show one shop:
 * the same orders and the same stock.
 *
 * Faults are queued (`failNext`) and answer the next requests to either API in place of the real
 * answer; `staleOnce` makes the next Shopify stock write meet an online sale; `updateOrder`
 * changes an order as the shop owner would between two syncs (its modification time moves on).
 * Every request is logged with its answer's status, so a test can count what a sync asked.
 */
import { type FakeCode, type OrderWithCode, placeOrderWithCode } from './codes';
import { type FakeShopRequest, type FakeShopResponse, jsonResponse, lowerHeaders } from './http-types';
import type { FakeOrder, FakeProduct } from './model';
import type {
  FakeFault,
  FakeShopCommand,
  FakeShopLogEntry,
  FakeShopScenario,
  OrderChanges,
} from './scenario';
import { FAKE_SHOPIFY_TOKEN, FAKE_WOO_KEY, FAKE_WOO_SECRET } from './scenario';
import { buildOrders, buildProducts, DEFAULT_ORDER_COUNT } from './shop-data';
import {
  handleShopify,
  type InventoryWrite,
  SHOPIFY_PATH,
  type ShopifyState,
  shopifyAuthFailure,
  shopifyOperation,
} from './shopify';
import { handleWoo, WOO_PREFIX, type WooState, wooAuthFailure } from './woocommerce';

export interface FakeShop {
  /** The shop's orders and products, live: tests may read them. */
  readonly orders: FakeOrder[];
  readonly products: FakeProduct[];
  /** The "now" the orders were dated from. */
  readonly now: number;
  handle(req: FakeShopRequest): FakeShopResponse;
  /** Runs a command (the forked server forwards them here); returns plain JSON. */
  apply(command: FakeShopCommand): unknown;
  failNext(fault: FakeFault, times?: number): void;
  staleOnce(sku?: string, sold?: number): void;
  updateOrder(id: number, changes: OrderChanges): void;
  requests(): FakeShopLogEntry[];
  clearRequests(): void;
  /** Each SKU's stock as the shop counts it (null: not tracked). */
  stock(): Record<string, number | null>;
  /** Every Shopify inventorySetQuantities item, with its outcome. */
  inventoryWrites(): InventoryWrite[];
  /** Every WooCommerce stock write applied: [sku, quantity]. */
  stockWrites(): [string, number][];
  /** Coupons and discount codes made through either API, live. */
  readonly codes: FakeCode[];
  /** A customer checks out with a code (a web code of store credit); returns the new order's id. */
  orderWithCode(order: OrderWithCode): number;
}

const PHP_NOTICE =
  '<br />\n<b>Warning</b>:  Undefined array key "billing" in <b>/var/www/html/wp-content/plugins/shop-extras/shop-extras.php</b> on line <b>42</b><br />\n';

function parseUrl(
  raw: string,
  host: string | undefined,
): { origin: string; path: string; query: URLSearchParams } {
  const absolute = /^https?:\/\//i.test(raw);
  const url = new URL(raw, `http://${host ?? 'shop.invalid'}`);
  return {
    origin: absolute || host ? url.origin : 'http://shop.invalid',
    path: decodeURIComponent(url.pathname),
    query: url.searchParams,
  };
}

function faultAnswer(platform: 'woocommerce' | 'shopify', fault: FakeFault, real: () => FakeShopResponse) {
  if ('malformed' in fault) {
    const answer = real();
    return {
      ...answer,
      status: 200,
      body:
        platform === 'woocommerce'
          ? PHP_NOTICE + answer.body
          : answer.body.slice(0, Math.min(40, answer.body.length - 1)),
    };
  }
  if ('throttled' in fault && platform === 'shopify') {
    return jsonResponse(200, {
      errors: [
        {
          message: 'Throttled',
          extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
        },
      ],
      extensions: {
        cost: {
          requestedQueryCost: 302,
          actualQueryCost: null,
          throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 12, restoreRate: 100 },
        },
      },
    });
  }
  const status = 'status' in fault ? fault.status : 429;
  const retryAfter = 'retryAfter' in fault && fault.retryAfter !== undefined ? fault.retryAfter : 1;
  if (status === 429) {
    return platform === 'woocommerce'
      ? jsonResponse(
          429,
          {
            code: 'rate_limit_exceeded',
            message: `Too many requests. Please wait ${retryAfter} seconds before trying again.`,
            data: { status: 429 },
          },
          { 'retry-after': String(retryAfter) },
        )
      : jsonResponse(
          429,
          {
            errors:
              'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.',
          },
          { 'retry-after': retryAfter.toFixed(1) },
        );
  }
  if (status === 401) {
    return platform === 'woocommerce'
      ? jsonResponse(401, {
          code: 'woocommerce_rest_authentication_error',
          message: 'Consumer key is invalid.',
          data: { status: 401 },
        })
      : jsonResponse(401, {
          errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
        });
  }
  if (status === 500) {
    return platform === 'woocommerce'
      ? jsonResponse(500, {
          code: 'internal_server_error',
          message:
            '<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>',
          data: { status: 500 },
          additional_errors: [],
        })
      : jsonResponse(500, { errors: 'Internal Server Error' });
  }
  const title = status === 502 ? '502 Bad Gateway' : '503 Service Temporarily Unavailable';
  return {
    status,
    headers: { 'content-type': 'text/html' },
    body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
  };
}

export function fakeShop(scenario: FakeShopScenario = {}): FakeShop {
  const now = scenario.now ?? Math.floor(Date.now() / 1000) * 1000;
  const products = buildProducts();
  const orders = buildOrders(scenario.orders ?? DEFAULT_ORDER_COUNT, now, products);
  const codes: FakeCode[] = [];
  const woo: WooState = {
    siteUrl: '',
    key: scenario.woocommerce?.key ?? FAKE_WOO_KEY,
    secret: scenario.woocommerce?.secret ?? FAKE_WOO_SECRET,
    orders,
    products,
    refuseStockOf: scenario.refuseStockOf ?? null,
    pricesIncludeTax: scenario.wooPricesIncludeTax ?? true,
    stockWrites: [],
    codes,
  };
  const shopify: ShopifyState = {
    token: scenario.shopify?.token ?? FAKE_SHOPIFY_TOKEN,
    orders,
    products,
    staleOnce: null,
    inventoryWrites: [],
    idempotent: new Map(),
    codes,
  };
  const faults: FakeFault[] = scenario.failNext
    ? Array.isArray(scenario.failNext)
      ? [...scenario.failNext]
      : [scenario.failNext]
    : [];
  const log: FakeShopLogEntry[] = [];

  const shop: FakeShop = {
    orders,
    products,
    now,
    codes,

    handle(req) {
      const headers = lowerHeaders(req.headers);
      const url = parseUrl(req.url, headers.host);
      const method = req.method.toUpperCase();
      const version = SHOPIFY_PATH.exec(url.path);
      const platform = url.path.startsWith(`${WOO_PREFIX}/`) ? 'woocommerce' : version ? 'shopify' : 'other';
      let operation = `${method} ${url.path.slice(WOO_PREFIX.length)}`;
      let variables: Record<string, unknown> | undefined;
      let answer: FakeShopResponse;
      if (platform === 'other') {
        operation = `${method} ${url.path}`;
        answer = { status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>Not Found</h1>' };
      } else {
        if (platform === 'shopify') {
          try {
            const graphql = JSON.parse(req.body ?? '') as {
              query?: unknown;
              variables?: Record<string, unknown>;
            };
            operation = shopifyOperation(String(graphql.query ?? ''));
            variables = graphql.variables;
          } catch {
            operation = 'unreadable';
          }
        }
        woo.siteUrl = url.origin;
        const real = (): FakeShopResponse => {
          if (platform === 'woocommerce') {
            return wooAuthFailure(woo, { ...req, headers }, url) ?? handleWoo(woo, { ...req, headers }, url);
          }
          return shopifyAuthFailure(shopify, headers) ?? handleShopify(shopify, method, req.body);
        };
        const fault = faults.shift();
        answer = fault ? faultAnswer(platform, fault, real) : real();
      }
      log.push({
        platform,
        method,
        path: url.path,
        query: url.query.toString(),
        operation,
        variables,
        status: answer.status,
      });
      return answer;
    },

    apply(command) {
      switch (command.op) {
        case 'failNext':
          shop.failNext(command.fault, command.times);
          return null;
        case 'staleOnce':
          shop.staleOnce(command.sku, command.sold);
          return null;
        case 'updateOrder':
          shop.updateOrder(command.id, command.changes);
          return null;
        case 'requests':
          return shop.requests();
        case 'clearRequests':
          shop.clearRequests();
          return null;
        case 'stock':
          return shop.stock();
        case 'inventoryWrites':
          return shop.inventoryWrites();
        case 'stockWrites':
          return shop.stockWrites();
        case 'orderWithCode':
          return shop.orderWithCode(command.order);
      }
    },

    failNext(fault, times = 1) {
      for (let i = 0; i < times; i++) faults.push(fault);
    },

    staleOnce(sku, sold = 1) {
      shopify.staleOnce = { sku: sku ?? null, sold };
    },

    updateOrder(id, changes) {
      const order = orders.find((o) => o.id === id);
      if (!order) throw new Error(`Fake shop: no order ${id}.`);
      const latest = orders.reduce(
        (max, o) => Math.max(max, o.modified, ...o.refunds.map((r) => r.created)),
        now,
      );
      const at = latest + 60_000;
      if (changes.status) {
        order.status = changes.status;
        if (changes.status === 'completed') order.completed = at;
        if (
          (changes.status === 'processing' || changes.status === 'completed') &&
          order.payment.method !== 'cod'
        ) {
          order.paid ??= at;
        }
        if (changes.status === 'completed') order.paid ??= at;
        if (changes.status === 'cancelled') order.cancelled = at;
      }
      if (changes.refund) {
        const { sku, qty } = changes.refund;
        const line = order.lines.find((l) => l.sku === sku);
        if (!line) throw new Error(`Fake shop: order ${id} has no line of ${sku}.`);
        const nextId = Math.max(9000, ...orders.flatMap((o) => o.refunds.map((r) => r.id))) + 1;
        order.refunds.push({
          id: nextId,
          created: at,
          reason: changes.refund.reason ?? '',
          lines: [{ lineId: line.id, qty }],
          restock: changes.refund.restock ?? true,
        });
      }
      if (changes.note !== undefined) order.note = changes.note;
      order.modified = at;
    },

    orderWithCode(order) {
      const latest = orders.reduce(
        (max, o) => Math.max(max, o.modified, ...o.refunds.map((r) => r.created)),
        now,
      );
      return placeOrderWithCode(orders, products, codes, order, latest + 60_000).id;
    },

    requests: () => log.slice(),
    clearRequests: () => {
      log.length = 0;
    },
    stock: () =>
      Object.fromEntries(products.filter((p) => p.type !== 'variable').map((p) => [p.sku, p.stock])),
    inventoryWrites: () => shopify.inventoryWrites.slice(),
    stockWrites: () => woo.stockWrites.slice(),
  };
  return shop;
}
