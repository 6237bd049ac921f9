/**
 * In-memory fakes of the Apps Script services Shop Ledger uses. createAppsScript() makes one
 * "execution": globals to install (in a test or a node:vm context), a meter of service calls and
 * cells, the active spreadsheet, and a record of the UI. Executions made with the same `shared`
 * state see one spreadsheet, one document lock, one set of property stores, caches and triggers.
 *
 * Each behaviour follows a Google reference page, named in the file that implements it and pinned
 * by a test in tests/fakes/*.test.ts.
 */

import { FakeCacheService } from './cache';
import { FakeCharts } from './chart';
import { type AuthModeName, bindMethods, Execution, type Realm } from './execution';
import { FakeHtmlService } from './html';
import { FakeLockService, releaseAllLocks } from './lock';
import { ServiceMeter } from './meter';
import { FakePropertiesService } from './properties';
import { FakeScriptApp } from './script-app';
import { FakeLogger, FakeSession } from './session';
import { createSharedState, FakeClock, SharedState, type SharedStateOptions } from './shared-state';
import { FakeSpreadsheet, FakeSpreadsheetApp } from './spreadsheet';
import { FakeUi } from './ui-record';
import { FakeUrlFetchApp } from './url-fetch';
import type { FakeFetchHandler, FakeFetchRequest } from './url-fetch-types';
import { FakeUtilities } from './utilities';

export { FakeConditionalFormatRule } from './conditional-format';
export { FakeDataValidation } from './data-validation';
export type { AuthModeName, Realm } from './execution';
export type { MeterSnapshot } from './meter';
export { FakeProtection } from './protection';
export { FakeRange, FORMULA_VALUE } from './range';
export type { SharedStateOptions, TriggerRecord } from './shared-state';
export { FakeSheet } from './sheet';
export { FakeTextFinder } from './text-finder';
export type {
  AlertRecord,
  DialogRecord,
  HtmlRecord,
  MenuItem,
  MenuRecord,
  PromptRecord,
  ToastRecord,
} from './ui-record';
export type { FakeFetchHandler, FakeFetchRequest, FakeFetchResponse } from './url-fetch-types';
export { createSharedState, FakeClock, FakeSpreadsheet, FakeUi, ServiceMeter, SharedState };

export interface AppsScriptOptions {
  /** The spreadsheet's time zone (default 'Europe/Madrid'). With `shared`, set it there instead. */
  timeZone?: string;
  /** The spreadsheet's locale (default 'en_US'). With `shared`, set it there instead. */
  locale?: string;
  /** Session.getScriptTimeZone(); default: the spreadsheet's time zone. */
  scriptTimeZone?: string;
  /** Where HtmlService.createHtmlOutputFromFile reads NAME.html; default 'dist' (from the cwd). */
  htmlDir?: string;
  /** The effective user (default 'owner@example.com'); user properties, caches, locks and triggers are per user. */
  userEmail?: string;
  /** Session.getActiveUser().getEmail(); default userEmail. '' mimics a withheld email. */
  activeUserEmail?: string;
  /** Session.getActiveUserLocale(); default 'en'. */
  userLocale?: string;
  /** The fake clock in epoch ms (default Date.now). With `shared`, set it there instead. */
  now?: () => number;
  /** Routes UrlFetchApp requests. */
  fetch?: FakeFetchHandler;
  /** Another execution's shared state: same spreadsheet, document lock, properties, caches, triggers. */
  shared?: SharedState;
  /** Enforce editor add-on trigger limits (default true). */
  addOn?: boolean;
  /** The execution's authorization mode (default 'FULL'). 'NONE' allows only building the add-on menu. */
  authMode?: AuthModeName;
  /** False for executions without a UI (time-driven triggers): SpreadsheetApp.getUi() throws. */
  hasUi?: boolean;
  /** ScriptApp.getAuthorizationInfo(...).getAuthorizationStatus() is REQUIRED when true (default false). */
  authorizationRequired?: boolean;
  /** The Date and Error constructors of the code's realm, when it runs in a node:vm context. */
  realm?: Realm;
}

export interface AppsScriptGlobals {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  Charts: GoogleAppsScript.Charts.Charts;
  LockService: GoogleAppsScript.Lock.LockService;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  CacheService: GoogleAppsScript.Cache.CacheService;
  UrlFetchApp: GoogleAppsScript.URL_Fetch.UrlFetchApp;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  Session: GoogleAppsScript.Base.Session;
  Logger: GoogleAppsScript.Base.Logger;
}

export interface FakeAppsScript {
  /** The services, typed as @types/google-apps-script declares them. */
  globals: AppsScriptGlobals;
  meter: ServiceMeter;
  /** The active spreadsheet (the same object SpreadsheetApp.getActiveSpreadsheet() returns; calls on it count). */
  spreadsheet: FakeSpreadsheet;
  shared: SharedState;
  ui: FakeUi;
  /** Every UrlFetchApp request of this execution, redirects included. */
  requests: FakeFetchRequest[];
  /** Logger.log lines. */
  logs: string[];
  clock: FakeClock;
  /** Ends the execution as Apps Script does: the locks it still holds are released. */
  end(): void;
}

export function createAppsScript(options: AppsScriptOptions = {}): FakeAppsScript {
  if (options.shared && (options.timeZone || options.locale || options.now)) {
    throw new Error(
      'Fake: timeZone, locale and now belong to the shared state; pass them to createSharedState().',
    );
  }
  const shared =
    options.shared ??
    createSharedState({
      timeZone: options.timeZone,
      locale: options.locale,
      now: options.now,
    } satisfies SharedStateOptions);
  const meter = new ServiceMeter();
  const ui = new FakeUi();
  const userEmail = options.userEmail ?? 'owner@example.com';
  const x = new Execution(shared, meter, ui, {
    userEmail,
    activeUserEmail: options.activeUserEmail ?? userEmail,
    userLocale: options.userLocale ?? 'en',
    scriptTimeZone: options.scriptTimeZone ?? shared.spreadsheet.timeZone,
    htmlDir: options.htmlDir ?? 'dist',
    addOn: options.addOn ?? true,
    authMode: options.authMode ?? 'FULL',
    hasUi: options.hasUi ?? true,
    authorizationRequired: options.authorizationRequired ?? false,
    fetch: options.fetch,
    realm: options.realm ?? { Date, Error },
  });
  const spreadsheet = new FakeSpreadsheet(x, shared.spreadsheet);
  const services = {
    SpreadsheetApp: new FakeSpreadsheetApp(x, spreadsheet),
    Charts: new FakeCharts(),
    LockService: new FakeLockService(x),
    PropertiesService: new FakePropertiesService(x),
    CacheService: new FakeCacheService(x),
    UrlFetchApp: new FakeUrlFetchApp(x),
    Utilities: new FakeUtilities(x),
    HtmlService: new FakeHtmlService(x),
    ScriptApp: new FakeScriptApp(x),
    Session: new FakeSession(x),
    Logger: new FakeLogger(x),
  };
  for (const service of Object.values(services)) bindMethods(service);
  return {
    globals: services as unknown as AppsScriptGlobals,
    meter,
    spreadsheet,
    shared,
    ui,
    requests: x.requests,
    logs: x.logs,
    clock: shared.clock,
    end: () => releaseAllLocks(x),
  };
}
