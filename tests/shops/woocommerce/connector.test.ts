import type { HttpRequest } from '../../../src/platform/http';
import { ShopError } from '../../../src/shops/shop-error';
import { wooConnector } from '../../../src/shops/woocommerce/connector';
import { copy, fakeShop, fixture, fixtureText, type Loose, response, SHOP } from './helpers';

const product = fixture<Loose>('product.json');
const variation = fixture<Loose>('product-variation.json');

function path(req: HttpRequest): string {
  const url = new URL(req.url);
  return `${req.method} ${url.pathname.replace('/wp-json/wc/v3', '')}`;
}

describe('wooConnector', () => {
  it('pings with one cheap authenticated call', () => {
    const shop = fakeShop(() => response(200, [{ id: 727 }], { 'x-wp-total': '2', 'x-wp-totalpages': '2' }));
    expect(wooConnector(shop.io, SHOP).ping()).toBe(
      'WooCommerce at https://example.com accepted the key (2 orders).',
    );
    expect(shop.requests.map((req) => req.url)).toEqual([
      'https://example.com/wp-json/wc/v3/orders?per_page=1&_fields=id',
    ]);
  });

  it('lets a refused key through as the ShopError that says to check it', () => {
    const shop = fakeShop(() => response(401, { code: 'woocommerce_rest_cannot_view', message: 'Sorry.' }));
    expect(() => wooConnector(shop.io, SHOP).ping()).toThrow(ShopError);
  });

  it('fetches a page of orders, and the refund details of the orders that have refunds', () => {
    // Refund 724's body is written by us (the docs give only 726): one line of order line 311.
    const refund724 = {
      ...copy(fixture<Loose>('refund.json')),
      id: 724,
      amount: '9.00',
      line_items: [
        {
          id: 314,
          quantity: -1,
          subtotal: '-9.00',
          total: '-9.00',
          total_tax: '0.00',
          sku: '',
          meta_data: [{ key: '_refunded_item_id', value: '311' }],
        },
      ],
    };
    const shop = fakeShop((req) =>
      path(req) === 'GET /orders/723/refunds'
        ? response(200, `[${fixtureText('refund.json')},${JSON.stringify(refund724)}]`, {
            'x-wp-totalpages': '1',
          })
        : response(200, fixtureText('orders-page.json'), { 'x-wp-totalpages': '1' }),
    );
    const page = wooConnector(shop.io, SHOP).fetchOrders('2017-03-21T00:00:00.000Z', null);
    expect(shop.requests.map(path)).toEqual(['GET /orders', 'GET /orders/723/refunds']);
    const order723 = page.orders[1];
    expect(order723.refunds.map((r) => [r.refundId, r.created, r.lines])).toEqual([
      ['726', Date.UTC(2017, 2, 21, 20, 7, 11), []],
      [
        '724',
        Date.UTC(2017, 2, 21, 20, 7, 11),
        [{ externalLineId: '311', sku: '', qty: 1, amount: 900, restock: false }],
      ],
    ]);
    expect(page.problems).toHaveLength(3); // the three lines without a SKU
    expect(page.next).toBeNull();
  });

  it('reads stock from the catalogue and writes a "parent" variation to its parent', () => {
    const products = [
      { ...copy(product), id: 794, sku: 'TEE-1', manage_stock: true, stock_quantity: 5 },
      {
        ...copy(product),
        id: 22,
        type: 'variable',
        sku: '',
        manage_stock: true,
        stock_quantity: 9,
        variations: [733],
      },
    ];
    const variations = [
      { ...copy(variation), id: 733, sku: 'SHIP-GRN', manage_stock: 'parent', stock_quantity: 9 },
    ];
    const shop = fakeShop((req) => {
      switch (path(req)) {
        case 'GET /products':
          return response(200, products, { 'x-wp-totalpages': '1' });
        case 'GET /products/22/variations':
          return response(200, variations, { 'x-wp-totalpages': '1' });
        case 'POST /products/batch':
          return response(200, { update: JSON.parse(req.body ?? '').update });
        default:
          return response(404, fixtureText('error-wp-rest-no-route.json'));
      }
    });
    const connector = wooConnector(shop.io, SHOP);
    expect(connector.readStock(['TEE-1', 'SHIP-GRN', 'MUG'])).toEqual([
      { sku: 'TEE-1', ref: '794', quantity: 5 },
      { sku: 'SHIP-GRN', ref: '22/733', quantity: 9 },
    ]);
    const outcomes = connector.writeStock([
      { sku: 'TEE-1', ref: '794', quantity: 4, expected: 5, key: 'TEE-1:40' },
      { sku: 'SHIP-GRN', ref: '22/733', quantity: 7, expected: 9, key: 'SHIP-GRN:40' },
    ]);
    expect(outcomes).toEqual([
      { sku: 'TEE-1', ok: true, quantity: 4 },
      { sku: 'SHIP-GRN', ok: true, quantity: 7 },
    ]);
    expect(shop.requests.map(path)).toEqual([
      'GET /products',
      'GET /products/22/variations',
      'POST /products/batch',
    ]);
    expect(JSON.parse(shop.requests[2].body ?? '')).toEqual({
      update: [
        { id: 794, manage_stock: true, stock_quantity: 4 },
        { id: 22, manage_stock: true, stock_quantity: 7 },
      ],
    });
  });
});
