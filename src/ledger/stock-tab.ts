/** The Stock tab: a cache of balances per SKU and location, rebuilt from Movements at will. */
import type { Balance } from '../core/stock';
import type { Workbook } from '../platform/workbook';
import { parseText } from './cells';
import { STOCK } from './schema';
import { appendRows, type Record_, type RowChange, readTable, type Table, updateRows } from './table';

export function readStockTable(wb: Workbook, tabs?: readonly string[]): Table {
  return readTable(wb, STOCK, tabs);
}

function balanceRecord(b: Balance): Record_ {
  return {
    SKU: b.sku,
    Location: b.location,
    'On hand': b.onHand,
    Reserved: b.reserved,
    Available: b.available,
    'In transit': b.inTransit,
  };
}

/** Updates the rows of these balances in place and appends the new ones: one write per block. */
export function writeBalances(wb: Workbook, table: Table, balances: readonly Balance[]): void {
  const rowOf = new Map(
    table.rows.map((r) => [
      `${parseText(table.get(r, 'SKU'))}\u0000${parseText(table.get(r, 'Location'))}`,
      r,
    ]),
  );
  const changes: RowChange[] = [];
  const added: Record_[] = [];
  for (const b of balances) {
    const row = rowOf.get(`${b.sku}\u0000${b.location}`);
    if (row) changes.push({ row, values: balanceRecord(b) });
    else added.push(balanceRecord(b));
  }
  updateRows(wb, table, changes);
  appendRows(wb, table, added);
}
