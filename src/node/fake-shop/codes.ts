/**
 * The fake shop's discount codes: WooCommerce coupons (POST/GET /coupons, DELETE /coupons/{id}
 * with force=true) and Shopify basic code discounts (discountCodeBasicCreate,
 * codeDiscountNodeByCode, discountCodeDeactivate), one list for both APIs, and an order placed
 * with a code (`orderWithCode`), so the web-code tests and the demo can run the whole story.
 * Codes are unique without case, as both platforms keep them; a duplicate is refused as each
 * platform refuses it (400 woocommerce_rest_coupon_code_already_exists; userError TAKEN).
 */
import { type FakeShopResponse, jsonResponse } from './http-types';
import { decimal, type FakeLine, type FakeOrder, type FakeProduct, lineAmounts } from './model';

export interface FakeCode {
  id: number;
  code: string;
  /** Cents off the cart, VAT included. */
  amount: number;
  /** WooCommerce email_restrictions; Shopify: '' (restricted by customer id instead). */
  emails: string[];
  /** Shopify customer GIDs allowed; empty: everyone. */
  customers: string[];
  usageLimit: number | null;
  usageCount: number;
  expires: number | null;
  active: boolean;
  deleted: boolean;
  /** The request body or variables as received, for tests of the request shape. */
  request: unknown;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function cents(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : Number.NaN;
  return Number.isFinite(n) && n > 0 ? Math.round(n * 100) : null;
}

function wooCouponJson(c: FakeCode): Record<string, unknown> {
  return {
    id: c.id,
    code: c.code.toLowerCase(), // WooCommerce keeps coupon codes in lower case
    amount: decimal(c.amount),
    discount_type: 'fixed_cart',
    usage_count: c.usageCount,
    usage_limit: c.usageLimit,
    usage_limit_per_user: 1,
    email_restrictions: c.emails,
    date_expires_gmt: c.expires === null ? null : new Date(c.expires).toISOString().slice(0, 19),
  };
}

function wooError(status: number, code: string, message: string): FakeShopResponse {
  return jsonResponse(status, { code, message, data: { status } });
}

/** WooCommerce's /coupons routes; null for any other route. */
export function wooCoupons(
  codes: FakeCode[],
  method: string,
  route: string,
  query: URLSearchParams,
  body: string | undefined,
): FakeShopResponse | null {
  if (method === 'POST' && route === '/coupons') {
    let b: Record<string, unknown>;
    try {
      b = JSON.parse(body ?? '') as Record<string, unknown>;
    } catch {
      return wooError(400, 'rest_invalid_json', 'Invalid JSON body passed.');
    }
    const code = typeof b.code === 'string' ? b.code.trim() : '';
    const amount = cents(b.amount);
    if (!code || amount === null)
      return wooError(400, 'rest_missing_callback_param', 'Missing parameter(s): code');
    if (codes.some((c) => !c.deleted && same(c.code, code))) {
      return wooError(400, 'woocommerce_rest_coupon_code_already_exists', `The coupon code already exists`);
    }
    const expires =
      typeof b.date_expires_gmt === 'string' ? Date.parse(`${b.date_expires_gmt}Z`) : Number.NaN;
    const made: FakeCode = {
      id: 5000 + codes.length + 1,
      code,
      amount,
      emails: Array.isArray(b.email_restrictions) ? b.email_restrictions.map(String) : [],
      customers: [],
      usageLimit: typeof b.usage_limit === 'number' ? b.usage_limit : null,
      usageCount: 0,
      expires: Number.isFinite(expires) ? expires : null,
      active: true,
      deleted: false,
      request: b,
    };
    codes.push(made);
    return jsonResponse(201, wooCouponJson(made));
  }
  if (method === 'GET' && route === '/coupons') {
    const code = query.get('code');
    const found = codes.filter((c) => !c.deleted && (code === null || same(c.code, code)));
    return jsonResponse(200, found.map(wooCouponJson), {
      'x-wp-total': String(found.length),
      'x-wp-totalpages': '1',
    });
  }
  const one = /^\/coupons\/(\d+)$/.exec(route);
  if (method === 'DELETE' && one) {
    const coupon = codes.find((c) => c.id === Number(one[1]) && !c.deleted);
    if (!coupon) return wooError(404, 'woocommerce_rest_shop_coupon_invalid_id', 'Invalid ID.');
    if (query.get('force') !== 'true') {
      return wooError(501, 'woocommerce_rest_trash_not_supported', 'Coupons do not support trashing.');
    }
    coupon.deleted = true;
    coupon.active = false;
    return jsonResponse(200, wooCouponJson(coupon));
  }
  return null;
}

function shopifyNode(c: FakeCode) {
  return {
    id: `gid://shopify/DiscountCodeNode/${c.id}`,
    codeDiscount: { asyncUsageCount: c.usageCount, status: c.active ? 'ACTIVE' : 'EXPIRED' },
  };
}

function data(d: unknown): FakeShopResponse {
  return jsonResponse(200, { data: d });
}

/** Shopify's discount operations, by root field; null for any other operation. */
export function shopifyCodes(
  codes: FakeCode[],
  query: string,
  variables: Record<string, unknown>,
): FakeShopResponse | null {
  if (/\bdiscountCodeBasicCreate\s*\(/.test(query)) {
    const input = (variables.basicCodeDiscount ?? {}) as Record<string, unknown>;
    const code = typeof input.code === 'string' ? input.code.trim() : '';
    const value = ((input.customerGets as Record<string, unknown> | undefined)?.value ?? {}) as Record<
      string,
      Record<string, unknown> | undefined
    >;
    const amount = cents(value.discountAmount?.amount);
    const userErrors: unknown[] = [];
    if (codes.some((c) => !c.deleted && same(c.code, code))) {
      userErrors.push({
        field: ['basicCodeDiscount', 'code'],
        code: 'TAKEN',
        message: 'Code must be unique. Please try a different code.',
      });
    }
    if (amount === null)
      userErrors.push({
        field: ['basicCodeDiscount', 'customerGets'],
        code: 'INVALID',
        message: 'Value is invalid',
      });
    if (userErrors.length > 0)
      return data({ discountCodeBasicCreate: { codeDiscountNode: null, userErrors } });
    const context = (input.context ?? {}) as { customers?: { add?: unknown[] } };
    const made: FakeCode = {
      id: 1_000_000 + codes.length + 1,
      code,
      amount: amount ?? 0,
      emails: [],
      customers: (context.customers?.add ?? []).map(String),
      usageLimit: typeof input.usageLimit === 'number' ? input.usageLimit : null,
      usageCount: 0,
      expires: typeof input.endsAt === 'string' ? Date.parse(input.endsAt) : null,
      active: true,
      deleted: false,
      request: input,
    };
    codes.push(made);
    return data({ discountCodeBasicCreate: { codeDiscountNode: shopifyNode(made), userErrors: [] } });
  }
  if (/\bcodeDiscountNodeByCode\s*\(/.test(query)) {
    const code = String(variables.code ?? '');
    const found = codes.find((c) => !c.deleted && same(c.code, code));
    return data({ codeDiscountNodeByCode: found ? shopifyNode(found) : null });
  }
  if (/\bdiscountCodeDeactivate\s*\(/.test(query)) {
    const found = codes.find((c) => !c.deleted && `gid://shopify/DiscountCodeNode/${c.id}` === variables.id);
    if (!found) {
      return data({
        discountCodeDeactivate: {
          codeDiscountNode: null,
          userErrors: [{ field: ['id'], code: null, message: 'Discount does not exist' }],
        },
      });
    }
    found.active = false;
    return data({ discountCodeDeactivate: { codeDiscountNode: shopifyNode(found), userErrors: [] } });
  }
  return null;
}

export interface OrderWithCode {
  code: string;
  email: string;
  /** Shopify customer id number; 0 for a guest. */
  customerId?: number;
  lines: [sku: string, qty: number][];
}

/**
 * A paid order that uses a code, as checkout makes it: the code must be live, unused, unexpired
 * and the buyer's; its amount comes off the goods (never more than they cost), spread over the
 * lines by value.
 */
export function placeOrderWithCode(
  orders: FakeOrder[],
  products: readonly FakeProduct[],
  codes: FakeCode[],
  o: OrderWithCode,
  at: number,
): FakeOrder {
  const coupon = codes.find((c) => !c.deleted && same(c.code, o.code));
  if (!coupon?.active) throw new Error(`Fake shop: the code ${o.code} does not work.`);
  if (coupon.expires !== null && at > coupon.expires)
    throw new Error(`Fake shop: the code ${o.code} expired.`);
  if (coupon.usageLimit !== null && coupon.usageCount >= coupon.usageLimit) {
    throw new Error(`Fake shop: the code ${o.code} was used already.`);
  }
  if (coupon.emails.length > 0 && !coupon.emails.some((e) => same(e, o.email))) {
    throw new Error(`Fake shop: the code ${o.code} is not for ${o.email}.`);
  }
  let lineId = Math.max(0, ...orders.flatMap((x) => x.lines.map((l) => l.id)), ...codes.map((c) => c.id)) + 1;
  const lines: FakeLine[] = o.lines.map(([sku, qty]) => {
    const p = products.find((x) => x.sku === sku && x.type !== 'variable');
    if (!p) throw new Error(`Fake shop: no product ${sku}.`);
    return {
      id: lineId++,
      sku,
      name: p.name,
      productId: p.parentId || p.id,
      variationId: p.parentId ? p.id : 0,
      qty,
      price: p.price,
      rate: p.rate,
      discount: 0,
    };
  });
  const goods = lines.reduce((s, l) => s + lineAmounts(l).before, 0);
  const off = Math.min(coupon.amount, goods);
  let left = off;
  lines.forEach((l, i) => {
    const share = i === lines.length - 1 ? left : Math.floor((off * lineAmounts(l).before) / goods);
    l.discount = share;
    left -= share;
  });
  coupon.usageCount++;
  const id = Math.max(...orders.map((x) => x.id)) + 1;
  const order: FakeOrder = {
    id,
    status: 'processing',
    created: at,
    modified: at,
    paid: at,
    completed: null,
    cancelled: null,
    customer: {
      id: o.customerId ?? 0,
      firstName: 'Web',
      lastName: 'Customer',
      email: o.email,
      phone: '',
      city: 'Madrid',
      postcode: '28001',
    },
    lines,
    shipping: null,
    coupon: { id: lineId++, code: coupon.code.toLowerCase(), percent: 0, amount: coupon.amount },
    refunds: [],
    payment: { method: 'stripe', title: 'Credit card (Stripe)', transactionId: `ch_code${id}` },
    note: '',
  };
  orders.push(order);
  return order;
}
