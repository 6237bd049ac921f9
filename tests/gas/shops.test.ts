/**
 * The Shop settings dialog's server functions over the Apps Script fakes, with a tiny
 * WooCommerce behind UrlFetchApp: credentials go to document properties and nowhere else.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setUpLedger } from '../../src/app/set-up-ledger';
import { shopSecret } from '../../src/app/sync/shop-config';
import { menuShopSettings, shopRemove, shopSave, shopsList, shopTest, siteRoot } from '../../src/gas/shops';
import { menuSyncNow, syncFromTill } from '../../src/gas/sync';
import { installAppsScript } from '../helpers/apps-script';
import { CK, CS, fakeWoo } from './fake-woo';

const WOO = { platform: 'woocommerce', url: 'https://shop.example.com', key: CK, secret: CS };

let htmlDir = '';
beforeAll(() => {
  // The dialog's page as the build writes it; its content does not matter here.
  htmlDir = mkdtempSync(join(tmpdir(), 'shops-html-'));
  writeFileSync(join(htmlDir, 'shops.html'), '<!doctype html><p>Shop settings</p>');
});
afterAll(() => rmSync(htmlDir, { recursive: true, force: true }));

function ledger() {
  const woo = fakeWoo();
  const setup = installAppsScript({ fetch: woo.handler, htmlDir });
  setUpLedger(setup.platform);
  return { ...setup, woo };
}

/** Every value of every tab, as text. */
function everyCell(env: ReturnType<typeof ledger>['env']): string {
  return env.meter.uncounted(() =>
    env.spreadsheet
      .getSheets()
      .map((s) =>
        s
          .getDataRange()
          .getValues()
          .map((row) => row.join('\t'))
          .join('\n'),
      )
      .join('\n'),
  );
}

test('"Shop settings" opens the dialog, 480 × 560', () => {
  const { env } = ledger();
  menuShopSettings();
  expect(env.ui.dialogs.at(-1)).toMatchObject({
    title: 'Shop settings',
    width: 480,
    height: 560,
    modal: true,
  });
});

test('saving a shop keeps its secret in document properties, and in no cell, log or toast', () => {
  const logged: string[] = [];
  const spies = (['log', 'info', 'warn', 'error'] as const).map((level) =>
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.join(' '))),
  );
  try {
    const { env, platform } = ledger();
    expect(shopSave(WOO)).toEqual({
      ok: true,
      name: 'shop.example.com',
      message: expect.stringContaining('Connected shop.example.com'),
    });
    expect(shopSecret(platform.properties, 'shop.example.com')).toEqual({
      platform: 'woocommerce',
      key: CK,
      secret: CS,
    });
    // A second shop whose secret the shop refuses: Sync now writes a Sync Log row, a toast and
    // an alert about it. Still no key anywhere in the spreadsheet, the logs or the UI.
    shopSave({ ...WOO, url: 'https://other.example.com', secret: `${CS}0` });
    menuSyncNow();
    expect(env.ui.alerts.at(-1)?.message).toMatch(/other\.example\.com: WooCommerce refused the credentials/);
    const cells = everyCell(env);
    expect(cells).toContain('WooCommerce refused the credentials');
    for (const secret of [CK, CS]) {
      expect(cells).not.toContain(secret);
      expect(logged.join('\n')).not.toContain(secret);
      expect(env.logs.join('\n')).not.toContain(secret);
      expect(JSON.stringify(env.ui)).not.toContain(secret);
    }
    // Script properties are shared by every user of the add-on: nothing goes there.
    expect([...env.shared.properties.script.values.keys()]).toEqual([]);
    expect([...env.shared.properties.document.values.values()].join('\n')).toContain(CS);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
});

test('shopsList gives name, platform, address, last check and last failure: never a secret', () => {
  ledger();
  shopSave(WOO);
  shopSave({
    platform: 'shopify',
    url: 'demo-store.myshopify.com',
    token: 'shpat_0123456789abcdef',
    name: 'Demo',
  });
  syncFromTill();
  const list = shopsList();
  expect(list).toEqual([
    {
      name: 'shop.example.com',
      platform: 'woocommerce',
      url: 'https://shop.example.com',
      checkedAt: expect.any(String),
      error: null,
    },
    // The fake answers only WooCommerce: this shop's sync failed, and the list says why.
    {
      name: 'Demo',
      platform: 'shopify',
      url: 'https://demo-store.myshopify.com',
      checkedAt: expect.any(String),
      error: 'Shopify refused the credentials (HTTP 401): check the key (access token) and its scopes.',
    },
  ]);
  const text = JSON.stringify(list);
  for (const secret of [CK, CS, 'shpat_', 'ck_', 'cs_']) expect(text).not.toContain(secret);
  // Plain data only crosses google.script.run.
  expect(JSON.parse(text)).toEqual(list);
});

test('Test connection: the shop refuses a wrong key in words, accepts the right one, and nothing is saved', () => {
  const { platform, woo } = ledger();
  const wrong = shopTest({ ...WOO, secret: 'cs_wrong' });
  expect(wrong.ok).toBe(false);
  expect(wrong.message).toBe(
    'WooCommerce refused the credentials (HTTP 401): check the key and secret, and that they have read/write access.',
  );
  const right = shopTest(WOO);
  expect(right).toEqual({
    ok: true,
    message: 'WooCommerce at https://shop.example.com accepted the key (0 orders).',
  });
  expect(woo.requests).toHaveLength(2);
  expect(platform.properties.keys()).toEqual([]);
});

test('Test connection and Save check the form first, with the message to act on', () => {
  const { woo } = ledger();
  expect(shopTest({ ...WOO, key: 'abc' })).toEqual({
    ok: false,
    message: expect.stringContaining('consumer key starts with ck_'),
  });
  expect(shopSave({ ...WOO, url: 'http://shop.example.com' })).toEqual({
    ok: false,
    message: expect.stringContaining("is not the shop's address"),
  });
  expect(shopSave({ platform: 'shopify', url: 'https://x.myshopify.com', token: ' ' }).message).toMatch(
    /shpat_/,
  );
  expect(shopSave({ platform: 'magento', url: 'https://x.example.com' }).message).toBe(
    'Choose WooCommerce or Shopify.',
  );
  expect(woo.requests).toHaveLength(0);
  expect(shopsList()).toEqual([]);
});

test('editing keeps the saved secret when its fields are left blank; the name stays; a name is not taken twice', () => {
  const { platform } = ledger();
  shopSave(WOO);
  const edited = shopSave({
    editing: 'shop.example.com',
    platform: 'woocommerce',
    url: 'https://www.shop.example.com/wp-admin/admin.php?page=wc-settings',
    name: 'Another name',
    key: '',
    secret: '',
  });
  expect(edited).toMatchObject({ ok: true, name: 'shop.example.com' });
  expect(shopsList()).toEqual([
    expect.objectContaining({ name: 'shop.example.com', url: 'https://www.shop.example.com' }),
  ]);
  expect(shopSecret(platform.properties, 'shop.example.com')).toEqual({
    platform: 'woocommerce',
    key: CK,
    secret: CS,
  });
  // Test connection with blank secret fields uses the saved ones.
  expect(shopTest({ editing: 'shop.example.com', platform: 'woocommerce', url: WOO.url }).ok).toBe(true);
  // A new secret replaces the old one; a changed platform needs its own credentials.
  shopSave({ editing: 'shop.example.com', platform: 'woocommerce', url: WOO.url, secret: 'cs_new' });
  expect(shopSecret(platform.properties, 'shop.example.com')).toMatchObject({ key: CK, secret: 'cs_new' });
  expect(
    shopSave({ editing: 'shop.example.com', platform: 'shopify', url: 'https://x.myshopify.com' }).ok,
  ).toBe(false);
  expect(shopSave({ ...WOO, name: 'SHOP.example.com' })).toEqual({
    ok: false,
    message: expect.stringContaining('A shop named shop.example.com is already connected'),
  });
});

test('removing a shop deletes its secret and its sync marks', () => {
  const { platform } = ledger();
  shopSave(WOO);
  syncFromTill();
  expect(platform.properties.keys().some((k) => k.startsWith('sync:shop.example.com:'))).toBe(true);
  expect(shopRemove('shop.example.com')).toEqual({ ok: true });
  expect(shopsList()).toEqual([]);
  expect(shopSecret(platform.properties, 'shop.example.com')).toBeNull();
  expect(platform.properties.keys().filter((k) => k.includes('shop.example.com'))).toEqual([]);
});

test("the site's root from what people paste", () => {
  expect(siteRoot('woocommerce', 'shop.example.com/')).toBe('https://shop.example.com');
  expect(siteRoot('woocommerce', 'https://shop.example.com/wp-admin/index.php')).toBe(
    'https://shop.example.com',
  );
  expect(siteRoot('shopify', 'https://admin.shopify.com/store/demo-store/orders')).toBe(
    'https://demo-store.myshopify.com',
  );
  expect(siteRoot('shopify', 'demo-store.myshopify.com/admin/products')).toBe(
    'https://demo-store.myshopify.com',
  );
  expect(siteRoot('woocommerce', 'http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
});
