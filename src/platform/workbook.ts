/**
 * The Workbook port: the spreadsheet seen as a few batched operations.
 *
 * Every method is one round trip to the spreadsheet service (or a constant few), never one per row
 * or cell. The Apps Script shell adapts SpreadsheetApp to it; the Node shell adapts an .xlsx file.
 */

/** A value as Sheets' getValues() returns it: '' for a blank cell, a Date for a date cell. */
export type CellValue = string | number | boolean | Date;

/** How one column looks: applied by "Set up ledger" to the column below its header. */
export interface ColumnStyle {
  /** 1-based column index in the tab. */
  col: number;
  /** A Sheets number format, e.g. '#,##0.00 "€"' or 'yyyy-mm-dd hh:mm'. */
  numberFormat?: string;
  /** Allowed values, enforced as a drop-down (data validation) on the column. */
  allowed?: readonly string[];
}

export interface TabStyle {
  /** Row 1 over this many columns is made bold and frozen. */
  headerWidth: number;
  columns: ColumnStyle[];
  /** Highlight a data row when its cell in this 1-based column is TRUE (a conditional format). */
  highlightWhen?: number;
  /** Protect the tab with a warning on manual edits (the data stays editable after the warning). */
  warnOnEdit?: string;
}

/** An embedded chart: its data is a block of cells, header row first, one row per category. */
export interface ChartSpec {
  /** Names the chart: the chart with this title on the tab is updated, never added twice. */
  title: string;
  type: 'column' | 'line';
  /** The block the chart reads (1-based): row `row` holds the series names. */
  source: { tab: string; row: number; col: number; rows: number; cols: number };
  /** The cell its top-left corner sits on, on its own tab (1-based). */
  anchor: { row: number; col: number };
}

export interface Workbook {
  /** IANA time zone of the spreadsheet; date cells are wall times in this zone. */
  timeZone(): string;
  /** The spreadsheet's locale, e.g. 'en_US' or 'es_ES'. */
  locale(): string;
  /** Names of all tabs, in order. */
  tabNames(): string[];
  /**
   * Every value of the tab's used range, row 1 first, each row as wide as the widest row.
   * [] for an empty tab. One read, whatever the size. Throws for an unknown tab.
   */
  read(tab: string): CellValue[][];
  /** Row 1 of the tab (its headers), without reading the rows below. [] for an empty tab. */
  readHeader(tab: string): CellValue[];
  /**
   * Writes a rectangular block at (row, col), 1-based: one write. The tab grows if needed.
   * Strings are written as literal text: never parsed as a number, a date or a formula.
   */
  write(tab: string, row: number, col: number, values: CellValue[][]): void;
  /**
   * Appends rows below the last row with content, in one write, without reading the tab.
   * Returns the row number of the first appended row.
   */
  append(tab: string, rows: CellValue[][]): number;
  /** Rows fromRow … fromRow+count-1 (1-based), as wide as the used range, in one read. */
  readRows(tab: string, fromRow: number, count: number): CellValue[][];
  /** The number of the last row with content; 0 for an empty tab. */
  lastRow(tab: string): number;
  /**
   * Row numbers (below the header), in order, whose cell in column `col` (1-based) is exactly
   * `text`, or any of `texts`. The spreadsheet searches (Sheets' TextFinder), in one call
   * however many texts, so the cost does not grow with the tab.
   */
  findRows(tab: string, col: number, text: string | readonly string[]): number[];
  /**
   * The last row (below the header) whose cell in column `col` is exactly `text`; 0 when none.
   * One search that stops at the last match (Sheets' TextFinder.findPrevious), so its cost does
   * not grow with the number of matches, as findRows' does: for the invoice numbering, whose
   * rows are appended in order, so the last match of a series holds its highest number.
   */
  findLastRow(tab: string, col: number, text: string): number;
  /**
   * Adds an empty tab at the end. With `columns`, the new grid keeps only those columns and two
   * spare ones: Google counts every cell of the grid towards its 10 million per spreadsheet, used
   * or not, and a new sheet has 26 columns.
   */
  addTab(tab: string, columns?: number): void;
  /** Cells in every tab's grid, used or not: what Google counts towards its limit. Two calls per tab at most. */
  gridCells(): number;
  /** Applies header, formats and validation. A constant number of calls per tab. */
  style(tab: string, style: TabStyle): void;
  /** Embeds `spec` on the tab, or updates the chart of the same title there. A constant few calls. */
  chart(tab: string, spec: ChartSpec): void;
  /** Applies all pending changes; called once per commit, before the lock is released. */
  flush(): void;
}
