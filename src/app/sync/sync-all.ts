/**
 * Syncing every connected shop in one run, within one time budget: "Sync now", the hourly tick
 * and the till sidebar's refresh all come here.
 *
 * - The shops run one after another, the one checked longest ago first, so a shop left out
 *   when the budget ran out is the first of the next run.
 * - A shop that cannot be synced (no credentials, a refused key, an error) gets a report with
 *   `error`, and the others still run. Its failure is kept (`sync:<shop>:failed`) until a run of
 *   it succeeds; the till's runs leave a failed shop alone for 15 minutes, so a wrong key does
 *   not write a Sync Log row every minute while the till is open (Sync now and the hourly tick
 *   always try it).
 * - The till asks about every 60 s from each open sidebar. It runs a short sync only when no
 *   run started in the last 50 s and none is still going (syncForTill), so several sidebars do
 *   not set off several syncs; otherwise it answers with the last check at once.
 */
import type { KeyValue } from '../../platform/key-value';
import { LockTimeoutError } from '../../platform/lock';
import type { Platform } from '../../platform/platform';
import { connectorFor, type ShopIo } from '../../shops/connector-for';
import { listShops, type ShopConfig, shopSecret } from './shop-config';
import { DEFAULT_BUDGET_MS, emptySyncReport, type SyncReport, syncKeys, syncShop } from './sync-shop';

export interface ShopRunReport extends SyncReport {
  /**
   * Not run this time: the budget was spent on the shops before it (it goes first next time),
   * or, for the till, it failed a short while ago (`error` is that failure).
   */
  skipped: boolean;
}

/** What the till sidebar is told about the web shops. Plain data: it crosses google.script.run. */
export interface WebOrdersCheck {
  /** How many shops are connected; 0 means the sidebar shows nothing about web orders. */
  shops: number;
  /** The oldest of the shops' last checks (ISO), null when none has been checked yet. */
  checkedAt: string | null;
  /** Orders new in this call's run (0 when it only read the last check). */
  ordersNew: number;
  /** Problems listed by this call's run. */
  problems: number;
  /** Why the last run of a shop failed ("shop: message", the first such shop), or null. */
  error: string | null;
  /** True when this call ran a sync; false when it answered with the last check. */
  ran: boolean;
}

export const TILL_BUDGET_MS = 20_000;
/** The till runs a sync only when none started within this time. */
export const TILL_MIN_INTERVAL_MS = 50_000;
/** How long after its budget a run may still be finishing its last page and push. */
const RUN_GRACE_MS = 90_000;
/** How long the till waits for the document lock to claim a run before it lets it go. */
const CLAIM_WAIT_MS = 2_000;
/** The till's runs leave a shop that failed alone for this long. */
export const TILL_RETRY_FAILED_MS = 15 * 60_000;

/**
 * Run-wide keys. Per-shop keys start with `sync:<shop>:` (removeShop deletes them with the
 * shop), and these start with `sync-run:`, so they never collide with a shop's.
 */
export const RUN_KEYS = {
  started: 'sync-run:started',
  /** While a run is going: when it must be over by. Deleted when it ends. */
  busyUntil: 'sync-run:busy-until',
};

/** A shop's last failure, JSON {at, message}; deleted by its next run that succeeds. */
export const failedKey = (shop: string) => `sync:${shop}:failed`;

interface Failure {
  at: number;
  message: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function syncAll(
  platform: Platform,
  io: ShopIo,
  options: {
    budgetMs?: number;
    /** Leave out the shops that failed less than this long ago (the till's runs). */
    retryFailedAfterMs?: number;
  } = {},
): ShopRunReport[] {
  const budget = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const props = platform.properties;
  const started = platform.clock.now();
  const shops = listShops(props);
  markRun(props, started, budget);
  const reports = new Map<string, ShopRunReport>();
  try {
    for (const shop of oldestCheckFirst(props, shops)) {
      const failure = lastFailure(props, shop.name);
      const now = platform.clock.now();
      const left = budget - (now - started);
      if (
        failure &&
        options.retryFailedAfterMs !== undefined &&
        now - failure.at < options.retryFailedAfterMs
      ) {
        reports.set(shop.name, { ...skipped(props, shop), error: failure.message });
      } else if (left <= 0) {
        reports.set(shop.name, skipped(props, shop));
      } else {
        const report = syncOne(platform, io, shop, left);
        if (report.error) {
          props.set(
            failedKey(shop.name),
            JSON.stringify({ at: platform.clock.now(), message: report.error }),
          );
        } else if (failure) {
          props.delete(failedKey(shop.name));
        }
        reports.set(shop.name, report);
      }
    }
  } finally {
    props.delete(RUN_KEYS.busyUntil);
  }
  return shops.map((s) => reports.get(s.name)).filter((r): r is ShopRunReport => r !== undefined);
}

/** The first connected shop whose last run failed, as "shop: message"; null when none did. */
export function lastSyncError(props: KeyValue): string | null {
  for (const shop of listShops(props)) {
    const failure = lastFailure(props, shop.name);
    if (failure) return `${shop.name}: ${failure.message}`;
  }
  return null;
}

/** Why the shop's last run failed, or null when it did not. */
export function shopFailure(props: KeyValue, shop: string): string | null {
  return lastFailure(props, shop)?.message ?? null;
}

function lastFailure(props: KeyValue, shop: string): Failure | null {
  const raw = props.get(failedKey(shop));
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<Failure>;
    return typeof parsed.at === 'number' && typeof parsed.message === 'string'
      ? { at: parsed.at, message: parsed.message }
      : null;
  } catch {
    return null;
  }
}

/** Each connected shop and the time of its last check (ISO), null if it was never checked. */
export function lastChecks(props: KeyValue): { shop: string; checkedAt: string | null }[] {
  return listShops(props).map((s) => ({ shop: s.name, checkedAt: props.get(syncKeys(s.name).checked) }));
}

/**
 * The till's call: a short sync when one is due, else the last check at once. Quiet: no toasts
 * (the sidebar shows the time of the check, and a failure, in its header).
 */
export function syncForTill(
  platform: Platform,
  io: ShopIo,
  options: { budgetMs?: number; minIntervalMs?: number } = {},
): WebOrdersCheck {
  const props = platform.properties;
  const shops = listShops(props).length;
  const answer = (ran: boolean, ordersNew = 0, problems = 0): WebOrdersCheck => ({
    shops,
    checkedAt: oldestCheck(props),
    ordersNew,
    problems,
    error: lastSyncError(props),
    ran,
  });
  if (shops === 0) return { ...answer(false), error: null };
  const budget = options.budgetMs ?? TILL_BUDGET_MS;
  if (!claimRun(platform, options.minIntervalMs ?? TILL_MIN_INTERVAL_MS, budget)) return answer(false);
  const quiet: Platform = { ...platform, notify: { toast: () => {} } };
  const reports = syncAll(quiet, io, { budgetMs: budget, retryFailedAfterMs: TILL_RETRY_FAILED_MS });
  return answer(
    true,
    reports.reduce((n, r) => n + r.ordersNew, 0),
    reports.reduce((n, r) => n + r.problems, 0),
  );
}

function syncOne(p: Platform, io: ShopIo, shop: ShopConfig, budgetMs: number): ShopRunReport {
  try {
    const connector = connectorFor(shop, shopSecret(p.properties, shop.name), io);
    return { ...syncShop(p, shop, connector, { budgetMs }), skipped: false };
  } catch (e) {
    const message = e instanceof Error ? e.message || e.name : String(e);
    // The message names the shop and what went wrong; never the request, so never a key.
    p.log.error(`Sync of ${shop.name} failed: ${message}`);
    return { ...emptyReport(shop.name, iso(p.clock.now())), stoppedEarly: true, error: message };
  }
}

function skipped(props: KeyValue, shop: ShopConfig): ShopRunReport {
  return {
    ...emptyReport(shop.name, props.get(syncKeys(shop.name).checked) ?? ''),
    stoppedEarly: true,
    skipped: true,
  };
}

function emptyReport(shop: string, checkedAt: string): ShopRunReport {
  return { ...emptySyncReport(shop, checkedAt), skipped: false };
}

/** Never-checked shops first, then the oldest check first; ties keep the configured order. */
function oldestCheckFirst(props: KeyValue, shops: ShopConfig[]): ShopConfig[] {
  const checked = (s: ShopConfig) => {
    const t = Date.parse(props.get(syncKeys(s.name).checked) ?? '');
    return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
  };
  return shops
    .map((shop, i) => ({ shop, i, t: checked(shop) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.shop);
}

function oldestCheck(props: KeyValue): string | null {
  const times = lastChecks(props)
    .map((c) => c.checkedAt)
    .filter((t): t is string => t !== null && !Number.isNaN(Date.parse(t)))
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return times[0] ?? null;
}

function markRun(props: KeyValue, started: number, budget: number): void {
  props.set(RUN_KEYS.started, iso(started));
  props.set(RUN_KEYS.busyUntil, iso(started + budget + RUN_GRACE_MS));
}

/**
 * Claims the next run for this till, under the document lock so that two sidebars asking at
 * the same moment cannot both claim it. False when a run started within minIntervalMs, one is
 * still going, or the lock is busy (a sale or an import is being written: ask again next time).
 */
function claimRun(p: Platform, minIntervalMs: number, budget: number): boolean {
  try {
    p.lock.acquire(CLAIM_WAIT_MS);
  } catch (e) {
    if (e instanceof LockTimeoutError) return false;
    throw e;
  }
  try {
    const now = p.clock.now();
    const last = Date.parse(p.properties.get(RUN_KEYS.started) ?? '');
    const busyUntil = Date.parse(p.properties.get(RUN_KEYS.busyUntil) ?? '');
    if (!Number.isNaN(busyUntil) && now < busyUntil) return false;
    if (!Number.isNaN(last) && now >= last && now - last < minIntervalMs) return false;
    markRun(p.properties, now, budget);
    return true;
  } finally {
    p.lock.release();
  }
}
