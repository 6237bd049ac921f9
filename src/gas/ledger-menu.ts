/** Menu items and dialog calls for setting up and checking the ledger. */

import { checkLedger } from '../app/check-ledger';
import { rebuildLoyalty } from '../app/loyalty/rebuild';
import { describeSetup, setUpLedger } from '../app/set-up-ledger';
import { rebuildStock } from '../app/stock/rebuild-stock';
import { describeRebuildSummaries, rebuildSummaries } from '../app/summaries/rebuild-summaries';
import { describeProblem, LedgerError } from '../ledger/problem';
import { appsScriptPlatform } from './platform';

export function menuSetUpLedger(): void {
  const report = setUpLedger(appsScriptPlatform());
  SpreadsheetApp.getUi().alert('Shop Ledger', describeSetup(report), SpreadsheetApp.getUi().ButtonSet.OK);
}

export function menuRebuildStock(): void {
  const r = rebuildStock(appsScriptPlatform());
  const changed = r.updated + r.added + r.zeroed + r.cleared;
  SpreadsheetApp.getUi().alert(
    'Shop Ledger',
    changed === 0
      ? 'The Stock tab already matched the moves: nothing was changed.'
      : `Rebuilt the Stock tab from Movements: ${r.updated} rows corrected, ${r.added} added, ${r.zeroed} set to zero, ${r.cleared} duplicates cleared.`,
    SpreadsheetApp.getUi().ButtonSet.OK,
  );
}

/** Rewrites the Customers' Loyalty balance from the Loyalty entries (what Check ledger reports). */
export function menuRebuildLoyalty(): void {
  let message: string;
  try {
    const n = rebuildLoyalty(appsScriptPlatform());
    message =
      n === 0
        ? 'Every Loyalty balance already matched its Loyalty entries: nothing was changed.'
        : `Rewrote ${n} Loyalty balance(s) in Customers from the Loyalty entries.`;
  } catch (e) {
    // Refused for unreadable Loyalty cells: the alert lists them.
    if (!(e instanceof LedgerError)) throw e;
    message = e.message;
  }
  SpreadsheetApp.getUi().alert('Shop Ledger', message, SpreadsheetApp.getUi().ButtonSet.OK);
}

/** Recomputes Sales by Channel, Payments by Method and VAT Summary from the ledger. */
export function menuRebuildSummaries(): void {
  const r = rebuildSummaries(appsScriptPlatform());
  SpreadsheetApp.getUi().alert(
    'Shop Ledger',
    describeRebuildSummaries(r),
    SpreadsheetApp.getUi().ButtonSet.OK,
  );
}

export function menuCheckLedger(): void {
  const html = HtmlService.createHtmlOutputFromFile('check').setWidth(640).setHeight(480);
  SpreadsheetApp.getUi().showModalDialog(html, 'Ledger check');
}

/** Called by the check dialog. Plain objects only cross google.script.run. */
export function getLedgerCheck(): {
  ok: boolean;
  problems: { tab: string; cell: string; message: string; text: string }[];
} {
  const platform = appsScriptPlatform();
  const report = checkLedger(platform.workbook, platform.digest);
  return {
    ok: report.ok,
    problems: report.problems.map((p) => ({ ...p, text: describeProblem(p) })),
  };
}
