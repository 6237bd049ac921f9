import { ShopError } from '../../../src/shops/shop-error';
import { fetchOrdersPage, ordersRequest, readOrdersPage } from '../../../src/shops/woocommerce/orders';
import {
  copy,
  fakeShop,
  fixture,
  fixtureText,
  type OrderJson,
  queryOf,
  response,
  SHOP,
  scriptedShop,
} from './helpers';

const SINCE = Date.UTC(2017, 2, 21, 0, 0, 0);

function thrown(run: () => unknown): ShopError {
  try {
    run();
  } catch (error) {
    if (error instanceof ShopError) return error;
    throw error;
  }
  throw new Error('expected a ShopError');
}

describe('ordersRequest', () => {
  it('asks for orders modified after a GMT time, oldest change first, 100 a page, with Basic auth', () => {
    const req = ordersRequest(SHOP, SINCE, null);
    expect(req.method).toBe('GET');
    expect(req.url).toBe(
      'https://example.com/wp-json/wc/v3/orders?modified_after=2017-03-21T00%3A00%3A00&dates_are_gmt=true&orderby=modified&order=asc&per_page=100&page=1',
    );
    expect(queryOf(req.url)).toEqual([
      ['modified_after', '2017-03-21T00:00:00'],
      ['dates_are_gmt', 'true'],
      ['orderby', 'modified'],
      ['order', 'asc'],
      ['per_page', '100'],
      ['page', '1'],
    ]);
    // base64("ck_4f1c:cs_9a7e")
    expect(req.headers?.Authorization).toBe('Basic Y2tfNGYxYzpjc185YTdl');
    expect(req.body).toBeUndefined();
  });

  it('asks for the page in the cursor', () => {
    expect(queryOf(ordersRequest(SHOP, SINCE, '3').url)).toContainEqual(['page', '3']);
  });

  it('takes the time as ISO text too, turning an offset into UTC and dropping milliseconds', () => {
    expect(queryOf(ordersRequest(SHOP, '2017-03-21T02:00:00.750+02:00', null).url)[0]).toEqual([
      'modified_after',
      '2017-03-21T00:00:00',
    ]);
    expect(queryOf(ordersRequest(SHOP, '2017-03-21T00:00:00Z', null).url)[0][1]).toBe('2017-03-21T00:00:00');
    expect(() => ordersRequest(SHOP, 'last week', null)).toThrow(/"last week" is not a date and time/);
  });

  it('allows plain http only to a loopback test server', () => {
    const local = { ...SHOP, url: 'http://127.0.0.1:8181' };
    expect(ordersRequest(local, SINCE, null).url).toMatch(
      /^http:\/\/127\.0\.0\.1:8181\/wp-json\/wc\/v3\/orders\?/,
    );
    expect(() => ordersRequest({ ...SHOP, url: 'http://shop.example.com' }, SINCE, null)).toThrow(ShopError);
  });
});

describe('readOrdersPage', () => {
  it('reads the docs\u2019 list page into both orders and their problems', () => {
    const page = readOrdersPage(
      response(200, fixtureText('orders-page.json'), { 'x-wp-totalpages': '1' }),
      null,
    );
    expect(page.orders.map((order) => [order.externalId, order.status])).toEqual([
      ['727', 'paid'],
      ['723', 'partially refunded'],
    ]);
    expect(page.problems.map((p) => `${p.externalId}:${p.line}`)).toEqual(['727:315', '723:311', '723:313']);
    expect(page.next).toBeNull();
  });

  it('keeps the readable orders of a page when one cannot be read', () => {
    const orders = fixture<OrderJson[]>('orders-page.json');
    const broken = copy(orders[1]);
    broken.total = null;
    const page = readOrdersPage(response(200, [orders[0], broken]), null);
    expect(page.orders.map((order) => order.externalId)).toEqual(['727']);
    expect(page.problems.map((p) => `${p.externalId}:${p.line}`)).toEqual(['727:315', '723:']);
  });

  it('says so when the body is JSON but not a list', () => {
    const error = thrown(() =>
      readOrdersPage(response(200, fixtureText('error-woocommerce-rest.json')), null),
    );
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/sent orders that are not a list/);
  });
});

describe('fetchOrdersPage over the Http port', () => {
  it('walks the pages that X-WP-TotalPages announces, one call each', () => {
    const [first, second] = fixture<OrderJson[]>('orders-page.json');
    const pages: OrderJson[][] = [[first], [second], []];
    const shop = fakeShop((req) => {
      const page = Number(new URL(req.url).searchParams.get('page'));
      return response(200, pages[page - 1], { 'x-wp-total': '2', 'x-wp-totalpages': '3' });
    });
    const seen: string[] = [];
    const cursors: Array<string | null> = [];
    let cursor: string | null = null;
    do {
      const page = fetchOrdersPage(shop.io, SHOP, SINCE, cursor);
      seen.push(...page.orders.map((order) => order.externalId));
      cursor = page.next;
      cursors.push(cursor);
    } while (cursor !== null);
    expect(seen).toEqual(['727', '723']);
    expect(cursors).toEqual(['2', '3', null]);
    expect(shop.requests.map((req) => new URL(req.url).searchParams.get('page'))).toEqual(['1', '2', '3']);
    expect(shop.waits).toEqual([]);
  });

  it('fails a refused key at once, with words that say to check the key', () => {
    const shop = scriptedShop([
      response(401, {
        code: 'woocommerce_rest_cannot_view',
        message: 'Sorry, you cannot list resources.',
        data: { status: 401 },
      }),
    ]);
    const error = thrown(() => fetchOrdersPage(shop.io, SHOP, SINCE, null));
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(401);
    expect(error.message).toMatch(
      /^WooCommerce refused the credentials \(HTTP 401\): check the key and secret/,
    );
    expect(shop.requests).toHaveLength(1);
  });

  it('waits as long as Retry-After says after a 429, then reads the page', () => {
    const shop = scriptedShop([
      response(429, '', { 'retry-after': '7' }),
      response(200, fixtureText('orders-page.json'), { 'x-wp-totalpages': '1' }),
    ]);
    const page = fetchOrdersPage(shop.io, SHOP, SINCE, null);
    expect(shop.waits).toEqual([7000]);
    expect(shop.requests).toHaveLength(2);
    expect(shop.requests[1]).toEqual(shop.requests[0]);
    expect(page.orders).toHaveLength(2);
  });

  it('backs off after a 500, then reads the page', () => {
    const shop = scriptedShop([
      response(500, '<html>Internal Server Error</html>'),
      response(200, fixtureText('orders-page.json'), { 'x-wp-totalpages': '1' }),
    ]);
    const page = fetchOrdersPage(shop.io, SHOP, SINCE, null);
    expect(shop.waits).toEqual([1000]);
    expect(shop.requests).toHaveLength(2);
    expect(page.orders.map((order) => order.externalId)).toEqual(['727', '723']);
  });

  it('says the reply is not JSON when the body is cut off', () => {
    const cut = fixtureText('orders-page.json').slice(0, 500);
    const shop = scriptedShop([response(200, cut)]);
    const error = thrown(() => fetchOrdersPage(shop.io, SHOP, SINCE, null));
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(
      /^WooCommerce sent a reply that is not JSON from https:\/\/example\.com\/wp-json/,
    );
  });

  it('says the address is wrong on a 404 (a site without the WooCommerce API)', () => {
    const shop = scriptedShop([response(404, fixtureText('error-wp-rest-no-route.json'))]);
    const error = thrown(() => fetchOrdersPage(shop.io, SHOP, SINCE, null));
    expect(error.kind).toBe('not-found');
    expect(error.message).toMatch(/check the shop's address/);
  });
});
