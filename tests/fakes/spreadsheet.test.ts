/** Spreadsheet and SpreadsheetApp: tabs, names, time zone and locale, toasts, flush, scope. */
import { createAppsScript } from '.';

function setup(options: Parameters<typeof createAppsScript>[0] = {}) {
  const env = createAppsScript(options);
  return {
    env,
    SpreadsheetApp: env.globals.SpreadsheetApp,
    ss: env.globals.SpreadsheetApp.getActiveSpreadsheet(),
  };
}

// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#getActive()
test('getActive and getActiveSpreadsheet give the bound spreadsheet', () => {
  const { env, SpreadsheetApp } = setup();
  expect(SpreadsheetApp.getActive().getId()).toBe(SpreadsheetApp.getActiveSpreadsheet().getId());
  expect(env.spreadsheet.getId()).toBe(SpreadsheetApp.getActive().getId());
  expect(SpreadsheetApp.getActive().getName()).toBe('Shop Ledger');
});

// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSheetByName(String)
test('getSheetByName gives null for a missing tab, and matches names regardless of case', () => {
  const { ss } = setup();
  ss.insertSheet('Orders');
  expect(ss.getSheetByName('Nope')).toBeNull();
  expect(ss.getSheetByName('orders')?.getName()).toBe('Orders');
});

// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertSheet(String)
test('insertSheet refuses a name already used, whatever the case', () => {
  const { ss } = setup();
  ss.insertSheet('Orders');
  expect(() => ss.insertSheet('Orders')).toThrow(
    'A sheet with the name "Orders" already exists. Please enter another name.',
  );
  expect(() => ss.insertSheet('ORDERS')).toThrow('A sheet with the name "ORDERS" already exists.');
});

// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertSheet(String,Integer)
test('insertSheet appends by default, inserts at an index, and makes the new tab active', () => {
  const { ss } = setup();
  ss.insertSheet('B');
  ss.insertSheet('A', 0);
  ss.insertSheet();
  expect(ss.getSheets().map((s) => s.getName())).toEqual(['A', 'Sheet1', 'B', 'Sheet4']);
  expect(ss.getActiveSheet().getName()).toBe('Sheet4');
  expect(ss.getSheetByName('B')?.getIndex()).toBe(3);
});

// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#deleteSheet(Sheet)
test("deleteSheet removes a tab; the last tab can't be removed", () => {
  const { ss } = setup();
  const orders = ss.insertSheet('Orders');
  ss.deleteSheet(orders);
  expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
  expect(() => ss.deleteSheet(ss.getSheets()[0])).toThrow("You can't remove all the sheets in a document.");
});

// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSpreadsheetTimeZone()
test("time zone and locale are the spreadsheet's (defaults Europe/Madrid, en_US)", () => {
  expect(setup().ss.getSpreadsheetTimeZone()).toBe('Europe/Madrid');
  expect(setup().ss.getSpreadsheetLocale()).toBe('en_US');
  const { ss } = setup({ timeZone: 'America/New_York', locale: 'es_ES' });
  expect([ss.getSpreadsheetTimeZone(), ss.getSpreadsheetLocale()]).toEqual(['America/New_York', 'es_ES']);
});

// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#toast(String,String,Number)
test('toasts are recorded with title and timeout (default 5 s)', () => {
  const { env, ss } = setup();
  ss.toast('Saved');
  ss.toast('Synced 3 orders', 'Shop Ledger', 10);
  expect(env.ui.toasts).toEqual([
    { message: 'Saved', title: '', timeoutSeconds: 5 },
    { message: 'Synced 3 orders', title: 'Shop Ledger', timeoutSeconds: 10 },
  ]);
});

// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getRange(String)
test("getRange('Tab!A1:B2') on the spreadsheet", () => {
  const { ss } = setup();
  ss.insertSheet('Orders').getRange('B2').setValue(5);
  expect(ss.getRange('Orders!B2').getValue()).toBe(5);
  expect(ss.getRange("'Orders'!A1:B2").getValues()).toEqual([
    ['', ''],
    ['', 5],
  ]);
  expect(() => ss.getRange('Nope!A1')).toThrow('Range not found');
});

// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#flush()
test('flush is counted', () => {
  const { env, SpreadsheetApp } = setup();
  SpreadsheetApp.flush();
  expect(env.meter.byMethod['SpreadsheetApp.flush']).toBe(1);
});

// https://developers.google.com/apps-script/concepts/scopes : spreadsheets.currentonly reaches only the bound file.
test('openById is refused under the current-only scope', () => {
  const { SpreadsheetApp } = setup();
  expect(() => SpreadsheetApp.openById('other')).toThrow(
    'You do not have permission to call SpreadsheetApp.openById.',
  );
});

// https://developers.google.com/apps-script/reference/spreadsheet/protection-type
test('enums compare by identity and print their names', () => {
  const { SpreadsheetApp } = setup();
  expect(String(SpreadsheetApp.ProtectionType.SHEET)).toBe('SHEET');
  expect(SpreadsheetApp.ProtectionType.SHEET).not.toBe(SpreadsheetApp.ProtectionType.RANGE);
});

test('executions sharing state see one spreadsheet', () => {
  const first = createAppsScript();
  const second = createAppsScript({ shared: first.shared });
  first.spreadsheet.getSheets()[0].getRange('A1').setValue('from the first');
  expect(second.spreadsheet.getSheets()[0].getRange('A1').getValue()).toBe('from the first');
  expect(() => createAppsScript({ shared: first.shared, timeZone: 'UTC' })).toThrow(
    'belong to the shared state',
  );
});
