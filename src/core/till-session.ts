/** A till session: from opening with a float to closing with the counted cash (the Z report). */
import type { Minor } from './money';
import type { Payment, PaymentMethod } from './sale';

export interface TillSession {
  id: string;
  till: string;
  opened: number;
  openingFloat: Minor;
  closed: number | null;
  countedCash: Minor | null;
  salesCount: number;
  salesTotal: Minor;
  byMethod: Record<PaymentMethod, { count: number; amount: Minor }>;
  cashIn: Minor;
  cashOut: Minor;
  /** Returns whose refund was recorded at this till (any refund method). */
  returnsCount: number;
  /**
   * Money paid back at the till, per method (positive). byMethod's amounts are already net of
   * it (the drawer's cash is); this keeps "in" and "out" apart for the cashier and the Z report.
   */
  refunds: Record<'cash' | 'card', Minor>;
}

export function newSession(id: string, till: string, opened: number, openingFloat: Minor): TillSession {
  return {
    id,
    till,
    opened,
    openingFloat,
    closed: null,
    countedCash: null,
    salesCount: 0,
    salesTotal: 0,
    byMethod: {
      cash: { count: 0, amount: 0 },
      card: { count: 0, amount: 0 },
      credit: { count: 0, amount: 0 },
    },
    cashIn: 0,
    cashOut: 0,
    returnsCount: 0,
    refunds: { cash: 0, card: 0 },
  };
}

/** Cash that should be in the drawer: the float, plus cash sales (net of change), plus cash in, minus cash out. */
export function expectedCash(s: TillSession): Minor {
  return s.openingFloat + s.byMethod.cash.amount + s.cashIn - s.cashOut;
}

export function withSale(s: TillSession, total: Minor, payments: readonly Payment[]): TillSession {
  const byMethod = { ...s.byMethod };
  for (const p of payments) {
    byMethod[p.method] = {
      count: byMethod[p.method].count + 1,
      amount: byMethod[p.method].amount + p.amount,
    };
  }
  return { ...s, salesCount: s.salesCount + 1, salesTotal: s.salesTotal + total, byMethod };
}

export function withCash(s: TillSession, kind: 'in' | 'out', amount: Minor): TillSession {
  return kind === 'in' ? { ...s, cashIn: s.cashIn + amount } : { ...s, cashOut: s.cashOut + amount };
}

export function closeSession(s: TillSession, closed: number, countedCash: Minor): TillSession {
  return { ...s, closed, countedCash };
}

/** The session of a till that is open, if any: only one may be open per till. */
export function openSessionOf(sessions: readonly TillSession[], till: string): TillSession | null {
  return sessions.find((s) => s.till === till && s.closed === null) ?? null;
}
