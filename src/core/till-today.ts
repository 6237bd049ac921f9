/**
 * Today's takings of one till, for the sidebar: summed from its sessions opened today (in the
 * ledger's time zone), whose rows already hold the per-method totals the Z report needs. So the
 * sidebar never reads Orders or Payments for it, and its cost does not grow with the ledger.
 *
 * A session left open past midnight counts on the day it was opened: its rows do not say when
 * each sale was made. A refund paid at the till comes off its method's amount (so the figures are
 * net of refunds, as the drawer is) and is kept apart as `refunded`; returns are counted apart from
 * sales (src/core/returns/till-refund.ts).
 */
import type { Minor } from './money';
import { PAYMENT_METHODS, type PaymentMethod } from './sale';
import { dayOf } from './summary/calendar';
import type { TillSession } from './till-session';

export interface TillToday {
  /** 'YYYY-MM-DD' in the ledger's time zone. */
  day: string;
  /** Sessions of this till opened that day (closed or still open). */
  sessions: number;
  salesCount: number;
  /** Returns recorded at the till that day (an exchange is one sale and one return). */
  returnsCount: number;
  /** Net of refunds paid at the till. */
  salesTotal: Minor;
  /**
   * Each method that took a payment or paid a refund that day, in the order cash, card, credit:
   * amount is net of refunds, refunded what was paid back (so what came in is amount + refunded).
   */
  byMethod: { method: PaymentMethod; count: number; amount: Minor; refunded: Minor }[];
}

export function tillToday(
  sessions: readonly TillSession[],
  till: string,
  now: number,
  timeZone: string,
): TillToday {
  const day = dayOf(now, timeZone);
  const today = sessions.filter((s) => s.till === till && dayOf(s.opened, timeZone) === day);
  return {
    day,
    sessions: today.length,
    salesCount: today.reduce((n, s) => n + s.salesCount, 0),
    returnsCount: today.reduce((n, s) => n + s.returnsCount, 0),
    salesTotal: today.reduce((n, s) => n + s.salesTotal, 0),
    byMethod: PAYMENT_METHODS.map((method) => ({
      method,
      count: today.reduce((n, s) => n + s.byMethod[method].count, 0),
      amount: today.reduce((n, s) => n + s.byMethod[method].amount, 0),
      refunded: method === 'credit' ? 0 : today.reduce((n, s) => n + s.refunds[method], 0),
    })).filter((m) => m.count > 0 || m.refunded > 0),
  };
}
