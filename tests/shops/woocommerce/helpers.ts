/** Shared by the WooCommerce connector tests: the copied fixtures, a scripted Http, a shop. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Http, HttpRequest, HttpResponse } from '../../../src/platform/http';
import type { ShopHttp } from '../../../src/shops/shop-http';
import { type WooShop, wooHttp } from '../../../src/shops/woocommerce/site';

const FIXTURES = join(__dirname, '../../fixtures/webshops/woocommerce');

/** A fixture's text exactly as copied (see tests/fixtures/webshops/woocommerce/README.md). */
export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** A fixture parsed, to derive test data from (each derivation is written in the test). */
export function fixture<T = unknown>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}

export const SHOP: WooShop = {
  url: 'https://example.com',
  consumerKey: 'ck_4f1c',
  consumerSecret: 'cs_9a7e',
};

export function response(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

export interface FakeShop {
  http: Http;
  /** Every request the connector made, in order. */
  requests: HttpRequest[];
  /** Every wait the connector asked for, in ms. */
  waits: number[];
  io: ShopHttp;
}

/** An Http that answers by a function of the request and its number (1-based). */
export function fakeShop(answer: (req: HttpRequest, n: number) => HttpResponse): FakeShop {
  const requests: HttpRequest[] = [];
  const waits: number[] = [];
  const http: Http = {
    request(req) {
      requests.push(req);
      return answer(req, requests.length);
    },
  };
  return { http, requests, waits, io: wooHttp(http, (ms) => waits.push(ms)) };
}

/** An Http that gives these responses in turn, and fails the test if asked for more. */
export function scriptedShop(responses: HttpResponse[]): FakeShop {
  return fakeShop((req, n) => {
    const next = responses[n - 1];
    if (!next) throw new Error(`Unexpected request ${n}: ${req.method} ${req.url}`);
    return next;
  });
}

/** The query of a URL as pairs, in order (tests run in Node, which has URL). */
export function queryOf(url: string): Array<[string, string]> {
  return [...new URL(url).searchParams.entries()];
}

/** A deep copy to derive a variant of a fixture from. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * The WooCommerce JSON that tests derive variants from: the fields they change are named, every
 * other field is kept as the fixture has it. Values are `unknown` on purpose: the connector must
 * cope with whatever a shop sends.
 */
export type Loose = { [key: string]: unknown };
export interface TaxJson extends Loose {
  id: number;
  total: unknown;
}
export interface LineJson extends Loose {
  quantity: unknown;
  subtotal: unknown;
  total: unknown;
  total_tax: unknown;
  price: unknown;
  taxes: TaxJson[];
  meta_data: unknown[];
}
export interface AddressJson extends Loose {
  first_name: unknown;
  last_name: unknown;
}
export interface OrderJson extends Loose {
  id?: unknown;
  billing: AddressJson;
  shipping: AddressJson;
  line_items: LineJson[];
  tax_lines: Loose[];
  shipping_lines: Loose[];
  fee_lines: unknown[];
  coupon_lines: unknown[];
  refunds: unknown[];
}
export interface RefundJson extends Loose {
  line_items: LineJson[];
}
