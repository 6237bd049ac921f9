/** The Movements tab as typed moves, and moves as rows. */
import type { Move, MoveReason } from '../core/stock';
import type { Workbook } from '../platform/workbook';
import { type CellContext, parseText } from './cells';
import type { Problem } from './problem';
import { MOVEMENTS } from './schema';
import { type Record_, type Row, readTable, type Table, validateRow } from './table';

export interface LoadedMoves {
  moves: Move[];
  problems: Problem[];
  table: Table;
}

export function readMoves(wb: Workbook, ctx: CellContext, tabs?: readonly string[]): LoadedMoves {
  const table = readTable(wb, MOVEMENTS, tabs);
  const moves: Move[] = [];
  const problems: Problem[] = [];
  for (const row of table.rows) {
    const rowProblems = validateRow(table, row, ctx);
    problems.push(...rowProblems);
    if (rowProblems.length > 0) continue;
    moves.push(moveFromRow(table, row));
  }
  return { moves, problems, table };
}

/** The move on a Movements row whose cells are valid (see validateRow). */
export function moveFromRow(table: Table, row: Row): Move {
  const text = (h: string) => parseText(table.get(row, h));
  return {
    id: text('Move ID'),
    time: (table.get(row, 'Time') as Date).getTime(),
    sku: text('SKU'),
    qty: table.get(row, 'Qty') as number,
    from: text('From'),
    to: text('To'),
    reason: text('Reason') as MoveReason,
    reference: text('Reference'),
    key: text('Key'),
  };
}

export function moveRecord(m: Move): Record_ {
  return {
    'Move ID': m.id,
    Time: new Date(m.time),
    SKU: m.sku,
    Qty: m.qty,
    From: m.from,
    To: m.to,
    Reason: m.reason,
    Reference: m.reference,
    Key: m.key,
  };
}
