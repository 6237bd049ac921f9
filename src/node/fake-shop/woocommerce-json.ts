/**
 * The fake shop's orders, refunds and products as WooCommerce REST API v3 writes them (the shapes of
 * the docs' examples in tests/fixtures/webshops/woocommerce): amounts as decimal text, line amounts
 * tax-exclusive with their tax beside them whatever `prices_include_tax` says, *_gmt dates in UTC
 * without an offset, refunds in the order listing with only id, reason and a negative total.
 */
import {
  decimal,
  type FakeOrder,
  type FakeProduct,
  type FakeRefund,
  gmtText,
  lineAmounts,
  localText,
  orderAmounts,
  refundAmount,
  refundLineAmounts,
  shippingAmounts,
} from './model';

/** WooCommerce tax rate ids of the fake shop: IVA general and reducido. */
export const TAX_RATES: Record<number, { id: number; code: string; label: string; taxClass: string }> = {
  21: { id: 1, code: 'ES-IVA-1', label: 'IVA', taxClass: '' },
  10: { id: 2, code: 'ES-IVA REDUCIDO-2', label: 'IVA reducido', taxClass: 'reduced-rate' },
};

function rateOf(rate: number) {
  const found = TAX_RATES[rate];
  if (!found) throw new Error(`Fake shop: no tax rate of ${rate} %.`);
  return found;
}

const when = (time: number | null) => (time === null ? null : localText(time));
const whenGmt = (time: number | null) => (time === null ? null : gmtText(time));

function address(order: FakeOrder, withContact: boolean) {
  const c = order.customer;
  return {
    first_name: c.firstName,
    last_name: c.lastName,
    company: '',
    address_1: 'Calle Mayor 1',
    address_2: '',
    city: c.city,
    state: '',
    postcode: c.postcode,
    country: 'ES',
    ...(withContact ? { email: c.email, phone: c.phone } : { phone: c.phone }),
  };
}

export function wooOrderJson(order: FakeOrder, siteUrl: string): Record<string, unknown> {
  const totals = orderAmounts(order);
  const taxTotals = new Map<number, { tax: number; shipping: number }>();
  const addTax = (rate: number, tax: number, shipping: number) => {
    const t = taxTotals.get(rate) ?? { tax: 0, shipping: 0 };
    taxTotals.set(rate, { tax: t.tax + tax, shipping: t.shipping + shipping });
  };
  const lineItems = order.lines.map((line) => {
    const a = lineAmounts(line);
    const rate = rateOf(line.rate);
    addTax(line.rate, a.vat, 0);
    const total = a.gross - a.vat;
    return {
      id: line.id,
      name: line.name,
      product_id: line.productId,
      variation_id: line.variationId,
      quantity: line.qty,
      tax_class: rate.taxClass,
      subtotal: decimal(a.before - a.beforeVat),
      subtotal_tax: decimal(a.beforeVat),
      total: decimal(total),
      total_tax: decimal(a.vat),
      taxes: [{ id: rate.id, total: decimal(a.vat), subtotal: decimal(a.beforeVat) }],
      meta_data: [],
      sku: line.sku,
      // As WooCommerce computes it: total / quantity, a float.
      price: total / 100 / line.qty,
      image: { id: '', src: '' },
      parent_name: line.variationId ? 'Stoneware mug' : null,
    };
  });
  const shippingLines = order.shipping
    ? [order.shipping].map((s) => {
        const a = shippingAmounts(s);
        const rate = rateOf(s.rate);
        if (a.vat !== 0) addTax(s.rate, 0, a.vat);
        return {
          id: s.id,
          method_title: s.title,
          method_id: s.methodId,
          instance_id: '1',
          total: decimal(a.gross - a.vat),
          total_tax: decimal(a.vat),
          taxes: a.vat === 0 ? [] : [{ id: rate.id, total: decimal(a.vat), subtotal: '' }],
          meta_data: [],
        };
      })
    : [];
  const couponLines = order.coupon
    ? [
        {
          id: order.coupon.id,
          code: order.coupon.code,
          discount: decimal(totals.discount - totals.discountVat),
          discount_tax: decimal(totals.discountVat),
          discount_type: order.coupon.amount === undefined ? 'percent' : 'fixed_cart',
          nominal_amount:
            order.coupon.amount === undefined ? order.coupon.percent : order.coupon.amount / 100,
          free_shipping: false,
          meta_data: [],
        },
      ]
    : [];
  const taxLines = [...taxTotals].map(([percent, t]) => {
    const rate = rateOf(percent);
    return {
      id: order.id * 10 + rate.id,
      rate_code: rate.code,
      rate_id: rate.id,
      label: rate.label,
      compound: false,
      tax_total: decimal(t.tax),
      shipping_tax_total: decimal(t.shipping),
      rate_percent: percent,
      meta_data: [],
    };
  });
  return {
    id: order.id,
    parent_id: 0,
    status: order.status,
    currency: 'EUR',
    version: '9.4.2',
    prices_include_tax: true,
    date_created: when(order.created),
    date_modified: when(order.modified),
    discount_total: decimal(totals.discount - totals.discountVat),
    discount_tax: decimal(totals.discountVat),
    shipping_total: decimal(totals.shipping - totals.shippingVat),
    shipping_tax: decimal(totals.shippingVat),
    cart_tax: decimal(totals.goodsVat),
    total: decimal(totals.gross),
    total_tax: decimal(totals.vat),
    customer_id: order.customer.id,
    order_key: `wc_order_${(order.id * 104_729).toString(36)}`,
    billing: address(order, true),
    shipping: address(order, false),
    payment_method: order.payment.method,
    payment_method_title: order.payment.title,
    transaction_id: order.payment.transactionId,
    customer_ip_address: '192.0.2.10',
    customer_user_agent: 'Mozilla/5.0',
    created_via: 'checkout',
    customer_note: order.note,
    date_completed: when(order.completed),
    date_paid: when(order.paid),
    cart_hash: '',
    number: String(order.id),
    meta_data: [],
    line_items: lineItems,
    tax_lines: taxLines,
    shipping_lines: shippingLines,
    fee_lines: [],
    coupon_lines: couponLines,
    refunds: order.refunds.map((r) => ({
      id: r.id,
      reason: r.reason,
      total: decimal(-refundAmount(order, r)),
    })),
    payment_url: `${siteUrl}/checkout/order-pay/${order.id}/`,
    is_editable: order.status === 'pending' || order.status === 'on-hold',
    needs_payment: order.paid === null && order.status === 'pending',
    needs_processing: true,
    date_created_gmt: whenGmt(order.created),
    date_modified_gmt: whenGmt(order.modified),
    date_completed_gmt: whenGmt(order.completed),
    date_paid_gmt: whenGmt(order.paid),
    currency_symbol: '€',
    _links: {
      self: [{ href: `${siteUrl}/wp-json/wc/v3/orders/${order.id}` }],
      collection: [{ href: `${siteUrl}/wp-json/wc/v3/orders` }],
    },
  };
}

/**
 * One refund as GET /orders/{id}/refunds lists it. `api_restock` is echoed as the refund was made
 * (POST …/refunds takes it): the connector honours it when a shop echoes it, and the fake does so
 * that the restock path is exercised. WooCommerce core itself does not return it on GET, so with a
 * real shop the refunded lines come in without a restock and their disposition is set by hand.
 */
export function wooRefundJson(
  order: FakeOrder,
  refund: FakeRefund,
  siteUrl: string,
): Record<string, unknown> {
  return {
    id: refund.id,
    date_created: localText(refund.created),
    date_created_gmt: gmtText(refund.created),
    amount: decimal(refundAmount(order, refund)),
    reason: refund.reason,
    refunded_by: 1,
    refunded_payment: true,
    meta_data: [],
    line_items: refund.lines.map((rl, i) => {
      const line = order.lines.find((l) => l.id === rl.lineId);
      const a = refundLineAmounts(order, rl);
      const rate = rateOf(line?.rate ?? 21);
      return {
        id: refund.id * 100 + i + 1,
        name: line?.name ?? '',
        product_id: line?.productId ?? 0,
        variation_id: line?.variationId ?? 0,
        quantity: -rl.qty,
        tax_class: rate.taxClass,
        subtotal: decimal(-(a.gross - a.vat)),
        subtotal_tax: decimal(-a.vat),
        total: decimal(-(a.gross - a.vat)),
        total_tax: decimal(-a.vat),
        taxes: [{ id: rate.id, total: decimal(-a.vat), subtotal: decimal(-a.vat) }],
        meta_data: [
          {
            id: refund.id * 1000 + i,
            key: '_refunded_item_id',
            value: String(rl.lineId),
            display_key: '_refunded_item_id',
            display_value: String(rl.lineId),
          },
        ],
        sku: line?.sku ?? '',
        price: -(a.gross - a.vat) / 100 / rl.qty,
      };
    }),
    shipping_lines: [],
    tax_lines: [],
    fee_lines: [],
    api_refund: true,
    api_restock: refund.restock,
    _links: {
      self: [{ href: `${siteUrl}/wp-json/wc/v3/orders/${order.id}/refunds/${refund.id}` }],
      up: [{ href: `${siteUrl}/wp-json/wc/v3/orders/${order.id}` }],
    },
  };
}

export function wooProductJson(product: FakeProduct, siteUrl: string): Record<string, unknown> {
  const managed = product.stock !== null;
  const common = {
    id: product.id,
    sku: product.sku,
    price: decimal(product.price),
    regular_price: decimal(product.price),
    sale_price: '',
    tax_status: 'taxable',
    tax_class: rateOf(product.rate).taxClass,
    manage_stock: managed,
    stock_quantity: product.stock,
    stock_status: !managed || (product.stock ?? 0) > 0 ? 'instock' : 'outofstock',
  };
  if (product.type === 'variation') {
    return {
      ...common,
      date_modified_gmt: null,
      description: '',
      permalink: `${siteUrl}/product/stoneware-mug/?attribute_pa_colour=${product.sku.endsWith('-W') ? 'white' : 'black'}`,
      status: 'publish',
      attributes: [{ id: 1, name: 'Colour', option: product.sku.endsWith('-W') ? 'White' : 'Black' }],
    };
  }
  return {
    ...common,
    name: product.name,
    slug: product.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    permalink: `${siteUrl}/product/${product.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}/`,
    type: product.type,
    status: 'publish',
    parent_id: 0,
    variations: product.variations,
  };
}

/** `_fields=a,b,c`: only those top-level fields (WordPress core honours it on every REST route). */
export function onlyFields(item: Record<string, unknown>, fields: string | null): Record<string, unknown> {
  if (!fields) return item;
  const wanted = fields.split(',').map((f) => f.trim().split('.')[0]);
  return Object.fromEntries(Object.entries(item).filter(([key]) => wanted.includes(key)));
}
