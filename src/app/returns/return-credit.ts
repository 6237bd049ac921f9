/**
 * Loyalty in the return's commit. Before anything is written, the store credit spent on the
 * order that comes back with this return (given back as credit, not as money) is worked out by
 * the same core rule loyaltyOnReturn uses, so the money refunded (and a drawer that must hold
 * it) is known up front; after the writes, loyaltyOnReturn posts the entries.
 */
import { refundCredit } from '../../core/loyalty';
import type { Minor } from '../../core/money';
import { parseText } from '../../ledger/cells';
import { entryFromRow } from '../../ledger/loyalty';
import { LOYALTY } from '../../ledger/schema';
import { findRows, readFoundRows, readHeaderTable } from '../../ledger/table';
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
  if (!customerId || !ctx.tabs.includes(LOYALTY.name)) return 0;
  const tab = readHeaderTable(wb, LOYALTY, ctx.tabs);
  const entries = readFoundRows(wb, tab, findRows(wb, tab, 'Order ID', orderId))
    .filter((row) => parseText(tab.get(row, 'Amount')) !== '')
    .map((row) => entryFromRow(tab, row, ctx.cells));
  const sum = (kind: string, sign: number) =>
    entries
      .filter((e) => e.kind === kind && Math.sign(e.amount) === sign)
      .reduce((s, e) => s + Math.abs(e.amount), 0);
  return refundCredit(
    {
      earned: sum('earn', 1),
      redeemed: sum('redeem', -1),
      earnReversed: sum('reverse', -1),
      redeemGivenBack: sum('reverse', 1),
    },
    returnedNet,
    originalNet,
    0,
  ).giveBack;
}
