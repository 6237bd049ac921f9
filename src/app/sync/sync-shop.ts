/**
 * One sync of one shop: import the orders changed since the last run, page by page, then push
 * the stock that differs. Each page is fetched outside the document lock and imported in one
 * commit under it. The run keeps a time budget (Apps Script stops a run at 6 minutes): it stops
 * cleanly after the page in hand, saves its cursor in document properties, and the next run
 * resumes there. A crash between pages loses nothing and doubles nothing, since every import is
 * an idempotent upsert.
 */

import { SYNC_LOG } from '../../ledger/schema';
import { appendRows, readHeaderTable } from '../../ledger/table';
import type { Platform } from '../../platform/platform';
import type { ShopConnector } from '../../shops/connector';
import { ShopError } from '../../shops/shop-error';
import { underLock } from '../commit';
import { loadContext } from '../ledger-context';
import { takeIds } from '../sequence';
import { importOrders, type SyncProblem } from './import-orders';
import { pushStock } from './push-stock';
import type { ShopConfig } from './shop-config';

type Ports = Pick<Platform, 'workbook' | 'lock' | 'clock' | 'properties' | 'notify' | 'digest'>;

export interface SyncReport {
  shop: string;
  ordersNew: number;
  ordersUpdated: number;
  /** SKUs whose stock was written to the shop in this run. */
  stockPushed: number;
  problems: number;
  problemList: SyncProblem[];
  /** True when the run stopped before the end: out of time, or the shop failed. */
  stoppedEarly: boolean;
  /** Why the shop could not be synced, for a person; null when it could. */
  error: string | null;
  checkedAt: string;
}

/** A report of a run that did nothing (yet). */
export function emptySyncReport(shop: string, checkedAt: string): SyncReport {
  return {
    shop,
    ordersNew: 0,
    ordersUpdated: 0,
    stockPushed: 0,
    problems: 0,
    problemList: [],
    stoppedEarly: false,
    error: null,
    checkedAt,
  };
}

export const DEFAULT_BUDGET_MS = 270_000; // 4.5 minutes of Apps Script's 6
const DAY = 86_400_000;

export const syncKeys = (shop: string) => ({
  since: `sync:${shop}:since`,
  cursor: `sync:${shop}:cursor`,
  checked: `sync:${shop}:checked`,
  /** When the walk in progress began, and whether an order changed since: "ms|0" or "ms|1". */
  walk: `sync:${shop}:walk`,
});

export function syncShop(
  p: Ports,
  shop: ShopConfig,
  connector: ShopConnector,
  options: { budgetMs?: number; since?: string } = {},
): SyncReport {
  const started = p.clock.now();
  const budget = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const keys = syncKeys(shop.name);
  const report = emptySyncReport(shop.name, new Date(started).toISOString());

  const firstSince = (): string => {
    const from = loadContext(p.workbook).settings.importFrom;
    const parsed = from ? Date.parse(from) : Number.NaN;
    return new Date(Number.isNaN(parsed) ? started - 30 * DAY : parsed).toISOString();
  };

  /** Imports pages until the shop has no more, or the budget runs out. False when stopped. */
  /**
   * Imports pages until the shop has no more, or the budget runs out. False when stopped.
   * WooCommerce pages by number over a list sorted by modification time: an order changed during
   * a walk of several pages jumps to the end, everything behind it moves up one place, and the
   * first order of the next page would be missed for good. So when any order of a multi-page walk
   * changed after the walk began, the mark stays where it was and the next sync walks again
   * (the import is idempotent: it only costs the calls).
   */
  const importPages = (): boolean => {
    let since = options.since ?? p.properties.get(keys.since) ?? firstSince();
    let cursor = p.properties.get(keys.cursor);
    const [walkFrom, movedBefore] = (cursor ? (p.properties.get(keys.walk) ?? '') : '').split('|');
    const walkStarted = Number(walkFrom) || p.clock.now();
    let moved = movedBefore === '1';
    let pages = cursor ? 2 : 0;
    let newest = Date.parse(since);
    for (let page = 1; ; page++) {
      const fetched = connector.fetchOrders(since, cursor);
      pages++;
      if (fetched.orders.length > 0 || fetched.problems.length > 0) {
        const imported = importOrders(p, shop.name, fetched);
        report.ordersNew += imported.ordersNew;
        report.ordersUpdated += imported.ordersUpdated;
        report.problemList.push(...imported.problems);
        for (const o of fetched.orders) {
          newest = Math.max(newest, o.updated);
          if (o.updated >= walkStarted - 1000) moved = true;
        }
        if (imported.ordersNew + imported.ordersUpdated > 0) {
          p.notify.toast(
            `${shop.name}: page ${page}, ${report.ordersNew} new and ${report.ordersUpdated} updated orders so far…`,
          );
        }
      }
      cursor = fetched.next;
      if (cursor) {
        p.properties.set(keys.cursor, cursor);
        p.properties.set(keys.walk, `${walkStarted}|${moved ? 1 : 0}`);
      } else {
        p.properties.delete(keys.cursor);
        p.properties.delete(keys.walk);
        if (!(moved && pages > 1)) since = new Date(newest).toISOString();
        p.properties.set(keys.since, since);
        return true;
      }
      if (p.clock.now() - started > budget) return false;
    }
  };

  try {
    if (!importPages()) {
      report.stoppedEarly = true;
    } else {
      const pushed = pushStock(p, shop, connector, { importFirst: () => void importPages() });
      report.stockPushed = pushed.pushed.length;
      for (const f of pushed.failed) {
        report.problemList.push({
          shop: shop.name,
          orderId: '',
          externalId: '',
          line: '',
          sku: f.sku,
          problem: `Stock push failed: ${f.error}`,
        });
      }
    }
  } catch (e) {
    if (!(e instanceof ShopError)) throw e;
    report.stoppedEarly = true;
    report.error = e.message;
    p.notify.toast(e.message, `${shop.name}: sync failed`);
  }
  report.problems = report.problemList.length;
  p.properties.set(keys.checked, report.checkedAt);
  if (report.ordersNew + report.ordersUpdated + report.stockPushed + report.problems > 0 || report.error) {
    logRun(p, report, started);
  }
  return report;
}

function logRun(p: Ports, r: SyncReport, started: number): void {
  underLock(p, () => {
    const ctx = loadContext(p.workbook);
    const log = readHeaderTable(p.workbook, SYNC_LOG, ctx.tabs);
    const [run] = takeIds(p, log, 'Run', 'S');
    appendRows(p.workbook, log, [
      {
        Run: run,
        Shop: r.shop,
        Started: new Date(started),
        Finished: new Date(p.clock.now()),
        'Orders new': r.ordersNew,
        'Orders updated': r.ordersUpdated,
        'Stock pushed': r.stockPushed,
        Problems: r.error ? r.problems + 1 : r.problems,
        Message:
          r.error ??
          (r.stoppedEarly ? 'Stopped to stay within the time limit; the next sync goes on from here.' : ''),
      },
    ]);
  });
}
