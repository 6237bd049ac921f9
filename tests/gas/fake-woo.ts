/**
 * A tiny WooCommerce for the UrlFetchApp fake: GET /wp-json/wc/v3/orders answers an empty list
 * (X-WP-TotalPages 1) to the right consumer key and secret, and 401 to any other, as
 * WooCommerce does. Every request is recorded, with the host it went to.
 */
import type { FakeFetchHandler, FakeFetchRequest } from '../fakes';

export const CK = 'ck_4f1e2d3c4b5a69788796a5b4c3d2e1f0a1b2c3d4';
export const CS = 'cs_0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b';

export interface FakeWoo {
  handler: FakeFetchHandler;
  requests: FakeFetchRequest[];
  /** The requests to the orders list, by host. */
  orderCalls(host?: string): FakeFetchRequest[];
}

const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

export function fakeWoo(key = CK, secret = CS): FakeWoo {
  const requests: FakeFetchRequest[] = [];
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    status,
    headers: { 'Content-Type': 'application/json; charset=UTF-8', ...headers },
    body: JSON.stringify(body),
  });
  const handler: FakeFetchHandler = (req) => {
    requests.push(req);
    const url = new URL(req.url);
    if (req.headers.authorization !== basic(key, secret)) {
      return json(401, {
        code: 'woocommerce_rest_authentication_error',
        message: 'Invalid signature - provided signature does not match.',
        data: { status: 401 },
      });
    }
    if (req.method === 'GET' && url.pathname === '/wp-json/wc/v3/orders') {
      return json(200, [], { 'X-WP-Total': '0', 'X-WP-TotalPages': '1' });
    }
    return json(404, { code: 'rest_no_route', message: 'No route was found.', data: { status: 404 } });
  };
  return {
    handler,
    requests,
    orderCalls: (host) =>
      requests.filter((r) => {
        const url = new URL(r.url);
        return url.pathname === '/wp-json/wc/v3/orders' && (host === undefined || url.host === host);
      }),
  };
}
