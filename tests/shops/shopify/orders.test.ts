import type { WebOrder } from '../../../src/core/web-order';
import { ShopError } from '../../../src/shops/shop-error';
import { mapShopifyOrder, shopifyOrderStatus } from '../../../src/shops/shopify/order-mapping';
import {
  fetchShopifyOrders,
  ORDER_LIMITS,
  ORDERS_QUERY,
  updatedSinceFilter,
} from '../../../src/shops/shopify/orders';
import { fakeShopify, fixture, moneyBag, ok, reply } from './fake-shopify';

// biome-ignore lint/suspicious/noExplicitAny: converting untyped fixture JSON.
type Rest = any;

/**
 * The REST fixture's order 450789469 (order-rest.json) and its refund 509562969 (refund-rest.json),
 * re-expressed in the GraphQL shape our orders query selects, value for value. REST line items carry
 * no inventory item id; variant.json shows Shopify's example variant and its inventory item sharing
 * one number, so the test uses the variant's number for the inventory item GID.
 */
function graphqlOrderFromRest(): Rest {
  const o: Rest = fixture('order-rest.json').order;
  const refund: Rest = fixture('refund-rest.json').refund;
  return {
    id: o.admin_graphql_api_id,
    name: o.name,
    createdAt: o.created_at,
    updatedAt: o.updated_at,
    cancelledAt: o.cancelled_at,
    currencyCode: o.currency,
    taxesIncluded: o.taxes_included,
    displayFinancialStatus: o.financial_status.toUpperCase(),
    displayFulfillmentStatus: (o.fulfillment_status ?? 'unfulfilled').toUpperCase(),
    email: o.email,
    phone: o.phone,
    customer: {
      id: o.customer.admin_graphql_api_id,
      email: o.customer.email,
      firstName: o.customer.first_name,
      lastName: o.customer.last_name,
      phone: o.customer.phone,
    },
    shippingAddress: { name: o.shipping_address.name, phone: o.shipping_address.phone },
    totalPriceSet: moneyBag(o.total_price_set),
    totalTaxSet: moneyBag(o.total_tax_set),
    paymentGatewayNames: o.payment_gateway_names,
    lineItems: {
      pageInfo: { hasNextPage: false },
      nodes: o.line_items.map((li: Rest) => ({
        id: li.admin_graphql_api_id,
        sku: li.sku,
        name: li.name,
        quantity: li.quantity,
        originalUnitPriceSet: moneyBag(li.price_set),
        discountAllocations: li.discount_allocations.map((d: Rest) => ({
          allocatedAmountSet: moneyBag(d.amount_set),
        })),
        taxLines: li.tax_lines.map((t: Rest) => ({
          ratePercentage: t.rate * 100,
          priceSet: moneyBag(t.price_set),
        })),
        variant: {
          id: `gid://shopify/ProductVariant/${li.variant_id}`,
          inventoryItem: { id: `gid://shopify/InventoryItem/${li.variant_id}` },
        },
      })),
    },
    shippingLines: {
      pageInfo: { hasNextPage: false },
      nodes: o.shipping_lines.map((s: Rest) => ({
        id: `gid://shopify/ShippingLine/${s.id}`,
        title: s.title,
        code: s.code,
        originalPriceSet: moneyBag(s.price_set),
        discountedPriceSet: moneyBag(s.discounted_price_set),
        taxLines: s.tax_lines,
      })),
    },
    refunds: [
      {
        id: refund.admin_graphql_api_id,
        createdAt: refund.created_at,
        note: refund.note,
        totalRefundedSet: { shopMoney: { amount: refund.transactions[0].amount, currencyCode: 'USD' } },
        refundLineItems: {
          pageInfo: { hasNextPage: false },
          nodes: refund.refund_line_items.map((r: Rest) => ({
            lineItem: { id: r.line_item.admin_graphql_api_id, sku: r.line_item.sku },
            quantity: r.quantity,
            restockType: r.restock_type.toUpperCase(),
            subtotalSet: moneyBag(r.subtotal_set),
            totalTaxSet: moneyBag(r.total_tax_set),
          })),
        },
      },
    ],
    fulfillments: o.fulfillments.map((f: Rest) => ({
      trackingInfo: f.tracking_numbers.map((number: string) => ({ number })),
    })),
  };
}

function eur(amount: string) {
  return { shopMoney: { amount, currencyCode: 'EUR' } };
}

/** A small tax-included EUR order built for these tests: 2 × 12.10 incl. 21 % VAT, a 2.42 discount, 4.84 shipping. */
function vatIncludedOrder(): Rest {
  return {
    id: 'gid://shopify/Order/5001',
    name: '#5001',
    createdAt: '2026-11-02T09:15:00Z',
    updatedAt: '2026-11-02T09:20:00Z',
    cancelledAt: null,
    currencyCode: 'EUR',
    taxesIncluded: true,
    displayFinancialStatus: 'PAID',
    displayFulfillmentStatus: 'UNFULFILLED',
    email: 'ana@example.es',
    phone: null,
    customer: null,
    shippingAddress: { name: 'Ana Pérez', phone: '+34 600 000 000' },
    totalPriceSet: eur('26.62'),
    totalTaxSet: eur('4.62'),
    paymentGatewayNames: ['shopify_payments'],
    lineItems: {
      pageInfo: { hasNextPage: false },
      nodes: [
        {
          id: 'gid://shopify/LineItem/7001',
          sku: 'MUG-RED',
          name: 'Mug - red',
          quantity: 2,
          originalUnitPriceSet: eur('12.1'),
          discountAllocations: [{ allocatedAmountSet: eur('2.42') }],
          taxLines: [{ ratePercentage: 21.0, priceSet: eur('3.78') }],
          variant: {
            id: 'gid://shopify/ProductVariant/8001',
            inventoryItem: { id: 'gid://shopify/InventoryItem/9001' },
          },
        },
      ],
    },
    shippingLines: {
      pageInfo: { hasNextPage: false },
      nodes: [
        {
          id: 'gid://shopify/ShippingLine/6001',
          title: 'Standard',
          code: 'Standard',
          originalPriceSet: eur('4.84'),
          discountedPriceSet: eur('4.84'),
          taxLines: [{ ratePercentage: 21, priceSet: eur('0.84') }],
        },
      ],
    },
    refunds: [],
    fulfillments: [],
  };
}

function mapped(node: Rest): { order: WebOrder; problems: string[] } {
  const { order, problems } = mapShopifyOrder(node, ORDER_LIMITS);
  if (!order) throw new Error(`not mapped: ${JSON.stringify(problems)}`);
  return { order, problems: problems.map((p) => p.problem) };
}

describe('mapping an order (the REST fixture order 450789469 in GraphQL shape)', () => {
  const { order, problems } = mapped(graphqlOrderFromRest());

  it('has no problems: its lines add up to its total', () => {
    expect(problems).toEqual([]);
  });

  it('maps the order fields', () => {
    expect(order).toMatchObject({
      externalId: '450789469',
      orderNo: '#1001',
      status: 'partially refunded',
      shopStatus: 'PARTIALLY_REFUNDED / UNFULFILLED',
      created: Date.parse('2008-01-10T11:00:00-05:00'),
      updated: Date.parse('2008-01-10T11:00:00-05:00'),
      currency: 'USD',
      pricesIncludeTax: false,
      net: 58700,
      tax: 1194,
      total: 59894,
      localPickup: false,
      trackingNumber: '1Z1234512345123456',
    });
    expect(order.customer).toEqual({
      externalId: '207119551',
      email: 'bob.norman@mail.example.com',
      name: 'Bob Norman',
      phone: '+16136120707',
    });
  });

  it('maps each line item with its allocated discount (the TENOFF code) and tax as charged', () => {
    const product = (id: string, sku: string, name: string, discount: number, inventoryItem: string) => ({
      kind: 'product',
      externalLineId: id,
      sku,
      name,
      qty: 1,
      unitPrice: 19900,
      discount,
      net: 19900 - discount,
      tax: 398,
      taxRate: 6,
      productRef: `gid://shopify/InventoryItem/${inventoryItem}`,
    });
    expect(order.lines).toEqual([
      product('466157049', 'IPOD2008GREEN', 'IPod Nano - 8gb - green', 334, '39072856'),
      product('518995019', 'IPOD2008RED', 'IPod Nano - 8gb - red', 333, '49148385'),
      product('703073504', 'IPOD2008BLACK', 'IPod Nano - 8gb - black', 333, '457924702'),
      {
        kind: 'shipping',
        externalLineId: '369256396',
        sku: '',
        name: 'Free Shipping',
        qty: 1,
        unitPrice: 0,
        discount: 0,
        net: 0,
        tax: 0,
        taxRate: 0,
        productRef: '',
      },
    ]);
    expect(order.lines.reduce((sum, l) => sum + l.net + l.tax, 0)).toBe(order.total);
  });

  it('records one payment of the total by the gateway', () => {
    expect(order.payments).toEqual([{ method: 'bogus', amount: 59894, reference: '' }]);
  });

  it('maps the refund (refund-rest.json 509562969): id, amount, note, lines with tax, restock', () => {
    expect(order.refunds).toEqual([
      {
        refundId: '509562969',
        created: Date.parse('2025-04-02T11:38:15-05:00'),
        amount: 20900,
        reason: 'it broke during shipping',
        lines: [
          { externalLineId: '703073504', sku: 'IPOD2008BLACK', qty: 1, amount: 19566 + 398, restock: true },
          { externalLineId: '466157049', sku: 'IPOD2008GREEN', qty: 1, amount: 19567 + 398, restock: true },
        ],
      },
    ]);
  });
});

describe('mapping an order whose prices include VAT', () => {
  const { order, problems } = mapped(vatIncludedOrder());

  it('keeps unit price and discount tax-included, and nets the tax out', () => {
    expect(problems).toEqual([]);
    expect(order.pricesIncludeTax).toBe(true);
    expect(order.lines).toEqual([
      {
        kind: 'product',
        externalLineId: '7001',
        sku: 'MUG-RED',
        name: 'Mug - red',
        qty: 2,
        unitPrice: 1210,
        discount: 242,
        net: 1800,
        tax: 378,
        taxRate: 21,
        productRef: 'gid://shopify/InventoryItem/9001',
      },
      {
        kind: 'shipping',
        externalLineId: '6001',
        sku: '',
        name: 'Standard',
        qty: 1,
        unitPrice: 484,
        discount: 0,
        net: 400,
        tax: 84,
        taxRate: 21,
        productRef: '',
      },
    ]);
    expect(order).toMatchObject({ net: 2200, tax: 462, total: 2662, status: 'paid' });
  });

  it('takes a guest customer from the order email and the shipping address', () => {
    expect(order.customer).toEqual({
      externalId: '',
      email: 'ana@example.es',
      name: 'Ana Pérez',
      phone: '+34 600 000 000',
    });
  });

  it('reads a free-shipping discount from discountedPriceSet', () => {
    const node = vatIncludedOrder();
    node.shippingLines.nodes[0].discountedPriceSet = eur('0.0');
    node.shippingLines.nodes[0].taxLines = [];
    node.totalPriceSet = eur('21.78');
    node.totalTaxSet = eur('3.78');
    const shipping = mapped(node).order.lines[1];
    expect(shipping).toMatchObject({ unitPrice: 484, discount: 484, net: 0, tax: 0 });
    expect(mapped(node).problems).toEqual([]);
  });

  it('has no single tax rate when a line pays two taxes, but keeps the tax exact', () => {
    const node = vatIncludedOrder();
    node.lineItems.nodes[0].taxLines = [
      { ratePercentage: 5, priceSet: eur('1.00') },
      { ratePercentage: 16, priceSet: eur('2.78') },
    ];
    const line = mapped(node).order.lines[0];
    expect(line.taxRate).toBeNull();
    expect(line.tax).toBe(378);
  });

  it('flags a local pickup from the shipping line', () => {
    const node = vatIncludedOrder();
    node.shippingLines.nodes[0].title = 'Local Pickup at Main Street';
    expect(mapped(node).order.localPickup).toBe(true);
  });
});

describe('the shopify.dev orders example (orders-graphql.json)', () => {
  const data = fixture('orders-graphql.json');
  const results = data.orders.edges.map((e: Rest) => mapShopifyOrder(e.node, ORDER_LIMITS));

  it('maps every order it has, reading the edges { node } shape', () => {
    expect(results.map((r: Rest) => r.order?.externalId)).toEqual([
      '158040885',
      '199007853',
      '212949620',
      '294238686',
      '316002265',
    ]);
    expect(results.map((r: Rest) => r.order?.orderNo)).toEqual(['#2000', '#2006', '#2002', '#2009', '#2003']);
    const first: WebOrder = results[0].order;
    expect(first).toMatchObject({
      status: 'paid',
      shopStatus: 'PAID / UNFULFILLED',
      created: Date.UTC(2024, 0, 1),
      updated: Date.UTC(2024, 0, 1),
      currency: 'CAD',
      total: 200000,
      customer: { externalId: '', email: 'bob@example.com', name: '', phone: '' },
      payments: [{ method: 'shopify', amount: 200000, reference: '' }],
    });
    expect(first.lines).toHaveLength(1);
    expect(first.lines[0]).toMatchObject({
      kind: 'product',
      sku: 'draft-151',
      name: 'Draft - 151cm',
      qty: 10,
      productRef: '',
    });
  });

  it('lists, and never fixes, what the example does not carry (prices, tax)', () => {
    const problems: string[] = results[0].problems.map((p: Rest) => p.problem);
    expect(problems).toEqual([
      expect.stringMatching(/^Order #2000: Shopify's reply has no valid totalTaxSet/),
      expect.stringMatching(/^Line "Draft - 151cm" of order #2000 could not be read .*unit price/),
      expect.stringMatching(/^Order #2000: its lines add up to 0.00 CAD but Shopify's total is 2000.00 CAD/),
    ]);
    expect(results[0].problems[1]).toMatchObject({ externalId: '158040885', sku: 'draft-151' });
    expect(results[0].order.total).toBe(200000);
  });
});

describe('order status', () => {
  it.each([
    ['PAID', 'UNFULFILLED', false, 'paid'],
    ['PAID', 'PARTIALLY_FULFILLED', false, 'paid'],
    ['PAID', 'FULFILLED', false, 'fulfilled'],
    ['PENDING', 'UNFULFILLED', false, 'pending'],
    ['AUTHORIZED', 'UNFULFILLED', false, 'pending'],
    ['PARTIALLY_PAID', 'UNFULFILLED', false, 'pending'],
    ['EXPIRED', 'UNFULFILLED', false, 'pending'],
    ['PENDING', 'FULFILLED', false, 'fulfilled'],
    ['PARTIALLY_REFUNDED', 'FULFILLED', false, 'partially refunded'],
    ['REFUNDED', 'UNFULFILLED', false, 'refunded'],
    ['REFUNDED', 'UNFULFILLED', true, 'refunded'],
    ['PENDING', 'UNFULFILLED', true, 'cancelled'],
    ['AUTHORIZED', 'UNFULFILLED', true, 'cancelled'],
    ['VOIDED', 'UNFULFILLED', true, 'cancelled'],
    ['VOIDED', 'UNFULFILLED', false, 'cancelled'],
    ['PAID', 'UNFULFILLED', true, 'paid'],
    [null, null, false, 'pending'],
  ] as const)('%s / %s, cancelled %s → %s', (financial, fulfillment, cancelled, status) => {
    expect(shopifyOrderStatus(financial, fulfillment, cancelled)).toBe(status);
  });

  it('lists a cancelled order that was paid and not refunded', () => {
    const node = vatIncludedOrder();
    node.cancelledAt = '2026-11-03T10:00:00Z';
    const { order, problems } = mapped(node);
    expect(order.status).toBe('paid');
    expect(order.shopStatus).toBe('PAID / UNFULFILLED / CANCELLED');
    expect(problems).toEqual([
      expect.stringMatching(/is cancelled in Shopify but its payment was not refunded/),
    ]);
  });

  it('records no payment for an order not yet paid', () => {
    const node = vatIncludedOrder();
    node.displayFinancialStatus = 'PENDING';
    expect(mapped(node).order.payments).toEqual([]);
  });

  it('names several gateways together on the one payment', () => {
    const node = vatIncludedOrder();
    node.paymentGatewayNames = ['gift_card', 'shopify_payments'];
    expect(mapped(node).order.payments).toEqual([
      { method: 'gift_card + shopify_payments', amount: 2662, reference: '' },
    ]);
  });
});

describe('refund restock types', () => {
  it.each([
    ['RETURN', true],
    ['CANCEL', true],
    ['LEGACY_RESTOCK', true],
    ['NO_RESTOCK', false],
  ])('%s → restock %s', (restockType, restock) => {
    const node = graphqlOrderFromRest();
    node.refunds[0].refundLineItems.nodes[0].restockType = restockType;
    expect(mapped(node).order.refunds[0].lines[0].restock).toBe(restock);
  });
});

describe('problems: the order is still imported', () => {
  it('flags a line without a SKU', () => {
    const node = vatIncludedOrder();
    node.lineItems.nodes[0].sku = null;
    const { order, problems } = mapShopifyOrder(node, ORDER_LIMITS);
    expect(order?.lines[0]).toMatchObject({ sku: '', net: 1800, tax: 378 });
    expect(problems).toEqual([
      {
        externalId: '5001',
        line: '7001',
        sku: '',
        problem: expect.stringMatching(/^Line "Mug - red" of order #5001 has no SKU/),
      },
    ]);
  });

  it('flags a malformed line, imports it with 0 there, and lists the totals that no longer add up', () => {
    const node = vatIncludedOrder();
    node.lineItems.nodes[0].originalUnitPriceSet = eur('twelve');
    const { order, problems } = mapped(node);
    expect(order.lines).toHaveLength(2);
    expect(order.lines[0]).toMatchObject({ sku: 'MUG-RED', unitPrice: 0, qty: 2 });
    expect(order.total).toBe(2662);
    expect(problems).toEqual([
      expect.stringMatching(
        /^Line "Mug - red" of order #5001 could not be read from Shopify: no valid unit price/,
      ),
      expect.stringMatching(/its lines add up to .* but Shopify's total is 26.62 EUR/),
    ]);
  });

  it('lists lines that do not add up to the total, and changes nothing', () => {
    const node = vatIncludedOrder();
    node.totalPriceSet = eur('30.00');
    const { order, problems } = mapped(node);
    expect(order.total).toBe(3000);
    expect(order.lines.map((l) => l.net + l.tax)).toEqual([2178, 484]);
    expect(problems).toEqual([
      expect.stringMatching(/^Order #5001: its lines add up to 26.62 EUR but Shopify's total is 30.00 EUR/),
    ]);
  });

  it('lists line tax that does not add up to the order tax', () => {
    const node = vatIncludedOrder();
    node.totalTaxSet = eur('4.63');
    expect(mapped(node).problems).toEqual([
      expect.stringMatching(/tax of its lines adds up to 4.62 EUR but Shopify's total tax is 4.63 EUR/),
    ]);
  });

  it('lists an order with more line items than were asked for', () => {
    const node = vatIncludedOrder();
    node.lineItems.pageInfo.hasNextPage = true;
    expect(mapped(node).problems).toEqual([
      expect.stringMatching(`^Order #5001 has more than ${ORDER_LIMITS.lineItems} line items`),
    ]);
  });

  it('cannot import an order without a readable id, and says so', () => {
    const { order, problems } = mapShopifyOrder({ id: 'not-a-gid', name: '#1' });
    expect(order).toBeNull();
    expect(problems).toEqual([
      expect.objectContaining({ problem: expect.stringMatching(/without a readable id/) }),
    ]);
  });
});

describe('64-bit ids stay exact', () => {
  it('keeps ids above 2^53 as text, from the raw reply to the WebOrder', () => {
    const node = graphqlOrderFromRest();
    node.id = 'gid://shopify/Order/9007199254740993'; // 2^53 + 1: a Number would read …992
    node.customer.id = 'gid://shopify/Customer/18446744073709551615';
    node.lineItems.nodes[0].id = 'gid://shopify/LineItem/12345678901234567891';
    node.refunds[0].id = 'gid://shopify/Refund/9223372036854775807';
    node.refunds[0].refundLineItems.nodes[1].lineItem.id = 'gid://shopify/LineItem/12345678901234567891';
    const shop = fakeShopify([
      ok({ orders: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [node] } }),
    ]);
    const page = fetchShopifyOrders(shop.client, { since: '2026-11-01' });
    const [order] = page.orders;
    expect(order.externalId).toBe('9007199254740993');
    expect(order.customer.externalId).toBe('18446744073709551615');
    expect(order.lines[0].externalLineId).toBe('12345678901234567891');
    expect(order.refunds[0].refundId).toBe('9223372036854775807');
    expect(order.refunds[0].lines[1].externalLineId).toBe('12345678901234567891');
    expect(String(Number(order.externalId))).not.toBe(order.externalId); // why it must stay text
  });
});

describe('fetching pages of orders', () => {
  const pageFixture = fixture('orders-graphql-page.json');

  it('asks for orders updated since the date, sorted by UPDATED_AT, 100 at a time, and follows the cursor', () => {
    const page2 = {
      orders: {
        pageInfo: { hasNextPage: true, endCursor: 'cursor-page-2' },
        nodes: [graphqlOrderFromRest(), vatIncludedOrder()],
      },
    };
    const page3 = {
      orders: { pageInfo: { hasNextPage: false, endCursor: 'cursor-page-3' }, nodes: [vatIncludedOrder()] },
    };
    const shop = fakeShopify([ok(pageFixture), ok(page2), ok(page3)]);

    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = fetchShopifyOrders(shop.client, { since: '2026-11-01T00:00:00Z', cursor });
      ids.push(...page.orders.map((o) => o.externalId));
      cursor = page.next;
      pages++;
    } while (cursor !== null && pages < 10);

    expect(pages).toBe(3);
    expect(shop.client.calls).toBe(3);
    expect(ids).toEqual([
      '126216516',
      '148977776',
      '235240302',
      '357944854',
      '404481575',
      '409214363',
      '471861129',
      '480796189',
      '527229289',
      '556527638',
      '450789469',
      '5001',
      '5001',
    ]);
    const search = "updated_at:>'2026-11-01T00:00:00Z'";
    expect(shop.sent.map((s) => s.body.variables)).toEqual([
      { first: 100, after: null, search },
      { first: 100, after: pageFixture.orders.pageInfo.endCursor, search },
      { first: 100, after: 'cursor-page-2', search },
    ]);
    for (const s of shop.sent) expect(s.body.query).toBe(ORDERS_QUERY);
  });

  it('sends the query shape the importer maps', () => {
    const q = ORDERS_QUERY.replace(/\s+/g, ' ');
    expect(q).toContain('orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $search)');
    expect(q).toContain('pageInfo { hasNextPage endCursor }');
    for (const field of [
      'displayFinancialStatus',
      'displayFulfillmentStatus',
      'cancelledAt',
      'taxesIncluded',
      'customer { id email firstName lastName phone }',
      'originalUnitPriceSet { shopMoney { amount currencyCode } }',
      'discountAllocations { allocatedAmountSet { shopMoney { amount currencyCode } } discountApplication { ... on DiscountCodeApplication { code } } }',
      'discountCodes',
      'taxLines { ratePercentage priceSet { shopMoney { amount currencyCode } } }',
      'variant { id inventoryItem { id } }',
      'discountedPriceSet',
      'refundLineItems(first: 15)',
      'restockType',
      'trackingInfo(first: 3) { number }',
      'paymentGatewayNames',
    ]) {
      expect(q).toContain(field);
    }
  });

  it('returns next = null on the last page, and the problems of the page', () => {
    const bad = vatIncludedOrder();
    bad.lineItems.nodes[0].sku = '';
    const shop = fakeShopify([
      ok({ orders: { pageInfo: { hasNextPage: false, endCursor: 'x' }, nodes: [bad] } }),
    ]);
    const page = fetchShopifyOrders(shop.client, { since: '2026-11-01' });
    expect(page.next).toBeNull();
    expect(page.problems).toHaveLength(1);
    expect(page.pageSize).toBe(100);
  });

  it('makes the page smaller when Shopify says it costs too much, from the cost it reports', () => {
    const tooCostly = reply({
      errors: [
        {
          message: 'Query cost is 40002, which exceeds the single query max cost limit (1000).',
          extensions: { code: 'MAX_COST_EXCEEDED', cost: 40002, maxCost: 1000 },
        },
      ],
    });
    const shop = fakeShopify([
      tooCostly,
      ok({ orders: { pageInfo: { hasNextPage: true, endCursor: 'c' }, nodes: [vatIncludedOrder()] } }),
    ]);
    const page = fetchShopifyOrders(shop.client, { since: '2026-11-01' });
    // 400 points an order: 2 orders fit in 1,000.
    expect(shop.sent.map((s) => s.body.variables.first)).toEqual([100, 2]);
    expect(page.pageSize).toBe(2);
    expect(page.next).toBe('c');
    expect(shop.waits).toEqual([]);
  });

  it('halves the page when the cost is not given, and gives up at one order', () => {
    const tooCostly = () =>
      reply({ errors: [{ message: 'Too costly', extensions: { code: 'MAX_COST_EXCEEDED' } }] });
    const shop = fakeShopify([tooCostly(), tooCostly(), tooCostly()]);
    expect(() => fetchShopifyOrders(shop.client, { since: '2026-11-01', pageSize: 4 })).toThrow(ShopError);
    expect(shop.sent.map((s) => s.body.variables.first)).toEqual([4, 2, 1]);
  });

  it('clamps the page size to 1–250', () => {
    const empty = () => ok({ orders: { pageInfo: { hasNextPage: false }, nodes: [] } });
    const shop = fakeShopify([empty(), empty()]);
    fetchShopifyOrders(shop.client, { since: '2026-11-01', pageSize: 1000 });
    fetchShopifyOrders(shop.client, { since: '2026-11-01', pageSize: 0 });
    expect(shop.sent.map((s) => s.body.variables.first)).toEqual([250, 100]);
  });

  it('calls a reply without an orders list, or more pages without a cursor, malformed', () => {
    const shop = fakeShopify([ok({}), ok({ orders: { pageInfo: { hasNextPage: true }, nodes: [] } })]);
    expect(() => fetchShopifyOrders(shop.client, { since: '2026-11-01' })).toThrow(/without an orders list/);
    expect(() => fetchShopifyOrders(shop.client, { since: '2026-11-01' })).toThrow(/no cursor/);
  });

  it('passes a refused token on as an "auth" ShopError', () => {
    const shop = fakeShopify([reply({ errors: '[API] Invalid API key or access token' }, 401)]);
    expect(() => fetchShopifyOrders(shop.client, { since: '2026-11-01' })).toThrow(
      expect.objectContaining({ kind: 'auth' }),
    );
  });
});

describe('updatedSinceFilter', () => {
  it.each([
    ['2026-11-01', "updated_at:>'2026-11-01T00:00:00Z'"],
    ['2026-11-01T10:00:00.750+01:00', "updated_at:>'2026-11-01T09:00:00Z'"],
    ['2026-11-01T10:00:59.999Z', "updated_at:>'2026-11-01T10:00:59Z'"],
  ])('%s → %s', (since, filter) => {
    expect(updatedSinceFilter(since)).toBe(filter);
  });

  it.each(['yesterday', "2026-11-01' OR status:any", ''])('refuses %p', (since) => {
    expect(() => updatedSinceFilter(since)).toThrow(RangeError);
  });
});
