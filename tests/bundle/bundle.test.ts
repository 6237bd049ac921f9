/**
 * The built bundle runs in Apps Script: loaded into a bare node:vm context holding only the
 * Apps Script globals (the fakes), with no Node or browser globals, it defines every entry
 * point as a top-level function, calls no service at load, and runs the menu items.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { entryPoints } from '../../src/gas/entry-points';
import { createAppsScript } from '../fakes';

const root = join(__dirname, '..', '..');
let code = '';

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'pipe' });
  code = readFileSync(join(root, 'dist', 'Code.js'), 'utf8');
});

const NOT_IN_APPS_SCRIPT = [
  'require',
  'process',
  'Buffer',
  'setTimeout',
  'setInterval',
  'fetch',
  'URL',
  'TextEncoder',
  'TextDecoder',
  'window',
  'document',
  'module',
  'exports',
];

/** A service that throws on any use, as an unauthorised one does in AuthMode.NONE. */
function unauthorised(name: string): unknown {
  return new Proxy(
    {},
    {
      get(_t, prop) {
        throw new Error(`${name}.${String(prop)}: authorisation is required to perform that action.`);
      },
    },
  );
}

function load(globals: Record<string, unknown>): vm.Context {
  const context = vm.createContext({ ...globals });
  vm.runInContext(code, context, { filename: 'Code.js' });
  return context;
}

test('the bundle context has none of the Node or browser globals', () => {
  const context = load({});
  for (const name of NOT_IN_APPS_SCRIPT) {
    expect(vm.runInContext(`typeof ${name}`, context)).toBe('undefined');
  }
});

test('loading the bundle calls no service', () => {
  const services = [
    'SpreadsheetApp',
    'LockService',
    'PropertiesService',
    'CacheService',
    'UrlFetchApp',
    'Utilities',
    'HtmlService',
    'ScriptApp',
    'Session',
  ];
  const globals = Object.fromEntries(services.map((s) => [s, unauthorised(s)]));
  expect(() => load(globals)).not.toThrow();
});

test('every registered entry point is a top-level function declaration', () => {
  const names = Object.keys(entryPoints);
  expect(names.length).toBeGreaterThan(0);
  const context = load({});
  for (const name of names) {
    expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    expect(vm.runInContext(`typeof ${name}`, context)).toBe('function');
    expect(name.endsWith('_')).toBe(false);
  }
});

test('onOpen in AuthMode.NONE only builds the add-on menu', () => {
  const env = createAppsScript({ htmlDir: join(root, 'dist') });
  const onlyUi = new Proxy(env.globals.SpreadsheetApp as object, {
    get(target, prop, receiver) {
      if (prop !== 'getUi') throw new Error(`SpreadsheetApp.${String(prop)}: authorisation is required.`);
      return Reflect.get(target, prop, receiver);
    },
  });
  const services = [
    'LockService',
    'PropertiesService',
    'CacheService',
    'UrlFetchApp',
    'Utilities',
    'HtmlService',
    'ScriptApp',
    'Session',
  ];
  const context = load({
    ...Object.fromEntries(services.map((s) => [s, unauthorised(s)])),
    SpreadsheetApp: onlyUi,
  });
  vm.runInContext('onOpen({ authMode: "NONE" })', context);
  const captions = env.ui.menus.flatMap((m) => m.items.map((i) => i.caption));
  expect(captions).toEqual(expect.arrayContaining(['Set up ledger', 'Check ledger']));
  expect(env.ui.menus[0].addon).toBe(true);
});

test('"Set up ledger" runs end to end through the entry points', () => {
  // The fakes hand out the context's own Date and Error, as Apps Script's realm would.
  const context = vm.createContext({ console });
  const env = createAppsScript({
    htmlDir: join(root, 'dist'),
    realm: vm.runInContext('({ Date, Error })', context),
  });
  Object.assign(context, env.globals);
  vm.runInContext(code, context, { filename: 'Code.js' });
  vm.runInContext('menuSetUpLedger()', context);
  const names = env.spreadsheet.getSheets().map((s) => s.getName());
  expect(names).toEqual(
    expect.arrayContaining([
      'Products',
      'Stock',
      'Movements',
      'Orders',
      'Order Lines',
      'Payments',
      'Customers',
      'Settings',
    ]),
  );
  const products = env.spreadsheet.getSheetByName('Products');
  expect(products?.getRange(1, 1, 1, 8).getValues()[0]).toEqual([
    'SKU',
    'Barcode',
    'Name',
    'Price',
    'VAT %',
    'Cost',
    'Active',
    'Reorder point',
  ]);
  expect(products?.getFrozenRows()).toBe(1);
  expect(env.ui.alerts.at(-1)?.message).toMatch(/Created the tabs Products/);

  // The check dialog opens, and its server call returns plain data only (no Date crosses google.script.run).
  vm.runInContext('menuCheckLedger()', context);
  expect(env.ui.dialogs.at(-1)?.title).toBe('Ledger check');
  const result = vm.runInContext('getLedgerCheck()', context);
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  expect(result.ok).toBe(true);
});

test('every menu item calls a registered entry point', () => {
  const env = createAppsScript({ htmlDir: join(root, 'dist') });
  const context = load({ ...env.globals });
  vm.runInContext('onOpen()', context);
  const functions = env.ui.menus.flatMap((m) =>
    m.items.filter((i) => i.functionName).map((i) => i.functionName as string),
  );
  expect(functions.length).toBeGreaterThan(3);
  for (const name of functions) expect(vm.runInContext(`typeof ${name}`, context)).toBe('function');
});

test('the till sidebar opens, and its server calls run through the entry points', () => {
  const context = vm.createContext({ console });
  const env = createAppsScript({
    htmlDir: join(root, 'dist'),
    realm: vm.runInContext('({ Date, Error })', context),
  });
  Object.assign(context, env.globals);
  vm.runInContext(code, context, { filename: 'Code.js' });
  vm.runInContext('menuSetUpLedger(); menuOpenTill();', context);
  expect(env.ui.sidebars.at(-1)?.title).toBe('Till');
  const opened = vm.runInContext('openTill({ key: "k1", till: "Till 1", float: 5000 })', context);
  expect(opened).toMatchObject({ ok: true, value: { till: 'Till 1', openingFloat: 5000 } });
  const state = vm.runInContext('tillState("Till 1")', context);
  expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  expect(state.session.sessionId).toBe(opened.value.sessionId);
  // A customer's phone is normalised to E.164 inside Apps Script (libphonenumber-js in the bundle).
  const made = vm.runInContext(
    'createCustomer({ key: "c1", name: "Ana", email: "Ana@Example.com", phone: "+34 612 34 56 78" })',
    context,
  );
  expect(made).toMatchObject({ ok: true, value: { email: 'ana@example.com', phone: '+34612345678' } });
  const card = vm.runInContext(`customerCard("${made.value.customerId}")`, context);
  expect(card).toMatchObject({ ok: true, value: { balance: 0, history: [] } });
});

test('web-shop sync runs through the entry points: shop settings, the till check, the hourly trigger', () => {
  const logged: string[] = [];
  const note = (...args: unknown[]) => void logged.push(args.join(' '));
  const context = vm.createContext({ console: { log: note, info: note, warn: note, error: note } });
  const requests: string[] = [];
  const env = createAppsScript({
    htmlDir: join(root, 'dist'),
    realm: vm.runInContext('({ Date, Error })', context),
    fetch: (req) => {
      requests.push(req.url);
      return { status: 200, headers: { 'X-WP-TotalPages': '1' }, body: '[]' };
    },
  });
  Object.assign(context, env.globals);
  vm.runInContext(code, context, { filename: 'Code.js' });
  vm.runInContext('menuSetUpLedger(); menuShopSettings();', context);
  expect(env.ui.dialogs.at(-1)?.title).toBe('Shop settings');
  const saved = vm.runInContext(
    'shopSave({ platform: "woocommerce", url: "https://shop.example.com", key: "ck_1", secret: "cs_1" })',
    context,
  );
  expect(saved).toMatchObject({ ok: true, name: 'shop.example.com' });
  expect(
    vm.runInContext(
      'shopTest({ editing: "shop.example.com", platform: "woocommerce", url: "https://shop.example.com" })',
      context,
    ),
  ).toMatchObject({ ok: true });
  const check = vm.runInContext('syncFromTill()', context);
  expect(JSON.parse(JSON.stringify(check))).toEqual(check);
  expect(check).toMatchObject({ shops: 1, ran: true, error: null });
  expect(requests.filter((u) => u.includes('/wp-json/wc/v3/orders?'))).toHaveLength(2);
  vm.runInContext('menuHourlySync(); menuHourlySync();', context);
  expect(env.shared.triggers).toEqual([
    expect.objectContaining({ handler: 'tick', schedule: { everyHours: 1 } }),
  ]);
  expect(() => vm.runInContext('tick()', context)).not.toThrow();
  expect(logged).toEqual(['Hourly sync: shop.example.com: nothing new.']);
});
