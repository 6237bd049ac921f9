/** One customer's row found by the spreadsheet (one search, one read), with its credit cache. */
import { survivorOf } from '../../core/customer/survivor';
import { parseText } from '../../ledger/cells';
import { CUSTOMERS } from '../../ledger/schema';
import { findRows, type Row, readFoundRows, readHeaderTable, type Table } from '../../ledger/table';
import type { Workbook } from '../../platform/workbook';
import type { LedgerContext } from '../ledger-context';
import { cachedBalance } from './post-entries';

export interface CustomerRow {
  table: Table;
  row: Row;
  customerId: string;
  name: string;
  email: string;
  mergedInto: string;
  balance: number;
}

export function findCustomerRow(wb: Workbook, ctx: LedgerContext, customerId: string): CustomerRow | null {
  const id = String(customerId ?? '').trim();
  if (!id) return null;
  const table = readHeaderTable(wb, CUSTOMERS, ctx.tabs);
  const [row] = readFoundRows(wb, table, findRows(wb, table, 'Customer ID', id).slice(0, 1));
  if (!row) return null;
  const text = (h: string) => (table.has(h) ? parseText(table.get(row, h)) : '');
  return {
    table,
    row,
    customerId: id,
    name: text('Name'),
    email: text('Email'),
    mergedInto: text('Merged into'),
    balance: cachedBalance(table, row, ctx.cells),
  };
}

/**
 * The row of the customer who holds `customerId`'s credit now: its own, or the end of its
 * `Merged into` chain (one search per step; a chain is rare and short).
 */
export function findSurvivorRow(wb: Workbook, ctx: LedgerContext, customerId: string): CustomerRow | null {
  const customer = findCustomerRow(wb, ctx, customerId);
  if (!customer) return null;
  return survivorOf(
    customer,
    (c) => (c.mergedInto ? findCustomerRow(wb, ctx, c.mergedInto) : null),
    (c) => c.customerId,
  );
}
