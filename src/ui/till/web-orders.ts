/**
 * Web orders during opening hours: about every 60 s the open sidebar asks the server to check
 * the web shops (syncFromTill). The server runs a short sync only when none ran in the last 50 s,
 * so several open sidebars share one. One call at a time from here; a failure is shown quietly
 * in the header and never stops a sale.
 *
 * syncFromTill is an Apps Script entry point, not part of TillApi: the local playground has no
 * shops and answers "not found", which reads as "no shops" (nothing shown).
 */
import type { WebOrdersCheck } from '../../app/sync/sync-all';
import { callServer } from '../shared/server';
import { changed, state } from './state';
import { refreshTill } from './till-data';

let checking = false;
let pushAfter = false;

/**
 * `afterSale`: a sale just changed the stock, so the server syncs at once (no 50 s wait) and the
 * web shop's figure drops within seconds of the commit, not at the next minute. A sale made while
 * a check runs is pushed by one more check right after it.
 */
export async function checkWebOrders(afterSale = false): Promise<void> {
  if (!state.data) return;
  if (checking) {
    pushAfter ||= afterSale;
    return;
  }
  checking = true;
  try {
    const check = await callServer<WebOrdersCheck | null>('syncFromTill', afterSale);
    state.web =
      check && check.shops > 0 ? { checkedAt: check.checkedAt, error: check.error, unanswered: false } : null;
    // New web orders may have reserved stock in the Store: show it now, not in a minute.
    if (check && check.ordersNew > 0) void refreshTill();
  } catch {
    if (state.web) state.web = { ...state.web, unanswered: true };
  } finally {
    checking = false;
    changed();
    if (pushAfter && state.web) {
      pushAfter = false;
      void checkWebOrders(true);
    }
    pushAfter = false;
  }
}
