/** The Stock tab: a cache of balances per SKU and location, rebuilt from Movements at will. */
import { type Balance, balanceKey, isLow } from '../core/stock';
import type { Workbook } from '../platform/workbook';
import { type CellContext, isBlank, parseText } from './cells';
import type { Problem } from './problem';
import { STOCK } from './schema';
import {
  appendRows,
  type Record_,
  type Row,
  type RowChange,
  readTable,
  type Table,
  updateRows,
  validateRow,
} from './table';

export interface LoadedStock {
  table: Table;
  balances: Map<string, Balance>;
  rowOf: Map<string, Row>;
  problems: Problem[];
}

export function readStock(wb: Workbook, ctx: CellContext, tabs?: readonly string[]): LoadedStock {
  const table = readTable(wb, STOCK, tabs);
  const balances = new Map<string, Balance>();
  const rowOf = new Map<string, Row>();
  const problems: Problem[] = [];
  const num = (row: Row, h: string) => {
    const v = table.get(row, h);
    return isBlank(v) ? 0 : (v as number);
  };
  for (const row of table.rows) {
    const rowProblems = validateRow(table, row, ctx);
    problems.push(...rowProblems);
    const sku = parseText(table.get(row, 'SKU'));
    const location = parseText(table.get(row, 'Location'));
    const key = balanceKey(sku, location);
    if (rowOf.has(key)) {
      problems.push({
        tab: STOCK.name,
        cell: table.ref(row, 'SKU'),
        message: `${sku} at ${location} has two rows (also row ${rowOf.get(key)?.rowNumber}). Run "Rebuild stock" to fix the Stock tab.`,
      });
      continue;
    }
    rowOf.set(key, row);
    if (rowProblems.length > 0) continue;
    balances.set(key, {
      sku,
      location,
      onHand: num(row, 'On hand'),
      reserved: num(row, 'Reserved'),
      available: num(row, 'Available'),
      inTransit: num(row, 'In transit'),
    });
  }
  return { table, balances, rowOf, problems };
}

/** A Stock row: the balance, and Low when Available is at or below the reorder point. */
export function balanceRecord(b: Balance, reorderPoint: number | null): Record_ {
  return {
    SKU: b.sku,
    Location: b.location,
    'On hand': b.onHand,
    Reserved: b.reserved,
    Available: b.available,
    'In transit': b.inTransit,
    Low: isLow(b.available, reorderPoint),
  };
}

/**
 * Writes these balances: the rows that exist are rewritten in place as one block (from the
 * first changed row to the last), the new ones appended in one write. So a commit costs at
 * most two writes on Stock however many SKUs it touches.
 */
export function writeBalances(
  wb: Workbook,
  stock: LoadedStock,
  balances: readonly Balance[],
  reorderPoint: (sku: string) => number | null,
): void {
  const changes: RowChange[] = [];
  const added: Record_[] = [];
  for (const b of balances) {
    const key = balanceKey(b.sku, b.location);
    const row = stock.rowOf.get(key);
    const record = balanceRecord(b, reorderPoint(b.sku));
    if (row) changes.push({ row, values: record });
    else added.push(record);
    stock.balances.set(key, b);
  }
  updateRows(wb, stock.table, changes, { oneBlock: true });
  const rows = appendRows(wb, stock.table, added);
  rows.forEach((row, i) => {
    stock.rowOf.set(balanceKey(String(added[i].SKU), String(added[i].Location)), row);
  });
}

/** Balances by SKU and location as the Stock tab holds them, for drift checks. */
export function stockBalances(stock: LoadedStock): Balance[] {
  return [...stock.balances.values()];
}
