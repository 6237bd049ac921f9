/**
 * "Check ledger": every problem in the ledger, each with its tab and cell. Read-only.
 * Besides bad cells it reports stock drift: where the Stock tab differs from what Movements and
 * Transfers add up to, and the Invoices tab's numbering (gaps, duplicates, order) and hash chain
 * (rows edited by hand, rows deleted, inserted or moved), each named by its row.
 */
import { DEFAULT_SERIES } from '../core/invoice/series';
import { sizeWarning } from '../core/sheet-size';

import { readMoves } from '../ledger/movements';
import { LedgerError, type Problem } from '../ledger/problem';
import { readProducts } from '../ledger/products';
import {
  CUSTOMERS,
  INVOICES,
  LOYALTY,
  MOVEMENTS,
  PRODUCTS,
  SETTINGS,
  STOCK,
  TABS,
  TRANSFERS,
} from '../ledger/schema';
import { readStock } from '../ledger/stock-tab';
import { duplicateKeys, readTable, validateTable } from '../ledger/table';
import { readTransfers } from '../ledger/transfers';
import type { Digest } from '../platform/digest';
import type { Workbook } from '../platform/workbook';
import { invoiceTabProblems } from './invoices/verify-invoices';
import { loadContext } from './ledger-context';
import { checkLoyalty } from './loyalty/rebuild';
import { stockDrift } from './stock/stock-drift';

export interface CheckReport {
  ok: boolean;
  problems: Problem[];
}

export function checkLedger(wb: Workbook, digest?: Pick<Digest, 'sha256Hex'>): CheckReport {
  const problems: Problem[] = [];
  /** Runs one tab's read; a LedgerError (a missing tab or header) becomes its problems. */
  const guard = <T>(tab: string, read: () => T): T | null => {
    try {
      return read();
    } catch (e) {
      if (!(e instanceof LedgerError)) throw e;
      problems.push(...(e.problems.length ? e.problems : [{ tab, cell: '', message: e.message }]));
      return null;
    }
  };
  const loaded = guard(SETTINGS.name, () => loadContext(wb));
  if (loaded) problems.push(...loaded.settingProblems);
  const ctx = loaded ?? { tabs: wb.tabNames(), cells: { exponent: 2 } };
  guard(PRODUCTS.name, () => problems.push(...readProducts(wb, ctx.cells, ctx.tabs).problems));

  // Stock, Movements and Transfers are each read once, for their cells and for the drift check.
  const stock = guard(STOCK.name, () => readStock(wb, ctx.cells, ctx.tabs));
  if (stock) problems.push(...stock.problems);
  const moves = guard(MOVEMENTS.name, () => readMoves(wb, ctx.cells, ctx.tabs));
  if (moves) {
    problems.push(...moves.problems, ...duplicateKeys(moves.table, 'Move ID').map((d) => d.problem));
  }
  const transfers = guard(TRANSFERS.name, () => readTransfers(wb, ctx.cells, ctx.tabs));
  if (transfers) problems.push(...transfers.problems);

  // Invoices: their cells, then the numbering and the hash chain, each problem naming its row.
  const invoices = guard(INVOICES.name, () => readTable(wb, INVOICES, ctx.tabs));
  if (invoices) {
    const series = loaded?.settings.invoiceSeries ?? DEFAULT_SERIES;
    problems.push(...invoiceTabProblems(invoices, series, ctx.cells, digest));
  }

  // Customers and Loyalty: their cells, and each Loyalty balance against its entries' sum.
  problems.push(...checkLoyalty(wb, ctx, guard));

  const done = [PRODUCTS, SETTINGS, STOCK, MOVEMENTS, TRANSFERS, INVOICES, CUSTOMERS, LOYALTY];
  for (const spec of TABS) {
    if (done.includes(spec)) continue;
    guard(spec.name, () => problems.push(...validateTable(readTable(wb, spec, ctx.tabs), ctx.cells)));
  }
  const size = sizeWarning(wb.gridCells());
  if (size) problems.push({ tab: '', cell: '', message: size });
  // Drift only when every move and transfer can be read: otherwise what they "add up to" would
  // be wrong, and their bad cells are reported above.
  if (loaded && stock && moves?.problems.length === 0 && transfers?.problems.length === 0) {
    problems.push(...stockDrift(stock, moves.moves, transfers.transfers, loaded.settings.locations));
  }
  return { ok: problems.length === 0, problems };
}
