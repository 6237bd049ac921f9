/**
 * Expiry, run by the hourly tick (and `shop-ledger customer expire-credit`): every lot of credit
 * whose Expires has passed loses what is left of it, in one commit. Each entry's key names its
 * lot and date, so a second run, or two ticks at once, never expire a lot twice.
 */
import { expiryDue, type LoyaltyEntry } from '../../core/loyalty';
import { readLoyalty } from '../../ledger/loyalty';
import { CUSTOMERS, LOYALTY } from '../../ledger/schema';
import { readTable } from '../../ledger/table';
import type { Platform } from '../../platform/platform';
import { underLock } from '../commit';
import { loadContext } from '../ledger-context';
import { postLoyalty } from './post-entries';

export interface ExpiryReport {
  entries: number;
  /** Credit expired, in minor units (positive). */
  amount: number;
}

export function expireCredit(p: Pick<Platform, 'workbook' | 'lock' | 'properties' | 'clock'>): ExpiryReport {
  return underLock(p, () => {
    const wb = p.workbook;
    const ctx = loadContext(wb);
    if (!ctx.tabs.includes(LOYALTY.name)) return { entries: 0, amount: 0 };
    const now = p.clock.now();
    const { entries } = readLoyalty(wb, ctx.cells, ctx.tabs);
    // Only customers with a lot that may be due are looked at.
    if (!entries.some((e) => e.expires !== null && e.expires <= now)) return { entries: 0, amount: 0 };
    const by = new Map<string, LoyaltyEntry[]>();
    for (const e of entries) by.set(e.customerId, [...(by.get(e.customerId) ?? []), e]);
    const drafts = [...by].flatMap(([id, list]) => expiryDue(id, list, now));
    if (drafts.length === 0) return { entries: 0, amount: 0 };
    const posted = postLoyalty(p, ctx, drafts, now, readTable(wb, CUSTOMERS, ctx.tabs));
    return { entries: posted.entries.length, amount: -posted.entries.reduce((s, e) => s + e.amount, 0) };
  });
}
