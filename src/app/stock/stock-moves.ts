/**
 * What the stock commands share on the Movements and Stock tabs: the moves found by the
 * spreadsheet (by Key or Reference, so the cost does not grow with the tab), fresh references
 * like GR-000007, and the Stock rows a command is about to update.
 */
import type { Catalogue } from '../../core/catalogue';
import { balanceKey, formatId, type Move, type MoveReason, parseId } from '../../core/stock';
import { type CellContext, parseText } from '../../ledger/cells';
import { moveFromRow } from '../../ledger/movements';
import { LedgerError } from '../../ledger/problem';
import { MOVEMENTS } from '../../ledger/schema';
import type { LoadedStock } from '../../ledger/stock-tab';
import { findRows, readFoundRows, type Table, validateRow } from '../../ledger/table';
import type { KeyValue } from '../../platform/key-value';
import type { Workbook } from '../../platform/workbook';
import { takeIds } from '../sequence';
import { NOTHING_WRITTEN } from './stock-input';

/** The moves whose `header` cell is exactly `value`: one search, then one read per run of rows. */
export function foundMoves(
  wb: Workbook,
  movements: Table,
  header: 'Key' | 'Reference',
  value: string,
  ctx: CellContext,
): Move[] {
  const rows = readFoundRows(wb, movements, findRows(wb, movements, header, value));
  const problems = rows.flatMap((row) => validateRow(movements, row, ctx));
  if (problems.length > 0) {
    throw new LedgerError(
      `The Movements rows of ${value} have bad cells (${problems.map((p) => `Movements!${p.cell}: ${p.message}`).join(' ')}) Fix them, then try again. ${NOTHING_WRITTEN}`,
      problems,
    );
  }
  return rows.map((row) => moveFromRow(movements, row));
}

/** Which moves a kind of command writes: their reasons, and the prefix of their reference (GR for GR-000001). */
export interface CommandMoves {
  reasons: readonly MoveReason[];
  prefix: string;
}

/**
 * The moves an earlier run of this command wrote with `key`, so a retry returns them and
 * writes nothing. A key that another kind of command used is refused: a new command needs a
 * new key.
 */
export function movesOfKey(
  wb: Workbook,
  movements: Table,
  key: string,
  ctx: CellContext,
  kind: CommandMoves | null,
): Move[] {
  const moves = foundMoves(wb, movements, 'Key', key, ctx);
  const ours = (m: Move) =>
    kind?.reasons.includes(m.reason) === true && parseId(kind.prefix, m.reference) !== null;
  const other = moves.find((m) => !ours(m));
  if (other) {
    throw new LedgerError(
      `The key "${key}" was already used by another command (${other.reference || other.id}, ${other.reason}). Use a new key for a new command. ${NOTHING_WRITTEN}`,
    );
  }
  return moves;
}

/**
 * A new reference like GR-000007 for the moves of one command (their Move IDs are GR-000007/1,
 * /2 …). Movements holds several sequences, so the last row may not tell the last GR number; if
 * the counter in the document properties was lost (a copied spreadsheet) and the id turns out
 * to be taken, the tab is read once to find the highest in use, and the counter is set past it.
 */
export function newReference(
  ports: { workbook: Workbook; properties: KeyValue },
  movements: Table,
  prefix: string,
): string {
  const [id] = takeIds(ports, movements, 'Move ID', prefix);
  if (findRows(ports.workbook, movements, 'Reference', id).length === 0) return id;
  const values = ports.workbook.read(MOVEMENTS.name);
  const col = movements.col('Reference');
  let max = 0;
  for (const row of values.slice(1)) max = Math.max(max, parseId(prefix, parseText(row[col] ?? '')) ?? 0);
  // The key takeIds keeps its counter under (src/app/sequence.ts).
  ports.properties.set(`sequence:${MOVEMENTS.name}:${prefix}`, String(max + 1));
  return formatId(prefix, max + 1);
}

/**
 * Refuses to update a Stock row whose cells cannot be read (its balance would be computed from
 * nothing): the person rebuilds the Stock tab first.
 */
export function checkStockRows(
  stock: LoadedStock,
  pairs: readonly { sku: string; location: string }[],
): void {
  for (const { sku, location } of pairs) {
    const key = balanceKey(sku, location);
    const row = stock.rowOf.get(key);
    if (row && !stock.balances.has(key)) {
      const why = stock.problems
        .filter((p) => p.cell.replace(/^[A-Z]+/, '') === String(row.rowNumber))
        .map((p) => `Stock!${p.cell}: ${p.message}`)
        .join(' ');
      throw new LedgerError(
        `The Stock row of ${sku} at ${location} (row ${row.rowNumber}) has a bad cell, so it cannot be updated. ${why} Run Rebuild stock (menu or shop-ledger rebuild-stock), then try again. ${NOTHING_WRITTEN}`,
      );
    }
  }
}

/** Each product's reorder point, for the Stock tab's Low column. */
export function reorderPoints(catalogue: Catalogue): (sku: string) => number | null {
  return (sku) => catalogue.sku(sku)?.reorderPoint ?? null;
}

/** Moves as lines of SKU and quantity, in the order they were written. */
export function linesOf(moves: readonly Move[]): { sku: string; qty: number }[] {
  return moves.map((m) => ({ sku: m.sku, qty: m.qty }));
}
