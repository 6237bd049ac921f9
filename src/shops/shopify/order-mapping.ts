/**
 * One Shopify GraphQL `Order` node → the platform-neutral WebOrder, keeping every amount exactly
 * as Shopify charged it, in the shop's currency (`shopMoney`, never presentment money).
 *
 * What cannot be read is listed as a WebOrderProblem and the order is still imported; nothing is
 * silently dropped, rounded or "fixed". Mapping decisions:
 * - External ID is the number at the end of the order's GID, kept as text (64-bit ids).
 * - Lines: one per line item (original `quantity`, before refunds and removals: refunds become
 *   their own rows), then one per shipping line. Shopify allocates every discount, order-level
 *   codes included, onto the lines it applies to (`discountAllocations`, and the shipping line's
 *   `discountedPriceSet`), and taxes each line after its discount (`taxLines`). So each line carries
 *   its own discount and tax, and no separate discount line is made: it would count them twice.
 * - Prices are in the shop's tax mode (`taxesIncluded`): unit price and discount are tax-included
 *   when the shop's prices are, and net is then the charged amount minus its tax.
 * - The lines must add up to `totalPriceSet` and their tax to `totalTaxSet`; when they do not
 *   (tips, duties and additional fees are not imported as lines), a problem is listed.
 */
import { currencyExponent, formatDecimal, type Minor } from '../../core/money';
import type {
  UsedCode,
  WebCustomer,
  WebOrder,
  WebOrderLine,
  WebOrderProblem,
  WebOrderStatus,
  WebPayment,
  WebRefund,
  WebRefundLine,
} from '../../core/web-order';
import {
  connectionNodes,
  gidNumber,
  hasMore,
  instant,
  type Json,
  list,
  obj,
  shopCurrency,
  shopMoney,
  str,
  text,
} from './fields';

/** How many nested items the orders query asks for per order (see orders.ts); more are flagged. */
export interface NestedLimits {
  lineItems: number;
  shippingLines: number;
  refunds: number;
  refundLineItems: number;
}

export interface MappedOrder {
  /** null only when the order has no readable id, so it cannot be keyed (a problem says so). */
  order: WebOrder | null;
  problems: WebOrderProblem[];
}

/** Financial statuses in which the customer's money was taken (refunds come off separately). */
const PAID = new Set(['PAID', 'PARTIALLY_REFUNDED', 'REFUNDED']);

/**
 * One lifecycle from Shopify's three status fields, first match wins:
 * REFUNDED → 'refunded' (a paid order refunded in full is never 'cancelled');
 * PARTIALLY_REFUNDED → 'partially refunded';
 * cancelled and never paid → 'cancelled';
 * FULFILLED → 'fulfilled' (the goods left, whatever the payment);
 * PAID → 'paid' (unfulfilled, partially fulfilled, on hold …: the stock stays reserved);
 * VOIDED (authorisation voided: it will never be paid) → 'cancelled';
 * anything else (PENDING, AUTHORIZED, PARTIALLY_PAID, EXPIRED, none) → 'pending'.
 */
export function shopifyOrderStatus(
  financial: string | null,
  fulfillment: string | null,
  cancelled: boolean,
): WebOrderStatus {
  if (financial === 'REFUNDED') return 'refunded';
  if (financial === 'PARTIALLY_REFUNDED') return 'partially refunded';
  if (cancelled && financial !== 'PAID') return 'cancelled';
  if (fulfillment === 'FULFILLED') return 'fulfilled';
  if (financial === 'PAID') return 'paid';
  if (financial === 'VOIDED') return 'cancelled';
  return 'pending';
}

/** RETURN and CANCEL put the goods back; LEGACY_RESTOCK is Shopify's older "restocked" (REST `restock: true`). */
const RESTOCKED = new Set(['RETURN', 'CANCEL', 'LEGACY_RESTOCK']);

/** A shipping line that says the customer collects the order (matched on its code or title). */
const PICKUP = /pick[\s-]?up|click\s*(?:&|and|\+)\s*collect/i;

interface Context {
  externalId: string;
  orderNo: string;
  exponent: number;
  taxesIncluded: boolean;
  problems: WebOrderProblem[];
}

function flag(ctx: Context, line: string, sku: string, problem: string): void {
  ctx.problems.push({ externalId: ctx.externalId, line, sku, problem });
}

function lineId(node: Json, fallback: string): string {
  return gidNumber(node.id) ?? (text(node.id) || fallback);
}

/** A tax rate percentage as Shopify's Float gives it, without float noise (21.000000001 → 21). */
function ratePercent(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? Math.round(x * 10000) / 10000 : null;
}

interface Taxes {
  tax: Minor | null;
  /** The single rate; 0 when untaxed; null when several taxes apply (GST + PST) or it is unstated. */
  rate: number | null;
}

function taxes(taxLines: unknown, exponent: number): Taxes {
  const lines = list(taxLines).map((t) => obj(t) ?? {});
  if (lines.length === 0) return { tax: 0, rate: 0 };
  let tax: Minor | null = 0;
  for (const line of lines) {
    const part = shopMoney(line.priceSet, exponent);
    tax = tax === null || part === null ? null : tax + part;
  }
  return { tax, rate: lines.length === 1 ? ratePercent(lines[0].ratePercentage) : null };
}

function sum(amounts: (Minor | null)[]): Minor | null {
  let total: Minor | null = 0;
  for (const a of amounts) total = total === null || a === null ? null : total + a;
  return total;
}

/**
 * The codes the order used (`Order.discountCodes`), each with what its allocations on the lines
 * took off (`LineItem.discountAllocations[].discountApplication` as a DiscountCodeApplication),
 * in the shop's price terms; null when no allocation says which code it came from
 * (https://shopify.dev/docs/api/admin-graphql/latest/objects/Order#field-discountCodes,
 * https://shopify.dev/docs/api/admin-graphql/latest/objects/DiscountCodeApplication).
 */
function usedCodes(order: Json, exponent: number): UsedCode[] {
  const allocations = connectionNodes(order.lineItems).flatMap((line) =>
    list(obj(line)?.discountAllocations).map((d) => obj(d) ?? {}),
  );
  return list(order.discountCodes)
    .map((c) => text(c).trim())
    .filter((c) => c !== '')
    .map((code) => {
      const mine = allocations.filter(
        (a) => text(obj(a.discountApplication)?.code).trim().toLowerCase() === code.toLowerCase(),
      );
      return {
        code,
        amount: mine.length === 0 ? null : sum(mine.map((a) => shopMoney(a.allocatedAmountSet, exponent))),
      };
    });
}

function productLine(raw: unknown, index: number, ctx: Context): WebOrderLine {
  const node = obj(raw) ?? {};
  const externalLineId = lineId(node, `line-${index + 1}`);
  const sku = text(node.sku);
  const name = text(node.name);
  const label = `Line "${name || externalLineId}"`;
  const unresolved: string[] = [];

  let qty = typeof node.quantity === 'number' ? node.quantity : Number.NaN;
  if (!Number.isInteger(qty) || qty < 0) {
    unresolved.push('quantity');
    qty = 0;
  }
  const unitPrice = shopMoney(node.originalUnitPriceSet, ctx.exponent);
  if (unitPrice === null) unresolved.push('unit price (originalUnitPriceSet)');
  const discount = sum(
    list(node.discountAllocations).map((d) => shopMoney(obj(d)?.allocatedAmountSet, ctx.exponent)),
  );
  if (discount === null) unresolved.push('discount (discountAllocations)');
  const { tax, rate } = taxes(node.taxLines, ctx.exponent);
  if (tax === null) unresolved.push('tax (taxLines)');

  if (unresolved.length > 0) {
    flag(
      ctx,
      externalLineId,
      sku,
      `${label} of order ${ctx.orderNo} could not be read from Shopify: no valid ${unresolved.join(', ')}. It was imported with 0 there; check the order in Shopify.`,
    );
  }
  if (sku === '') {
    flag(
      ctx,
      externalLineId,
      '',
      `${label} of order ${ctx.orderNo} has no SKU, so it cannot be matched to a product and no stock moves for it. Give the product a SKU in Shopify.`,
    );
  }
  const charged = (unitPrice ?? 0) * qty - (discount ?? 0);
  return {
    kind: 'product',
    externalLineId,
    sku,
    name,
    qty,
    unitPrice: unitPrice ?? 0,
    discount: discount ?? 0,
    net: ctx.taxesIncluded ? charged - (tax ?? 0) : charged,
    tax: tax ?? 0,
    taxRate: rate,
    productRef: str(obj(obj(node.variant)?.inventoryItem)?.id) ?? '',
  };
}

function shippingLine(raw: unknown, index: number, ctx: Context): WebOrderLine {
  const node = obj(raw) ?? {};
  const externalLineId = lineId(node, `shipping-${index + 1}`);
  const name = text(node.title) || text(node.code) || 'Shipping';
  const original = shopMoney(node.originalPriceSet, ctx.exponent);
  // Since API 2024-07 discountedPriceSet includes cart-level discounts such as free shipping.
  const discounted = shopMoney(node.discountedPriceSet, ctx.exponent);
  const { tax, rate } = taxes(node.taxLines, ctx.exponent);
  const unresolved = [
    original === null ? 'price (originalPriceSet)' : '',
    discounted === null ? 'discounted price (discountedPriceSet)' : '',
    tax === null ? 'tax (taxLines)' : '',
  ].filter((s) => s !== '');
  if (unresolved.length > 0) {
    flag(
      ctx,
      externalLineId,
      '',
      `Shipping line "${name}" of order ${ctx.orderNo} could not be read from Shopify: no valid ${unresolved.join(', ')}. It was imported with 0 there; check the order in Shopify.`,
    );
  }
  const charged = discounted ?? original ?? 0;
  const unitPrice = original ?? charged;
  return {
    kind: 'shipping',
    externalLineId,
    sku: '',
    name,
    qty: 1,
    unitPrice,
    discount: unitPrice - charged,
    net: ctx.taxesIncluded ? charged - (tax ?? 0) : charged,
    tax: tax ?? 0,
    taxRate: rate,
    productRef: '',
  };
}

function refundLine(raw: unknown, refundId: string, ctx: Context): WebRefundLine {
  const node = obj(raw) ?? {};
  const item = obj(node.lineItem) ?? {};
  const externalLineId = gidNumber(item.id) ?? text(item.id);
  const sku = text(item.sku);
  const qty = typeof node.quantity === 'number' && Number.isInteger(node.quantity) ? node.quantity : null;
  const subtotal = shopMoney(node.subtotalSet, ctx.exponent);
  const tax = shopMoney(node.totalTaxSet, ctx.exponent);
  if (qty === null || qty < 0 || subtotal === null || tax === null || externalLineId === '') {
    flag(
      ctx,
      externalLineId,
      sku,
      `A line of refund ${refundId} on order ${ctx.orderNo} could not be read from Shopify (line, quantity, subtotalSet or totalTaxSet). It was imported with 0 there; check the refund in Shopify.`,
    );
  }
  // subtotalSet is in the shop's price terms: tax is already in it when prices include tax.
  const amount = ctx.taxesIncluded ? (subtotal ?? 0) : (subtotal ?? 0) + (tax ?? 0);
  return {
    externalLineId,
    sku,
    qty: qty !== null && qty >= 0 ? qty : 0,
    amount,
    restock: RESTOCKED.has(text(node.restockType)),
  };
}

function mapRefund(raw: unknown, limits: NestedLimits | null, ctx: Context): WebRefund {
  const node = obj(raw) ?? {};
  const refundId = gidNumber(node.id) ?? text(node.id);
  const created = instant(node.createdAt);
  const amount = shopMoney(node.totalRefundedSet, ctx.exponent);
  if (refundId === '' || created === null || amount === null) {
    flag(
      ctx,
      '',
      '',
      `Refund ${refundId || '(no id)'} on order ${ctx.orderNo} could not be read from Shopify (id, createdAt or totalRefundedSet). It was imported with what could be read; check it in Shopify.`,
    );
  }
  if (hasMore(node.refundLineItems)) {
    flag(
      ctx,
      '',
      '',
      `Refund ${refundId} on order ${ctx.orderNo} has more than ${limits?.refundLineItems ?? 'the'} lines; only those were read. Check the refund in Shopify.`,
    );
  }
  return {
    refundId,
    created: created ?? 0,
    amount: amount ?? 0,
    reason: text(node.note),
    lines: connectionNodes(node.refundLineItems).map((line) => refundLine(line, refundId, ctx)),
  };
}

function customerOf(order: Json): WebCustomer {
  const customer = obj(order.customer);
  const address = obj(order.shippingAddress);
  const name = [text(customer?.firstName), text(customer?.lastName)].filter((s) => s !== '').join(' ');
  return {
    externalId: customer ? (gidNumber(customer.id) ?? text(customer.id)) : '',
    email: text(customer?.email) || text(order.email),
    name: name || text(address?.name),
    phone: text(customer?.phone) || text(order.phone) || text(address?.phone),
  };
}

/**
 * What was paid. Shopify's order lists the gateways used (`paymentGatewayNames`) but not how much
 * went through each: that needs the order's transactions. Simplification: once the order is paid
 * (PAID, or refunded afterwards), one payment of the order total, whose method is the gateway
 * (several gateways, e.g. a gift card and a card, are named together: "gift_card + shopify_payments").
 * Unpaid, authorised-only and partially paid orders get no payment row. Refunds are separate rows.
 */
function paymentsOf(order: Json, financial: string | null, total: Minor): WebPayment[] {
  if (financial === null || !PAID.has(financial) || total === 0) return [];
  const gateways = list(order.paymentGatewayNames)
    .map((g) => text(g))
    .filter((g) => g !== '');
  return [{ method: gateways.length > 0 ? gateways.join(' + ') : 'shopify', amount: total, reference: '' }];
}

function trackingOf(order: Json): string {
  const numbers: string[] = [];
  for (const fulfillment of list(order.fulfillments)) {
    for (const info of list(obj(fulfillment)?.trackingInfo)) {
      const n = text(obj(info)?.number);
      if (n !== '' && !numbers.includes(n)) numbers.push(n);
    }
  }
  return numbers.join(', ');
}

/** Maps one `orders` node; `limits` are the nested page sizes asked for (to word overflow problems). */
export function mapShopifyOrder(raw: unknown, limits: NestedLimits | null = null): MappedOrder {
  const order = obj(raw);
  const externalId = gidNumber(order?.id);
  if (!order || externalId === null) {
    const shown = order ? String(order.id ?? '') : JSON.stringify(raw);
    return {
      order: null,
      problems: [
        {
          externalId: '',
          line: '',
          sku: '',
          problem: `Shopify sent an order without a readable id (${shown.slice(0, 80)}), so it could not be imported.`,
        },
      ],
    };
  }
  const orderNo = text(order.name) || `#${externalId}`;
  const problems: WebOrderProblem[] = [];
  const currency = shopCurrency(order.totalPriceSet) ?? (text(order.currencyCode).toUpperCase() || '');
  const ctx: Context = {
    externalId,
    orderNo,
    exponent: currencyExponent(currency || 'XXX'),
    taxesIncluded: order.taxesIncluded === true,
    problems,
  };

  const created = instant(order.createdAt);
  const total = shopMoney(order.totalPriceSet, ctx.exponent);
  const tax = shopMoney(order.totalTaxSet, ctx.exponent);
  const unread = [
    currency === '' ? 'currency' : '',
    created === null ? 'createdAt' : '',
    total === null ? 'totalPriceSet' : '',
    tax === null ? 'totalTaxSet' : '',
  ].filter((s) => s !== '');
  if (unread.length > 0) {
    flag(
      ctx,
      '',
      '',
      `Order ${orderNo}: Shopify's reply has no valid ${unread.join(', ')}. It was imported with 0 or blank there; check the order in Shopify.`,
    );
  }

  const lines = connectionNodes(order.lineItems).map((line, i) => productLine(line, i, ctx));
  if (hasMore(order.lineItems)) {
    flag(
      ctx,
      '',
      '',
      `Order ${orderNo} has more than ${limits?.lineItems ?? 'the'} line items; only those were read, so its lines do not add up. Check the order in Shopify.`,
    );
  }
  lines.push(...connectionNodes(order.shippingLines).map((line, i) => shippingLine(line, i, ctx)));
  if (hasMore(order.shippingLines)) {
    flag(
      ctx,
      '',
      '',
      `Order ${orderNo} has more than ${limits?.shippingLines ?? 'the'} shipping lines; only those were read.`,
    );
  }

  const money = (minor: Minor) => `${formatDecimal(minor, ctx.exponent)} ${currency}`.trim();
  const orderTotal = total ?? 0;
  const orderTax = tax ?? 0;
  const linesTotal = lines.reduce((acc, l) => acc + l.net + l.tax, 0);
  const linesTax = lines.reduce((acc, l) => acc + l.tax, 0);
  if (total !== null && linesTotal !== orderTotal) {
    flag(
      ctx,
      '',
      '',
      `Order ${orderNo}: its lines add up to ${money(linesTotal)} but Shopify's total is ${money(orderTotal)}. Nothing was changed; check the order in Shopify (tips, duties and fees are not imported as lines).`,
    );
  }
  if (tax !== null && linesTax !== orderTax) {
    flag(
      ctx,
      '',
      '',
      `Order ${orderNo}: the tax of its lines adds up to ${money(linesTax)} but Shopify's total tax is ${money(orderTax)}. Nothing was changed; check the order in Shopify.`,
    );
  }

  const financial = str(order.displayFinancialStatus);
  const fulfillment = str(order.displayFulfillmentStatus);
  const cancelled = instant(order.cancelledAt) !== null;
  const status = shopifyOrderStatus(financial, fulfillment, cancelled);
  if (cancelled && financial === 'PAID') {
    flag(
      ctx,
      '',
      '',
      `Order ${orderNo} is cancelled in Shopify but its payment was not refunded, so it is kept as ${status}. Refund it in Shopify, or check it.`,
    );
  }

  const refunds = list(order.refunds).map((r) => mapRefund(r, limits, ctx));
  if (limits && refunds.length >= limits.refunds) {
    flag(
      ctx,
      '',
      '',
      `Order ${orderNo} has ${limits.refunds} or more refunds; only the first ${limits.refunds} were read. Check the order in Shopify.`,
    );
  }

  const webOrder: WebOrder = {
    externalId,
    orderNo,
    status,
    shopStatus: [financial ?? '-', fulfillment ?? '-', cancelled ? 'CANCELLED' : '']
      .filter((s) => s !== '')
      .join(' / '),
    created: created ?? 0,
    updated: instant(order.updatedAt) ?? created ?? 0,
    currency,
    pricesIncludeTax: ctx.taxesIncluded,
    customer: customerOf(order),
    lines,
    net: orderTotal - orderTax,
    tax: orderTax,
    total: orderTotal,
    payments: paymentsOf(order, financial, orderTotal),
    refunds,
    localPickup: connectionNodes(order.shippingLines).some((line) => {
      const l = obj(line);
      return PICKUP.test(text(l?.code)) || PICKUP.test(text(l?.title));
    }),
    trackingNumber: trackingOf(order),
    discountCodes: usedCodes(order, ctx.exponent),
  };
  return { order: webOrder, problems };
}
