/**
 * Loyalty on a return, for the returns use case to call INSIDE its own commit (under its lock,
 * after its snapshot is read; it writes in batches and does not flush).
 *
 * Contract of loyaltyOnReturn(p, ctx, r):
 * - r.customerId: the original order's customer ('' or unknown: nothing happens, nothing is thrown).
 * - r.originalOrderId: the sale being returned; its `earn` and `redeem` entries, and the
 *   `reverse` entries of earlier returns of it, are found by that Order ID (one search).
 * - r.returnedNet / r.originalNet: the taxable base returned now, and the original's (either
 *   sign; the share is |returnedNet| / originalNet, at most 1).
 * - Writes, each once per r.key (a retried return writes nothing more):
 *   - `reverse` −X, Order ID = original: the credit the order earned, in the share returned,
 *     never more than was earned over all its returns, never below a balance of 0 (credit
 *     already spent is not clawed back);                          key `${r.key}:reverse-earn`
 *   - `reverse` +Y, Order ID = original: the store credit spent on the order, in the share
 *     returned, never more than was spent over all its returns;   key `${r.key}:give-back`
 *   - `adjust` +r.creditRefund, Order ID = r.returnOrderId, never expiring: the refund itself,
 *     when the refund method is store credit (0 otherwise);       key `${r.key}:refund-credit`
 * - Returns the entries appended, the balance after them (the Customers cache), and
 *   `creditGivenBack` (Y): that part of the refund went back as credit, so the caller pays
 *   back in cash/card/credit only the rest, and records Y as a payment with Method "credit".
 */
import { type LoyaltyEntry, orderCredit, refundCredit } from '../../core/loyalty';
import { readOrderEntries } from '../../ledger/loyalty';
import { LOYALTY } from '../../ledger/schema';
import type { LedgerContext } from '../ledger-context';
import { findCustomerRow, findSurvivorRow } from './customer-row';
import { type LoyaltyPorts, postLoyalty } from './post-entries';

export interface ReturnCreditInput {
  customerId: string;
  originalOrderId: string;
  returnOrderId: string;
  returnedNet: number;
  originalNet: number;
  /** Refund paid as store credit (≥ 0), in minor units. */
  creditRefund: number;
  /** The return's idempotency key. */
  key: string;
  /** ms since the epoch. */
  time: number;
}

export interface ReturnCredit {
  entries: LoyaltyEntry[];
  balance: number;
  creditGivenBack: number;
}

export function loyaltyOnReturn(p: LoyaltyPorts, ctx: LedgerContext, r: ReturnCreditInput): ReturnCredit {
  const none = { entries: [], balance: 0, creditGivenBack: 0 };
  if (!r.customerId || !ctx.tabs.includes(LOYALTY.name)) return none;
  const customer = findCustomerRow(p.workbook, ctx, r.customerId);
  if (!customer) return none;
  // Credit lives with the survivor, at the end of the Merged into chain.
  const holder = customer.mergedInto ? findSurvivorRow(p.workbook, ctx, customer.mergedInto) : customer;
  const customerId = holder?.customerId ?? customer.customerId;
  const ofOrder = readOrderEntries(p.workbook, ctx.cells, ctx.tabs, r.originalOrderId);
  // A retry: this return's entries are there already.
  const mine = ofOrder.filter((e) => e.key.startsWith(`${r.key}:`));
  const earlier = ofOrder.filter((e) => !e.key.startsWith(`${r.key}:`));
  const plan = refundCredit(
    orderCredit(earlier),
    r.returnedNet,
    r.originalNet,
    (holder?.balance ?? 0) + Math.max(0, r.creditRefund),
  );
  if (mine.length > 0) {
    const given = mine.filter((e) => e.key === `${r.key}:give-back`).reduce((s, e) => s + e.amount, 0);
    return { entries: [], balance: holder?.balance ?? 0, creditGivenBack: given };
  }
  const posted = postLoyalty(
    p,
    ctx,
    [
      {
        customerId,
        amount: plan.giveBack,
        kind: 'reverse',
        orderId: r.originalOrderId,
        expires: null,
        key: `${r.key}:give-back`,
      },
      {
        customerId,
        amount: Math.max(0, r.creditRefund),
        kind: 'adjust',
        orderId: r.returnOrderId,
        expires: null,
        key: `${r.key}:refund-credit`,
      },
      {
        customerId,
        amount: plan.reverse,
        kind: 'reverse',
        orderId: r.originalOrderId,
        expires: null,
        key: `${r.key}:reverse-earn`,
      },
    ],
    r.time,
  );
  return {
    entries: posted.entries,
    balance: posted.balances.get(customerId) ?? holder?.balance ?? 0,
    creditGivenBack: plan.giveBack,
  };
}
