/**
 * The fake shop's orders as Shopify's GraphQL Admin API answers the connector's `orders` query
 * (src/shops/shopify/orders.ts): exactly the fields it selects, amounts as `shopMoney` Decimal text,
 * GIDs whose numbers are above 2^53 (so an id kept as a JavaScript number would lose digits), and
 * the three status fields (financial, fulfilment, cancelledAt) derived from WooCommerce's one.
 */
import {
  type FakeOrder,
  type FakeProduct,
  lineAmounts,
  orderAmounts,
  refundAmount,
  refundLineAmounts,
  shippingAmounts,
} from './model';

/** Shopify ids are 64-bit: every fake id is this prefix then 11 digits, 19 digits in all. */
const BIG = '82098291';

export function bigId(n: number): string {
  return BIG + String(n).padStart(11, '0');
}

export function gid(type: string, n: number): string {
  return `gid://shopify/${type}/${bigId(n)}`;
}

/** The fake's own number inside one of its GIDs; null for anything else. */
export function fromGid(value: unknown, type: string): number | null {
  if (typeof value !== 'string') return null;
  const m = new RegExp(`^gid://shopify/${type}/${BIG}(\\d{11})$`).exec(value);
  return m ? Number(m[1]) : null;
}

export const LOCATION_GID = gid('Location', 1);

/** Cents as a GraphQL Decimal, as Shopify writes it: "12.9", "12.0", "4.95". */
export function shopifyDecimal(cents: number): string {
  const text = (cents / 100).toFixed(2).replace(/0$/, '');
  return text.endsWith('.') ? `${text}0` : text;
}

export function money(cents: number) {
  return { shopMoney: { amount: shopifyDecimal(cents), currencyCode: 'EUR' } };
}

function iso(time: number | null): string | null {
  return time === null ? null : new Date(Math.floor(time / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const GATEWAYS: Record<string, string> = {
  stripe: 'shopify_payments',
  paypal: 'paypal',
  bacs: 'Bank Deposit',
  cod: 'Cash on Delivery (COD)',
};

export function financialStatus(order: FakeOrder): string {
  const refunded = order.refunds.reduce((sum, r) => sum + refundAmount(order, r), 0);
  if (refunded > 0) return refunded >= orderAmounts(order).gross ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  if (order.status === 'refunded') return 'REFUNDED';
  if (order.status === 'cancelled') return order.paid === null ? 'VOIDED' : 'PAID';
  return order.paid === null ? 'PENDING' : 'PAID';
}

function taxLines(rate: number, vat: number) {
  return vat === 0 ? [] : [{ ratePercentage: rate, priceSet: money(vat) }];
}

/** The inventory item of a product or variation. */
export function inventoryItemGid(product: Pick<FakeProduct, 'id'>): string {
  return gid('InventoryItem', product.id);
}

export function shopifyOrderNode(order: FakeOrder): Record<string, unknown> {
  const totals = orderAmounts(order);
  const c = order.customer;
  const productOf = (line: FakeOrder['lines'][number]) => line.variationId || line.productId;
  return {
    id: gid('Order', order.id),
    name: `#${order.id}`,
    createdAt: iso(order.created),
    updatedAt: iso(order.modified),
    cancelledAt: iso(order.cancelled),
    currencyCode: 'EUR',
    taxesIncluded: true,
    displayFinancialStatus: financialStatus(order),
    displayFulfillmentStatus: order.status === 'completed' ? 'FULFILLED' : 'UNFULFILLED',
    email: c.email,
    phone: c.phone,
    discountCodes: order.coupon ? [order.coupon.code] : [],
    customer:
      c.id === 0
        ? null
        : {
            id: gid('Customer', c.id),
            email: c.email,
            firstName: c.firstName,
            lastName: c.lastName,
            phone: c.phone,
          },
    shippingAddress: { name: `${c.firstName} ${c.lastName}`, phone: c.phone },
    totalPriceSet: money(totals.gross),
    totalTaxSet: money(totals.vat),
    paymentGatewayNames: [GATEWAYS[order.payment.method] ?? order.payment.method],
    lineItems: {
      pageInfo: { hasNextPage: false },
      nodes: order.lines.map((line) => {
        const a = lineAmounts(line);
        return {
          id: gid('LineItem', line.id),
          sku: line.sku,
          name: line.name,
          quantity: line.qty,
          originalUnitPriceSet: money(line.price),
          discountAllocations:
            line.discount === 0
              ? []
              : [
                  {
                    allocatedAmountSet: money(line.discount),
                    discountApplication: order.coupon ? { code: order.coupon.code } : {},
                  },
                ],
          taxLines: taxLines(line.rate, a.vat),
          variant: {
            id: gid('ProductVariant', productOf(line)),
            inventoryItem: { id: inventoryItemGid({ id: productOf(line) }) },
          },
        };
      }),
    },
    shippingLines: {
      pageInfo: { hasNextPage: false },
      nodes: order.shipping
        ? [order.shipping].map((s) => {
            const a = shippingAmounts(s);
            return {
              id: gid('ShippingLine', s.id),
              title: s.title,
              code: s.methodId === 'local_pickup' ? 'Pickup in store' : s.title,
              originalPriceSet: money(a.gross),
              discountedPriceSet: money(a.gross),
              taxLines: taxLines(s.rate, a.vat),
            };
          })
        : [],
    },
    refunds: order.refunds.map((r) => ({
      id: gid('Refund', r.id),
      createdAt: iso(r.created),
      note: r.reason,
      totalRefundedSet: money(refundAmount(order, r)),
      refundLineItems: {
        pageInfo: { hasNextPage: false },
        nodes: r.lines.map((rl) => {
          const line = order.lines.find((l) => l.id === rl.lineId);
          const a = refundLineAmounts(order, rl);
          return {
            lineItem: { id: gid('LineItem', rl.lineId), sku: line?.sku ?? '' },
            quantity: rl.qty,
            restockType: r.restock ? 'RETURN' : 'NO_RESTOCK',
            // With taxes included, subtotalSet already holds the tax.
            subtotalSet: money(a.gross),
            totalTaxSet: money(a.vat),
          };
        }),
      },
    })),
    fulfillments:
      order.status === 'completed' && order.shipping?.methodId !== 'local_pickup'
        ? [{ trackingInfo: [{ number: `PQ${String(order.id).padStart(10, '0')}ES` }] }]
        : [],
  };
}
