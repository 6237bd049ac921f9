/**
 * The ports over Apps Script services, built when an entry point runs (never at load: the
 * bundle's top level must not touch a service, or onOpen fails in AuthMode.NONE).
 */
import { type HttpRequest, type HttpResponse, HttpUnreachableError } from '../platform/http';
import type { Platform } from '../platform/platform';
import { DocumentLock } from './document-lock';
import { SheetsWorkbook } from './sheets-workbook';

function hex(bytes: number[]): string {
  return bytes.map((b) => ((b + 256) % 256).toString(16).padStart(2, '0')).join('');
}

function fetch(fetchApp: GoogleAppsScript.URL_Fetch.UrlFetchApp, req: HttpRequest): HttpResponse {
  let res: GoogleAppsScript.URL_Fetch.HTTPResponse;
  try {
    res = fetchApp.fetch(req.url, {
      method: req.method.toLowerCase() as GoogleAppsScript.URL_Fetch.HttpMethod,
      headers: req.headers,
      payload: req.body,
      muteHttpExceptions: true,
      followRedirects: true,
    });
  } catch (e) {
    throw new HttpUnreachableError(`Could not reach ${req.url}: ${(e as Error).message}`);
  }
  const headers: Record<string, string> = {};
  const raw = res.getHeaders() as Record<string, string>;
  for (const name of Object.keys(raw)) headers[name.toLowerCase()] = String(raw[name]);
  return { status: res.getResponseCode(), headers, body: res.getContentText() };
}

export function appsScriptPlatform(): Platform {
  const properties = PropertiesService;
  const spreadsheets = SpreadsheetApp;
  const utilities = Utilities;
  const fetchApp = UrlFetchApp;
  const props = () => properties.getDocumentProperties();
  return {
    workbook: new SheetsWorkbook(spreadsheets),
    lock: new DocumentLock(LockService),
    properties: {
      get: (k) => props().getProperty(k),
      set: (k, v) => void props().setProperty(k, v),
      delete: (k) => void props().deleteProperty(k),
      keys: () => props().getKeys(),
    },
    clock: { now: () => Date.now() },
    digest: {
      sha256Hex: (text) =>
        hex(utilities.computeDigest(utilities.DigestAlgorithm.SHA_256, text, utilities.Charset.UTF_8)),
      uuid: () => utilities.getUuid(),
    },
    log: {
      info: (m) => console.info(m),
      warn: (m) => console.warn(m),
      error: (m) => console.error(m),
    },
    notify: { toast: (m, title) => spreadsheets.getActive().toast(m, title ?? 'Shop Ledger') },
    http: { request: (req) => fetch(fetchApp, req) },
  };
}
