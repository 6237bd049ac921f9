/**
 * Calling a shop over the Http port, as every connector does: bounded retries with backoff on
 * 429 and 5xx (honouring Retry-After), clear errors for 401/403/404, malformed JSON and timeouts.
 * Waiting is injected (Utilities.sleep in Apps Script, a blocking sleep in Node, nothing in tests).
 */
import { type Http, type HttpRequest, type HttpResponse, HttpUnreachableError } from '../platform/http';
import { ShopError } from './shop-error';

export interface ShopHttp {
  http: Http;
  /** Blocks for ms milliseconds. */
  wait: (ms: number) => void;
  /** The platform's name for messages: 'WooCommerce' or 'Shopify'. */
  platform: string;
  /** At most this many attempts per request (default 4). */
  attempts?: number;
  /** Never wait longer than this in one go (default 20 s), so a run keeps its time budget. */
  maxWaitMs?: number;
}

function retryAfterMs(res: HttpResponse, attempt: number): number {
  const header = res.headers['retry-after'];
  const seconds = header !== undefined ? Number(header) : Number.NaN;
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  return 1000 * 2 ** attempt; // 1 s, 2 s, 4 s …
}

/** Sends the request, retrying what may pass on a second try; returns a 2xx response or throws ShopError. */
export function send(s: ShopHttp, req: HttpRequest): HttpResponse {
  const attempts = s.attempts ?? 4;
  const maxWait = s.maxWaitMs ?? 20_000;
  let last: ShopError | null = null;
  for (let attempt = 0; attempt < attempts; attempt++) {
    let res: HttpResponse;
    try {
      res = s.http.request(req);
    } catch (e) {
      if (!(e instanceof HttpUnreachableError)) throw e;
      const timeout = /timeout|timed out/i.test(e.message);
      last = new ShopError(
        timeout ? 'timeout' : 'unreachable',
        timeout
          ? `${s.platform} did not answer in time (${req.url}). It will be tried again on the next sync.`
          : `${s.platform} could not be reached at ${originOf(req.url)}: check the shop's address. (${e.message})`,
      );
      if (attempt + 1 < attempts) s.wait(Math.min(maxWait, 1000 * 2 ** attempt));
      continue;
    }
    if (res.status >= 200 && res.status < 300) return res;
    if (res.status === 401 || res.status === 403) {
      throw new ShopError(
        'auth',
        `${s.platform} refused the credentials (HTTP ${res.status}): check the key${s.platform === 'Shopify' ? ' (access token) and its scopes' : ' and secret, and that they have read/write access'}.`,
        res.status,
      );
    }
    if (res.status === 404) {
      throw new ShopError(
        'not-found',
        `${s.platform} has no ${req.url} (HTTP 404): check the shop's address.`,
        404,
      );
    }
    if (res.status === 429 || res.status >= 500) {
      last = new ShopError(
        res.status === 429 ? 'throttled' : 'server',
        res.status === 429
          ? `${s.platform} asked us to slow down (HTTP 429) and kept refusing: the sync will go on next time.`
          : `${s.platform} had an error (HTTP ${res.status}): the sync will try again next time.`,
        res.status,
      );
      if (attempt + 1 < attempts) s.wait(Math.min(maxWait, retryAfterMs(res, attempt)));
      continue;
    }
    throw new ShopError(
      'server',
      `${s.platform} answered HTTP ${res.status} to ${req.method} ${req.url}: ${res.body.slice(0, 200)}`,
      res.status,
    );
  }
  throw last ?? new ShopError('server', `${s.platform}: no answer.`);
}

/** The body as JSON, or a ShopError that says the shop sent something else. */
export function json<T>(s: Pick<ShopHttp, 'platform'>, res: HttpResponse, url: string): T {
  try {
    return JSON.parse(res.body) as T;
  } catch {
    throw new ShopError(
      'malformed',
      `${s.platform} sent a reply that is not JSON from ${url}: ${res.body.slice(0, 120)}`,
    );
  }
}

/** The scheme and host of a URL, for messages (Apps Script has no URL global). */
export function originOf(url: string): string {
  const m = /^(https?:\/\/[^/?#]+)/i.exec(url);
  return m ? m[1] : url;
}
