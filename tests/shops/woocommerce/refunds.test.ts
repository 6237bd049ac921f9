import { parseOrder } from '../../../src/shops/woocommerce/order';
import {
  fetchRefunds,
  parseRefund,
  readRefundsPage,
  refundsRequest,
  withRefundDetails,
} from '../../../src/shops/woocommerce/refunds';
import {
  copy,
  fixture,
  fixtureText,
  type OrderJson,
  queryOf,
  type RefundJson,
  response,
  SHOP,
  scriptedShop,
} from './helpers';

const ORDER_723 = { externalId: '723', currency: 'USD' };
const refund726 = fixture<RefundJson>('refund.json');

// Written by us from the documented refund shape (WCDOCS _order-refunds.md properties): refund 724
// of order 723 gives back its line 311 "Woo Album #2", 1 × 9.00.
function refund724(): RefundJson {
  const refund = copy(refund726);
  refund.id = 724;
  refund.date_created_gmt = '2017-03-21T20:05:30';
  refund.amount = '9.00';
  refund.reason = 'Scratched disc';
  refund.line_items = [
    {
      id: 314,
      name: 'Woo Album #2',
      product_id: 87,
      variation_id: 0,
      quantity: -1,
      tax_class: '',
      subtotal: '-9.00',
      subtotal_tax: '0.00',
      total: '-9.00',
      total_tax: '0.00',
      taxes: [],
      meta_data: [{ id: 2076, key: '_refunded_item_id', value: '311' }],
      sku: 'ALBUM-2',
      price: -9,
    },
  ];
  return refund;
}

describe('refundsRequest', () => {
  it('asks for one order\u2019s refunds, 100 a page', () => {
    const req = refundsRequest(SHOP, '723');
    expect(req.method).toBe('GET');
    expect(req.url).toBe('https://example.com/wp-json/wc/v3/orders/723/refunds?per_page=100&page=1');
    expect(req.headers?.Authorization).toBe('Basic Y2tfNGYxYzpjc185YTdl');
    expect(queryOf(refundsRequest(SHOP, '723', 2).url)).toContainEqual(['page', '2']);
  });

  it('refuses an order id that is not a number, rather than building another path', () => {
    expect(() => refundsRequest(SHOP, '723/../../users')).toThrow(RangeError);
  });
});

describe('parseRefund', () => {
  it('reads the docs\u2019 refund 726: 10.00 back (shipping), without lines', () => {
    expect(parseRefund(refund726, ORDER_723)).toEqual({
      refund: {
        refundId: '726',
        created: Date.UTC(2017, 2, 21, 20, 7, 11),
        amount: 1000,
        reason: '',
        lines: [],
      },
      problems: [],
    });
  });

  it('reads refunded lines: negative quantities and totals become positive, linked to the order line', () => {
    expect(parseRefund(refund724(), ORDER_723).refund).toEqual({
      refundId: '724',
      created: Date.UTC(2017, 2, 21, 20, 5, 30),
      amount: 900,
      reason: 'Scratched disc',
      // WooCommerce does not say on read whether the goods went back in stock: restock defaults to false.
      lines: [{ externalLineId: '311', sku: 'ALBUM-2', qty: 1, amount: 900, restock: false }],
    });
  });

  it('honours api_restock when the shop echoes it', () => {
    const raw = refund724();
    raw.api_restock = true;
    expect(parseRefund(raw, ORDER_723).refund?.lines[0].restock).toBe(true);
  });

  it('lists a refunded line that does not say which order line it refunds, and one that cannot be read', () => {
    const raw = refund724();
    raw.line_items[0].meta_data = [];
    raw.line_items.push({ ...raw.line_items[0], id: 315, quantity: 'minus one' });
    const { refund, problems } = parseRefund(raw, ORDER_723);
    expect(refund?.lines).toEqual([
      { externalLineId: '', sku: 'ALBUM-2', qty: 1, amount: 900, restock: false },
    ]);
    expect(problems).toEqual([
      {
        externalId: '723',
        line: '314',
        sku: 'ALBUM-2',
        problem: expect.stringMatching(/^Refund 724, line 314 does not say which order line it refunds/),
      },
      {
        externalId: '723',
        line: '315',
        sku: 'ALBUM-2',
        problem: expect.stringMatching(/^Refund 724, line 315: its quantity "minus one".*left out/),
      },
    ]);
  });

  it('does not make up a refund it cannot read', () => {
    const raw = copy(refund726);
    raw.amount = 'ten';
    const { refund, problems } = parseRefund(raw, ORDER_723);
    expect(refund).toBeNull();
    expect(problems[0].problem).toMatch(/A refund of this order could not be read/);
  });
});

describe('fetchRefunds and withRefundDetails', () => {
  it('reads every page of an order\u2019s refunds and puts the details in the order', () => {
    const shop = scriptedShop([
      response(200, `[${fixtureText('refund.json')}]`, { 'x-wp-totalpages': '2' }),
      response(200, [refund724()], { 'x-wp-totalpages': '2' }),
    ]);
    const details = fetchRefunds(shop.io, SHOP, ORDER_723);
    expect(shop.requests.map((req) => req.url)).toEqual([
      'https://example.com/wp-json/wc/v3/orders/723/refunds?per_page=100&page=1',
      'https://example.com/wp-json/wc/v3/orders/723/refunds?per_page=100&page=2',
    ]);
    expect(details.problems).toEqual([]);

    const order = parseOrder(fixture<OrderJson[]>('orders-page.json')[1]).order;
    if (!order) throw new Error('order 723 not read');
    const detailed = withRefundDetails(order, details.refunds);
    expect(detailed.refunds.map((r) => [r.refundId, r.created, r.amount, r.lines.length])).toEqual([
      ['726', Date.UTC(2017, 2, 21, 20, 7, 11), 1000, 0],
      ['724', Date.UTC(2017, 2, 21, 20, 5, 30), 900, 1],
    ]);
    expect(detailed.status).toBe('partially refunded');
    expect(detailed.lines).toBe(order.lines);
  });

  it('adds a refund made since the order was listed, and the status follows', () => {
    const order = parseOrder(fixture<OrderJson[]>('orders-page.json')[1]).order;
    if (!order) throw new Error('order 723 not read');
    const late = copy(refund726);
    late.id = 731;
    late.amount = '20.00';
    const { refund } = parseRefund(late, ORDER_723);
    if (!refund) throw new Error('refund not read');
    const detailed = withRefundDetails(order, [refund]);
    expect(detailed.refunds.map((r) => r.refundId)).toEqual(['726', '724', '731']);
    expect(detailed.status).toBe('refunded');
  });

  it('says so when the refunds reply is not a list', () => {
    expect(() => readRefundsPage(response(200, fixtureText('refund.json')), ORDER_723)).toThrow(
      /sent refunds that are not a list/,
    );
  });
});
