/**
 * What a refund does to credit: the credit the order earned is taken back in the proportion of
 * the net returned, and the credit the customer spent on it is given back in the same
 * proportion. Neither is ever done twice over several returns of one order (the caps), and the
 * take-back never makes the balance negative: credit already spent is not clawed back.
 */
import type { Minor } from '../money';
import type { LoyaltyEntry } from './entry';

export interface OrderCredit {
  /** Credit the original order earned (≥ 0). */
  earned: Minor;
  /** Credit spent on the original order (≥ 0). */
  redeemed: Minor;
  /** Earned credit earlier returns of the order already took back (≥ 0). */
  earnReversed: Minor;
  /** Spent credit earlier returns of the order already gave back (≥ 0). */
  redeemGivenBack: Minor;
}

export interface RefundCredit {
  /** ≤ 0: the `reverse` entry of the earned credit. */
  reverse: Minor;
  /** ≥ 0: the `reverse` entry of the spent credit: this part of the refund is paid back in credit. */
  giveBack: Minor;
}

/** An order's credit so far, from its entries (found by its Order ID): what refunds are weighed against. */
export function orderCredit(entries: readonly Pick<LoyaltyEntry, 'kind' | 'amount'>[]): OrderCredit {
  const sum = (kind: string, sign: number) =>
    entries
      .filter((e) => e.kind === kind && Math.sign(e.amount) === sign)
      .reduce((s, e) => s + Math.abs(e.amount), 0);
  return {
    earned: sum('earn', 1),
    redeemed: sum('redeem', -1),
    earnReversed: sum('reverse', -1),
    redeemGivenBack: sum('reverse', 1),
  };
}

export function refundCredit(
  c: OrderCredit,
  returnedNet: Minor,
  originalNet: Minor,
  balance: Minor,
): RefundCredit {
  const share = originalNet <= 0 ? 1 : Math.min(1, Math.max(0, Math.abs(returnedNet) / originalNet));
  const giveBack = Math.max(0, Math.min(c.redeemed - c.redeemGivenBack, Math.round(c.redeemed * share)));
  const due = Math.max(0, Math.min(c.earned - c.earnReversed, Math.round(c.earned * share)));
  const reverse = Math.min(due, Math.max(0, balance + giveBack));
  return { reverse: reverse === 0 ? 0 : -reverse, giveBack };
}
