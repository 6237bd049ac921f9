/**
 * "Rebuild stock": the Stock tab recomputed from Movements and Transfers, which are the truth.
 * Rows that exist are rewritten in place as one block, the pairs that have no row yet are
 * appended in one write, a pair that the moves no longer mention is set to zero, and a second
 * row for the same SKU and location is blanked. Low follows each product's reorder point.
 *
 * It needs no idempotency key: running it twice is the same as running it once. Reserved comes
 * from the moves only (0) until web orders reserve stock.
 */
import { Catalogue } from '../../core/catalogue';
import { type Balance, balanceKey, computeBalances } from '../../core/stock';
import { parseText } from '../../ledger/cells';
import { readMoves } from '../../ledger/movements';
import { describeProblem, LedgerError } from '../../ledger/problem';
import { readProducts } from '../../ledger/products';
import { STOCK } from '../../ledger/schema';
import { balanceRecord, readStock } from '../../ledger/stock-tab';
import {
  appendRows,
  type Record_,
  type Row,
  type RowChange,
  type Table,
  updateRows,
} from '../../ledger/table';
import { readTransfers, routesOf } from '../../ledger/transfers';
import type { Platform } from '../../platform/platform';
import { underLock } from '../commit';
import { loadContext } from '../ledger-context';
import { reorderPoints } from './stock-moves';

export interface RebuildStockResult {
  /** Rows whose figures changed. */
  updated: number;
  /** Rows added for pairs that had none. */
  added: number;
  /** Rows the moves no longer mention, set to zero. */
  zeroed: number;
  /** Second rows of a pair (or rows without a SKU or location), blanked. */
  cleared: number;
  /** Rows that were already right. */
  unchanged: number;
}

export function rebuildStock(p: Pick<Platform, 'workbook' | 'lock'>): RebuildStockResult {
  const wb = p.workbook;
  return underLock(p, () => {
    const ctx = loadContext(wb);
    const moves = readMoves(wb, ctx.cells, ctx.tabs);
    const transfers = readTransfers(wb, ctx.cells, ctx.tabs);
    const bad = [...moves.problems, ...transfers.problems];
    if (bad.length > 0) {
      const shown = bad.slice(0, 10).map((x) => `  ${describeProblem(x)}`);
      if (bad.length > 10) shown.push(`  … and ${bad.length - 10} more (shop-ledger check lists them all).`);
      throw new LedgerError(
        [
          `Stock was not rebuilt: ${bad.length} cell(s) on Movements or Transfers cannot be read, and a rebuild without those rows would be wrong. Fix them, then rebuild again:`,
          ...shown,
        ].join('\n'),
        bad,
      );
    }
    const reorder = reorderPoints(new Catalogue(readProducts(wb, ctx.cells, ctx.tabs).products));
    const stock = readStock(wb, ctx.cells, ctx.tabs);
    const expected = computeBalances(moves.moves, ctx.settings.locations, routesOf(transfers.transfers));

    const want = new Map(expected.map((b) => [balanceKey(b.sku, b.location), b]));
    const table = stock.table;
    const changes: RowChange[] = [];
    const result: RebuildStockResult = { updated: 0, added: 0, zeroed: 0, cleared: 0, unchanged: 0 };
    for (const row of table.rows) {
      const sku = parseText(table.get(row, 'SKU'));
      const location = parseText(table.get(row, 'Location'));
      const key = balanceKey(sku, location);
      if (sku === '' || location === '' || stock.rowOf.get(key) !== row) {
        changes.push({ row, values: Object.fromEntries(STOCK.columns.map((c) => [c.header, ''])) });
        result.cleared++;
        continue;
      }
      const balance = want.get(key) ?? zero(sku, location);
      const values = balanceRecord(balance, reorder(sku));
      if (!same(table, row, values)) {
        changes.push({ row, values });
        if (want.has(key)) result.updated++;
        else result.zeroed++;
      } else result.unchanged++;
      want.delete(key);
    }
    const added = [...want.values()].map((b) => balanceRecord(b, reorder(b.sku)));
    updateRows(wb, table, changes, { oneBlock: true });
    appendRows(wb, table, added);
    result.added = added.length;
    return result;
  });
}

export function describeRebuild(r: RebuildStockResult): string {
  const changed = r.updated + r.added + r.zeroed + r.cleared;
  if (changed === 0)
    return `The Stock tab already matched the moves: ${r.unchanged} row(s), nothing changed.`;
  const parts = [
    r.updated && `${r.updated} row(s) corrected`,
    r.added && `${r.added} added`,
    r.zeroed && `${r.zeroed} set to zero (no moves for them)`,
    r.cleared && `${r.cleared} duplicate or blank row(s) cleared`,
    r.unchanged && `${r.unchanged} already right`,
  ].filter(Boolean);
  return `Rebuilt the Stock tab from Movements and Transfers: ${parts.join(', ')}.`;
}

function zero(sku: string, location: string): Balance {
  return { sku, location, onHand: 0, reserved: 0, available: 0, inTransit: 0 };
}

function same(table: Table, row: Row, values: Record_): boolean {
  return Object.entries(values).every(([h, v]) => {
    const cell = table.get(row, h);
    return h === 'SKU' || h === 'Location' ? parseText(cell) === v : cell === v;
  });
}
