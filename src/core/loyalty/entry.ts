/** One row of the Loyalty tab in code: money in minor units, times in ms. */
import type { Minor } from '../money';

export type LoyaltyKind = 'earn' | 'redeem' | 'reverse' | 'expire' | 'adjust';

export interface LoyaltyEntry {
  entryId: string;
  time: number;
  customerId: string;
  /** + adds credit, − takes it. */
  amount: Minor;
  kind: LoyaltyKind;
  orderId: string;
  /** When this credit expires (positive entries only); null: never. */
  expires: number | null;
  /** The idempotency key: an entry with this key is written once. */
  key: string;
}

/** An entry still to be written: the app gives it its id and time. */
export type LoyaltyDraft = Omit<LoyaltyEntry, 'entryId' | 'time'>;

/** A balance is the sum of the entries: there is no other truth. */
export function balanceOf(entries: readonly Pick<LoyaltyEntry, 'amount'>[]): Minor {
  return entries.reduce((sum, e) => sum + e.amount, 0);
}

/** The same instant `months` calendar months later (31 Jan + 1 → 3 Mar, as the calendar spills). */
export function addMonths(time: number, months: number): number {
  const d = new Date(time);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}
