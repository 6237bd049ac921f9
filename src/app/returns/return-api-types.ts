/**
 * What crosses google.script.run for returns, exchanges and click and collect: primitives, plain
 * objects and arrays only; times as ISO strings; money in integer minor units.
 */
import type { Disposition, RefundMethod } from '../../core/returns/return-types';
import type { Receipt, SaleLineDraft } from '../till/api-types';
import type { ReturnLoyalty } from './return-credit';

export type { Disposition, RefundMethod, ReturnLoyalty };

export interface ReturnLineDraft {
  sku: string;
  qty: number;
  disposition: Disposition;
}

export interface ReturnDraft {
  /** One per return, made by the sidebar or the CLI: a retry gets the first result. */
  key: string;
  /** The order: its Order ID (O-000012), the number the customer sees (R-000003, #1001, 1001) or its invoice number. */
  order: string;
  lines: ReturnLineDraft[];
  refund: RefundMethod;
  /** Where restocked goods go; Store when empty. */
  location?: string;
  /** The till the refund is paid at: a cash refund comes out of its drawer. */
  till?: string;
}

/** What quoteReturn prices: a return as it would be sent, without its key (a quote writes nothing). */
export type ReturnQuoteDraft = Omit<ReturnDraft, 'key'>;

/**
 * A return's figures before it is confirmed (src/app/returns/quote-return.ts): worked out by the
 * same code as recordReturn, so Confirm records exactly these.
 */
export interface ReturnQuote {
  orderId: string;
  orderNo: string;
  lines: {
    sku: string;
    name: string;
    /** Negative, as on the return's receipt. */
    qty: number;
    /** Negative: the line's share of what was charged (its discount taken off). */
    total: number;
  }[];
  /** Negative, as the return's Orders row will have them. */
  net: number;
  vat: number;
  total: number;
  method: RefundMethod;
  /** The money paid back in `method` (positive): −total less givenBack. In an exchange, the credit toward the new goods. */
  refund: number;
  /** Store credit spent on the order that goes back as credit (positive; 0 when none). */
  givenBack: number;
  currency: string;
  exponent: number;
}

/** An order found for a return, with what may still come back of each line. */
export interface ReturnableOrder {
  orderId: string;
  orderNo: string;
  channel: 'Store' | 'Web';
  shop: string;
  status: string;
  created: string;
  invoiceNo: string;
  total: number;
  lines: {
    sku: string;
    name: string;
    sold: number;
    returned: number;
    /** sold − returned: the most this return may take back. */
    returnable: number;
    unitPrice: number;
  }[];
  currency: string;
  exponent: number;
}

export interface ReturnReceipt {
  returnId: string;
  /** The corrective invoice (series R) citing the original's; '' when the original had none. */
  invoiceNo: string;
  originalId: string;
  originalNo: string;
  originalInvoiceNo: string;
  /** The original's Status after this return: partially refunded or refunded. */
  originalStatus: string;
  created: string;
  till: string;
  lines: {
    sku: string;
    name: string;
    /** Negative. */
    qty: number;
    disposition: Disposition | '';
    /** Negative. */
    total: number;
  }[];
  /** Negative, like the Orders row. */
  net: number;
  vat: number;
  total: number;
  /**
   * The money given back (positive) in the refund method: −total less the store credit spent on
   * the sale, which goes back as credit (loyalty.givenBack).
   */
  refund: { method: RefundMethod; amount: number };
  /** The customer's store credit after the return; null for an order without a customer. */
  loyalty: ReturnLoyalty | null;
  /** The real locations whose stock changed, for the push to the web shops. */
  skusChanged: string[];
  currency: string;
  exponent: number;
  replayed: boolean;
}

/** An exchange: goods back and other goods out, one commit (src/app/returns/record-exchange.ts). */
export interface ExchangeDraft {
  /** One per exchange: a retry gets the first result. */
  key: string;
  /** The order the goods came from, as for a return. */
  order: string;
  /** What comes back. */
  lines: ReturnLineDraft[];
  /** What the customer takes instead. */
  sell: SaleLineDraft[];
  till: string;
  /** Where returned goods are restocked and the new goods come from; Store when empty. */
  location?: string;
  /**
   * How the customer pays the difference when the new goods cost more (cash: what is handed over).
   * amount: the difference as the till collected it (by card what the terminal charged, in cash
   * what it asked for); refused (payments-mismatch) when it is not the server's difference.
   */
  pay?: { method: 'cash' | 'card'; tendered?: number; amount?: number };
  /** How the difference is given back when they cost less; cash when not given. */
  refund?: RefundMethod;
  confirmOversell?: boolean;
}

export interface ExchangeReceipt {
  return: ReturnReceipt;
  sale: Receipt;
  /** The sale's total less the money the return gives back: > 0 the customer paid it, < 0 was refunded. */
  difference: number;
  /** How the difference was settled (nothing changes hands when it is 0). */
  method: string;
  replayed: boolean;
}

/** A web order's fulfilment after a hand-over or a tracking number (src/app/orders/fulfil-order.ts). */
export interface Fulfilled {
  orderId: string;
  orderNo: string;
  fulfilment: string;
  tracking: string;
  /** SKUs whose Store stock changed, for the push to the web shops. */
  skusChanged: string[];
  /** True when it had been done already: nothing was written. */
  replayed: boolean;
}

/** A paid click-and-collect web order waiting at the counter. */
export interface ToCollect {
  orderId: string;
  orderNo: string;
  shop: string;
  customerId: string;
  /** In minor units of the order's own currency (a web order may be in another than the ledger's). */
  total: number;
  currency: string;
  exponent: number;
  created: string;
}
