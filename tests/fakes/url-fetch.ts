/**
 * UrlFetchApp, routed to the test's fetch handler. Errors read as Apps Script's: a status of 400 or
 * more throws unless muteHttpExceptions; an unreachable host throws 'Address unavailable: URL'.
 * https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app
 * https://developers.google.com/apps-script/reference/url-fetch/http-response
 * https://developers.google.com/apps-script/guides/services/quotas
 */

import { FakeBlob, toBuffer, toSignedBytes } from './blob';
import type { Execution } from './execution';
import type { FakeFetchRequest, FakeFetchResponse } from './url-fetch-types';

export interface FetchParams {
  method?: string;
  headers?: Record<string, unknown>;
  payload?: unknown;
  contentType?: string;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
  validateHttpsCertificates?: boolean;
  escaping?: boolean;
}

const METHODS = new Set(['GET', 'DELETE', 'PATCH', 'POST', 'PUT']);
/** URL length quota: 2 KB per call. */
const MAX_URL_CHARS = 2 * 1024;
const MAX_REDIRECTS = 10;
const DAY_MS = 86_400_000;

export class FakeUrlFetchApp {
  constructor(private readonly x: Execution) {}

  fetch(url: string, params: FetchParams = {}): FakeHttpResponse {
    this.x.call('UrlFetchApp.fetch');
    return this.one(url, params);
  }

  /** Each request is an object with url and the fetch params, or a URL string. */
  fetchAll(requests: (string | (FetchParams & { url: string }))[]): FakeHttpResponse[] {
    this.x.call('UrlFetchApp.fetchAll');
    if (!Array.isArray(requests)) throw this.x.badArguments('UrlFetchApp.fetchAll', [requests]);
    return requests.map((r) => (typeof r === 'string' ? this.one(r, {}) : this.one(r.url, r)));
  }

  private quota(): void {
    const key = `${this.x.user}|${Math.floor(this.x.now() / DAY_MS)}`;
    const used = (this.x.shared.urlFetchCalls.get(key) ?? 0) + 1;
    if (used > this.x.shared.urlFetchDailyQuota) {
      throw this.x.error('Service invoked too many times for one day: urlfetch.');
    }
    this.x.shared.urlFetchCalls.set(key, used);
  }

  private one(url: string, params: FetchParams): FakeHttpResponse {
    if (typeof url !== 'string' || !/^https?:\/\/[^/\s]+/i.test(url)) {
      throw this.x.error(`Invalid argument: ${String(url)}`);
    }
    if (url.length > MAX_URL_CHARS) throw this.x.error('Limit Exceeded: URLFetch URL Length.');
    const method = String(params.method ?? 'get').toUpperCase();
    if (!METHODS.has(method)) throw this.x.error(`Invalid argument: method (${params.method})`);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(params.headers ?? {})) headers[k.toLowerCase()] = String(v);
    const body = this.body(params.payload);
    if (params.payload !== undefined) {
      // Without contentType Apps Script sends a payload as a form.
      headers['content-type'] =
        params.contentType ?? headers['content-type'] ?? 'application/x-www-form-urlencoded';
    } else if (params.contentType !== undefined) {
      headers['content-type'] = params.contentType;
    }

    let req: FakeFetchRequest = { url, method, headers, body };
    for (let hop = 0; ; hop++) {
      this.quota();
      const res = this.send(req);
      const status = res.status ?? 200;
      const location = headerValue(res.headers, 'location');
      if (
        params.followRedirects !== false &&
        [301, 302, 303, 307, 308].includes(status) &&
        location &&
        hop < MAX_REDIRECTS
      ) {
        const next = new URL(location, req.url).toString();
        req = [307, 308].includes(status)
          ? { ...req, url: next }
          : { url: next, method: 'GET', headers: omitBodyHeaders(req.headers), body: '' };
        continue;
      }
      const text = res.body ?? '';
      if (status >= 400 && !params.muteHttpExceptions) {
        throw this.x.error(
          `Request failed for ${req.url} returned code ${status}. Truncated server response: ${truncate(text)} (use muteHttpExceptions option to examine full response)`,
        );
      }
      return new FakeHttpResponse(this.x, status, { ...(res.headers ?? {}) }, text);
    }
  }

  private body(payload: unknown): string {
    if (payload === undefined || payload === null) return '';
    if (payload instanceof FakeBlob) return FakeBlob.text(payload);
    if (Array.isArray(payload)) return toBuffer(payload).toString('utf8');
    if (typeof payload === 'object') {
      return Object.entries(payload as Record<string, unknown>)
        .map(
          ([k, v]) =>
            `${encodeURIComponent(k)}=${encodeURIComponent(v instanceof FakeBlob ? FakeBlob.text(v) : String(v))}`,
        )
        .join('&');
    }
    return String(payload);
  }

  private send(req: FakeFetchRequest): FakeFetchResponse {
    this.x.requests.push(structuredClone(req));
    const handler = this.x.settings.fetch;
    if (!handler)
      throw new Error(`Fake: UrlFetchApp has no fetch handler (createAppsScript({ fetch })) for ${req.url}`);
    let res: FakeFetchResponse;
    try {
      res = handler(structuredClone(req));
    } catch {
      throw this.x.error(`Address unavailable: ${req.url}`);
    }
    if (res.timeout) throw this.x.error(`Timeout: ${req.url}`);
    return res;
  }
}

function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() === name) return v;
  return undefined;
}

function omitBodyHeaders(headers: Record<string, string>): Record<string, string> {
  const { 'content-type': _ct, 'content-length': _cl, ...rest } = headers;
  return rest;
}

function truncate(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}...` : text;
}

export class FakeHttpResponse {
  constructor(
    private readonly x: Execution,
    private readonly status: number,
    private readonly headers: Record<string, string>,
    private readonly text: string,
  ) {}

  getResponseCode(): number {
    this.x.call('HTTPResponse.getResponseCode');
    return this.status;
  }

  getContentText(charset?: string): string {
    this.x.call('HTTPResponse.getContentText');
    void charset;
    return this.text;
  }

  getContent(): number[] {
    this.x.call('HTTPResponse.getContent');
    return toSignedBytes(Buffer.from(this.text, 'utf8'));
  }

  getHeaders(): Record<string, string> {
    this.x.call('HTTPResponse.getHeaders');
    return { ...this.headers };
  }

  getAllHeaders(): Record<string, string> {
    this.x.call('HTTPResponse.getAllHeaders');
    return { ...this.headers };
  }

  getBlob(): FakeBlob {
    this.x.call('HTTPResponse.getBlob');
    return new FakeBlob(this.x, this.text, headerValue(this.headers, 'content-type') ?? null);
  }
}
