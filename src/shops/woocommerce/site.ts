/**
 * A connected WooCommerce site: where its REST API v3 lives, how we sign in to it, and the
 * paging that every list endpoint shares. Every request the connector makes is built here.
 */
import type { Http, HttpRequest, HttpResponse } from '../../platform/http';
import { ShopError } from '../shop-error';
import type { ShopHttp } from '../shop-http';
import { basicAuth } from './basic-auth';

export const WOO_PLATFORM = 'WooCommerce';
/** The API path, fixed in code (the CLI's --help names it). */
export const WOO_API_PATH = '/wp-json/wc/v3';
/** WooCommerce's maximum page size (`per_page`), and its batch limit per call. */
export const WOO_PAGE_SIZE = 100;

export interface WooShop {
  /** The site's root as the user typed it: https://shop.example.com */
  url: string;
  /** ck_… */
  consumerKey: string;
  /** cs_… */
  consumerSecret: string;
}

/** The ShopHttp that every WooCommerce call goes through (messages say "WooCommerce"). */
export function wooHttp(
  http: Http,
  wait: (ms: number) => void,
  options: { attempts?: number; maxWaitMs?: number } = {},
): ShopHttp {
  return { http, wait, platform: WOO_PLATFORM, ...options };
}

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The API root for a site URL: `https://shop.example.com/` → `https://shop.example.com/wp-json/wc/v3`.
 * A pasted API URL (…/wp-json/wc/v3) is accepted too.
 *
 * Only https:// is allowed, except for loopback hosts (127.x.x.x, localhost, [::1]). Basic auth
 * sends the consumer key and secret in every request, in clear: over plain http anyone on the
 * way could read them (and WooCommerce itself refuses Basic auth over http, wanting OAuth 1.0a
 * signatures there). Loopback traffic never leaves the computer, which is what the fake shop
 * server in the tests and the demo use.
 */
export function wooApiRoot(siteUrl: string): string {
  const trimmed = siteUrl.trim().replace(/\/+$/, '');
  const match = /^(https?):\/\/([^/?#@]+)(\/[^?#]*)?$/i.exec(trimmed);
  if (!match) {
    throw new ShopError(
      'unreachable',
      `"${siteUrl}" is not a web address: type the shop's address, for example https://shop.example.com.`,
    );
  }
  const scheme = match[1].toLowerCase();
  const hostAndPort = match[2];
  const host = hostAndPort.replace(/:\d+$/, '');
  if (scheme !== 'https' && !LOOPBACK_HOST.test(host)) {
    throw new ShopError(
      'unreachable',
      `WooCommerce needs an https:// address (${trimmed}): the key and secret would otherwise travel unencrypted. Use https://${hostAndPort}${match[3] ?? ''}.`,
    );
  }
  const path = (match[3] ?? '').replace(/\/wp-json\/wc\/v3$/i, '');
  return `${scheme}://${hostAndPort}${path}${WOO_API_PATH}`;
}

/** Query text from ordered pairs, each part percent-encoded. */
export function query(params: ReadonlyArray<readonly [string, string | number]>): string {
  return params
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
}

/** A request to the API, signed with the shop's key. `path` starts with '/'. */
export function wooRequest(
  shop: WooShop,
  method: HttpRequest['method'],
  path: string,
  body?: unknown,
): HttpRequest {
  const headers: Record<string, string> = {
    Authorization: basicAuth(shop.consumerKey, shop.consumerSecret),
    Accept: 'application/json',
  };
  const req: HttpRequest = { method, url: `${wooApiRoot(shop.url)}${path}`, headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    req.body = JSON.stringify(body);
  }
  return req;
}

/**
 * The page after `page`, or null. WooCommerce says how many pages there are in X-WP-TotalPages
 * (its Link header has only prev/next in v3, so the count is the dependable signal). Without the
 * header, a full page means there may be more.
 */
export function nextPage(res: HttpResponse, page: number, itemsOnPage: number): number | null {
  const header = res.headers['x-wp-totalpages'];
  const total = header !== undefined && /^\s*\d+\s*$/.test(header) ? Number(header) : null;
  if (total !== null) return page < total ? page + 1 : null;
  return itemsOnPage >= WOO_PAGE_SIZE ? page + 1 : null;
}

/** A page number from a saved cursor; a missing or damaged cursor starts again at page 1 (re-reading is harmless: the import is idempotent). */
export function pageFromCursor(cursor: string | null): number {
  if (cursor === null || !/^\s*\d+\s*$/.test(cursor)) return 1;
  const page = Number(cursor);
  return page >= 1 && Number.isSafeInteger(page) ? page : 1;
}

/** The body of a list endpoint as an array, or a ShopError saying what came instead. */
export function expectList(body: unknown, what: string, url: string): unknown[] {
  if (Array.isArray(body)) return body;
  throw new ShopError(
    'malformed',
    `${WOO_PLATFORM} sent ${what} that are not a list from ${url}: ${String(JSON.stringify(body)).slice(0, 120)}`,
  );
}
