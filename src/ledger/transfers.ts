/**
 * The Transfers tab: one row per transfer between real locations. Its moves (From → Transit on
 * sending, Transit → To or Transit → Loss on receiving) are in Movements with the transfer's id
 * as their Reference; this row says where the goods in Transit are headed, and whether the
 * transfer is still open.
 */
import type { TransferRoute } from '../core/stock';
import type { Workbook } from '../platform/workbook';
import { type CellContext, parseText } from './cells';
import type { Problem } from './problem';
import { TRANSFERS } from './schema';
import { duplicateKeys, type Record_, type Row, readTable, type Table, validateRow } from './table';

export type TransferStatus = 'in transit' | 'received';

export interface Transfer {
  id: string;
  /** Epoch milliseconds. */
  sent: number;
  from: string;
  to: string;
  status: TransferStatus;
  /** Epoch milliseconds; null while something is still in transit. */
  received: number | null;
  key: string;
}

export interface LoadedTransfers {
  table: Table;
  transfers: Transfer[];
  rowOf: Map<string, Row>;
  problems: Problem[];
}

/** The whole tab, for the rebuild and the check. A bad row is reported and left out. */
export function readTransfers(wb: Workbook, ctx: CellContext, tabs?: readonly string[]): LoadedTransfers {
  const table = readTable(wb, TRANSFERS, tabs);
  const problems: Problem[] = [];
  const duplicates = duplicateKeys(table, 'Transfer ID');
  problems.push(...duplicates.map((d) => d.problem));
  const transfers: Transfer[] = [];
  const rowOf = new Map<string, Row>();
  for (const row of table.rows) {
    const rowProblems = validateRow(table, row, ctx);
    problems.push(...rowProblems);
    if (rowProblems.length > 0 || duplicates.some((d) => d.row === row)) continue;
    const transfer = transferOf(table, row);
    transfers.push(transfer);
    rowOf.set(transfer.id, row);
  }
  return { table, transfers, rowOf, problems };
}

/**
 * One row as a transfer; the row is known to be valid (read with validateRow, or found by id
 * and checked by the caller with validateRow).
 */
export function transferOf(table: Table, row: Row): Transfer {
  const text = (h: string) => parseText(table.get(row, h));
  const received = table.get(row, 'Received');
  return {
    id: text('Transfer ID'),
    sent: (table.get(row, 'Sent') as Date).getTime(),
    from: text('From'),
    to: text('To'),
    status: text('Status').toLowerCase() === 'received' ? 'received' : 'in transit',
    received: received instanceof Date ? received.getTime() : null,
    key: text('Key'),
  };
}

export function transferRecord(t: Transfer): Record_ {
  return {
    'Transfer ID': t.id,
    Sent: new Date(t.sent),
    From: t.from,
    To: t.to,
    Status: t.status,
    Received: t.received === null ? '' : new Date(t.received),
    Key: t.key,
  };
}

/** Where each transfer's goods in Transit are headed, for applyMoves and computeBalances. */
export function routesOf(transfers: readonly Transfer[]): TransferRoute[] {
  return transfers.map((t) => ({ id: t.id, from: t.from, to: t.to }));
}
