/**
 * A scripted Shopify for the connector tests: an Http port that records each request and answers
 * from a list (or a function of the request), a wait that records instead of sleeping, and the
 * copied fixtures (tests/fixtures/webshops/shopify, see its README).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Http, HttpRequest, HttpResponse } from '../../../src/platform/http';
import { type ShopifyClient, shopifyClient } from '../../../src/shops/shopify/api';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'webshops', 'shopify');

export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

// biome-ignore lint/suspicious/noExplicitAny: fixtures are untyped JSON, read freely in tests.
export function fixture(name: string): any {
  return JSON.parse(fixtureText(name));
}

export interface GraphqlRequest {
  query: string;
  variables: Record<string, unknown>;
}

export interface Sent {
  req: HttpRequest;
  body: GraphqlRequest;
}

export type Answer = HttpResponse | ((sent: Sent) => HttpResponse);

export const COST = {
  requestedQueryCost: 12,
  actualQueryCost: 12,
  throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1988, restoreRate: 100 },
};

/** A 200 reply with `data` and a cost envelope like graphql-response-with-cost.json. */
export function ok(data: unknown, cost: unknown = COST): HttpResponse {
  return reply({ data, extensions: { cost } });
}

export function reply(body: unknown, status = 200, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

export interface FakeShopify {
  http: Http;
  sent: Sent[];
  waits: number[];
  client: ShopifyClient;
}

/** Answers requests in order; a function answer sees the request. Runs out → the test fails loudly. */
export function fakeShopify(answers: Answer[], url = 'https://shop.example.com'): FakeShopify {
  const sent: Sent[] = [];
  const waits: number[] = [];
  const queue = [...answers];
  const http: Http = {
    request(req) {
      const body = JSON.parse(req.body ?? '{}') as GraphqlRequest;
      const call = { req, body };
      sent.push(call);
      const next = queue.shift();
      if (next === undefined)
        throw new Error(`Unexpected request #${sent.length}: ${body.query.slice(0, 80)}`);
      return typeof next === 'function' ? next(call) : next;
    },
  };
  const client = shopifyClient({ url, token: 'shpat_test_token', http, wait: (ms) => waits.push(ms) });
  return { http, sent, waits, client };
}

/** REST `{shop_money: {amount, currency_code}}` as GraphQL `{shopMoney: {amount, currencyCode}}`. */
// biome-ignore lint/suspicious/noExplicitAny: converting untyped fixture JSON.
export function moneyBag(restSet: any): { shopMoney: { amount: string; currencyCode: string } } {
  return { shopMoney: { amount: restSet.shop_money.amount, currencyCode: restSet.shop_money.currency_code } };
}
