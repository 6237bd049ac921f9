/**
 * Calling Shopify's GraphQL Admin API over the Http port: one pinned API version, the access
 * token header, GraphQL-level errors turned into ShopErrors the shop owner can act on, and the
 * cost-based throttle (extensions.cost.throttleStatus) waited out before a bounded retry.
 *
 * HTTP-level trouble (401/403, 404, 429 and 5xx with Retry-After, timeouts, a body that is not
 * JSON) is handled by shop-http's `send`; this file adds what only GraphQL has. GraphQL answers
 * HTTP 200 even for errors, so every reply is read for `errors` before its `data` is trusted.
 */
import type { Http } from '../../platform/http';
import { ShopError } from '../shop-error';
import { json, type ShopHttp, send } from '../shop-http';
import { type Json, list, obj, str } from './fields';

/**
 * The Admin API version every request names. 2026-07 is the version the shopify.dev and
 * shopify-app-js fixtures we test against were written for, and it has what the stock push needs:
 * `changeFromQuantity` and `@idempotent` on inventorySetQuantities are mandatory from 2026-04.
 * Shopify supports a stable version for at least 12 months, then "falls forward" to the next;
 * review this once a year (https://shopify.dev/docs/api/usage/versioning).
 */
export const SHOPIFY_API_VERSION = '2026-07';

/** The path under the shop's root that every call goes to (named in the CLI's --help). */
export const SHOPIFY_GRAPHQL_PATH = `/admin/api/${SHOPIFY_API_VERSION}/graphql.json`;

export interface ShopifyConnection {
  /** The shop's root, `https://STORE.myshopify.com`; plain http only for a test shop on this computer. */
  url: string;
  /** The Admin API access token (sent as X-Shopify-Access-Token). */
  token: string;
  http: Http;
  /** Blocks for ms milliseconds: Utilities.sleep in Apps Script, a blocking sleep in Node, a recorder in tests. */
  wait: (ms: number) => void;
  /** At most this many tries per request, for HTTP trouble and for THROTTLED alike (default 4). */
  attempts?: number;
  /** Never wait longer than this in one go (default 20 s), so a run keeps its time budget. */
  maxWaitMs?: number;
}

/** extensions.cost of a reply (fixture graphql-response-with-cost.json). */
export interface GraphqlCost {
  requestedQueryCost: number | null;
  actualQueryCost: number | null;
  maximumAvailable: number | null;
  currentlyAvailable: number | null;
  restoreRate: number | null;
}

export interface ShopifyClient {
  readonly endpoint: string;
  readonly shopHttp: ShopHttp;
  readonly token: string;
  /** HTTP requests made so far, retries included (for the Sync Log and the benchmark). */
  calls: number;
  /** The cost of the last reply that reported one. */
  lastCost: GraphqlCost | null;
}

/** One entry of a mutation payload's `userErrors`. */
export interface ShopifyUserError {
  code: string | null;
  field: string[];
  message: string;
}

/** A mutation that Shopify refused for business reasons (its `userErrors`). */
export class ShopifyUserErrors extends ShopError {
  constructor(
    readonly mutation: string,
    readonly userErrors: ShopifyUserError[],
  ) {
    super(
      'server',
      `Shopify refused ${mutation}: ${userErrors.map((e) => e.message + (e.code ? ` (${e.code})` : '')).join('; ')}`,
    );
    this.name = 'ShopifyUserErrors';
  }
}

/** A query that asks for more than Shopify allows in one request (MAX_COST_EXCEEDED). */
export class ShopifyQueryCostError extends ShopError {
  constructor(
    message: string,
    /** The query's cost and the single-query limit, when Shopify said them. */
    readonly cost: number | null,
    readonly maxCost: number | null,
  ) {
    super('server', message);
    this.name = 'ShopifyQueryCostError';
  }
}

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The GraphQL endpoint for a shop root, checked. The access token is a password to the whole
 * shop and travels in a header on every call, so it must never cross a network in clear text:
 * https is required. Plain http is allowed only for loopback hosts (127.0.0.1, localhost, [::1]),
 * whose traffic never leaves the computer: that is the fake shop server the tests run.
 */
export function shopifyEndpoint(shopUrl: string): string {
  let root = shopUrl.trim().replace(/\/+$/, '');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(root)) root = `https://${root}`;
  const m = /^(https?):\/\/([^/?#:]+|\[[^\]]+\])(:\d+)?(\/[^?#]*)?$/i.exec(root);
  if (!m) {
    throw new ShopError(
      'unreachable',
      `"${shopUrl}" is not a Shopify shop address: use the shop's root, like https://STORE.myshopify.com.`,
    );
  }
  if (m[1].toLowerCase() === 'http' && !LOOPBACK_HOST.test(m[2])) {
    throw new ShopError(
      'unreachable',
      `The Shopify address must start with https:// so the access token is never sent in clear text (got ${shopUrl}). Plain http:// is only for a test shop on this computer.`,
    );
  }
  return root + SHOPIFY_GRAPHQL_PATH;
}

export function shopifyClient(c: ShopifyConnection): ShopifyClient {
  const client: ShopifyClient = {
    endpoint: shopifyEndpoint(c.url),
    token: c.token,
    calls: 0,
    lastCost: null,
    shopHttp: {
      platform: 'Shopify',
      wait: c.wait,
      attempts: c.attempts,
      maxWaitMs: c.maxWaitMs,
      http: {
        request: (req) => {
          client.calls++;
          return c.http.request(req);
        },
      },
    },
  };
  return client;
}

function numberOrNull(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

export function readCost(body: unknown): GraphqlCost | null {
  const cost = obj(obj(obj(body)?.extensions)?.cost);
  if (!cost) return null;
  const throttle = obj(cost.throttleStatus);
  return {
    requestedQueryCost: numberOrNull(cost.requestedQueryCost),
    actualQueryCost: numberOrNull(cost.actualQueryCost),
    maximumAvailable: numberOrNull(throttle?.maximumAvailable),
    currentlyAvailable: numberOrNull(throttle?.currentlyAvailable),
    restoreRate: numberOrNull(throttle?.restoreRate),
  };
}

/**
 * How long to wait after THROTTLED: the time the leaky bucket needs to refill to the query's cost,
 * (requestedQueryCost − currentlyAvailable) / restoreRate seconds
 * (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits). Without cost figures,
 * 1 s, 2 s, 4 s … as for any other retry.
 */
export function throttleDelayMs(cost: GraphqlCost | null, attempt: number): number {
  const fallback = 1000 * 2 ** attempt;
  if (!cost || cost.requestedQueryCost === null || cost.currentlyAvailable === null) return fallback;
  if (cost.restoreRate === null || cost.restoreRate <= 0) return fallback;
  const missing = cost.requestedQueryCost - cost.currentlyAvailable;
  // The bucket already holds enough (it refilled while the answer travelled): a short pause.
  if (missing <= 0) return 100;
  return Math.ceil((missing / cost.restoreRate) * 1000);
}

interface GraphqlErrorEntry {
  message: string;
  code: string | null;
  extensions: Record<string, unknown> | null;
}

function errorEntries(errors: unknown): GraphqlErrorEntry[] {
  if (typeof errors === 'string') return [{ message: errors, code: null, extensions: null }];
  return list(errors).map((e) => {
    const entry = obj(e);
    const extensions = obj(entry?.extensions);
    return {
      message: str(entry?.message) ?? JSON.stringify(e),
      code: str(extensions?.code),
      extensions,
    };
  });
}

function hasErrors(errors: unknown): boolean {
  return (typeof errors === 'string' && errors !== '') || (Array.isArray(errors) && errors.length > 0);
}

const RETRIED_CODES = new Set(['THROTTLED', 'INTERNAL_SERVER_ERROR']);

function errorFor(entries: GraphqlErrorEntry[], cost: GraphqlCost | null): ShopError {
  const messages = entries.map((e) => e.message).join('; ');
  const codes = new Set(entries.map((e) => e.code));
  if (codes.has('ACCESS_DENIED')) {
    return new ShopError(
      'auth',
      `Shopify refused the access token for this request (ACCESS_DENIED): check that the app has the read_orders and write_inventory scopes. (${messages})`,
    );
  }
  if (codes.has('SHOP_INACTIVE')) {
    return new ShopError('not-found', `The Shopify shop is not active (frozen or closed): ${messages}`);
  }
  const tooCostly = entries.find((e) => e.code === 'MAX_COST_EXCEEDED');
  if (tooCostly) {
    const fromMessage = /cost is (\d+)[^(]*\((\d+)\)/i.exec(tooCostly.message);
    const queryCost =
      numberOrNull(tooCostly.extensions?.cost) ??
      (fromMessage ? Number(fromMessage[1]) : null) ??
      cost?.requestedQueryCost ??
      null;
    const maxCost =
      numberOrNull(tooCostly.extensions?.maxCost) ?? (fromMessage ? Number(fromMessage[2]) : null);
    return new ShopifyQueryCostError(
      `Shopify refused a query as too costly: ${tooCostly.message}`,
      queryCost,
      maxCost,
    );
  }
  if (codes.has('THROTTLED')) {
    return new ShopError(
      'throttled',
      'Shopify kept asking us to slow down (its query budget was used up): the sync will go on next time.',
    );
  }
  return new ShopError('server', `Shopify refused the request: ${messages}`);
}

/**
 * Runs one GraphQL operation and returns its `data`. Throws a ShopError for HTTP trouble, for
 * GraphQL `errors` (ACCESS_DENIED → 'auth'), and when THROTTLED persists after the bounded tries;
 * waits out THROTTLED in between, as long as the bucket needs to refill.
 */
export function graphql(client: ShopifyClient, query: string, variables: Record<string, unknown> = {}): Json {
  const s = client.shopHttp;
  const attempts = s.attempts ?? 4;
  const maxWait = s.maxWaitMs ?? 20_000;
  let last: ShopError | null = null;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const res = send(s, {
      method: 'POST',
      url: client.endpoint,
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'X-Shopify-Access-Token': client.token,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = obj(json<unknown>(s, res, client.endpoint));
    if (!body) {
      throw new ShopError(
        'malformed',
        `Shopify sent a reply that is not a GraphQL response: ${res.body.slice(0, 120)}`,
      );
    }
    const cost = readCost(body);
    if (cost) client.lastCost = cost;
    if (hasErrors(body.errors)) {
      const entries = errorEntries(body.errors);
      last = errorFor(entries, cost);
      const retriable = entries.some((e) => e.code !== null && RETRIED_CODES.has(e.code));
      if (!retriable) throw last;
      if (
        cost?.requestedQueryCost != null &&
        cost.maximumAvailable != null &&
        cost.requestedQueryCost > cost.maximumAvailable
      ) {
        // Waiting cannot help: the bucket never holds this much.
        throw new ShopifyQueryCostError(
          `Shopify's query budget (${cost.maximumAvailable}) is smaller than one request's cost (${cost.requestedQueryCost}).`,
          cost.requestedQueryCost,
          cost.maximumAvailable,
        );
      }
      if (attempt + 1 < attempts) {
        const throttled = entries.some((e) => e.code === 'THROTTLED');
        s.wait(Math.min(maxWait, throttled ? throttleDelayMs(cost, attempt) : 1000 * 2 ** attempt));
      }
      continue;
    }
    const data = obj(body.data);
    if (!data) {
      throw new ShopError(
        'malformed',
        `Shopify sent a GraphQL reply without data: ${res.body.slice(0, 120)}`,
      );
    }
    return data;
  }
  throw last ?? new ShopError('server', 'Shopify: no answer.');
}

export function readUserErrors(payload: unknown): ShopifyUserError[] {
  return list(obj(payload)?.userErrors).map((e) => {
    const entry = obj(e);
    return {
      code: str(entry?.code),
      field: list(entry?.field).map((f) => String(f)),
      message: str(entry?.message) ?? JSON.stringify(e),
    };
  });
}

/**
 * Runs a mutation and returns its payload (`data[field]`). Its `userErrors` are Shopify refusing
 * the change for a business reason: thrown as ShopifyUserErrors, whose codes the caller can read
 * (CHANGE_FROM_QUANTITY_STALE, …).
 */
export function mutate(
  client: ShopifyClient,
  mutation: string,
  variables: Record<string, unknown>,
  field: string,
): Json {
  const data = graphql(client, mutation, variables);
  const payload = obj(data[field]);
  if (!payload) {
    throw new ShopError('malformed', `Shopify's reply to ${field} has no ${field} payload.`);
  }
  const userErrors = readUserErrors(payload);
  if (userErrors.length > 0) throw new ShopifyUserErrors(field, userErrors);
  return payload;
}
