/**
 * One WooCommerce order (REST API v3 JSON) as a WebOrder, plus the problems met on the way.
 *
 * Amounts are kept exactly as WooCommerce charged them, in minor units of the order's currency:
 * nothing is recomputed here. What is recomputed is the check that the lines add up to the
 * order total; a difference is listed as a problem, never "fixed".
 */
import {
  currencyExponent,
  formatDecimal,
  type Minor,
  mulDivRound,
  roundHalfAwayFromZero,
} from '../../core/money';
import type {
  UsedCode,
  WebCustomer,
  WebOrder,
  WebOrderLine,
  WebOrderProblem,
  WebOrderStatus,
  WebPayment,
  WebRefund,
} from '../../core/web-order';
import { decodeHtmlText } from './html-text';
import { decimal, get, gmtTime, isAbsent, list, money, text, wholeId } from './read';

export interface ParsedOrder {
  /** Null when the order itself cannot be read (no id, currency, total or dates); a problem says why. */
  order: WebOrder | null;
  problems: WebOrderProblem[];
}

/**
 * The ledger's lifecycle for a WooCommerce status, given what has been refunded.
 * - Refunds decide first, whatever the status: refunded in full (or more) → 'refunded', in part →
 *   'partially refunded'. So a paid order that was cancelled and refunded is 'refunded', never
 *   'cancelled'; and a completed order with a partial refund is 'partially refunded' (its
 *   `shopStatus` still says 'completed').
 * - pending, on-hold, checkout-draft, failed → 'pending' (no money yet: nothing is reserved).
 * - processing → 'paid'; completed → 'fulfilled'; cancelled (and trash) → 'cancelled';
 *   refunded (with no refunds listed) → 'refunded'.
 * Null for a status WooCommerce core does not have (an extension's): the caller lists it.
 */
export function mapOrderStatus(shopStatus: string, total: Minor, refunded: Minor): WebOrderStatus | null {
  if (refunded > 0) return refunded >= total ? 'refunded' : 'partially refunded';
  switch (shopStatus) {
    case 'pending':
    case 'on-hold':
    case 'checkout-draft':
    case 'failed':
      return 'pending';
    case 'processing':
      return 'paid';
    case 'completed':
      return 'fulfilled';
    case 'cancelled':
    case 'trash':
      return 'cancelled';
    case 'refunded':
      return 'refunded';
    default:
      return null;
  }
}

/** Statuses that mean the money came in even when `date_paid` is empty (old versions, manual completion). */
const PAID_STATUSES = new Set(['completed', 'refunded']);

/** Shipping methods that mean the customer collects the order in the shop (core and WooCommerce Blocks). */
const PICKUP_METHOD = /^(local_pickup|pickup_location)(:|$)/;

interface LineContext {
  externalId: string;
  exponent: number;
  pricesIncludeTax: boolean;
  /** tax rate id → percent, from tax_lines[].rate_percent (newer WooCommerce versions). */
  rates: Map<number, number>;
  problems: WebOrderProblem[];
}

function problem(
  ctx: { externalId: string; problems: WebOrderProblem[] },
  line: string,
  sku: string,
  text: string,
) {
  ctx.problems.push({ externalId: ctx.externalId, line, sku, problem: text });
}

/** amount / qty rounded half away from zero; exact for whole quantities. */
function perUnit(amount: Minor, qty: number): Minor {
  return Number.isSafeInteger(qty) ? mulDivRound(amount, 1, qty) : roundHalfAwayFromZero(amount / qty);
}

/**
 * The line's VAT rate when it is taxed at exactly one rate whose percent the order states
 * (tax_lines[].rate_percent, matched by taxes[].id = tax_lines[].rate_id); null otherwise
 * (no tax, several rates, or an older WooCommerce that does not say the percent).
 */
function lineTaxRate(item: unknown, rates: Map<number, number>): number | null {
  const charged = new Set<number>();
  const listed = new Set<number>();
  for (const tax of list(item, 'taxes')) {
    const id = wholeId(get(tax, 'id'));
    const total = decimal(get(tax, 'total'));
    if (id === null || total === null) continue;
    listed.add(id);
    if (total !== 0) charged.add(id);
  }
  const ids = charged.size > 0 ? charged : listed;
  if (ids.size !== 1) return null;
  const [id] = [...ids];
  return rates.get(id) ?? null;
}

/** A money field that may be absent (then `fallback`); null when present but not a number. */
function optionalMoney(value: unknown, exponent: number, fallback: Minor): Minor | null {
  return isAbsent(value) ? fallback : money(value, exponent);
}

function describe(item: unknown, fallback: string): string {
  const name = decodeHtmlText(text(get(item, 'name'))).trim();
  return name === '' ? fallback : `"${name}"`;
}

/**
 * A product line. WooCommerce keeps line amounts tax-exclusive whatever the shop's setting:
 * `subtotal` before discounts (coupons included), `total` after, `total_tax` the tax as charged.
 * `unitPrice` and `discount` are given in the order's price terms: tax included when
 * `prices_include_tax`, so that unitPrice × qty − discount = net (+ tax when included).
 * `price` is not used: WooCommerce computes it as total / quantity (after discounts, with float
 * noise), and it is a number in some versions and text in others.
 */
function productLine(item: unknown, ctx: LineContext): WebOrderLine | null {
  const lineId = text(get(item, 'id'));
  const sku = text(get(item, 'sku')).trim();
  const what = `Line ${lineId || '?'} ${describe(item, '(no name)')}`;
  const qty = decimal(get(item, 'quantity'));
  if (qty === null || qty <= 0) {
    problem(
      ctx,
      lineId,
      sku,
      `${what}: the quantity ${JSON.stringify(get(item, 'quantity') ?? null)} is not a number above 0, so the line was left out: check the order in WooCommerce.`,
    );
    return null;
  }
  const total = money(get(item, 'total'), ctx.exponent);
  const totalTax = optionalMoney(get(item, 'total_tax'), ctx.exponent, 0);
  const subtotal = total === null ? null : optionalMoney(get(item, 'subtotal'), ctx.exponent, total);
  const subtotalTax =
    totalTax === null ? null : optionalMoney(get(item, 'subtotal_tax'), ctx.exponent, totalTax);
  if (total === null || totalTax === null || subtotal === null || subtotalTax === null) {
    problem(
      ctx,
      lineId,
      sku,
      `${what}: its amounts (subtotal ${JSON.stringify(get(item, 'subtotal') ?? null)}, total ${JSON.stringify(get(item, 'total') ?? null)}, tax ${JSON.stringify(get(item, 'total_tax') ?? null)}) are not numbers, so the line was left out: check the order in WooCommerce.`,
    );
    return null;
  }
  if (sku === '') {
    problem(
      ctx,
      lineId,
      sku,
      `${what} has no SKU in WooCommerce, so the ledger cannot tell which product it is: give the product a SKU in WooCommerce.`,
    );
  }
  const before = ctx.pricesIncludeTax ? subtotal + subtotalTax : subtotal;
  const after = ctx.pricesIncludeTax ? total + totalTax : total;
  const productId = wholeId(get(item, 'product_id'));
  const variationId = wholeId(get(item, 'variation_id'));
  return {
    kind: 'product',
    externalLineId: lineId,
    sku,
    name: decodeHtmlText(text(get(item, 'name'))),
    qty,
    unitPrice: perUnit(before, qty),
    discount: before - after,
    net: total,
    tax: totalTax,
    taxRate: lineTaxRate(item, ctx.rates),
    // A product deleted from the shop has product_id 0: no ref, the SKU still names it.
    productRef:
      productId === null ? '' : variationId === null ? `${productId}` : `${productId}/${variationId}`,
  };
}

/** A shipping or fee line: one unit of its total. Fees may be negative (a discount added as a fee). */
function chargeLine(
  kind: 'shipping' | 'fee',
  item: unknown,
  name: string,
  ctx: LineContext,
): WebOrderLine | null {
  const lineId = text(get(item, 'id'));
  const total = money(get(item, 'total'), ctx.exponent);
  const totalTax = optionalMoney(get(item, 'total_tax'), ctx.exponent, 0);
  if (total === null || totalTax === null) {
    problem(
      ctx,
      lineId,
      '',
      `The ${kind} line ${lineId || '?'} "${name}": its amounts (total ${JSON.stringify(get(item, 'total') ?? null)}, tax ${JSON.stringify(get(item, 'total_tax') ?? null)}) are not numbers, so the line was left out: check the order in WooCommerce.`,
    );
    return null;
  }
  const charged = ctx.pricesIncludeTax ? total + totalTax : total;
  return {
    kind,
    externalLineId: lineId,
    sku: '',
    name,
    qty: 1,
    unitPrice: charged,
    discount: 0,
    net: total,
    tax: totalTax,
    taxRate: lineTaxRate(item, ctx.rates),
    productRef: '',
  };
}

/**
 * A coupon, as a 'discount' line of amount 0. WooCommerce has already taken every coupon off the
 * product lines' totals (each product line's `discount` carries its share), so a coupon line with
 * its own negative amount would subtract it twice. The line keeps the coupon's code and amount
 * visible on the order and the invoice, and the lines still add up to the order total.
 */
function couponLine(item: unknown, ctx: LineContext): WebOrderLine {
  const code = decodeHtmlText(text(get(item, 'code'))).trim();
  const discount = money(get(item, 'discount'), ctx.exponent);
  const discountTax = optionalMoney(get(item, 'discount_tax'), ctx.exponent, 0);
  const off =
    discount === null || discountTax === null
      ? null
      : ctx.pricesIncludeTax
        ? discount + discountTax
        : discount;
  return {
    kind: 'discount',
    externalLineId: text(get(item, 'id')),
    sku: '',
    name:
      off === null
        ? `Coupon ${code} (included in the product lines)`
        : `Coupon ${code} (${formatDecimal(off, ctx.exponent)} off, included in the product lines)`,
    qty: 1,
    unitPrice: 0,
    discount: 0,
    net: 0,
    tax: 0,
    taxRate: null,
    productRef: '',
  };
}

/**
 * The code a coupon line names and what it took off, tax included (`discount` + `discount_tax`):
 * how a web code of store credit is recognised on the order
 * (https://woocommerce.github.io/woocommerce-rest-api-docs/#order-coupon-lines-properties).
 */
function usedCoupon(item: unknown, ctx: LineContext): UsedCode {
  const discount = money(get(item, 'discount'), ctx.exponent);
  const discountTax = optionalMoney(get(item, 'discount_tax'), ctx.exponent, 0);
  return {
    code: decodeHtmlText(text(get(item, 'code'))).trim(),
    amount: discount === null || discountTax === null ? null : discount + discountTax,
  };
}

function customerOf(raw: unknown): WebCustomer {
  const billing = get(raw, 'billing');
  const shipping = get(raw, 'shipping');
  const fullName = (address: unknown) =>
    [text(get(address, 'first_name')).trim(), text(get(address, 'last_name')).trim()]
      .filter((part) => part !== '')
      .join(' ');
  const customerId = wholeId(get(raw, 'customer_id'));
  return {
    // customer_id 0 is a guest checkout.
    externalId: customerId === null ? '' : String(customerId),
    email: text(get(billing, 'email')).trim().toLowerCase(),
    name: fullName(billing) || fullName(shipping),
    phone: text(get(billing, 'phone')).trim() || text(get(shipping, 'phone')).trim(),
  };
}

function unreadable(raw: unknown, why: string): ParsedOrder {
  const id = text(get(raw, 'id'));
  return {
    order: null,
    problems: [
      {
        externalId: id,
        line: '',
        sku: '',
        problem: `WooCommerce order ${id || '(without an id)'} could not be read: ${why}. It was not imported; check it in WooCommerce.`,
      },
    ],
  };
}

/** One order of GET /orders (or GET /orders/{id}) as a WebOrder. */
export function parseOrder(raw: unknown): ParsedOrder {
  const id = wholeId(get(raw, 'id'));
  if (id === null) return unreadable(raw, `its id ${JSON.stringify(get(raw, 'id') ?? null)} is not a number`);
  const currency = text(get(raw, 'currency')).trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    return unreadable(
      raw,
      `its currency ${JSON.stringify(get(raw, 'currency') ?? null)} is not a currency code`,
    );
  }
  const exponent = currencyExponent(currency);
  const total = money(get(raw, 'total'), exponent);
  const totalTax = optionalMoney(get(raw, 'total_tax'), exponent, 0);
  if (total === null || totalTax === null) {
    return unreadable(
      raw,
      `its total ${JSON.stringify(get(raw, 'total') ?? null)} or tax ${JSON.stringify(get(raw, 'total_tax') ?? null)} is not a number`,
    );
  }
  // *_gmt dates are UTC without a 'Z'; an order never modified may lack date_modified_gmt.
  const created = gmtTime(get(raw, 'date_created_gmt'));
  if (created === null) {
    return unreadable(
      raw,
      `its date ${JSON.stringify(get(raw, 'date_created_gmt') ?? null)} is not a date and time`,
    );
  }
  const updated = gmtTime(get(raw, 'date_modified_gmt')) ?? created;

  const externalId = String(id);
  const problems: WebOrderProblem[] = [];
  const rates = new Map<number, number>();
  for (const taxLine of list(raw, 'tax_lines')) {
    const rateId = wholeId(get(taxLine, 'rate_id'));
    const percent = decimal(get(taxLine, 'rate_percent'));
    if (rateId !== null && percent !== null) rates.set(rateId, percent);
  }
  const pricesIncludeTax = get(raw, 'prices_include_tax') === true;
  const ctx: LineContext = { externalId, exponent, pricesIncludeTax, rates, problems };

  const lines: WebOrderLine[] = [];
  let leftOut = false;
  const keep = (line: WebOrderLine | null) => {
    if (line === null) leftOut = true;
    else lines.push(line);
  };
  for (const item of list(raw, 'line_items')) keep(productLine(item, ctx));
  for (const item of list(raw, 'shipping_lines')) {
    keep(chargeLine('shipping', item, decodeHtmlText(text(get(item, 'method_title'))) || 'Shipping', ctx));
  }
  for (const item of list(raw, 'fee_lines')) {
    keep(chargeLine('fee', item, decodeHtmlText(text(get(item, 'name'))) || 'Fee', ctx));
  }
  for (const item of list(raw, 'coupon_lines')) lines.push(couponLine(item, ctx));

  // A line left out already has its problem; the sum would only repeat it.
  if (!leftOut) {
    const sum = lines.reduce((acc, line) => acc + line.net + line.tax, 0);
    if (sum !== total) {
      problem(
        ctx,
        '',
        '',
        `The lines add up to ${formatDecimal(sum, exponent)} ${currency} but WooCommerce's order total is ${formatDecimal(total, exponent)} ${currency}: the amounts are kept as WooCommerce sent them; check the order in WooCommerce.`,
      );
    }
  }

  // The order listing gives each refund's id, reason and (negative) total, not its lines or date:
  // fetchRefunds (refunds.ts) reads those. Until then, the order's last change stands in for the
  // refund's date: a refund always changes its order.
  const refunds: WebRefund[] = [];
  for (const item of list(raw, 'refunds')) {
    const refundId = wholeId(get(item, 'id'));
    const amount = money(get(item, 'total'), exponent);
    if (refundId === null || amount === null) {
      problem(
        ctx,
        '',
        '',
        `A refund of this order could not be read (id ${JSON.stringify(get(item, 'id') ?? null)}, total ${JSON.stringify(get(item, 'total') ?? null)}): check the order's refunds in WooCommerce.`,
      );
      continue;
    }
    // `reason` in real responses; the docs' list example spells it `refund`.
    const reason = get(item, 'reason') ?? get(item, 'refund');
    refunds.push({
      refundId: String(refundId),
      created: updated,
      amount: Math.abs(amount),
      reason: text(reason).trim(),
      lines: [],
    });
  }
  const refunded = refunds.reduce((acc, refund) => acc + refund.amount, 0);

  const shopStatus = text(get(raw, 'status')).trim();
  let status = mapOrderStatus(shopStatus, total, refunded);
  if (status === null) {
    problem(
      ctx,
      '',
      '',
      `WooCommerce status "${shopStatus}" is not one Shop Ledger knows (an extension's?): the order is treated as pending.`,
    );
    status = 'pending';
  }

  // Paid: WooCommerce stamps date_paid when the payment is taken. Completed and refunded orders,
  // and orders with refunds, were paid too even where date_paid is empty (orders completed by
  // hand, older versions): without the payment their refunds would return money never received.
  // Cash on delivery stays unpaid while 'processing' (date_paid is empty until completion).
  const paid =
    !isAbsent(get(raw, 'date_paid_gmt')) ||
    !isAbsent(get(raw, 'date_paid')) ||
    PAID_STATUSES.has(shopStatus) ||
    refunds.length > 0;
  const payments: WebPayment[] =
    paid && total !== 0
      ? [
          {
            method: text(get(raw, 'payment_method')).trim() || text(get(raw, 'payment_method_title')).trim(),
            amount: total,
            reference: text(get(raw, 'transaction_id')).trim(),
          },
        ]
      : [];

  const number = text(get(raw, 'number')).trim();
  return {
    order: {
      externalId,
      orderNo: number || externalId,
      status,
      shopStatus,
      created,
      updated,
      currency,
      pricesIncludeTax,
      customer: customerOf(raw),
      lines,
      net: total - totalTax,
      tax: totalTax,
      total,
      payments,
      refunds,
      localPickup: list(raw, 'shipping_lines').some((line) =>
        PICKUP_METHOD.test(text(get(line, 'method_id')).trim()),
      ),
      // WooCommerce core has no tracking numbers (extensions keep them in their own meta).
      trackingNumber: '',
      discountCodes: list(raw, 'coupon_lines').map((item) => usedCoupon(item, ctx)),
    },
    problems,
  };
}
