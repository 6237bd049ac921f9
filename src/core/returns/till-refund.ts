/**
 * A refund paid at the till: it comes out of the session's takings for its method, so the Z
 * report's cash (and card) totals are net of refunds and the drawer's expected cash drops by
 * what was handed back. Store credit moves no money at the till.
 */
import type { Minor } from '../money';
import type { TillSession } from '../till-session';

export function withRefund(s: TillSession, method: 'cash' | 'card', amount: Minor): TillSession {
  const byMethod = { ...s.byMethod };
  byMethod[method] = { count: byMethod[method].count + 1, amount: byMethod[method].amount - amount };
  return { ...s, salesTotal: s.salesTotal - amount, byMethod };
}
