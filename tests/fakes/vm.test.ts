/**
 * The fakes as globals of a node:vm context, as the bundle test uses them: code in the context
 * gets Dates and Errors of its own realm, and service methods work through proxies and when detached.
 */
import vm from 'node:vm';
import { createAppsScript, type Realm } from '.';

function context() {
  const ctx = vm.createContext({});
  const realm = vm.runInContext('({ Date, Error })', ctx) as Realm;
  const env = createAppsScript({ realm });
  Object.assign(ctx, env.globals);
  return { ctx, env };
}

// https://developers.google.com/apps-script/reference/spreadsheet/range#getValues() : date cells are Dates.
test("date cells read in the context are the context's Date objects", () => {
  const { ctx } = context();
  const result = vm.runInContext(
    `const r = SpreadsheetApp.getActive().getSheets()[0].getRange('A1:B1');
     r.setValues([[new Date(Date.UTC(2026, 0, 31)), '2026-02-01']]);
     r.getValues()[0].map((v) => v instanceof Date)`,
    ctx,
  );
  expect(result).toEqual([true, true]);
});

test("service errors are the context's Errors, named Exception", () => {
  const { ctx } = context();
  const result = vm.runInContext(
    `try { SpreadsheetApp.getActive().getSheets()[0].getRange(1, 1, 0, 1); 'no error' }
     catch (e) { [e instanceof Error, e.name, e.message] }`,
    ctx,
  );
  expect(result).toEqual([true, 'Exception', 'The number of rows in the range must be at least 1.']);
});

test('without a realm the Dates are Node’s: instanceof fails inside the context', () => {
  const ctx = vm.createContext({});
  Object.assign(ctx, createAppsScript().globals);
  expect(
    vm.runInContext(
      `const r = SpreadsheetApp.getActive().getSheets()[0].getRange('A1'); r.setValue(new Date()); r.getValue() instanceof Date`,
      ctx,
    ),
  ).toBe(false);
});

test('service methods work through a Proxy and when detached', () => {
  const env = createAppsScript();
  const onlyUi = new Proxy(env.globals.SpreadsheetApp, {
    get(target, prop, receiver) {
      if (prop !== 'getUi') throw new Error(`SpreadsheetApp.${String(prop)} is not allowed here`);
      return Reflect.get(target, prop, receiver);
    },
  });
  onlyUi.getUi().createAddonMenu().addItem('Set up', 'menuSetUp').addToUi();
  expect(env.ui.menuFunctions()).toEqual(['menuSetUp']);
  const { getActiveSpreadsheet } = env.globals.SpreadsheetApp;
  expect(getActiveSpreadsheet().getSheets()).toHaveLength(1);
});
