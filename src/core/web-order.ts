/**
 * A web-shop order as the ledger sees it, whatever the platform: the connectors in src/shops
 * turn WooCommerce and Shopify JSON into this, keeping the amounts exactly as the shop charged
 * them (minor units in the order's currency). The import use case turns it into ledger rows.
 */
import type { Minor } from './money';

/** One lifecycle for both channels (the Orders tab's Status). */
export type WebOrderStatus =
  | 'pending'
  | 'paid'
  | 'fulfilled'
  | 'partially refunded'
  | 'refunded'
  | 'cancelled';

export type WebLineKind = 'product' | 'shipping' | 'fee' | 'discount';

export interface WebOrderLine {
  kind: WebLineKind;
  /** The shop's own id of the line, as text (refunds point at it). */
  externalLineId: string;
  /** '' for shipping, fees and discounts, and for a product line without a SKU. */
  sku: string;
  name: string;
  /** Units; 1 for shipping, fees and discounts. */
  qty: number;
  /** Unit price as the shop shows it (before line discounts), in price terms of `pricesIncludeTax`. */
  unitPrice: Minor;
  /** Discount on this line, in the same terms; discounts lines carry a negative total instead. */
  discount: Minor;
  /** Net (tax excluded) after discounts, as charged. */
  net: Minor;
  /** Tax as charged. */
  tax: Minor;
  /** The VAT rate in percent (21), or null when the shop does not say. */
  taxRate: number | null;
  /** The shop's own ids, to push stock back: WooCommerce product/variation ids, Shopify inventory item GID. */
  productRef: string;
}

export interface WebPayment {
  /** The gateway, e.g. 'stripe', 'paypal', 'bacs', 'shopify_payments'. */
  method: string;
  amount: Minor;
  reference: string;
}

export interface WebRefundLine {
  /** The order line it refunds (WebOrderLine.externalLineId). */
  externalLineId: string;
  sku: string;
  /** Units refunded, positive. */
  qty: number;
  /** Amount refunded for this line (tax included), positive. */
  amount: Minor;
  /** True when the shop put the goods back in stock. */
  restock: boolean;
}

export interface WebRefund {
  /** The shop's refund id, as text. */
  refundId: string;
  created: number;
  /** Total refunded (positive), tax included: may be more than the lines (shipping) or have no lines. */
  amount: Minor;
  reason: string;
  lines: WebRefundLine[];
}

export interface WebCustomer {
  /** The shop's customer id as text; '' for a guest. */
  externalId: string;
  email: string;
  name: string;
  phone: string;
}

export interface WebOrder {
  /** The shop's own order id as text: WooCommerce `id`, the number at the end of Shopify's gid. */
  externalId: string;
  /** What the customer sees: WooCommerce `number`, Shopify `name` ('#1001'). */
  orderNo: string;
  status: WebOrderStatus;
  /** The shop's raw status words, for messages. */
  shopStatus: string;
  created: number;
  updated: number;
  currency: string;
  pricesIncludeTax: boolean;
  customer: WebCustomer;
  lines: WebOrderLine[];
  /** Order totals as charged. */
  net: Minor;
  tax: Minor;
  total: Minor;
  payments: WebPayment[];
  refunds: WebRefund[];
  /** True when the shipping method is local pickup: listed at the till as "to collect". */
  localPickup: boolean;
  trackingNumber: string;
  /** The discount codes (coupons) the order used, each with what it took off; absent: none read. */
  discountCodes?: UsedCode[];
}

/** A discount code an order used: how a web code of store credit is recognised and settled. */
export interface UsedCode {
  /** As the shop wrote it on the order (compare without case: WooCommerce lower-cases codes). */
  code: string;
  /** What it took off the order, tax included, in minor units; null when the shop does not say. */
  amount: Minor | null;
}

/** A line the connector could not read: the order is still imported, and this is listed. */
export interface WebOrderProblem {
  externalId: string;
  line: string;
  sku: string;
  problem: string;
}

/** One page of orders from a shop, with where the next page starts. */
export interface OrdersPage {
  orders: WebOrder[];
  problems: WebOrderProblem[];
  /** Opaque cursor of the next page; null when this was the last. */
  next: string | null;
}
