import { ShopError } from '../../../src/shops/shop-error';
import { decodeHtmlText } from '../../../src/shops/woocommerce/html-text';
import { gmtTime, toGmtText } from '../../../src/shops/woocommerce/read';
import { nextPage, pageFromCursor, wooApiRoot, wooRequest } from '../../../src/shops/woocommerce/site';
import { response, SHOP } from './helpers';

describe('wooApiRoot', () => {
  it.each([
    ['https://shop.example.com', 'https://shop.example.com/wp-json/wc/v3'],
    ['https://shop.example.com/', 'https://shop.example.com/wp-json/wc/v3'],
    ['  https://shop.example.com:8443/store/ ', 'https://shop.example.com:8443/store/wp-json/wc/v3'],
    ['https://shop.example.com/wp-json/wc/v3/', 'https://shop.example.com/wp-json/wc/v3'],
    ['HTTPS://Shop.Example.com', 'https://Shop.Example.com/wp-json/wc/v3'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/wp-json/wc/v3'],
    ['http://localhost:3000/', 'http://localhost:3000/wp-json/wc/v3'],
    ['http://[::1]:9000', 'http://[::1]:9000/wp-json/wc/v3'],
  ])('%j → %j', (url, root) => {
    expect(wooApiRoot(url)).toBe(root);
  });

  it.each(['http://shop.example.com', 'http://127.0.0.1.example.com', 'http://10.0.0.5'])(
    'refuses plain http to %j, which is not loopback',
    (url) => {
      const error = (() => {
        try {
          wooApiRoot(url);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(ShopError);
      expect((error as ShopError).message).toMatch(/needs an https:\/\/ address/);
    },
  );

  it.each(['shop.example.com', 'ftp://shop.example.com', 'https://user:pw@shop.example.com', ''])(
    'refuses %j, which is not a web address',
    (url) => {
      expect(() => wooApiRoot(url)).toThrow(/is not a web address|needs an https/);
    },
  );
});

describe('wooRequest', () => {
  it('signs with Basic auth and sends JSON bodies as JSON', () => {
    const req = wooRequest(SHOP, 'POST', '/products/batch', { update: [] });
    expect(req).toEqual({
      method: 'POST',
      url: 'https://example.com/wp-json/wc/v3/products/batch',
      headers: {
        Authorization: 'Basic Y2tfNGYxYzpjc185YTdl',
        Accept: 'application/json',
        'Content-Type': 'application/json',
      },
      body: '{"update":[]}',
    });
  });

  it('has no body and no Content-Type on a GET', () => {
    const req = wooRequest(SHOP, 'GET', '/orders');
    expect(req.body).toBeUndefined();
    expect(req.headers).not.toHaveProperty('Content-Type');
  });
});

describe('paging', () => {
  it('follows X-WP-TotalPages', () => {
    expect(nextPage(response(200, [], { 'x-wp-totalpages': '3' }), 1, 100)).toBe(2);
    expect(nextPage(response(200, [], { 'x-wp-totalpages': '3' }), 2, 100)).toBe(3);
    expect(nextPage(response(200, [], { 'x-wp-totalpages': '3' }), 3, 100)).toBeNull();
    expect(nextPage(response(200, [], { 'x-wp-totalpages': '0' }), 1, 0)).toBeNull();
  });

  it('without the header, asks for another page only after a full one', () => {
    expect(nextPage(response(200, []), 1, 100)).toBe(2);
    expect(nextPage(response(200, []), 1, 99)).toBeNull();
  });

  it('reads a cursor as a page number, starting again at 1 when it is missing or damaged', () => {
    expect(pageFromCursor(null)).toBe(1);
    expect(pageFromCursor('4')).toBe(4);
    expect(pageFromCursor('0')).toBe(1);
    expect(pageFromCursor('two')).toBe(1);
  });
});

describe('gmtTime and toGmtText', () => {
  it('reads WooCommerce GMT dates, which have no Z, as UTC', () => {
    expect(gmtTime('2017-03-22T19:28:02')).toBe(Date.UTC(2017, 2, 22, 19, 28, 2));
    expect(gmtTime('2017-03-22T19:28:02Z')).toBe(Date.UTC(2017, 2, 22, 19, 28, 2));
    expect(gmtTime('2017-03-22T21:28:02+02:00')).toBe(Date.UTC(2017, 2, 22, 19, 28, 2));
    expect(gmtTime('2017-03-22T19:28:02.5')).toBe(Date.UTC(2017, 2, 22, 19, 28, 2, 500));
  });

  it('refuses what is not a real date and time', () => {
    for (const bad of ['2017-02-30T00:00:00', '2017-03-22', 'yesterday', null, 17]) {
      expect(gmtTime(bad)).toBeNull();
    }
  });

  it('writes whole seconds in UTC without an offset', () => {
    expect(toGmtText(Date.UTC(2017, 2, 22, 19, 28, 2, 999))).toBe('2017-03-22T19:28:02');
  });
});

describe('decodeHtmlText', () => {
  it('turns the entities WordPress stores in names back into characters', () => {
    expect(decodeHtmlText('Ship Your Idea &ndash; Color: Black')).toBe('Ship Your Idea \u2013 Color: Black');
    expect(decodeHtmlText('Woo Album #2 &times; 1')).toBe('Woo Album #2 \u00d7 1');
    expect(decodeHtmlText('Tom &amp; Jerry &#8217;s &#x2013;')).toBe('Tom & Jerry \u2019s \u2013');
  });

  it('leaves unknown and invalid references as written', () => {
    expect(decodeHtmlText('&constructor; &bogus; &#0; &#xD800;')).toBe('&constructor; &bogus; &#0; &#xD800;');
  });
});
