/**
 * What crosses google.script.run for returns, exchanges and click and collect: primitives, plain
 * objects and arrays only; times as ISO strings; money in integer minor units.
 */
import type { Disposition, RefundMethod } from '../../core/returns/return-types';
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
