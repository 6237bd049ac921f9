/**
 * How much credit an order earns: the earn rate of the net amount paid, never on the part paid
 * with credit (credit does not breed credit), and nothing under the minimum purchase.
 */
import type { Minor } from '../money';

export interface EarnRules {
  /** 5 means 5 % of the net. */
  earnPercent: number;
  /** In minor units, VAT included, compared with what was paid other than with credit. */
  minimumPurchase: Minor;
}

export interface PaidOrder {
  /** Taxable base of the order. */
  net: Minor;
  /** What the customer paid, VAT included. */
  total: Minor;
  /** The part of `total` paid with store credit. */
  paidWithCredit: Minor;
}

/**
 * Rounded down to the minor unit, so the shop never gives a cent more than its rate. The net
 * paid other than with credit is the net in the proportion of the total paid with money.
 */
export function earnAmount(order: PaidOrder, rules: EarnRules): Minor {
  const { net, total } = order;
  const credit = Math.min(Math.max(order.paidWithCredit, 0), Math.max(total, 0));
  if (total <= 0 || net <= 0 || rules.earnPercent <= 0) return 0;
  const paid = total - credit;
  if (paid <= 0 || paid < rules.minimumPurchase) return 0;
  const eligibleNet = Math.floor((net * paid) / total);
  return Math.max(0, Math.floor((eligibleNet * rules.earnPercent) / 100 + 1e-9));
}
