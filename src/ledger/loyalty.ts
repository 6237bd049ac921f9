/** The Loyalty tab as typed entries, and entries as rows. */
import type { LoyaltyEntry, LoyaltyKind } from '../core/loyalty';
import type { Workbook } from '../platform/workbook';
import { type CellContext, moneyCell, parseMoney, parseText } from './cells';
import type { Problem } from './problem';
import { LOYALTY } from './schema';
import {
  findRows,
  type Record_,
  type Row,
  readFoundRows,
  readHeaderTable,
  readTable,
  type Table,
  validateRow,
} from './table';

export function entryRecord(e: LoyaltyEntry, ctx: CellContext): Record_ {
  return {
    'Entry ID': e.entryId,
    Time: new Date(e.time),
    'Customer ID': e.customerId,
    Amount: moneyCell(e.amount, ctx),
    Kind: e.kind,
    'Order ID': e.orderId,
    Expires: e.expires === null ? '' : new Date(e.expires),
    Key: e.key,
  };
}

/** The entry on a row whose cells are valid (see validateRow). */
export function entryFromRow(table: Table, row: Row, ctx: CellContext): LoyaltyEntry {
  const text = (h: string) => parseText(table.get(row, h));
  const amount = parseMoney(table.get(row, 'Amount'), 'Amount', ctx);
  const expires = table.get(row, 'Expires');
  return {
    entryId: text('Entry ID'),
    time: (table.get(row, 'Time') as Date).getTime(),
    customerId: text('Customer ID'),
    amount: amount.ok ? amount.value : 0,
    kind: text('Kind').toLowerCase() as LoyaltyKind,
    orderId: text('Order ID'),
    expires: expires instanceof Date ? expires.getTime() : null,
    key: text('Key'),
  };
}

export interface LoadedLoyalty {
  entries: LoyaltyEntry[];
  problems: Problem[];
  table: Table;
}

/** The whole tab in one read; a row with a bad cell is reported and left out. */
export function readLoyalty(wb: Workbook, ctx: CellContext, tabs?: readonly string[]): LoadedLoyalty {
  const table = readTable(wb, LOYALTY, tabs);
  const entries: LoyaltyEntry[] = [];
  const problems: Problem[] = [];
  for (const row of table.rows) {
    const bad = validateRow(table, row, ctx);
    problems.push(...bad);
    if (bad.length === 0) entries.push(entryFromRow(table, row, ctx));
  }
  return { entries, problems, table };
}

/** The entries of one order (its Order ID), by one search of the tab: what a refund of it is weighed against. */
export function readOrderEntries(
  wb: Workbook,
  ctx: CellContext,
  tabs: readonly string[],
  orderId: string,
): LoyaltyEntry[] {
  if (!tabs.includes(LOYALTY.name)) return [];
  const tab = readHeaderTable(wb, LOYALTY, tabs);
  return readFoundRows(wb, tab, findRows(wb, tab, 'Order ID', orderId))
    .filter((row) => parseText(tab.get(row, 'Amount')) !== '')
    .map((row) => entryFromRow(tab, row, ctx));
}
