/**
 * Web codes at the connectors: the requests WooCommerce's REST API v3 and Shopify's GraphQL Admin
 * API document for a single-use code (see the URLs in src/shops/woocommerce/coupons.ts and
 * src/shops/shopify/discount-codes.ts), and which code an imported order used.
 */

import fc from 'fast-check';
import { ShopError } from '../../src/shops/shop-error';
import { discountInput, shopifyWebCodes } from '../../src/shops/shopify/discount-codes';
import { mapShopifyOrder } from '../../src/shops/shopify/order-mapping';
import { ORDER_LIMITS } from '../../src/shops/shopify/orders';
import type { WebCodeRequest } from '../../src/shops/web-codes';
import { couponAmount, couponBody, wooWebCodes } from '../../src/shops/woocommerce/coupons';
import { parseOrder } from '../../src/shops/woocommerce/order';
import { fakeShopify, moneyBag, ok, fixture as shopifyFixture } from './shopify/fake-shopify';
import { copy, fixture, type Loose, response, SHOP, scriptedShop } from './woocommerce/helpers';

const REQUEST: WebCodeRequest = {
  code: 'SL-ABCDE-FGHJK',
  amount: 2550,
  exponent: 2,
  vatRate: 21,
  email: 'ana@example.com',
  customerRef: '',
  startsAt: Date.UTC(2026, 10, 26, 12),
  expiresAt: Date.UTC(2026, 11, 26, 12),
  title: 'Store credit of C-000001 (Shop Ledger)',
};

/** GET /settings/tax/woocommerce_prices_include_tax as the REST API's "Setting options" answer it. */
const pricesWithTax = (value: 'yes' | 'no') =>
  response(200, {
    id: 'woocommerce_prices_include_tax',
    label: 'Prices entered with tax',
    type: 'radio',
    value,
  });

describe('WooCommerce coupons', () => {
  test('create: POST /coupons, fixed_cart, once, for one email, with its expiry in GMT', () => {
    const shop = scriptedShop([
      pricesWithTax('yes'),
      response(201, { id: 719, code: 'sl-abcde-fghjk', usage_count: 0 }),
    ]);
    expect(wooWebCodes(shop.io, SHOP).create(REQUEST)).toEqual({ ref: '719', usageCount: 0 });
    const [setting, req] = shop.requests;
    expect([setting.method, setting.url]).toEqual([
      'GET',
      'https://example.com/wp-json/wc/v3/settings/tax/woocommerce_prices_include_tax',
    ]);
    expect([req.method, req.url]).toEqual(['POST', 'https://example.com/wp-json/wc/v3/coupons']);
    expect(JSON.parse(req.body ?? '')).toEqual(couponBody(REQUEST));
    expect(couponBody(REQUEST)).toEqual({
      code: 'SL-ABCDE-FGHJK',
      discount_type: 'fixed_cart',
      amount: '25.50',
      description: REQUEST.title,
      individual_use: true,
      usage_limit: 1,
      usage_limit_per_user: 1,
      email_restrictions: ['ana@example.com'],
      date_expires_gmt: '2026-12-26T12:00:00',
    });
  });

  test('a code already there (an answer lost, the request sent again) is found, not made twice', () => {
    const shop = scriptedShop([
      pricesWithTax('yes'),
      response(400, {
        code: 'woocommerce_rest_coupon_code_already_exists',
        message: 'The coupon code already exists',
        data: { status: 400 },
      }),
      response(200, [{ id: 719, code: 'sl-abcde-fghjk', usage_count: 0 }]),
    ]);
    expect(wooWebCodes(shop.io, SHOP).create(REQUEST)).toEqual({ ref: '719', usageCount: 0 });
    expect(shop.requests[2].url).toBe('https://example.com/wp-json/wc/v3/coupons?code=SL-ABCDE-FGHJK');
  });

  test('disable: DELETE /coupons/<id>?force=true, reading the usage from the deleted coupon; gone already is fine', () => {
    const shop = scriptedShop([
      response(200, { id: 719, code: 'sl-abcde-fghjk', usage_count: 1 }),
      response(404, {
        code: 'woocommerce_rest_shop_coupon_invalid_id',
        message: 'Invalid ID.',
        data: { status: 404 },
      }),
    ]);
    const codes = wooWebCodes(shop.io, SHOP);
    expect(codes.disable('719')).toEqual({ ref: '719', usageCount: 1 });
    expect(codes.disable('719')).toEqual({ ref: '719', usageCount: null });
    expect(shop.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'DELETE https://example.com/wp-json/wc/v3/coupons/719?force=true',
      'DELETE https://example.com/wp-json/wc/v3/coupons/719?force=true',
    ]);
  });

  test('a refusal is a ShopError', () => {
    const shop = scriptedShop([
      pricesWithTax('yes'),
      response(400, {
        code: 'rest_invalid_param',
        message: 'Invalid parameter(s): amount',
        data: { status: 400 },
      }),
    ]);
    expect(() => wooWebCodes(shop.io, SHOP).create(REQUEST)).toThrow(ShopError);
  });

  test('prices entered without tax: the coupon is the credit net of the top VAT rate, so it saves the credit, not credit + VAT', () => {
    const shop = scriptedShop([
      pricesWithTax('no'),
      response(201, { id: 720, code: 'sl-abcde-fghjk', usage_count: 0 }),
    ]);
    wooWebCodes(shop.io, SHOP).create(REQUEST);
    // 25.50 / 1.21 = 21.074…, rounded down: 21.07 off the net, and 21 % of it (4.43) off the tax.
    expect(JSON.parse(shop.requests[1].body ?? '').amount).toBe('21.07');
    expect(couponBody(REQUEST, false).amount).toBe('21.07');
    expect(couponBody({ ...REQUEST, vatRate: 0 }, false).amount).toBe('25.50');
  });

  test('the net coupon never saves more than the credit at its rate, and at most one cent less', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.constantFrom(4, 5.5, 10, 19, 20, 21, 25),
        (credit, rate) => {
          const net = couponAmount(credit, rate, false);
          // WooCommerce taxes the discount at the line's rate, rounded to the cent.
          const saved = net + Math.round((net * rate) / 100);
          expect(saved).toBeLessThanOrEqual(credit);
          expect(saved).toBeGreaterThanOrEqual(credit - 1);
          expect(couponAmount(credit, rate, true)).toBe(credit);
        },
      ),
    );
  });

  test('an order names the coupon it used (coupon_lines[].code) and what it took off, tax included', () => {
    // order.json (WCDOCS) with one coupon line of the documented properties: code, discount, discount_tax.
    const raw = copy(fixture<Loose>('order.json'));
    raw.coupon_lines = [
      { id: 320, code: 'sl-abcde-fghjk', discount: '21.07', discount_tax: '4.43', meta_data: [] },
    ];
    expect(parseOrder(raw).order?.discountCodes).toEqual([{ code: 'sl-abcde-fghjk', amount: 2550 }]);
    expect(parseOrder(fixture('order.json')).order?.discountCodes).toEqual([]);
  });
});

describe('Shopify discount codes', () => {
  test('create: discountCodeBasicCreate for an amount off the order, once, for the customer when the shop knows them', () => {
    const node = { id: 'gid://shopify/DiscountCodeNode/1057371', codeDiscount: { asyncUsageCount: 0 } };
    const shop = fakeShopify([ok({ discountCodeBasicCreate: { codeDiscountNode: node, userErrors: [] } })]);
    const made = shopifyWebCodes(shop.client).create({ ...REQUEST, customerRef: '207119551' });
    expect(made).toEqual({ ref: 'gid://shopify/DiscountCodeNode/1057371', usageCount: 0 });
    const sent = shop.sent[0].body;
    expect(sent.query).toMatch(/discountCodeBasicCreate\(basicCodeDiscount: \$basicCodeDiscount\)/);
    expect(sent.variables).toEqual({
      basicCodeDiscount: {
        title: REQUEST.title,
        code: 'SL-ABCDE-FGHJK',
        startsAt: '2026-11-26T12:00:00.000Z',
        endsAt: '2026-12-26T12:00:00.000Z',
        context: { customers: { add: ['gid://shopify/Customer/207119551'] } },
        customerGets: {
          value: { discountAmount: { amount: '25.50', appliesOnEachItem: false } },
          items: { all: true },
        },
        usageLimit: 1,
        appliesOncePerCustomer: true,
      },
    });
    expect(discountInput(REQUEST).context).toEqual({ all: 'ALL' });
  });

  test('a code already taken is found by codeDiscountNodeByCode; disable deactivates it and reads its usage', () => {
    const node = { id: 'gid://shopify/DiscountCodeNode/1057371', codeDiscount: { asyncUsageCount: 1 } };
    const shop = fakeShopify([
      ok({
        discountCodeBasicCreate: {
          codeDiscountNode: null,
          userErrors: [
            { field: ['basicCodeDiscount', 'code'], code: 'TAKEN', message: 'Code must be unique.' },
          ],
        },
      }),
      ok({ codeDiscountNodeByCode: node }),
      ok({ discountCodeDeactivate: { codeDiscountNode: node, userErrors: [] } }),
    ]);
    const codes = shopifyWebCodes(shop.client);
    expect(codes.create(REQUEST).ref).toBe(node.id);
    expect(codes.disable(node.id)).toEqual({ ref: node.id, usageCount: 1 });
    expect(shop.sent[1].body.variables).toEqual({ code: 'SL-ABCDE-FGHJK' });
    expect(shop.sent[2].body.query).toMatch(/discountCodeDeactivate\(id: \$id\)/);
    expect(shop.sent[2].body.variables).toEqual({ id: node.id });
  });

  test('an order names its codes (discountCodes) and what each took off (discountAllocations by their application)', () => {
    // order-rest.json (SHAPPJS): discount code TENOFF, 10.00 allocated over its lines. In GraphQL
    // the allocation names its application; REST gives the index into discount_applications.
    const o = shopifyFixture('order-rest.json').order;
    const node = {
      id: o.admin_graphql_api_id,
      name: o.name,
      createdAt: o.created_at,
      currencyCode: o.currency,
      totalPriceSet: moneyBag(o.total_price_set),
      totalTaxSet: moneyBag(o.total_tax_set),
      discountCodes: o.discount_codes.map((d: { code: string }) => d.code),
      lineItems: {
        pageInfo: { hasNextPage: false },
        nodes: o.line_items.map((li: Loose & { discount_allocations: Loose[] }) => ({
          id: li.admin_graphql_api_id,
          quantity: li.quantity,
          originalUnitPriceSet: moneyBag(li.price_set),
          discountAllocations: li.discount_allocations.map((d) => ({
            allocatedAmountSet: moneyBag(d.amount_set),
            discountApplication: {
              code: o.discount_applications[d.discount_application_index as number].code,
            },
          })),
          taxLines: [],
        })),
      },
    };
    const allocated = o.line_items
      .flatMap((li: { discount_allocations: { amount: string }[] }) => li.discount_allocations)
      .reduce((s: number, d: { amount: string }) => s + Math.round(Number(d.amount) * 100), 0);
    expect(mapShopifyOrder(node, ORDER_LIMITS).order?.discountCodes).toEqual([
      { code: 'TENOFF', amount: allocated },
    ]);
  });
});
