/**
 * The spreadsheet's data, with no service surface: tabs of cells, their sizes, frozen rows,
 * protections, conditional format rules. Shared by every execution that shares a SharedState;
 * FakeSpreadsheet, FakeSheet and FakeRange are the metered views over it.
 */

import { type Cell, hasContent } from './cell-values';
import type { ChartData } from './chart';

/** A new tab is 1000 rows by 26 columns. */
export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLUMNS = 26;
/** https://support.google.com/drive/answer/37603 : 10 million cells per spreadsheet, all tabs. */
export const MAX_WORKBOOK_CELLS = 10_000_000;
export const CELL_LIMIT_MESSAGE =
  'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';

export interface ProtectionData {
  type: 'SHEET' | 'RANGE';
  description: string;
  warningOnly: boolean;
  removed: boolean;
  /** For RANGE protections: [row, column, numRows, numColumns]. */
  area?: [number, number, number, number];
}

const blanks = (count: number): undefined[] => Array.from({ length: count }, () => undefined);

export class SheetData {
  /** rows[r][c], 0-based; sparse (missing rows and cells are blank). */
  rows: Array<Array<Cell | undefined> | undefined> = [];
  frozenRows = 0;
  frozenColumns = 0;
  protections: ProtectionData[] = [];
  conditionalFormatRules: unknown[] = [];
  /** Embedded charts (chart.ts), in the order they were inserted. */
  charts: ChartData[] = [];
  columnWidths = new Map<number, number>();

  constructor(
    readonly id: number,
    public name: string,
    public maxRows = NEW_SHEET_ROWS,
    public maxColumns = NEW_SHEET_COLUMNS,
  ) {}

  get cellCount(): number {
    return this.maxRows * this.maxColumns;
  }

  cell(row: number, col: number): Cell | undefined {
    return this.rows[row - 1]?.[col - 1];
  }

  /** The cell at (row, col), created when missing. */
  cellForWrite(row: number, col: number): Cell {
    const r = this.rows[row - 1] ?? [];
    this.rows[row - 1] = r;
    let cell = r[col - 1];
    if (!cell) {
      cell = {};
      r[col - 1] = cell;
    }
    return cell;
  }

  /** The last row holding a value or formula; 0 when there is none. */
  lastRow(): number {
    for (let r = this.rows.length - 1; r >= 0; r--) {
      if (this.rows[r]?.some(hasContent)) return r + 1;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const row of this.rows) {
      if (!row) continue;
      for (let c = row.length - 1; c >= last; c--) {
        if (hasContent(row[c])) {
          last = c + 1;
          break;
        }
      }
    }
    return last;
  }

  /** New rows are blank and unformatted (the fake does not copy the formats of the row above). */
  insertRows(after: number, count: number): void {
    this.maxRows += count;
    if (after < this.rows.length) this.rows.splice(after, 0, ...blanks(count));
  }

  insertColumns(after: number, count: number): void {
    this.maxColumns += count;
    for (const row of this.rows) {
      if (row && after < row.length) row.splice(after, 0, ...blanks(count));
    }
  }

  deleteRows(first: number, count: number): void {
    this.maxRows -= count;
    this.rows.splice(first - 1, count);
  }

  deleteColumns(first: number, count: number): void {
    this.maxColumns -= count;
    for (const row of this.rows) if (row) row.splice(first - 1, count);
  }
}

export class SpreadsheetData {
  sheets: SheetData[] = [];
  activeSheetId = 0;
  private nextSheetId = 0;
  /** Chart ids are unique across the spreadsheet. */
  nextChartId = 1;

  constructor(
    readonly id: string,
    public name: string,
    public timeZone: string,
    public locale: string,
  ) {}

  get cellCount(): number {
    return this.sheets.reduce((n, s) => n + s.cellCount, 0);
  }

  /** Sheets compares tab names without regard to case. */
  sheetByName(name: string): SheetData | undefined {
    const wanted = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === wanted);
  }

  addSheet(name: string, index = this.sheets.length): SheetData {
    const sheet = new SheetData(this.nextSheetId++, name);
    this.sheets.splice(index, 0, sheet);
    return sheet;
  }

  /** 'Sheet2', 'Sheet3'... the first free default name. */
  defaultSheetName(): string {
    for (let n = this.sheets.length + 1; ; n++) {
      if (!this.sheetByName(`Sheet${n}`)) return `Sheet${n}`;
    }
  }
}
