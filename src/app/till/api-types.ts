/**
 * What crosses google.script.run between the till sidebar and the server: primitives, plain
 * objects and arrays only. Times are ISO strings, never Date. Money is integer minor units.
 * The sidebar imports these types; the server implements them in till-api.ts.
 */

import type { TillToday } from '../../core/till-today';
import type {
  ExchangeDraft,
  ExchangeReceipt,
  Fulfilled,
  ReturnableOrder,
  ReturnDraft,
  ReturnQuote,
  ReturnQuoteDraft,
  ReturnReceipt,
  ToCollect,
} from '../returns/return-api-types';

export type PaymentMethod = 'cash' | 'card' | 'credit';
export type Lang = 'en' | 'es';

export interface TillProduct {
  sku: string;
  barcode: string;
  name: string;
  /** Unit price in minor units, VAT-inclusive when pricing.pricesIncludeVat. */
  price: number;
  vatRate: number;
  /** Available at the till's location. */
  available: number;
  low: boolean;
}

export interface TillSessionInfo {
  sessionId: string;
  till: string;
  opened: string;
  openingFloat: number;
  salesCount: number;
  salesTotal: number;
  expectedCash: number;
}

export interface TillState {
  till: string;
  location: string;
  lang: Lang;
  currency: string;
  /** Decimals of the currency: 2 for EUR. */
  exponent: number;
  pricing: { pricesIncludeVat: boolean; vatRounding: 'line' | 'document' };
  oversellPolicy: 'refuse' | 'warn';
  session: TillSessionInfo | null;
  /** This till's takings today (ledger's time zone), from its sessions: src/core/till-today.ts. */
  today: TillToday;
  products: TillProduct[];
  refreshedAt: string;
}

/** This till's takings today: src/core/till-today.ts is the one definition. */
export type { TillToday } from '../../core/till-today';

/**
 * A lighter answer for the 60-second refresh: the catalogue as Products says it now (price, VAT,
 * name, stock; an inactive product is left out, as at open), the session and today's takings.
 */
export interface TillRefresh {
  products: TillProduct[];
  session: TillSessionInfo | null;
  today: TillToday;
  refreshedAt: string;
}

export interface CustomerSummary {
  customerId: string;
  name: string;
  email: string;
  phone: string;
  loyaltyCard: string;
  /** Store credit in minor units (the Customers cache). */
  balance?: number;
  /** What could not be normalised (an email or a phone kept as typed), for the till to show. */
  warnings?: string[];
}

/** The customer card of the till: purchases in both channels, newest first, and the credit. */
export interface CustomerCard {
  customerId: string;
  name: string;
  email: string;
  phone: string;
  loyaltyCard: string;
  /** The survivor's ID when this customer was merged into another; '' otherwise. */
  mergedInto: string;
  /** Store credit, minor units. */
  balance: number;
  currency: string;
  exponent: number;
  /** The latest orders (at most 20), newest first; `created` is ISO, `total` minor units. */
  history: {
    orderId: string;
    orderNo: string;
    type: string;
    channel: string;
    shop: string;
    status: string;
    created: string;
    total: number;
  }[];
  /** All the orders, of which `history` shows the latest. */
  ordersCount: number;
  /** Customers merged into this one. */
  mergedFrom: string[];
}

export interface CustomerMerge {
  from: string;
  into: string;
  /** Credit moved, minor units. */
  moved: number;
  /** The survivor's balance after the merge, minor units. */
  balance: number;
  /** False when it had been merged into `into` already. */
  merged: boolean;
}

export interface NewCustomer {
  key: string;
  name: string;
  email?: string;
  phone?: string;
  loyaltyCard?: string;
}

export interface SaleLineDraft {
  sku: string;
  qty: number;
  /** Off the whole line. */
  discount?: { kind: 'percent'; value: number } | { kind: 'amount'; value: number };
}

export interface PaymentDraft {
  method: PaymentMethod;
  /** The amount applied to the sale. */
  amount: number;
  /** Cash handed over; the change is tendered - amount. */
  tendered?: number;
}

export interface SaleDraft {
  /** Made by the sidebar once per sale: a retry or a double click with the same key records nothing new. */
  key: string;
  till: string;
  location?: string;
  lines: SaleLineDraft[];
  payments: PaymentDraft[];
  customerId?: string;
  /** Set after the person confirmed selling more than is in stock, under the "warn" policy. */
  confirmOversell?: boolean;
}

export interface ReceiptLine {
  sku: string;
  name: string;
  qty: number;
  unitPrice: number;
  discount: number;
  vatRate: number;
  total: number;
}

export interface Receipt {
  orderId: string;
  orderNo: string;
  /** The simplified invoice (series T) the sale issued, e.g. T-2026-000042. */
  invoiceNo: string;
  created: string;
  till: string;
  sessionId: string;
  lines: ReceiptLine[];
  net: number;
  vat: number;
  total: number;
  breakdown: { rate: number; base: number; vat: number; total: number }[];
  payments: { method: PaymentMethod; amount: number }[];
  tendered: number;
  change: number;
  customer: { customerId: string; name: string } | null;
  /** Store credit on this sale: taken as payment, earned, and the balance left; null without a customer. */
  loyalty?: { redeemed: number; earned: number; balance: number } | null;
  currency: string;
  exponent: number;
  /** True when the key had been recorded already: this is the receipt of that first commit. */
  replayed: boolean;
}

export type ProblemCode =
  | 'no-session'
  | 'session-open'
  | 'unknown-product'
  | 'bad-quantity'
  | 'bad-discount'
  | 'payments-mismatch'
  | 'stock-short'
  | 'unknown-customer'
  | 'credit-refused'
  | 'unknown-order'
  | 'not-returnable'
  | 'bad-input'
  | 'busy';

/** A business refusal the sidebar shows as it is; nothing was written. */
export interface TillProblem {
  code: ProblemCode;
  message: string;
  /** For stock-short: what is missing, so the sidebar can ask to confirm under "warn". */
  shortages?: { sku: string; requested: number; available: number }[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; problem: TillProblem };

export interface ZReport {
  sessionId: string;
  till: string;
  opened: string;
  closed: string;
  openingFloat: number;
  salesCount: number;
  /** Returns recorded at this till in the session. */
  returnsCount: number;
  salesTotal: number;
  /** amount is net of refunds (the drawer's cash); refunded is what was paid back (positive). */
  byMethod: { method: PaymentMethod; count: number; amount: number; refunded: number }[];
  cashIn: number;
  cashOut: number;
  expectedCash: number;
  countedCash: number;
  difference: number;
  currency: string;
  exponent: number;
}

/** A web code of store credit as the till shows it (amounts in minor units, `expires` ISO). */
export interface WebCodeSent {
  code: string;
  customerId: string;
  shop: string;
  amount: number;
  currency: string;
  status: 'pending' | 'live' | 'used' | 'released';
  expires: string;
  orderId: string;
  /** The customer's balance now: the credit held for the code is not in it. */
  balance: number;
  /** What to tell the person at the till. */
  message: string;
}

/** The server functions the till calls (src/app/till/till-api.ts implements them). */
export interface TillApi {
  tillState(till: string): TillState;
  tillRefresh(till: string): TillRefresh;
  /** Refused (bad-input) for a loyalty card that fails its check digit: misread, scan again. */
  findCustomers(query: string): Result<CustomerSummary[]>;
  createCustomer(input: NewCustomer): Result<CustomerSummary>;
  /** The customer card: purchases in both channels and the store credit. */
  customerCard(customerId: string): Result<CustomerCard>;
  /** Merges a duplicate (`from`) into the customer that stays (`into`). */
  mergeCustomers(input: { from: string; into: string }): Result<CustomerMerge>;
  recordSale(draft: SaleDraft): Result<Receipt>;
  openTill(input: { key: string; till: string; float: number }): Result<TillSessionInfo>;
  cashMove(input: {
    key: string;
    till: string;
    kind: 'in' | 'out';
    amount: number;
    reason: string;
  }): Result<TillSessionInfo>;
  closeTill(input: { key: string; till: string; counted: number }): Result<ZReport>;
  receiveGoods(input: {
    key: string;
    location: string;
    lines: { sku: string; qty: number }[];
  }): Result<{ moves: number }>;
  /** Returns: the order a customer brings back, with what may still come back of each line. */
  findReturnable(query: string): Result<ReturnableOrder>;
  /** A return's exact figures before Confirm (and an exchange's credit); reads only, writes nothing. */
  quoteReturn(draft: ReturnQuoteDraft): Result<ReturnQuote>;
  recordReturn(draft: ReturnDraft): Result<ReturnReceipt>;
  /** A return and a sale in one commit, the difference paid or refunded. */
  recordExchange(draft: ExchangeDraft): Result<ExchangeReceipt>;
  /** Click and collect: paid pickup web orders waiting at the counter, handed over, and tracking numbers. */
  ordersToCollect(): ToCollect[];
  handOver(input: { order: string }): Result<Fulfilled>;
  setTracking(input: { order: string; tracking: string }): Result<Fulfilled>;
  /** The web shops a code can be sent to, by name only (never their addresses or credentials). */
  webCodeShops(): string[];
  /** Sends the customer's store credit to the web shop as a single-use code (held until used). */
  sendWebCode(input: { key: string; customerId: string; shop?: string }): Result<WebCodeSent>;
  /** Stops a web code and gives its credit back, unless the shop says it was used. */
  cancelWebCode(input: { code: string }): Result<WebCodeSent>;
}
