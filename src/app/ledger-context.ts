/** What most use cases need first: the tab list, the settings and the currency's decimals. */
import { currencyExponent } from '../core/money';
import type { Settings } from '../core/settings';
import type { CellContext } from '../ledger/cells';
import type { Problem } from '../ledger/problem';
import { readSettings } from '../ledger/settings-tab';
import type { Workbook } from '../platform/workbook';

export interface LedgerContext {
  tabs: string[];
  settings: Settings;
  settingProblems: Problem[];
  cells: CellContext;
}

export function loadContext(wb: Workbook): LedgerContext {
  const tabs = wb.tabNames();
  const loaded = readSettings(wb, tabs);
  return {
    tabs,
    settings: loaded.settings,
    settingProblems: loaded.problems,
    cells: { exponent: currencyExponent(loaded.settings.currency) },
  };
}
