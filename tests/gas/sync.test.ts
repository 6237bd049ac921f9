/**
 * Web-shop sync in the Apps Script shell over the fakes: the one hourly trigger and its limits,
 * the tick, "Sync now", and the till's throttled check, against a tiny WooCommerce.
 */
import { setUpLedger } from '../../src/app/set-up-ledger';
import { saveShop } from '../../src/app/sync/shop-config';
import { lastChecks, lastSyncError, RUN_KEYS, syncAll } from '../../src/app/sync/sync-all';
import { syncKeys } from '../../src/app/sync/sync-shop';
import { shopIo } from '../../src/gas/shops';
import { menuHourlySync, menuHourlySyncOff, menuSyncNow, syncFromTill, tick } from '../../src/gas/sync';
import type { FakeFetchHandler } from '../fakes';
import { installAppsScript } from '../helpers/apps-script';
import { CK, CS, fakeWoo } from './fake-woo';

const SHOP_A = {
  name: 'shop-a.example.com',
  platform: 'woocommerce' as const,
  url: 'https://shop-a.example.com',
};
const SHOP_B = {
  name: 'shop-b.example.com',
  platform: 'woocommerce' as const,
  url: 'https://shop-b.example.com',
};
const SECRET = { platform: 'woocommerce' as const, key: CK, secret: CS };

/**
 * The gas platform's clock is Date.now, as in Apps Script, where Utilities.sleep really sleeps.
 * Here Date.now follows the fakes' clock, which sleeps and the tests move forward.
 */
function followFakeClock(clock: { now(): number }): void {
  jest.spyOn(Date, 'now').mockImplementation(() => clock.now());
}
afterEach(() => jest.restoreAllMocks());

/** A set-up ledger with the shops connected; later executions share its spreadsheet. */
function ledger(shops = [SHOP_A, SHOP_B], handler?: FakeFetchHandler) {
  const woo = fakeWoo();
  const first = installAppsScript({ fetch: handler ?? woo.handler });
  setUpLedger(first.platform);
  for (const shop of shops) saveShop(first.platform.properties, shop, SECRET);
  const next = (options: Parameters<typeof installAppsScript>[0] = {}) =>
    installAppsScript({ shared: first.env.shared, fetch: handler ?? woo.handler, ...options });
  return { ...first, woo, next };
}

describe('hourly sync', () => {
  test('turning it on installs one hourly trigger for tick; turning it on again changes nothing', () => {
    const { env, next } = ledger();
    menuHourlySync();
    expect(env.shared.triggers).toEqual([
      expect.objectContaining({ handler: 'tick', eventType: 'CLOCK', schedule: { everyHours: 1 } }),
    ]);
    expect(env.ui.alerts.at(-1)).toMatchObject({ title: 'Hourly sync is on' });
    expect(env.ui.alerts.at(-1)?.message).toMatch(/About once an hour/);

    // Another run, another day: still one trigger (the fake refuses a second time-driven one).
    const again = next();
    menuHourlySync();
    expect(again.env.shared.triggers).toHaveLength(1);
    expect(again.env.ui.alerts.at(-1)?.message).toMatch(/already on .*nothing changed/);
    expect(again.env.meter.byMethod['ClockTriggerBuilder.create'] ?? 0).toBe(0);
  });

  test('a time-driven trigger left by an earlier version gives way: the add-on limit of one is kept', () => {
    const { env } = ledger();
    ScriptApp.newTrigger('syncShops').timeBased().everyHours(6).create();
    menuHourlySync();
    expect(env.shared.triggers.map((t) => [t.handler, t.schedule])).toEqual([['tick', { everyHours: 1 }]]);
  });

  test('each person has their own trigger; turning it off removes only mine', () => {
    const { env, next } = ledger();
    menuHourlySync();
    next({ userEmail: 'staff@example.com' });
    menuHourlySync();
    expect(env.shared.triggers.map((t) => t.user).sort()).toEqual(['owner@example.com', 'staff@example.com']);
    const off = next({ userEmail: 'staff@example.com' });
    menuHourlySyncOff();
    expect(env.shared.triggers.map((t) => t.user)).toEqual(['owner@example.com']);
    expect(off.env.ui.alerts.at(-1)).toMatchObject({ title: 'Hourly sync is off' });
    menuHourlySyncOff();
    expect(off.env.ui.alerts.at(-1)?.message).toMatch(/was not on .*nothing changed/);
  });

  test('tick syncs every shop, with no UI, and writes nothing to the ledger when nothing is new', () => {
    const { woo, next } = ledger();
    const run = next({ hasUi: false });
    const info = jest.spyOn(console, 'info').mockImplementation(() => {});
    tick();
    // What it did goes to the execution log.
    expect(info).toHaveBeenCalledWith(
      'Hourly sync: shop-a.example.com: nothing new.\n\nshop-b.example.com: nothing new.',
    );
    expect(woo.orderCalls('shop-a.example.com')).toHaveLength(1);
    expect(woo.orderCalls('shop-b.example.com')).toHaveLength(1);
    expect(run.env.meter.cellsWritten).toBe(0);
    expect(run.env.meter.byMethod['Range.setValues'] ?? 0).toBe(0);
    expect(run.env.ui.toasts).toEqual([]);
    expect(run.env.ui.alerts).toEqual([]);
    expect(lastChecks(run.platform.properties)).toEqual([
      { shop: SHOP_A.name, checkedAt: expect.any(String) },
      { shop: SHOP_B.name, checkedAt: expect.any(String) },
    ]);
  });

  test('tick does nothing until the person authorises the add-on again', () => {
    const { woo, next } = ledger();
    next({ hasUi: false, authorizationRequired: true });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    tick();
    expect(woo.requests).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('needs to be authorised again'));
  });
});

describe('syncAll', () => {
  test('a shop without credentials, or refused, gets its error; the other shops still run', () => {
    const { platform, woo } = ledger([SHOP_A, SHOP_B]);
    saveShop(platform.properties, SHOP_B, { ...SECRET, secret: 'cs_wrong' });
    saveShop(
      platform.properties,
      { ...SHOP_A, name: 'no-key.example.com', url: 'https://no-key.example.com' },
      SECRET,
    );
    platform.properties.delete('shop-secret:no-key.example.com');
    const logged: string[] = [];
    jest.spyOn(console, 'error').mockImplementation((m: string) => void logged.push(m));
    const reports = syncAll(platform, shopIo(platform));
    expect(reports.map((r) => [r.shop, r.error])).toEqual([
      [SHOP_A.name, null],
      [SHOP_B.name, expect.stringContaining('WooCommerce refused the credentials (HTTP 401)')],
      ['no-key.example.com', expect.stringContaining('has no saved credentials')],
    ]);
    expect(woo.orderCalls(SHOP_A.name)).toHaveLength(1);
    expect(lastSyncError(platform.properties)).toMatch(/^shop-b\.example\.com: WooCommerce refused/);
    expect(logged).toEqual([expect.stringContaining('Sync of no-key.example.com failed: ')]);
    expect(logged.join('\n')).not.toContain(CK);
  });

  test('the shops share one budget: a shop left out goes first at the next run', () => {
    const woo = fakeWoo();
    const clock = { advance: (_ms: number) => {} };
    // Each answer from shop A takes 30 s of the run's time.
    const slowA: FakeFetchHandler = (req) => {
      if (req.url.includes('shop-a.')) clock.advance(30_000);
      return woo.handler(req);
    };
    const { env, platform } = ledger([SHOP_A, SHOP_B], slowA);
    followFakeClock(env.clock);
    clock.advance = (ms) => env.clock.advance(ms);
    const first = syncAll(platform, shopIo(platform), { budgetMs: 20_000 });
    expect(first.map((r) => [r.shop, r.skipped, r.stoppedEarly])).toEqual([
      [SHOP_A.name, false, false],
      [SHOP_B.name, true, true],
    ]);
    expect(woo.orderCalls(SHOP_B.name)).toHaveLength(0);
    expect(platform.properties.get(syncKeys(SHOP_B.name).checked)).toBeNull();

    woo.requests.length = 0;
    const second = syncAll(platform, shopIo(platform), { budgetMs: 20_000 });
    expect(new URL(woo.requests[0].url).host).toBe(SHOP_B.name);
    // Shop B answers at once, so shop A still has its time; the reports keep the shops' order.
    expect(second.map((r) => [r.shop, r.skipped])).toEqual([
      [SHOP_A.name, false],
      [SHOP_B.name, false],
    ]);
  });
});

describe('Sync now', () => {
  test('sums up each shop in an alert, after a toast', () => {
    const { env } = ledger();
    menuSyncNow();
    expect(env.ui.toasts[0]).toMatchObject({
      message: 'Checking 2 web shops for orders…',
      title: 'Sync now',
    });
    expect(env.ui.alerts.at(-1)?.message).toBe(
      'shop-a.example.com: nothing new.\n\nshop-b.example.com: nothing new.',
    );
  });

  test('with no shop connected, says where to add one', () => {
    const { env, woo } = ledger([]);
    menuSyncNow();
    expect(env.ui.alerts.at(-1)?.message).toMatch(/No web shop is connected yet: add one in .*Shop settings/);
    expect(woo.requests).toEqual([]);
  });
});

describe('syncFromTill', () => {
  test('syncs at most once in 50 s, however many sidebars ask; between, it answers the last check', () => {
    const { env, woo, next } = ledger();
    followFakeClock(env.clock);
    const first = syncFromTill();
    expect(first).toEqual({
      shops: 2,
      checkedAt: expect.any(String),
      ordersNew: 0,
      problems: 0,
      error: null,
      ran: true,
    });
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
    const calls = woo.requests.length;
    expect(calls).toBe(2);
    expect(env.ui.toasts).toEqual([]);

    // Another sidebar, right after: no call to the shops at all.
    const other = next();
    const second = syncFromTill();
    expect(other.env.meter.byMethod['UrlFetchApp.fetch'] ?? 0).toBe(0);
    expect(second).toEqual({ ...first, ran: false });

    env.clock.advance(45_000);
    next();
    expect(syncFromTill().ran).toBe(false);
    expect(woo.requests).toHaveLength(calls);

    env.clock.advance(10_000);
    next();
    expect(syncFromTill()).toMatchObject({ ran: true });
    expect(woo.requests).toHaveLength(2 * calls);

    // Right after a sale the till asks with afterSale: it syncs at once, without the 50 s wait.
    env.clock.advance(1_000);
    next();
    expect(syncFromTill()).toMatchObject({ ran: false });
    next();
    expect(syncFromTill(true)).toMatchObject({ ran: true });
    expect(woo.requests).toHaveLength(3 * calls);
  });

  test('a shop that failed is left alone by the till for 15 minutes: one Sync Log row, not one a minute', () => {
    const { env, platform, woo, next } = ledger();
    followFakeClock(env.clock);
    saveShop(platform.properties, SHOP_B, { ...SECRET, secret: 'cs_wrong' });
    const logRows = () =>
      env.meter.uncounted(() => (env.spreadsheet.getSheetByName('Sync Log')?.getLastRow() ?? 1) - 1);

    expect(syncFromTill()).toMatchObject({
      ran: true,
      error: expect.stringMatching(/^shop-b\.example\.com: WooCommerce refused the credentials/),
    });
    expect(woo.orderCalls(SHOP_B.name)).toHaveLength(1);
    expect(logRows()).toBe(1);

    for (let minute = 1; minute <= 14; minute++) {
      env.clock.advance(60_000);
      next();
      expect(syncFromTill()).toMatchObject({ ran: true, error: expect.stringContaining('shop-b') });
    }
    expect(woo.orderCalls(SHOP_A.name)).toHaveLength(15);
    expect(woo.orderCalls(SHOP_B.name)).toHaveLength(1);
    expect(logRows()).toBe(1);

    // Sync now always tries it; once the key is right, the error is gone.
    next();
    menuSyncNow();
    expect(woo.orderCalls(SHOP_B.name)).toHaveLength(2);
    saveShop(platform.properties, SHOP_B, SECRET);
    env.clock.advance(15 * 60_000);
    next();
    expect(syncFromTill()).toMatchObject({ ran: true, error: null });
    expect(woo.orderCalls(SHOP_B.name)).toHaveLength(3);
  });

  test('while another sync is still running, the till does not start one', () => {
    const { env, platform, woo } = ledger();
    platform.properties.set(RUN_KEYS.started, new Date(env.clock.now() - 120_000).toISOString());
    platform.properties.set(RUN_KEYS.busyUntil, new Date(env.clock.now() + 60_000).toISOString());
    expect(syncFromTill().ran).toBe(false);
    expect(woo.requests).toEqual([]);
  });

  test('with no shop connected it answers at once, and the sidebar shows nothing', () => {
    const { woo } = ledger([]);
    expect(syncFromTill()).toEqual({
      shops: 0,
      checkedAt: null,
      ordersNew: 0,
      problems: 0,
      error: null,
      ran: false,
    });
    expect(woo.requests).toEqual([]);
  });
});
