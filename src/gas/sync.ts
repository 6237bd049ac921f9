/**
 * Web-shop sync in Apps Script: "Sync now", the one hourly trigger (`tick`), turning it on and
 * off, and the till sidebar's call every 60 s. All of them run syncAll in app/sync.
 *
 * An editor add-on may have one time-driven trigger per user per document, at most hourly: the
 * hourly sync is that trigger. It runs with no one at the screen, so `tick` makes no UI call
 * (no alert, no toast: its messages go to the execution log).
 */

import { expireCredit } from '../app/loyalty/expire';
import { expireWebCodes } from '../app/loyalty/online-code';
import { listShops, shopSecret } from '../app/sync/shop-config';
import {
  RUN_KEYS,
  type ShopRunReport,
  syncAll,
  syncForTill,
  type WebOrdersCheck,
} from '../app/sync/sync-all';
import type { Platform } from '../platform/platform';
import { webCodesFor } from '../shops/web-codes';
import { appsScriptPlatform } from './platform';
import { shopIo } from './shops';

/** The handler of the hourly trigger: the top-level function the trigger calls. */
export const TICK_HANDLER = 'tick';

export function menuSyncNow(): void {
  const platform = appsScriptPlatform();
  const ui = SpreadsheetApp.getUi();
  const shops = listShops(platform.properties);
  if (shops.length === 0) {
    ui.alert(
      'Sync now',
      'No web shop is connected yet: add one in Extensions › Shop Ledger › Shop settings.',
      ui.ButtonSet.OK,
    );
    return;
  }
  platform.notify.toast(
    shops.length === 1
      ? `Checking ${shops[0].name} for orders…`
      : `Checking ${shops.length} web shops for orders…`,
    'Sync now',
  );
  const reports = syncAll(platform, shopIo(platform));
  ui.alert('Sync now', describeRun(reports), ui.ButtonSet.OK);
}

/** The hourly trigger. No UI: a time-driven run has no one at the screen. */
export function tick(_event?: unknown): void {
  const auth = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
  if (auth.getAuthorizationStatus() === ScriptApp.AuthorizationStatus.REQUIRED) {
    // Google's advice for add-on triggers: do nothing until the person authorises again.
    console.warn(
      'Shop Ledger needs to be authorised again: open the spreadsheet and choose Extensions › Shop Ledger › Sync now. The hourly sync did nothing.',
    );
    return;
  }
  const base = appsScriptPlatform();
  const busyUntil = Date.parse(base.properties.get(RUN_KEYS.busyUntil) ?? '');
  if (!Number.isNaN(busyUntil) && base.clock.now() < busyUntil) {
    base.log.info('Hourly sync: another sync is running; this one waits for the next hour.');
    return;
  }
  const platform: Platform = {
    ...base,
    notify: { toast: (message, title) => base.log.info(title ? `${title}: ${message}` : message) },
  };
  const reports = syncAll(platform, shopIo(platform));
  if (reports.length > 0) base.log.info(`Hourly sync: ${describeRun(reports)}`);
  // Loyalty credit whose expiry date has passed expires here, once an hour.
  try {
    const expired = expireCredit(platform);
    if (expired.entries > 0) base.log.info(`Hourly tick: ${expired.entries} loyalty credit lot(s) expired.`);
  } catch (e) {
    base.log.error(`Hourly tick: loyalty expiry failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  // Web codes of store credit past their expiry are stopped in the shop and their credit released.
  try {
    const codes = expireWebCodes(platform, {
      list: (p) => listShops(p.properties),
      codesFor: (c) => webCodesFor(c, shopSecret(platform.properties, c.name), shopIo(platform)),
    });
    const done = codes.released + codes.used + codes.confirmed + codes.listed;
    if (done > 0) {
      base.log.info(
        `Hourly tick: web codes: ${codes.released} released, ${codes.used} used, ${codes.confirmed} confirmed, ${codes.listed} used without their order listed in Sync Problems.`,
      );
    }
    for (const f of codes.failures) base.log.error(`Hourly tick: web code ${f}`);
  } catch (e) {
    base.log.error(`Hourly tick: web codes failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Installs the hourly trigger for this person in this spreadsheet, once. */
export function menuHourlySync(): void {
  const ui = SpreadsheetApp.getUi();
  const clock = timeTriggers();
  const mine = clock.filter((t) => t.getHandlerFunction() === TICK_HANDLER);
  if (mine.length > 0) {
    for (const extra of mine.slice(1)) ScriptApp.deleteTrigger(extra);
    ui.alert(
      'Hourly sync is on',
      'Hourly sync was already on for you in this spreadsheet: nothing changed. To stop it, choose Extensions › Shop Ledger › Turn off hourly sync.',
      ui.ButtonSet.OK,
    );
    return;
  }
  // An add-on may hold one time-driven trigger per person per document: one left by an
  // earlier version of Shop Ledger gives way to this one.
  for (const old of clock) ScriptApp.deleteTrigger(old);
  ScriptApp.newTrigger(TICK_HANDLER).timeBased().everyHours(1).create();
  const shops = listShops(appsScriptPlatform().properties).length;
  ui.alert(
    'Hourly sync is on',
    `About once an hour, Shop Ledger imports new web orders and sends stock to your web shops, under your account, even while the spreadsheet is closed.${
      shops === 0 ? ' No shop is connected yet: add one in Shop settings.' : ''
    } While the till is open it also checks every minute. To stop it, choose Turn off hourly sync.`,
    ui.ButtonSet.OK,
  );
}

export function menuHourlySyncOff(): void {
  const ui = SpreadsheetApp.getUi();
  const mine = timeTriggers().filter((t) => t.getHandlerFunction() === TICK_HANDLER);
  for (const t of mine) ScriptApp.deleteTrigger(t);
  ui.alert(
    'Hourly sync is off',
    mine.length > 0
      ? 'Hourly sync is off for you in this spreadsheet. Sync now, and the open till, still check the web shops.'
      : 'Hourly sync was not on for you in this spreadsheet: nothing changed.',
    ui.ButtonSet.OK,
  );
}

/** The till sidebar's call, about every 60 s while it is open. */
/** `afterSale`: the till just sold, so sync now (still one run at a time) to push the stock at once. */
export function syncFromTill(afterSale?: boolean): WebOrdersCheck {
  const platform = appsScriptPlatform();
  return syncForTill(platform, shopIo(platform), afterSale === true ? { minIntervalMs: 0 } : {});
}

function timeTriggers(): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getUserTriggers(SpreadsheetApp.getActive()).filter(
    (t) => t.getEventType() === ScriptApp.EventType.CLOCK,
  );
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One paragraph per shop, for the "Sync now" alert and the execution log. */
export function describeRun(reports: readonly ShopRunReport[]): string {
  return reports
    .map((r) => {
      if (r.error) return `${r.shop}: ${r.error}`;
      if (r.skipped) {
        return `${r.shop}: not reached this time (the run keeps within Apps Script's time limit). It goes first at the next sync.`;
      }
      const parts = [
        r.ordersNew > 0 ? count(r.ordersNew, 'new order', 'new orders') : '',
        r.ordersUpdated > 0 ? count(r.ordersUpdated, 'order updated', 'orders updated') : '',
        r.stockPushed > 0 ? `stock sent for ${count(r.stockPushed, 'product', 'products')}` : '',
        r.problems > 0 ? `${count(r.problems, 'problem', 'problems')} listed in Sync Problems` : '',
      ].filter((p) => p !== '');
      const done = parts.length > 0 ? `${parts.join(', ')}.` : 'nothing new.';
      const stopped = r.stoppedEarly
        ? ' It stopped to keep within the time limit; the next sync goes on from there.'
        : '';
      return `${r.shop}: ${done}${stopped}`;
    })
    .join('\n\n');
}
