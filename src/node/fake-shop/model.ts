/**
 * What the fake shop holds, whatever API it is asked through: customers, orders with their lines,
 * shipping, coupon and refunds, and products with their stock. Amounts are whole cents, prices
 * include VAT (as a Spanish shop's do), and every figure a platform shows (net, tax, totals) is
 * derived from these by the functions below, so WooCommerce's and Shopify's answers always agree.
 */
import { pad, wallClock } from '../../core/wall-clock';

/** WooCommerce's order statuses the fake uses; Shopify's three status fields are derived from them. */
export type FakeOrderStatus = 'pending' | 'processing' | 'on-hold' | 'completed' | 'cancelled' | 'refunded';

export interface FakeCustomer {
  /** 0 for a guest checkout. */
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  city: string;
  postcode: string;
}

export interface FakeLine {
  id: number;
  sku: string;
  name: string;
  productId: number;
  /** 0 when the product is not a variation. */
  variationId: number;
  qty: number;
  /** Unit price, VAT included, in cents. */
  price: number;
  /** VAT rate in percent: 10 or 21. */
  rate: number;
  /** Coupon discount on this line, VAT included, in cents. */
  discount: number;
}

export interface FakeShipping {
  id: number;
  title: string;
  /** WooCommerce method id: flat_rate, free_shipping, local_pickup. */
  methodId: string;
  /** VAT included, in cents. */
  price: number;
  rate: number;
}

export interface FakeCoupon {
  id: number;
  code: string;
  /** Percent off the products. */
  percent: number;
  /** A fixed amount off the cart instead (a web code of store credit), VAT included, in cents. */
  amount?: number;
}

export interface FakeRefundLine {
  lineId: number;
  qty: number;
}

export interface FakeRefund {
  id: number;
  created: number;
  reason: string;
  lines: FakeRefundLine[];
  /** The goods went back on the shelf. */
  restock: boolean;
}

export interface FakePayment {
  /** WooCommerce gateway id: stripe, paypal, bacs, cod. */
  method: string;
  title: string;
  transactionId: string;
}

export interface FakeOrder {
  id: number;
  status: FakeOrderStatus;
  created: number;
  modified: number;
  /** When the money came in; null while unpaid (bank transfer awaited, cash on delivery). */
  paid: number | null;
  completed: number | null;
  cancelled: number | null;
  customer: FakeCustomer;
  lines: FakeLine[];
  shipping: FakeShipping | null;
  coupon: FakeCoupon | null;
  refunds: FakeRefund[];
  payment: FakePayment;
  note: string;
}

export interface FakeProduct {
  id: number;
  /** A variation's parent product id; 0 for a product. */
  parentId: number;
  type: 'simple' | 'variable' | 'variation';
  sku: string;
  name: string;
  price: number;
  rate: number;
  /** Null when the shop does not track its stock (a variable product's own stock). */
  stock: number | null;
  /** Ids of a variable product's variations. */
  variations: number[];
}

/** The VAT inside a VAT-inclusive amount, rounded half up to the cent. */
export function vatIn(gross: number, rate: number): number {
  return Math.round((gross * rate) / (100 + rate));
}

export interface LineAmounts {
  /** qty × price, before the coupon, VAT included. */
  before: number;
  beforeVat: number;
  /** What the customer pays for the line, VAT included. */
  gross: number;
  vat: number;
}

export function lineAmounts(line: FakeLine): LineAmounts {
  const before = line.qty * line.price;
  const gross = before - line.discount;
  return { before, beforeVat: vatIn(before, line.rate), gross, vat: vatIn(gross, line.rate) };
}

export function shippingAmounts(shipping: FakeShipping): { gross: number; vat: number } {
  return { gross: shipping.price, vat: vatIn(shipping.price, shipping.rate) };
}

export interface OrderAmounts {
  gross: number;
  vat: number;
  /** Products only, VAT included. */
  goods: number;
  goodsVat: number;
  shipping: number;
  shippingVat: number;
  /** Coupon discount, VAT included, and its VAT. */
  discount: number;
  discountVat: number;
}

export function orderAmounts(order: FakeOrder): OrderAmounts {
  let goods = 0;
  let goodsVat = 0;
  let discount = 0;
  let discountVat = 0;
  for (const line of order.lines) {
    const a = lineAmounts(line);
    goods += a.gross;
    goodsVat += a.vat;
    discount += a.before - a.gross;
    discountVat += a.beforeVat - a.vat;
  }
  const ship = order.shipping ? shippingAmounts(order.shipping) : { gross: 0, vat: 0 };
  return {
    gross: goods + ship.gross,
    vat: goodsVat + ship.vat,
    goods,
    goodsVat,
    shipping: ship.gross,
    shippingVat: ship.vat,
    discount,
    discountVat,
  };
}

/** What a refunded line gives back: its share of what was paid for the line, VAT included. */
export function refundLineAmounts(
  order: FakeOrder,
  refundLine: FakeRefundLine,
): { gross: number; vat: number } {
  const line = order.lines.find((l) => l.id === refundLine.lineId);
  if (!line) throw new Error(`Fake shop: order ${order.id} has no line ${refundLine.lineId}.`);
  const gross = Math.round((lineAmounts(line).gross * refundLine.qty) / line.qty);
  return { gross, vat: vatIn(gross, line.rate) };
}

export function refundAmount(order: FakeOrder, refund: FakeRefund): number {
  return refund.lines.reduce((sum, l) => sum + refundLineAmounts(order, l).gross, 0);
}

/** Cents as the platforms write decimals: "12.90", "-4.95". */
export function decimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A time as WooCommerce writes its *_gmt dates: "2026-11-20T10:15:00" (UTC, no offset). */
export function gmtText(time: number): string {
  return new Date(Math.floor(time / 1000) * 1000).toISOString().slice(0, 19);
}

/** The same time on the shop's wall clock (Europe/Madrid), as WooCommerce's dates without _gmt. */
export function localText(time: number): string {
  const w = wallClock(time, 'Europe/Madrid');
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}
