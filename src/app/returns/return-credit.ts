/**
 * Loyalty in the return's commit. Before anything is written, the store credit spent on the
 * order that comes back with this return (given back as credit, not as money) is worked out by
 * the same core rule loyaltyOnReturn uses, so the money refunded (and a drawer that must hold
 * it) is known up front; after the writes, loyaltyOnReturn posts the entries.
 */
import { orderCredit, refundCredit } from '../../core/loyalty';
import type { Minor } from '../../core/money';
import { readOrderEntries } from '../../ledger/loyalty';
import type { Workbook } from '../../platform/workbook';
import type { LedgerContext } from '../ledger-context';

/** What the return did to the customer's store credit, for its receipt. */
export interface ReturnLoyalty {
  /** Credit the order earned, taken back (≥ 0). */
  reversed: Minor;
  /** Credit spent on the order, given back (≥ 0). */
  givenBack: Minor;
  /** The refund paid as store credit (≥ 0). */
  credited: Minor;
  /** The customer's balance after the return. */
  balance: Minor;
}

/** One search of the Loyalty tab by the order's ID: the spent credit this return gives back. */
export function creditToGiveBack(
  wb: Workbook,
  ctx: LedgerContext,
  customerId: string,
  orderId: string,
  returnedNet: Minor,
  originalNet: Minor,
): Minor {
  if (!customerId) return 0;
  const entries = readOrderEntries(wb, ctx.cells, ctx.tabs, orderId);
  return refundCredit(orderCredit(entries), returnedNet, originalNet, 0).giveBack;
}
