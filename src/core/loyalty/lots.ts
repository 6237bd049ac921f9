/**
 * Credit as lots: each positive entry is a lot that may expire; what is taken (a redeem, a
 * reversal, a move to another customer) is taken from the lot that expires soonest, so the
 * customer loses as little as possible. An `expire` entry names its lot in its key and takes
 * what is left of that lot, never more.
 */
import type { Minor } from '../money';
import type { LoyaltyDraft, LoyaltyEntry } from './entry';

export interface Lot {
  entryId: string;
  orderId: string;
  expires: number | null;
  amount: Minor;
  remaining: Minor;
}

/** The key of the entry that expires a lot: one per lot and expiry date, so the tick writes it once. */
export function expiryKey(lot: Pick<Lot, 'entryId' | 'expires'>): string {
  return `expire:${lot.entryId}:${new Date(lot.expires ?? 0).toISOString().slice(0, 10)}`;
}

function lotOfExpiryKey(key: string): string | null {
  const m = /^expire:(.+):\d{4}-\d{2}-\d{2}$/.exec(key);
  return m ? m[1] : null;
}

/** Soonest expiry first; credit that never expires last; then the oldest first. */
function byExpiry(a: Lot, b: Lot): number {
  const ea = a.expires ?? Number.POSITIVE_INFINITY;
  const eb = b.expires ?? Number.POSITIVE_INFINITY;
  return ea === eb ? 0 : ea < eb ? -1 : 1;
}

export interface LotState {
  lots: Lot[];
  /** Taken beyond every lot (only an edited ledger gets here); new credit pays it first. */
  owed: Minor;
}

/** Replays one customer's entries, in ledger order, into what is left of each lot. */
export function lotsOf(entries: readonly LoyaltyEntry[]): LotState {
  const lots: Lot[] = [];
  let owed = 0;
  const take = (amount: Minor, from: Lot[]) => {
    let left = amount;
    for (const lot of from) {
      if (left === 0) break;
      const t = Math.min(lot.remaining, left);
      lot.remaining -= t;
      left -= t;
    }
    return left;
  };
  for (const e of entries) {
    if (e.amount > 0) {
      const paid = Math.min(owed, e.amount);
      owed -= paid;
      lots.push({
        entryId: e.entryId,
        orderId: e.orderId,
        expires: e.expires,
        amount: e.amount,
        remaining: e.amount - paid,
      });
    } else if (e.amount < 0) {
      const named = e.kind === 'expire' ? lotOfExpiryKey(e.key) : null;
      const target = named ? lots.filter((l) => l.entryId === named) : [];
      const rest = take(-e.amount, target);
      const open = lots.filter((l) => l.remaining > 0).sort(byExpiry);
      owed += take(rest, open);
    }
  }
  return { lots, owed };
}

/** The entries that expire the lots due at `now`, each taking exactly what is left of its lot. */
export function expiryDue(customerId: string, entries: readonly LoyaltyEntry[], now: number): LoyaltyDraft[] {
  return lotsOf(entries)
    .lots.filter((l) => l.expires !== null && l.expires <= now && l.remaining > 0)
    .map((l) => ({
      customerId,
      amount: -l.remaining,
      kind: 'expire' as const,
      orderId: l.orderId,
      expires: null,
      key: expiryKey(l),
    }));
}

/** The lots that hold a balance, soonest expiry first: what a merge moves, lot by lot. */
export function openLots(entries: readonly LoyaltyEntry[]): Lot[] {
  return lotsOf(entries)
    .lots.filter((l) => l.remaining > 0)
    .sort(byExpiry);
}
