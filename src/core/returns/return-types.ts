/** The words of a return, in either channel: what was sold, what comes back, and what happens to it. */
import type { EarlierCorrection } from '../invoice/corrective';
import type { Minor } from '../money';
import type { PricingRules, VatBreakdownRow } from '../pricing';

/**
 * What happens to the goods that come back:
 * - restock: back on the shelf, Customer → the chosen location;
 * - damaged: it came back but cannot be sold, Customer → Loss;
 * - lost: it never came back (lost in the post, kept by the customer): no move at all, since the
 *   sale already took it out of stock; the refund and the line of the return record it.
 */
export type Disposition = 'restock' | 'damaged' | 'lost';
export const DISPOSITIONS: readonly Disposition[] = ['restock', 'damaged', 'lost'];

/** How the money goes back: cash from the drawer, to the card, or as store credit. */
export type RefundMethod = 'cash' | 'card' | 'credit';
export const REFUND_METHODS: readonly RefundMethod[] = ['cash', 'card', 'credit'];

/** A line of the original order, as its Order Lines row says. Amounts as charged (positive). */
export interface SoldLine {
  sku: string;
  name: string;
  qty: number;
  unitPrice: Minor;
  /** The line's discount in price terms, as written (an amount). */
  discount: Minor;
  vatRate: number | null;
  net: Minor;
  vat: Minor;
  total: Minor;
}

/** One line of the return asked for: a line of the order by its index, or by SKU. */
export interface ReturnRequestLine {
  /** 0-based index of the order's line (the web refunds name the line they refund). */
  line?: number;
  sku?: string;
  qty: number;
  disposition: Disposition;
  /** The shop's refunded amount for these units, tax included (web refunds only). */
  amount?: Minor;
}

/**
 * An earlier return of the same order: its lines (positive units), and its R invoice. A line names
 * the order's line it returned when that is known (a web refund names it: `line`, 0-based), else
 * only its SKU (a return's Order Lines keep the SKU, not the original line).
 */
export interface EarlierReturn {
  invoiceNo: string;
  total: Minor;
  lines: readonly { sku: string; qty: number; line?: number }[];
}

/**
 * How the money of the return is worked out:
 * - invoice: a till sale, by the corrective invoice of its T (correctiveInvoice, por diferencias);
 * - charged: a web order returned at the counter, each unit's share of what its line charged,
 *   counted on the running total so the parts add up to the line exactly;
 * - shop: a web refund, the amounts the shop refunded (`amount` per line, `total` in all).
 */
export type ReturnMoney =
  | { kind: 'invoice'; invoiceNo: string; rules: PricingRules }
  | { kind: 'charged' }
  | {
      kind: 'shop';
      total: Minor;
      /** The order's total and VAT as charged, to split a refund its lines do not cover. */
      orderTotal?: Minor;
      orderVat?: Minor;
    };

export interface ReturnInput {
  /** What the customer sees (R-000001, #1001), for messages. */
  label: string;
  sold: readonly SoldLine[];
  earlier: readonly EarlierReturn[];
  request: readonly ReturnRequestLine[];
  /** Where restocked goods go. */
  restockTo: string;
  money: ReturnMoney;
}

/** A line of the return: the sold line's fields, with negative units and amounts. */
export interface ReturnLine extends SoldLine {
  /** 0-based index of the original line. */
  line: number;
}

export interface ReturnMove {
  sku: string;
  qty: number;
  from: string;
  to: string;
  disposition: Disposition;
}

export interface ReturnPlan {
  /** Every reason the return cannot be made as asked; empty when it can. */
  problems: string[];
  lines: ReturnLine[];
  /** Negative. */
  net: Minor;
  vat: Minor;
  total: Minor;
  breakdown: VatBreakdownRow[];
  /** For the corrective invoice: the lines' VAT per rate covers the whole refund. */
  covered: boolean;
  moves: ReturnMove[];
  /** Every unit of every product line has come back, counting this return. */
  allReturned: boolean;
  /** This return as an earlier correction, for the next one. */
  asCorrection: Omit<EarlierCorrection, 'invoiceNo' | 'corrects'>;
}
