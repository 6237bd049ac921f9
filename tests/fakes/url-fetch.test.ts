/** UrlFetchApp over the test's handler: request shape, HTTP errors, unreachable hosts, redirects. */
import { createAppsScript, type FakeFetchHandler, type FakeFetchRequest } from '.';

function setup(handler: FakeFetchHandler) {
  const env = createAppsScript({ fetch: handler });
  return { env, UrlFetchApp: env.globals.UrlFetchApp };
}

const ok: FakeFetchHandler = () => ({
  status: 200,
  headers: { 'Content-Type': 'application/json' },
  body: '{"ok":true}',
});

// https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app#fetch(String,Object)
test('the handler sees the method in upper case, header names in lower case and the body as a string', () => {
  const seen: FakeFetchRequest[] = [];
  const { env, UrlFetchApp } = setup((req) => {
    seen.push(req);
    return { status: 201, body: 'created' };
  });
  const res = UrlFetchApp.fetch('https://shop.example/wp-json/wc/v3/orders', {
    method: 'post',
    contentType: 'application/json',
    headers: { Authorization: 'Basic abc', 'X-Shop': 1 as never },
    payload: JSON.stringify({ a: 1 }),
  });
  expect(seen).toEqual([
    {
      url: 'https://shop.example/wp-json/wc/v3/orders',
      method: 'POST',
      headers: { authorization: 'Basic abc', 'x-shop': '1', 'content-type': 'application/json' },
      body: '{"a":1}',
    },
  ]);
  expect(res.getResponseCode()).toBe(201);
  expect(res.getContentText()).toBe('created');
  expect(env.requests).toEqual(seen);
});

test('the default method is GET; an object payload is sent as a form', () => {
  const seen: FakeFetchRequest[] = [];
  const { UrlFetchApp } = setup((req) => {
    seen.push(req);
    return {};
  });
  UrlFetchApp.fetch('https://a.example/x');
  UrlFetchApp.fetch('https://a.example/y', { method: 'post', payload: { q: 'a b', n: 1 } as never });
  expect(seen[0]).toEqual({ url: 'https://a.example/x', method: 'GET', headers: {}, body: '' });
  expect(seen[1].body).toBe('q=a%20b&n=1');
  expect(seen[1].headers['content-type']).toBe('application/x-www-form-urlencoded');
});

// https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app#fetch(String,Object)
// muteHttpExceptions: "If true the fetch doesn't throw an exception if the response code indicates failure"
test('a status of 400 or more throws unless muteHttpExceptions', () => {
  const body = `{"code":"woocommerce_rest_cannot_view","message":"${'x'.repeat(200)}"}`;
  const { UrlFetchApp } = setup(() => ({ status: 401, body }));
  expect(() => UrlFetchApp.fetch('https://shop.example/orders')).toThrow(
    `Request failed for https://shop.example/orders returned code 401. Truncated server response: ${body.slice(0, 100)}... (use muteHttpExceptions option to examine full response)`,
  );
  const res = UrlFetchApp.fetch('https://shop.example/orders', { muteHttpExceptions: true });
  expect(res.getResponseCode()).toBe(401);
  expect(res.getContentText()).toBe(body);
});

test('an unreachable host and a timeout throw as Apps Script does', () => {
  const { UrlFetchApp } = setup((req) => {
    if (req.url.includes('slow')) return { timeout: true };
    throw new Error('ENOTFOUND');
  });
  expect(() => UrlFetchApp.fetch('https://gone.example/a', { muteHttpExceptions: true })).toThrow(
    'Address unavailable: https://gone.example/a',
  );
  expect(() => UrlFetchApp.fetch('https://slow.example/a')).toThrow('Timeout: https://slow.example/a');
});

// https://developers.google.com/apps-script/reference/url-fetch/http-response
test('HTTPResponse headers, blob and bytes', () => {
  const { UrlFetchApp } = setup(() => ({ status: 200, headers: { Link: '<next>' }, body: 'é' }));
  const res = UrlFetchApp.fetch('https://a.example/');
  expect(res.getHeaders()).toEqual({ Link: '<next>' });
  expect(res.getAllHeaders()).toEqual({ Link: '<next>' });
  expect(res.getBlob().getDataAsString()).toBe('é');
  expect(res.getContent()).toEqual([-61, -87]);
});

// https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app#fetch(String,Object)
// followRedirects: "If false the fetch doesn't automatically follow HTTP redirects"
test('redirects are followed unless followRedirects is false', () => {
  const { env, UrlFetchApp } = setup((req) =>
    req.url.endsWith('/old') ? { status: 301, headers: { Location: '/new' } } : { status: 200, body: 'here' },
  );
  expect(UrlFetchApp.fetch('https://a.example/old').getContentText()).toBe('here');
  expect(env.requests.map((r) => r.url)).toEqual(['https://a.example/old', 'https://a.example/new']);
  expect(UrlFetchApp.fetch('https://a.example/old', { followRedirects: false }).getResponseCode()).toBe(301);
});

// https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app#fetchAll(Object)
test('fetchAll sends each request and is one service call', () => {
  const { env, UrlFetchApp } = setup(ok);
  const res = UrlFetchApp.fetchAll([{ url: 'https://a.example/1' }, 'https://a.example/2' as never]);
  expect(res.map((r) => r.getResponseCode())).toEqual([200, 200]);
  expect(env.requests).toHaveLength(2);
  expect(env.meter.byMethod['UrlFetchApp.fetchAll']).toBe(1);
});

test('a URL without http(s) is an invalid argument; one over 2 KB exceeds the limit', () => {
  const { UrlFetchApp } = setup(ok);
  expect(() => UrlFetchApp.fetch('shop.example/orders')).toThrow('Invalid argument: shop.example/orders');
  expect(() => UrlFetchApp.fetch(`https://a.example/${'x'.repeat(2100)}`)).toThrow(
    'Limit Exceeded: URLFetch URL Length.',
  );
});

// https://developers.google.com/apps-script/guides/services/quotas : URL Fetch calls 20,000 / day (consumer).
test('the daily UrlFetch quota is counted per user and day', () => {
  const env = createAppsScript({ fetch: ok, now: () => Date.UTC(2026, 0, 1, 12) });
  env.shared.urlFetchCalls.set(`owner@example.com|${Math.floor(env.clock.now() / 86_400_000)}`, 19_999);
  expect(env.globals.UrlFetchApp.fetch('https://a.example/').getResponseCode()).toBe(200);
  expect(() => env.globals.UrlFetchApp.fetch('https://a.example/')).toThrow(
    'Service invoked too many times for one day: urlfetch.',
  );
  env.clock.advance(86_400_000);
  expect(env.globals.UrlFetchApp.fetch('https://a.example/').getResponseCode()).toBe(200);
});

test('without a handler the fake says so', () => {
  expect(() => createAppsScript().globals.UrlFetchApp.fetch('https://a.example/')).toThrow(
    'no fetch handler',
  );
});
