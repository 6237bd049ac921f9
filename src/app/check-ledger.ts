/**
 * "Check ledger": every problem in the ledger, each with its tab and cell. Read-only.
 * Later features add their own checks here (stock drift, the invoice chain).
 */
import { LedgerError, type Problem } from '../ledger/problem';
import { readProducts } from '../ledger/products';
import { PRODUCTS, SETTINGS, TABS } from '../ledger/schema';
import { readTable, validateTable } from '../ledger/table';
import type { Workbook } from '../platform/workbook';
import { loadContext } from './ledger-context';

export interface CheckReport {
  ok: boolean;
  problems: Problem[];
}

export function checkLedger(wb: Workbook): CheckReport {
  const problems: Problem[] = [];
  const guard = (tab: string, read: () => void) => {
    try {
      read();
    } catch (e) {
      if (!(e instanceof LedgerError)) throw e;
      problems.push(...(e.problems.length ? e.problems : [{ tab, cell: '', message: e.message }]));
    }
  };
  let ctx = { tabs: wb.tabNames(), cells: { exponent: 2 } };
  guard(SETTINGS.name, () => {
    const loaded = loadContext(wb);
    ctx = loaded;
    problems.push(...loaded.settingProblems);
  });
  guard(PRODUCTS.name, () => problems.push(...readProducts(wb, ctx.cells, ctx.tabs).problems));
  for (const spec of TABS) {
    if (spec === PRODUCTS || spec === SETTINGS) continue;
    guard(spec.name, () => problems.push(...validateTable(readTable(wb, spec, ctx.tabs), ctx.cells)));
  }
  return { ok: problems.length === 0, problems };
}
