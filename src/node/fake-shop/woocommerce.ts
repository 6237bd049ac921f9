/**
 * The fake shop's WooCommerce REST API v3, under /wp-json/wc/v3, answering what the connector asks
 * (src/shops/woocommerce) as WooCommerce does:
 * - Basic auth with the consumer key and secret (or consumer_key/consumer_secret in the query):
 *   401 with WooCommerce's error body otherwise;
 * - GET /orders: modified_after (with dates_are_gmt), orderby/order, per_page (1–100, else 400),
 *   page, _fields; X-WP-Total, X-WP-TotalPages and a Link header;
 * - GET /orders/{id}/refunds; GET /products and /products/{id}/variations with _fields;
 * - POST /products/batch and /products/{id}/variations/batch: at most 100 items (413 beyond), each
 *   answered on its own, a refused item as {"id", "error": {code, message, data}} inside the 200;
 * - anything else: 404 rest_no_route.
 */
import { type FakeCode, wooCoupons } from './codes';
import { type FakeShopRequest, type FakeShopResponse, jsonResponse } from './http-types';
import { type FakeOrder, type FakeProduct, localText } from './model';
import { onlyFields, wooOrderJson, wooProductJson, wooRefundJson } from './woocommerce-json';

export const WOO_PREFIX = '/wp-json/wc/v3';

export interface WooState {
  siteUrl: string;
  key: string;
  secret: string;
  orders: FakeOrder[];
  products: FakeProduct[];
  /** A SKU whose stock update WooCommerce refuses inside a 200 batch answer; null for none. */
  refuseStockOf: string | null;
  /** Every stock write that was applied: [sku, quantity]. */
  stockWrites: [string, number][];
  /** Coupons and Shopify discount codes (codes.ts). */
  codes: FakeCode[];
  /** The tax setting "Prices entered with tax": a fixed_cart coupon comes off before tax when false. */
  pricesIncludeTax: boolean;
}

export interface ParsedUrl {
  path: string;
  query: URLSearchParams;
}

function error(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  return jsonResponse(status, { code, message, data: { status, ...extra } });
}

/** The 401 WooCommerce answers, or null when the request carries the right key and secret. */
export function wooAuthFailure(
  state: WooState,
  req: FakeShopRequest,
  url: ParsedUrl,
): FakeShopResponse | null {
  const header = req.headers?.authorization ?? '';
  let key = url.query.get('consumer_key');
  let secret = url.query.get('consumer_secret');
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    key = colon < 0 ? decoded : decoded.slice(0, colon);
    secret = colon < 0 ? '' : decoded.slice(colon + 1);
  }
  if (key === null) {
    return error(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
  }
  if (key !== state.key)
    return error(401, 'woocommerce_rest_authentication_error', 'Consumer key is invalid.');
  if (secret !== state.secret) {
    return error(401, 'woocommerce_rest_authentication_error', 'Consumer secret is invalid.');
  }
  return null;
}

function wholeParam(query: URLSearchParams, name: string, fallback: number): number | null {
  const raw = query.get(name);
  if (raw === null) return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

interface Paged<T> {
  items: T[];
  headers: Record<string, string>;
}

/** per_page and page as WordPress reads them, with its totals headers; an error response when invalid. */
function paginate<T>(all: T[], url: ParsedUrl, siteUrl: string): Paged<T> | FakeShopResponse {
  const perPage = wholeParam(url.query, 'per_page', 10);
  if (perPage === null || perPage < 1 || perPage > 100) {
    return error(400, 'rest_invalid_param', 'Invalid parameter(s): per_page', {
      params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' },
      details: {},
    });
  }
  const page = wholeParam(url.query, 'page', 1);
  if (page === null || page < 1) {
    return error(400, 'rest_invalid_param', 'Invalid parameter(s): page', {
      params: { page: 'page must be greater than or equal to 1' },
      details: {},
    });
  }
  const totalPages = Math.ceil(all.length / perPage);
  const headers: Record<string, string> = {
    'x-wp-total': String(all.length),
    'x-wp-totalpages': String(totalPages),
  };
  const link = (p: number) => {
    const q = new URLSearchParams(url.query);
    q.set('page', String(p));
    return `<${siteUrl}${url.path}?${q.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1 && page - 1 <= totalPages) links.push(`${link(page - 1)}; rel="prev"`);
  if (page < totalPages) links.push(`${link(page + 1)}; rel="next"`);
  if (links.length > 0) headers.link = links.join(', ');
  return { items: all.slice((page - 1) * perPage, page * perPage), headers };
}

/** The Europe/Madrid offset at a time, in ms (for dates given without dates_are_gmt). */
function madridOffset(time: number): number {
  return Date.parse(`${localText(time)}Z`) - time;
}

function parseAfter(value: string, gmt: boolean): number | null {
  const explicit = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const time = Date.parse(explicit ? value : `${value}Z`);
  if (!Number.isFinite(time)) return null;
  return explicit || gmt ? time : time - madridOffset(time);
}

const ORDER_SORT: Record<string, (o: FakeOrder) => number> = {
  date: (o) => o.created,
  modified: (o) => o.modified,
  id: (o) => o.id,
  include: (o) => o.id,
};

function listOrders(state: WooState, url: ParsedUrl): FakeShopResponse {
  const gmt = url.query.get('dates_are_gmt') === 'true';
  let orders = state.orders.slice();
  for (const [param, field] of [
    ['modified_after', 'modified'],
    ['after', 'created'],
  ] as const) {
    const value = url.query.get(param);
    if (value === null) continue;
    const after = parseAfter(value, gmt);
    if (after === null) {
      return error(400, 'rest_invalid_param', `Invalid parameter(s): ${param}`, {
        params: { [param]: 'Invalid date.' },
        details: {},
      });
    }
    orders = orders.filter((o) => o[field] > after);
  }
  const status = url.query.get('status');
  if (status && status !== 'any') {
    const wanted = status.split(',');
    orders = orders.filter((o) => wanted.includes(o.status));
  }
  const orderby = url.query.get('orderby') ?? 'date';
  const key = ORDER_SORT[orderby];
  if (!key) {
    return error(400, 'rest_invalid_param', 'Invalid parameter(s): orderby', {
      params: { orderby: `orderby is not one of ${Object.keys(ORDER_SORT).join(', ')}.` },
      details: {},
    });
  }
  const direction = (url.query.get('order') ?? 'desc') === 'asc' ? 1 : -1;
  // WooCommerce breaks ties by id, in the same direction.
  orders.sort((a, b) => direction * (key(a) - key(b) || a.id - b.id));
  const paged = paginate(orders, url, state.siteUrl);
  if ('status' in paged) return paged;
  const fields = url.query.get('_fields');
  return jsonResponse(
    200,
    paged.items.map((o) => onlyFields(wooOrderJson(o, state.siteUrl), fields)),
    paged.headers,
  );
}

function invalidOrder(): FakeShopResponse {
  return error(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
}

function listRefunds(state: WooState, orderId: number, url: ParsedUrl): FakeShopResponse {
  const order = state.orders.find((o) => o.id === orderId);
  if (!order) return invalidOrder();
  // Newest first, as WordPress lists posts by default.
  const refunds = order.refunds.slice().sort((a, b) => b.created - a.created || b.id - a.id);
  const paged = paginate(refunds, url, state.siteUrl);
  if ('status' in paged) return paged;
  const fields = url.query.get('_fields');
  return jsonResponse(
    200,
    paged.items.map((r) => onlyFields(wooRefundJson(order, r, state.siteUrl), fields)),
    paged.headers,
  );
}

function listProducts(state: WooState, url: ParsedUrl, parentId: number): FakeShopResponse {
  if (parentId !== 0) {
    const parent = state.products.find((p) => p.id === parentId && p.parentId === 0);
    if (!parent) return error(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
  }
  // Newest first (by id here), as WordPress lists posts by default.
  const products = state.products.filter((p) => p.parentId === parentId).sort((a, b) => b.id - a.id);
  const paged = paginate(products, url, state.siteUrl);
  if ('status' in paged) return paged;
  const fields = url.query.get('_fields');
  return jsonResponse(
    200,
    paged.items.map((p) => onlyFields(wooProductJson(p, state.siteUrl), fields)),
    paged.headers,
  );
}

function stockValue(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Math.trunc(Number(value));
  return null;
}

function batch(state: WooState, req: FakeShopRequest, parentId: number): FakeShopResponse {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(req.body ?? '') as Record<string, unknown>;
  } catch {
    return error(400, 'rest_invalid_json', 'Invalid JSON body passed.');
  }
  const updates = Array.isArray(body.update) ? body.update : [];
  const count =
    updates.length +
    (Array.isArray(body.create) ? body.create.length : 0) +
    (Array.isArray(body.delete) ? body.delete.length : 0);
  if (count > 100) {
    return error(
      413,
      'woocommerce_rest_request_entity_too_large',
      'Unable to accept more than 100 items for this request.',
    );
  }
  const answers = updates.map((raw) => {
    const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const id = typeof item.id === 'number' ? item.id : Number(item.id);
    const product = state.products.find(
      (p) => p.id === id && p.parentId === parentId && p.type !== 'variable',
    );
    if (!product) {
      return {
        id: Number.isFinite(id) ? id : 0,
        error: { code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.', data: { status: 400 } },
      };
    }
    if (product.sku === state.refuseStockOf) {
      return {
        id,
        error: {
          code: 'woocommerce_rest_cannot_edit',
          message: 'Sorry, you are not allowed to edit this resource.',
          data: { status: 403 },
        },
      };
    }
    if (item.manage_stock === false) product.stock = null;
    if ('stock_quantity' in item) {
      const quantity = stockValue(item.stock_quantity);
      if (quantity === null) {
        return {
          id,
          error: {
            code: 'rest_invalid_param',
            message: 'Invalid parameter(s): stock_quantity',
            data: { status: 400 },
          },
        };
      }
      product.stock = quantity;
      state.stockWrites.push([product.sku, quantity]);
    }
    return wooProductJson(product, state.siteUrl);
  });
  return jsonResponse(200, { update: answers });
}

/** Answers a request whose path starts with /wp-json/wc/v3 (auth already checked). */
export function handleWoo(state: WooState, req: FakeShopRequest, url: ParsedUrl): FakeShopResponse {
  const route = url.path.slice(WOO_PREFIX.length).replace(/\/+$/, '');
  const method = req.method.toUpperCase();
  const fields = url.query.get('_fields');
  const routes: [string, RegExp, (id: number) => FakeShopResponse][] = [
    ['GET', /^\/orders$/, () => listOrders(state, url)],
    [
      'GET',
      /^\/orders\/(\d+)$/,
      (id) => {
        const order = state.orders.find((o) => o.id === id);
        return order
          ? jsonResponse(200, onlyFields(wooOrderJson(order, state.siteUrl), fields))
          : invalidOrder();
      },
    ],
    ['GET', /^\/orders\/(\d+)\/refunds$/, (id) => listRefunds(state, id, url)],
    ['GET', /^\/products$/, () => listProducts(state, url, 0)],
    ['GET', /^\/products\/(\d+)\/variations$/, (id) => listProducts(state, url, id)],
    ['POST', /^\/products\/batch$/, () => batch(state, req, 0)],
    // One setting option, as GET /settings/tax/<id> answers it (REST API v3, "Setting options").
    [
      'GET',
      /^\/settings\/tax\/woocommerce_prices_include_tax$/,
      () =>
        jsonResponse(200, {
          id: 'woocommerce_prices_include_tax',
          label: 'Prices entered with tax',
          type: 'radio',
          default: 'no',
          value: state.pricesIncludeTax ? 'yes' : 'no',
          options: {
            yes: 'Yes, I will enter prices inclusive of tax',
            no: 'No, I will enter prices exclusive of tax',
          },
        }),
    ],
    ['POST', /^\/products\/(\d+)\/variations\/batch$/, (id) => batch(state, req, id)],
  ];
  for (const [verb, pattern, answer] of routes) {
    const match = pattern.exec(route);
    if (verb === method && match) return answer(Number(match[1] ?? 0));
  }
  const coupons = wooCoupons(state.codes, method, route, url.query, req.body);
  if (coupons) return coupons;
  return error(404, 'rest_no_route', 'No route was found matching the URL and request method.');
}
