/** The meter: every service method call counts; enum reads do not; executions have their own meters. */
import { createAppsScript, createSharedState } from '.';

type Env = ReturnType<typeof createAppsScript>;
// biome-ignore lint/suspicious/noExplicitAny: the test walks every fake object generically.
type Any = any;

test('a sequence of calls is counted per method, with the cells it read and wrote', () => {
  const env = createAppsScript({ fetch: () => ({ status: 200, body: '[]' }) });
  const { SpreadsheetApp, LockService, PropertiesService, UrlFetchApp } = env.globals;
  const lock = LockService.getDocumentLock();
  lock.waitLock(1000);
  const sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
  sheet?.getRange(1, 1, 2, 3).setValues([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  sheet?.getDataRange().getValues();
  PropertiesService.getDocumentProperties().getProperty('cursor');
  UrlFetchApp.fetch('https://shop.example/orders').getContentText();
  SpreadsheetApp.flush();
  lock.releaseLock();
  expect(env.meter.snapshot()).toEqual({
    calls: 14,
    byMethod: {
      'LockService.getDocumentLock': 1,
      'Lock.waitLock': 1,
      'SpreadsheetApp.getActive': 1,
      'Spreadsheet.getSheetByName': 1,
      'Sheet.getRange': 1,
      'Range.setValues': 1,
      'Sheet.getDataRange': 1,
      'Range.getValues': 1,
      'PropertiesService.getDocumentProperties': 1,
      'Properties.getProperty': 1,
      'UrlFetchApp.fetch': 1,
      'HTTPResponse.getContentText': 1,
      'SpreadsheetApp.flush': 1,
      'Lock.releaseLock': 1,
    },
    cellsRead: 6,
    cellsWritten: 6,
    cellsFormatted: 0,
    unflushedReleases: 0,
  });
});

test('reading enums is free', () => {
  const env = createAppsScript();
  const { ScriptApp, SpreadsheetApp, Utilities, HtmlService } = env.globals;
  void [ScriptApp.AuthMode.FULL, SpreadsheetApp.ProtectionType.SHEET, Utilities.DigestAlgorithm.SHA_256];
  void HtmlService.SandboxMode.IFRAME;
  expect(env.meter.calls).toBe(0);
});

test('reset, snapshot copies and uncounted inspection', () => {
  const env = createAppsScript();
  env.spreadsheet.getSheets();
  const snap = env.meter.snapshot();
  snap.byMethod['Spreadsheet.getSheets'] = 99;
  expect(env.meter.byMethod['Spreadsheet.getSheets']).toBe(1);
  const names = env.meter.uncounted(() => env.spreadsheet.getSheets().map((s) => s.getName()));
  expect(names).toEqual(['Sheet1']);
  expect(env.meter.calls).toBe(1);
  env.meter.reset();
  expect(env.meter.snapshot()).toEqual({
    calls: 0,
    byMethod: {},
    cellsRead: 0,
    cellsWritten: 0,
    cellsFormatted: 0,
    unflushedReleases: 0,
  });
});

test('executions that share state have their own meters', () => {
  const shared = createSharedState();
  const a = createAppsScript({ shared });
  const b = createAppsScript({ shared });
  a.globals.SpreadsheetApp.flush();
  expect(a.meter.calls).toBe(1);
  expect(b.meter.calls).toBe(0);
});

/** How to reach one object of each fake class from a fresh execution. */
const FAKES: Record<string, (env: Env) => Any> = {
  SpreadsheetApp: (e) => e.globals.SpreadsheetApp,
  Spreadsheet: (e) => e.spreadsheet,
  Sheet: (e) => e.spreadsheet.getSheets()[0],
  Range: (e) => e.spreadsheet.getSheets()[0].getRange('A1:B2'),
  TextFinder: (e) => e.spreadsheet.getSheets()[0].createTextFinder('x'),
  Ui: (e) => e.globals.SpreadsheetApp.getUi(),
  Menu: (e) => e.globals.SpreadsheetApp.getUi().createMenu('M'),
  PromptResponse: (e) => e.globals.SpreadsheetApp.getUi().prompt('?'),
  DataValidationBuilder: (e) => e.globals.SpreadsheetApp.newDataValidation(),
  DataValidation: (e) => e.globals.SpreadsheetApp.newDataValidation().requireValueInList(['a']).build(),
  ConditionalFormatRuleBuilder: (e) => e.globals.SpreadsheetApp.newConditionalFormatRule(),
  ConditionalFormatRule: (e) => rule(e),
  BooleanCondition: (e) => rule(e).getBooleanCondition(),
  Protection: (e) => e.spreadsheet.getSheets()[0].protect(),
  LockService: (e) => e.globals.LockService,
  Lock: (e) => e.globals.LockService.getDocumentLock(),
  PropertiesService: (e) => e.globals.PropertiesService,
  Properties: (e) => e.globals.PropertiesService.getDocumentProperties(),
  CacheService: (e) => e.globals.CacheService,
  Cache: (e) => e.globals.CacheService.getScriptCache(),
  UrlFetchApp: (e) => e.globals.UrlFetchApp,
  HTTPResponse: (e) => e.globals.UrlFetchApp.fetch('https://a.example/'),
  Blob: (e) => e.globals.Utilities.newBlob('x'),
  Utilities: (e) => e.globals.Utilities,
  HtmlService: (e) => e.globals.HtmlService,
  HtmlOutput: (e) => e.globals.HtmlService.createHtmlOutput('x'),
  ScriptApp: (e) => e.globals.ScriptApp,
  AuthorizationInfo: (e) => e.globals.ScriptApp.getAuthorizationInfo(e.globals.ScriptApp.AuthMode.FULL),
  TriggerBuilder: (e) => e.globals.ScriptApp.newTrigger('f'),
  ClockTriggerBuilder: (e) => e.globals.ScriptApp.newTrigger('f').timeBased(),
  SpreadsheetTriggerBuilder: (e) => e.globals.ScriptApp.newTrigger('f').forSpreadsheet(e.spreadsheet as Any),
  Trigger: (e) => e.globals.ScriptApp.newTrigger('f').timeBased().everyHours(1).create(),
  Session: (e) => e.globals.Session,
  User: (e) => e.globals.Session.getActiveUser(),
  Logger: (e) => e.globals.Logger,
};

function rule(e: Env): Any {
  const range = e.spreadsheet.getSheets()[0].getRange('A1');
  return e.globals.SpreadsheetApp.newConditionalFormatRule()
    .whenCellEmpty()
    .setRanges([range as Any])
    .build();
}

/** Class methods that are the fakes' own helpers, not Apps Script methods. */
const HELPERS = new Set([
  'constructor',
  'cells',
  'first',
  'validationOf',
  'checkGrid',
  'writeContent',
  'filled',
  'eachCell',
  'format',
  'checkFormat',
  'checkWeight',
  'toRef',
  'rangeAt',
  'growBy',
  'checkRows',
  'view',
  'rangeOf',
  'key',
  'expiry',
  'value',
  'commit',
  'acquire',
  'charset',
  'decode',
  'quota',
  'one',
  'body',
  'send',
  'dialogArgs',
  'html',
  'set',
  'when',
  'on',
  'changed',
]);

function methodsOf(obj: object): string[] {
  const names = new Set<string>();
  for (let p = Object.getPrototypeOf(obj); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const n of Object.getOwnPropertyNames(p)) {
      const d = Object.getOwnPropertyDescriptor(p, n);
      if (d && typeof d.value === 'function' && !HELPERS.has(n)) names.add(n);
    }
  }
  return [...names];
}

describe.each(Object.entries(FAKES))('every %s method is counted', (cls, make) => {
  const env0 = createAppsScript({ fetch: () => ({ status: 200 }) });
  const methods = methodsOf(make(env0));
  test.each(methods)(`${cls}.%s`, (method) => {
    const env = createAppsScript({ fetch: () => ({ status: 200 }) });
    const obj = make(env);
    env.meter.reset();
    try {
      obj[method]();
    } catch {
      // Most methods want arguments; what matters is that the attempt was counted.
    }
    expect(env.meter.byMethod[`${cls}.${method}`]).toBeGreaterThanOrEqual(1);
  });
});
