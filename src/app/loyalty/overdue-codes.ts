/**
 * A web code the shop counts as used whose order never reached the ledger. The shop says the code
 * was spent, so its credit may well be owed to the shop's order: it is not released by itself.
 * But an order that is never imported (left unpaid, cancelled, in another currency, or deleted
 * in the shop) would keep the credit held for ever, so the hourly run lists such a code in Sync
 * Problems, once, for staff to look at.
 *
 * Why 30 days after the code's expiry: the order was placed before the code expired; a paid order
 * is imported within the hour, and a slow payment (a bank transfer, an order on hold) is usually
 * settled well within a month. Sooner would list orders that are merely waiting for payment.
 */
import { formatDecimal } from '../../core/money';
import { parseText } from '../../ledger/cells';
import { SYNC_PROBLEMS } from '../../ledger/schema';
import { appendRows, findRows, readFoundRows, readHeaderTable } from '../../ledger/table';
import type { WebCode } from '../../ledger/web-codes';
import type { Platform } from '../../platform/platform';
import { underLock } from '../commit';
import type { LedgerContext } from '../ledger-context';

const DAY = 86_400_000;
/** Days after a used code's expiry before its missing order is listed. */
export const USED_ORDER_WAIT_DAYS = 30;

/** True when the code is used, has no order in the ledger, and the wait is over. */
export function orderOverdue(c: WebCode, now: number): boolean {
  return c.status === 'used' && c.orderId === '' && c.expires + USED_ORDER_WAIT_DAYS * DAY <= now;
}

/** The Sync Problems text for the code: always the same words, so it is listed once. */
export function overdueProblem(c: WebCode, exponent: number): string {
  return (
    `Web code ${c.code} (${formatDecimal(c.amount, exponent)} of ${c.customerId}'s store credit) was used in the shop, ` +
    `but no paid order using it has been imported ${USED_ORDER_WAIT_DAYS} days after it expired ` +
    `(${new Date(c.expires).toISOString().slice(0, 10)}): the credit is still held. ` +
    `Find the order in ${c.shop} by the coupon code: when it is paid, Sync now settles the code; ` +
    `when it was never paid or was cancelled, the credit is the customer's: give it back with an adjust entry in Loyalty (then Rebuild loyalty balances) and mark this resolved.`
  );
}

/**
 * Lists each overdue code in Sync Problems unless its problem is there already (found by its
 * text: one search, whatever the size of the tab). Returns how many were listed now.
 */
export function listOverdueCodes(
  p: Pick<Platform, 'workbook' | 'lock' | 'properties' | 'clock'>,
  ctx: LedgerContext,
  codes: readonly WebCode[],
  now: number,
): number {
  const overdue = codes.filter((c) => orderOverdue(c, now));
  if (overdue.length === 0 || !ctx.tabs.includes(SYNC_PROBLEMS.name)) return 0;
  const texts = overdue.map((c) => ({ c, text: overdueProblem(c, ctx.cells.exponent) }));
  return underLock(p, () => {
    const wb = p.workbook;
    const tab = readHeaderTable(wb, SYNC_PROBLEMS, ctx.tabs);
    const found = readFoundRows(
      wb,
      tab,
      findRows(
        wb,
        tab,
        'Problem',
        texts.map((x) => x.text),
      ),
    );
    const listed = new Set(found.map((row) => parseText(tab.get(row, 'Problem'))));
    const fresh = texts.filter((x) => !listed.has(x.text));
    appendRows(
      wb,
      tab,
      fresh.map(({ c, text }) => ({
        Time: new Date(now),
        Shop: c.shop,
        'Order ID': '',
        'External ID': '',
        Line: '',
        SKU: '',
        Problem: text,
        Status: 'open',
      })),
    );
    return fresh.length;
  });
}
