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

export async function checkWebOrders(): Promise<void> {
  if (checking || !state.data) return;
  checking = true;
  try {
    const check = await callServer<WebOrdersCheck | null>('syncFromTill');
    state.web =
      check && check.shops > 0 ? { checkedAt: check.checkedAt, error: check.error, unanswered: false } : null;
    // New web orders may have reserved stock in the Store: show it now, not in a minute.
    if (check && check.ordersNew > 0) void refreshTill();
  } catch {
    if (state.web) state.web = { ...state.web, unanswered: true };
  } finally {
    checking = false;
    changed();
  }
}
