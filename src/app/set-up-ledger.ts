/**
 * "Set up ledger": creates missing tabs and columns, with their formats and drop-downs, and the
 * missing Settings rows. Safe to run again: it never touches data that is there. It needs no
 * idempotency key because running it twice is the same as running it once.
 */
import { currencyExponent } from '../core/money';
import { SETTING_SPECS } from '../core/settings';
import { parseText } from '../ledger/cells';
import { tabStyle } from '../ledger/layout';
import { LedgerError } from '../ledger/problem';
import { SALES_BY_CHANNEL, SETTINGS, TABS } from '../ledger/schema';
import { readSettings } from '../ledger/settings-tab';
import { appendRows, readTable } from '../ledger/table';
import type { Platform } from '../platform/platform';
import { underLock } from './commit';
import { CHART_DATA_TAB, type ChartSource, placeSalesChart } from './summaries/sales-chart';

export interface SetupReport {
  tabsCreated: string[];
  columnsAdded: { tab: string; headers: string[] }[];
  settingsAdded: string[];
}

export function setUpLedger(p: Pick<Platform, 'workbook' | 'lock'>): SetupReport {
  const wb = p.workbook;
  return underLock(p, () => {
    const report: SetupReport = { tabsCreated: [], columnsAdded: [], settingsAdded: [] };
    const existing = wb.tabNames();
    // Formats need the currency; an existing Settings tab may already name it.
    const currencyCode = existingCurrency(p.workbook, existing);
    const currency = { code: currencyCode, exponent: currencyExponent(currencyCode) };

    for (const spec of TABS) {
      const isNew = !existing.includes(spec.name);
      if (isNew) wb.addTab(spec.name, spec.columns.length);
      const header = isNew ? [] : trimTrailingBlanks(wb.readHeader(spec.name).map((h) => parseText(h)));
      const missing = spec.columns.filter((c) => !header.includes(c.header));
      if (missing.length === 0) continue;
      const col = header.length + 1;
      const full = [...header, ...missing.map((c) => c.header)];
      wb.write(spec.name, 1, col, [missing.map((c) => c.header)]);
      wb.style(spec.name, tabStyle(spec, full, missing, currency));
      if (isNew) report.tabsCreated.push(spec.name);
      else report.columnsAdded.push({ tab: spec.name, headers: missing.map((c) => c.header) });
    }

    const settings = readSettings(wb);
    const env = { timeZone: wb.timeZone(), locale: wb.locale() };
    const rows = SETTING_SPECS.filter((s) => !settings.rowOf.has(s.key)).map((s) => ({
      Key: s.key,
      Value: s.initial(env),
    }));
    appendRows(wb, settings.table, rows);
    report.settingsAdded = rows.map((r) => r.Key);
    // The chart, once: run again, set-up changes nothing (Rebuild summaries keeps it current).
    if (!wb.tabNames().includes(CHART_DATA_TAB)) placeSalesChart(wb, salesRowsForChart(wb));
    return report;
  });
}

function existingCurrency(wb: Platform['workbook'], tabs: string[]): string {
  if (!tabs.includes(SETTINGS.name)) return 'EUR';
  try {
    return readSettings(wb, tabs).settings.currency;
  } catch (e) {
    if (e instanceof LedgerError) return 'EUR'; // a Settings tab without its headers: set-up repairs it
    throw e;
  }
}

/** The Sales by Channel rows as they stand; none when the tab cannot be read (Rebuild puts it right). */
function salesRowsForChart(wb: Platform['workbook']): ChartSource[] {
  try {
    const table = readTable(wb, SALES_BY_CHANNEL, wb.tabNames());
    return table.rows.map((row) => ({
      Period: table.get(row, 'Period'),
      Day: table.get(row, 'Day'),
      Channel: table.get(row, 'Channel'),
      Gross: table.get(row, 'Gross'),
    }));
  } catch (e) {
    if (e instanceof LedgerError) return [];
    throw e;
  }
}

function trimTrailingBlanks(header: string[]): string[] {
  let end = header.length;
  while (end > 0 && header[end - 1] === '') end--;
  return header.slice(0, end);
}

export function describeSetup(r: SetupReport): string {
  const parts: string[] = [];
  if (r.tabsCreated.length) parts.push(`Created the tabs ${r.tabsCreated.join(', ')}.`);
  for (const c of r.columnsAdded) parts.push(`Added the columns ${c.headers.join(', ')} to ${c.tab}.`);
  if (r.settingsAdded.length) parts.push(`Added the settings ${r.settingsAdded.join(', ')}.`);
  return parts.length ? parts.join(' ') : 'The ledger is already set up: nothing was changed.';
}
