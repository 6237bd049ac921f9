/**
 * Writing loyalty entries inside a caller's commit (under its lock): the entries not written
 * before (by Key: one search), appended in one write, and each customer's `Loyalty balance`
 * cache moved by the same amounts. The cache moves by the entries' sum rather than being
 * recomputed, so a commit never reads a customer's whole history; "Rebuild loyalty" recomputes
 * it and Check ledger reports any drift.
 */
import type { LoyaltyDraft, LoyaltyEntry } from '../../core/loyalty';
import { type CellContext, moneyCell, parseMoney, parseText } from '../../ledger/cells';
import { entryRecord } from '../../ledger/loyalty';
import { CUSTOMERS, LOYALTY } from '../../ledger/schema';
import {
  appendRows,
  findRows,
  type Row,
  type RowChange,
  readFoundRows,
  readHeaderTable,
  type Table,
  updateRows,
} from '../../ledger/table';
import type { Platform } from '../../platform/platform';
import type { LedgerContext } from '../ledger-context';
import { takeIds } from '../sequence';

export type LoyaltyPorts = Pick<Platform, 'workbook' | 'properties'>;

export interface Posted {
  /** The entries this call appended (none for a key written before). */
  entries: LoyaltyEntry[];
  /** Each touched customer's balance after the commit (the cache as it now stands). */
  balances: Map<string, number>;
}

/** The cached balance on a Customers row; 0 when blank or the column is not set up yet. */
export function cachedBalance(table: Table, row: Row, ctx: CellContext): number {
  if (!table.has('Loyalty balance')) return 0;
  const v = table.get(row, 'Loyalty balance');
  if (v === '') return 0;
  const m = parseMoney(v, 'Loyalty balance', ctx);
  return m.ok ? m.value : 0;
}

/**
 * Appends the drafts whose key is new, at `now`. `customers` may be a Customers table the caller
 * read whole (an import): its rows are used and written as one block; without it the customers'
 * rows are found by the spreadsheet (one search, one read each).
 */
export function postLoyalty(
  p: LoyaltyPorts,
  ctx: LedgerContext,
  drafts: readonly LoyaltyDraft[],
  now: number,
  customers?: Table,
): Posted {
  const wb = p.workbook;
  const wanted = drafts.filter((d) => d.amount !== 0 && Number.isInteger(d.amount));
  if (wanted.length === 0) return { entries: [], balances: new Map() };
  const tab = readHeaderTable(wb, LOYALTY, ctx.tabs);
  const written = new Set(
    readFoundRows(
      wb,
      tab,
      findRows(
        wb,
        tab,
        'Key',
        wanted.map((d) => d.key),
      ),
    ).map((r) => parseText(tab.get(r, 'Key'))),
  );
  const fresh: LoyaltyDraft[] = [];
  for (const d of wanted) {
    if (written.has(d.key)) continue;
    written.add(d.key);
    fresh.push(d);
  }
  if (fresh.length === 0) return { entries: [], balances: new Map() };
  const ids = takeIds(p, tab, 'Entry ID', 'L', fresh.length);
  const entries = fresh.map((d, i) => ({ ...d, entryId: ids[i], time: now }));
  appendRows(
    wb,
    tab,
    entries.map((e) => entryRecord(e, ctx.cells)),
  );

  const delta = new Map<string, number>();
  for (const e of entries) delta.set(e.customerId, (delta.get(e.customerId) ?? 0) + e.amount);
  const table = customers ?? readHeaderTable(wb, CUSTOMERS, ctx.tabs);
  const rows = customers
    ? customers.rows.filter((r) => delta.has(parseText(customers.get(r, 'Customer ID'))))
    : readFoundRows(wb, table, findRows(wb, table, 'Customer ID', [...delta.keys()]));
  const balances = new Map<string, number>();
  const changes: RowChange[] = [];
  for (const row of rows) {
    const id = parseText(table.get(row, 'Customer ID'));
    if (balances.has(id) || !delta.has(id)) continue;
    const balance = cachedBalance(table, row, ctx.cells) + (delta.get(id) ?? 0);
    balances.set(id, balance);
    if (table.has('Loyalty balance')) {
      changes.push({ row, values: { 'Loyalty balance': moneyCell(balance, ctx.cells) } });
    }
  }
  updateRows(wb, table, changes, { oneBlock: customers !== undefined });
  return { entries, balances };
}
