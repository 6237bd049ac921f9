/**
 * A return recorded at the till. Its cash and card refunds come out of the session's takings for
 * their method, so the Z report's cash (and card) totals are net of refunds and the drawer's
 * expected cash drops by what was handed back; they are also kept apart (refunds), so the
 * cashier reads "in" and "out" rather than a refund counted as one more payment. Store credit
 * moves no money at the till, but the return still counts as one.
 */
import type { Minor } from '../money';
import type { TillSession } from '../till-session';

export interface TillRefund {
  method: 'cash' | 'card';
  amount: Minor;
}

export function withReturn(s: TillSession, refunds: readonly TillRefund[]): TillSession {
  const byMethod = { ...s.byMethod };
  const back = { ...s.refunds };
  let total = 0;
  for (const r of refunds) {
    byMethod[r.method] = { ...byMethod[r.method], amount: byMethod[r.method].amount - r.amount };
    back[r.method] += r.amount;
    total += r.amount;
  }
  return {
    ...s,
    salesTotal: s.salesTotal - total,
    byMethod,
    refunds: back,
    returnsCount: s.returnsCount + 1,
  };
}
