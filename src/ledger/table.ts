/**
 * A tab read in one call, with its columns found by header name.
 *
 * People may reorder columns and add their own: we only rely on the header text in row 1.
 * Writes are batched: one `write` per contiguous block of rows.
 */
import type { CellValue, Workbook } from '../platform/workbook';
import { a1 } from './a1';
import { type CellContext, cellError, isBlank } from './cells';
import { LedgerError, type Problem } from './problem';
import type { TabSpec } from './schema';

export interface Row {
  /** 1-based row number in the tab. */
  rowNumber: number;
  cells: CellValue[];
}

export class Table {
  private readonly index = new Map<string, number>();

  constructor(
    readonly spec: TabSpec,
    readonly header: string[],
    /** Data rows (not blank), in sheet order. */
    readonly rows: Row[],
    /** Last used row number; appends go below it. */
    public lastRow: number,
  ) {
    header.forEach((h, i) => {
      if (h !== '' && !this.index.has(h)) this.index.set(h, i);
    });
  }

  get width(): number {
    return this.header.length;
  }

  has(header: string): boolean {
    return this.index.has(header);
  }

  /** 0-based column index of a header; the header is known to exist after readTable. */
  col(header: string): number {
    const i = this.index.get(header);
    if (i === undefined) throw new LedgerError(missingHeader(this.spec.name, header));
    return i;
  }

  get(row: Row, header: string): CellValue {
    return row.cells[this.col(header)] ?? '';
  }

  /** 'D7' for the cell of `header` in `row`. */
  ref(row: Row, header: string): string {
    return a1(row.rowNumber, this.col(header) + 1);
  }
}

function missingHeader(tab: string, header: string): string {
  return `The tab "${tab}" has no "${header}" column: row 1 must hold the header "${header}". Add it, or run Extensions › Shop Ledger › Set up ledger, which adds missing columns without touching your data.`;
}

/** The schema's columns row 1 lacks; a column added later may be missing (set-up adds it). */
function missingColumns(spec: TabSpec, header: readonly string[]) {
  return spec.columns.filter((c) => !c.addedLater && !header.includes(c.header));
}

export function missingTab(tab: string): string {
  return `The tab "${tab}" is missing. Run Extensions › Shop Ledger › Set up ledger (or shop-ledger init) to create it.`;
}

/** Reads a whole tab in one call. Throws LedgerError when the tab or a header of the schema is missing. */
export function readTable(wb: Workbook, spec: TabSpec, tabs?: readonly string[]): Table {
  if (tabs && !tabs.includes(spec.name)) throw new LedgerError(missingTab(spec.name));
  let values: CellValue[][];
  try {
    values = wb.read(spec.name);
  } catch (e) {
    if (tabs) throw e;
    throw new LedgerError(missingTab(spec.name));
  }
  const header = (values[0] ?? []).map((h) => String(h).trim());
  const missing = missingColumns(spec, header);
  if (missing.length > 0) {
    throw new LedgerError(
      missing.map((c) => missingHeader(spec.name, c.header)).join('\n'),
      missing.map((c) => ({ tab: spec.name, cell: '', message: missingHeader(spec.name, c.header) })),
    );
  }
  const rows: Row[] = [];
  for (let r = 1; r < values.length; r++) {
    const cells = values[r];
    if (cells.every(isBlank)) continue; // a blank row in the middle is skipped, not an error
    rows.push({ rowNumber: r + 1, cells });
  }
  return new Table(spec, header, rows, values.length);
}

/**
 * A tab's columns without its rows: one header read, for tabs a command only appends to or
 * searches (Orders, Order Lines, Payments, Movements), so its cost never grows with the ledger.
 */
export function readHeaderTable(wb: Workbook, spec: TabSpec, tabs: readonly string[]): Table {
  if (!tabs.includes(spec.name)) throw new LedgerError(missingTab(spec.name));
  const header = wb.readHeader(spec.name).map((h) => String(h).trim());
  const missing = missingColumns(spec, header);
  if (missing.length > 0) {
    throw new LedgerError(
      missing.map((c) => missingHeader(spec.name, c.header)).join('\n'),
      missing.map((c) => ({ tab: spec.name, cell: '', message: missingHeader(spec.name, c.header) })),
    );
  }
  return new Table(spec, header, [], -1);
}

/** Rows of a tab whose `header` column is exactly `value` (or any of them), found by the spreadsheet, not read. */
export function findRows(
  wb: Workbook,
  table: Table,
  header: string,
  value: string | readonly string[],
): number[] {
  return wb.findRows(table.spec.name, table.col(header) + 1, value);
}

/** The last row of a tab whose `header` column is exactly `value`; 0 when none. One search. */
export function findLastRow(wb: Workbook, table: Table, header: string, value: string): number {
  return wb.findLastRow(table.spec.name, table.col(header) + 1, value);
}

/** Reads the given rows: one read per run of consecutive rows (the lines of one order are one run). */
export function readFoundRows(wb: Workbook, table: Table, rowNumbers: readonly number[]): Row[] {
  const sorted = [...new Set(rowNumbers)].sort((a, b) => a - b);
  const rows: Row[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    const values = wb.readRows(table.spec.name, sorted[i], j - i + 1);
    values.forEach((cells, k) => {
      rows.push({ rowNumber: sorted[i] + k, cells });
    });
    i = j + 1;
  }
  return rows;
}

/** Type and required-value problems of one data row, each naming its cell. */
export function validateRow(table: Table, row: Row, ctx: CellContext): Problem[] {
  const problems: Problem[] = [];
  for (const col of table.spec.columns) {
    if (!table.has(col.header)) continue; // a column added later, not set up yet
    const v = table.get(row, col.header);
    if (isBlank(v)) {
      if (col.required) {
        problems.push({
          tab: table.spec.name,
          cell: table.ref(row, col.header),
          message: `${col.header} is empty. Fill it in.`,
        });
      }
      continue;
    }
    const message = cellError(v, col, ctx);
    if (message) problems.push({ tab: table.spec.name, cell: table.ref(row, col.header), message });
  }
  return problems;
}

/** Problems of every data row, and any key used twice. */
export function validateTable(table: Table, ctx: CellContext): Problem[] {
  const problems = table.rows.flatMap((row) => validateRow(table, row, ctx));
  if (table.spec.key) problems.push(...duplicateKeys(table, table.spec.key).map((d) => d.problem));
  return problems;
}

/** Rows whose key repeats an earlier row's; the earlier row stays valid. */
export function duplicateKeys(table: Table, key: string): { row: Row; problem: Problem }[] {
  const seen = new Map<string, Row>();
  const found: { row: Row; problem: Problem }[] = [];
  for (const row of table.rows) {
    const v = String(table.get(row, key)).trim();
    if (v === '') continue;
    const first = seen.get(v);
    if (!first) {
      seen.set(v, row);
      continue;
    }
    found.push({
      row,
      problem: {
        tab: table.spec.name,
        cell: table.ref(row, key),
        message: `${key} "${v}" is used twice: in row ${first.rowNumber} (${table.ref(first, key)}) and row ${row.rowNumber}. Each ${key} must be unique.`,
      },
    });
  }
  return found;
}

export type Record_ = Readonly<Record<string, CellValue>>;

function toCells(table: Table, record: Record_, base?: readonly CellValue[]): CellValue[] {
  const cells = table.header.map((_, i) => base?.[i] ?? '');
  for (const [header, value] of Object.entries(record)) {
    // A column added later to the schema, on a ledger not set up again yet: left out.
    if (!table.has(header) && table.spec.columns.some((c) => c.header === header && c.addedLater)) continue;
    cells[table.col(header)] = value;
  }
  return cells;
}

/** Appends records below the last row with content, in one write. */
export function appendRows(wb: Workbook, table: Table, records: readonly Record_[]): Row[] {
  if (records.length === 0) return [];
  const cells = records.map((r) => toCells(table, r));
  const first = wb.append(table.spec.name, cells);
  const added = cells.map((c, i) => ({ rowNumber: first + i, cells: c }));
  table.rows.push(...added);
  table.lastRow = first + records.length - 1;
  return added;
}

export interface RowChange {
  row: Row;
  values: Record_;
}

/**
 * Rewrites changed rows in place: one write per contiguous block of rows, spanning only the
 * columns that change, so that columns people added outside that span are never touched.
 * With `oneBlock`, the rows between the changed ones are rewritten as they were read, so the
 * whole update is one write (under the lock the snapshot is current, so nothing is lost).
 */
export function updateRows(
  wb: Workbook,
  table: Table,
  changes: readonly RowChange[],
  options: { oneBlock?: boolean } = {},
): void {
  let sorted = [...changes].sort((a, b) => a.row.rowNumber - b.row.rowNumber);
  if (options.oneBlock && sorted.length > 1) {
    const byRow = new Map(sorted.map((c) => [c.row.rowNumber, c]));
    const first = sorted[0].row.rowNumber;
    const last = sorted[sorted.length - 1].row.rowNumber;
    const rows = new Map(table.rows.map((r) => [r.rowNumber, r]));
    const headers = [...new Set(sorted.flatMap((c) => Object.keys(c.values)))];
    sorted = [];
    for (let n = first; n <= last; n++) {
      const change = byRow.get(n);
      const row = rows.get(n) ?? { rowNumber: n, cells: table.header.map(() => '') };
      sorted.push(change ?? { row, values: Object.fromEntries(headers.map((h) => [h, table.get(row, h)])) });
    }
  }
  let block: RowChange[] = [];
  const flush = () => {
    if (block.length === 0) return;
    const cols = block.flatMap((c) => Object.keys(c.values).map((h) => table.col(h)));
    const from = Math.min(...cols);
    const to = Math.max(...cols);
    const values = block.map((c) => {
      c.row.cells = toCells(table, c.values, c.row.cells);
      return c.row.cells.slice(from, to + 1);
    });
    wb.write(table.spec.name, block[0].row.rowNumber, from + 1, values);
    block = [];
  };
  for (const change of sorted) {
    const prev = block[block.length - 1];
    if (prev && change.row.rowNumber !== prev.row.rowNumber + 1) flush();
    block.push(change);
  }
  flush();
}
