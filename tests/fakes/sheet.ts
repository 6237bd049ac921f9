/**
 * Sheet: one tab. Sizes, last row and column, inserting and deleting rows, ranges by coordinates or
 * A1 notation, frozen rows, protection and conditional format rules.
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet
 */

import { type Area, parseA1 } from './a1';
import { FakeEmbeddedChart, FakeEmbeddedChartBuilder } from './chart';
import { FakeConditionalFormatRule } from './conditional-format';
import type { Execution } from './execution';
import { CELL_LIMIT_MESSAGE, MAX_WORKBOOK_CELLS, type SheetData, type SpreadsheetData } from './grid';
import { FakeProtection, ProtectionType } from './protection';
import { displayOf, FakeRange, type RangeHost } from './range';
import { createTextFinder, type FakeTextFinder, wholeSheet } from './text-finder';

export const DUPLICATE_SHEET = (name: string) =>
  `A sheet with the name "${name}" already exists. Please enter another name.`;

/** The Spreadsheet the sheet belongs to, as the sheet sees it. */
export interface SheetParent {
  readonly book: SpreadsheetData;
  readonly view: unknown;
}

export class FakeSheet {
  /** The Range host: kept off the Sheet's own method list. */
  private readonly host: RangeHost;

  constructor(
    private readonly x: Execution,
    readonly data: SheetData,
    private readonly parent: SheetParent,
  ) {
    this.host = {
      data,
      book: parent.book,
      view: this,
      rangeAt: (method, row, column, numRows, numColumns) =>
        this.rangeAt(method, { row, column, numRows, numColumns }),
    };
  }

  /** Validates a range as Apps Script does, then builds it. */
  private rangeAt(method: string, a: Area): FakeRange {
    const { row, column, numRows, numColumns } = a;
    for (const n of [row, column, numRows, numColumns]) {
      if (typeof n !== 'number' || !Number.isInteger(n)) {
        throw this.x.error(
          `Fake: ${method} needs whole numbers, got (${row}, ${column}, ${numRows}, ${numColumns}).`,
        );
      }
    }
    if (row < 1) throw this.x.error('The starting row of the range is too small.');
    if (column < 1) throw this.x.error('The starting column of the range is too small.');
    if (numRows < 1) throw this.x.error('The number of rows in the range must be at least 1.');
    if (numColumns < 1) throw this.x.error('The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > this.data.maxRows || column + numColumns - 1 > this.data.maxColumns) {
      throw this.x.error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this.x, this.host, a);
  }

  private growBy(cells: number): void {
    if (this.parent.book.cellCount + cells > MAX_WORKBOOK_CELLS) throw this.x.error(CELL_LIMIT_MESSAGE);
  }

  getName(): string {
    this.x.call('Sheet.getName');
    return this.data.name;
  }

  setName(name: string): this {
    this.x.call('Sheet.setName');
    const clash = this.parent.book.sheetByName(String(name));
    if (clash && clash !== this.data) throw this.x.error(DUPLICATE_SHEET(String(name)));
    this.data.name = String(name);
    this.x.changed();
    return this;
  }

  getSheetId(): number {
    this.x.call('Sheet.getSheetId');
    return this.data.id;
  }

  /** 1-based position of the tab. */
  getIndex(): number {
    this.x.call('Sheet.getIndex');
    return this.parent.book.sheets.indexOf(this.data) + 1;
  }

  getParent(): unknown {
    this.x.call('Sheet.getParent');
    return this.parent.view;
  }

  activate(): this {
    this.x.call('Sheet.activate');
    this.parent.book.activeSheetId = this.data.id;
    return this;
  }

  /** "The position of the last row that has content": 0 on an empty sheet. */
  getLastRow(): number {
    this.x.call('Sheet.getLastRow');
    return this.data.lastRow();
  }

  getLastColumn(): number {
    this.x.call('Sheet.getLastColumn');
    return this.data.lastColumn();
  }

  getMaxRows(): number {
    this.x.call('Sheet.getMaxRows');
    return this.data.maxRows;
  }

  getMaxColumns(): number {
    this.x.call('Sheet.getMaxColumns');
    return this.data.maxColumns;
  }

  /** getRange(a1) | getRange(row, column) | getRange(row, column, numRows) | (..., numColumns). */
  getRange(...args: unknown[]): FakeRange {
    this.x.call('Sheet.getRange');
    if (typeof args[0] === 'string' && args.length === 1) {
      if (args[0].includes('!'))
        throw this.x.error(`Fake: Sheet.getRange does not take a sheet name (${args[0]}).`);
      const a = parseA1(args[0], this.data.maxRows, this.data.maxColumns);
      if (!a) throw this.x.error('Range not found');
      return this.rangeAt('Sheet.getRange', a);
    }
    if (args.length < 2 || args.length > 4 || args.some((a) => typeof a !== 'number')) {
      throw this.x.badArguments('SpreadsheetApp.Sheet.getRange', args);
    }
    const [row, column, numRows = 1, numColumns = 1] = args as number[];
    return this.rangeAt('Sheet.getRange', { row, column, numRows, numColumns });
  }

  /** A1 to (last row, last column); just A1 on an empty sheet. */
  getDataRange(): FakeRange {
    this.x.call('Sheet.getDataRange');
    return this.rangeAt('Sheet.getDataRange', {
      row: 1,
      column: 1,
      numRows: Math.max(1, this.data.lastRow()),
      numColumns: Math.max(1, this.data.lastColumn()),
    });
  }

  /** "Creates a text finder for the sheet": it searches every cell of the tab. See text-finder.ts. */
  createTextFinder(findText: string): FakeTextFinder {
    this.x.call('Sheet.createTextFinder');
    return createTextFinder(this.x, 'Sheet', findText, () => [
      {
        data: this.data,
        area: wholeSheet(this.data),
        display: (cell) => displayOf(cell, this.parent.book),
        cellRange: (row, column) => this.rangeAt('TextFinder', { row, column, numRows: 1, numColumns: 1 }),
      },
    ]);
  }

  /** Writes after the last row with content, adding a row when the sheet is full. One call per row. */
  appendRow(rowContents: unknown[]): this {
    this.x.call('Sheet.appendRow');
    if (!Array.isArray(rowContents) || rowContents.length === 0) {
      throw this.x.badArguments('SpreadsheetApp.Sheet.appendRow', [rowContents]);
    }
    const row = this.data.lastRow() + 1;
    const extraRows = Math.max(0, row - this.data.maxRows);
    const extraCols = Math.max(0, rowContents.length - this.data.maxColumns);
    this.growBy(extraRows * this.data.maxColumns + extraCols * (this.data.maxRows + extraRows));
    if (extraRows) this.data.insertRows(this.data.maxRows, extraRows);
    if (extraCols) this.data.insertColumns(this.data.maxColumns, extraCols);
    const range = this.rangeAt('Sheet.appendRow', {
      row,
      column: 1,
      numRows: 1,
      numColumns: rowContents.length,
    });
    this.x.meter.uncounted(() => range.setValues([rowContents]));
    this.x.meter.wrote(rowContents.length);
    return this;
  }

  private checkRows(method: string, position: number, howMany: number, limit: number): void {
    if (!Number.isInteger(position) || !Number.isInteger(howMany)) {
      throw this.x.badArguments(`SpreadsheetApp.Sheet.${method}`, [position, howMany]);
    }
    if (howMany < 1) throw this.x.error(`Fake: ${method} needs at least 1 row or column, got ${howMany}.`);
    if (position < 0 || position > limit) throw this.x.error('Those rows are out of bounds.');
  }

  insertRowsAfter(afterPosition: number, howMany: number): this {
    this.x.call('Sheet.insertRowsAfter');
    this.checkRows('insertRowsAfter', afterPosition, howMany, this.data.maxRows);
    if (afterPosition < 1) throw this.x.error('Those rows are out of bounds.');
    this.growBy(howMany * this.data.maxColumns);
    this.data.insertRows(afterPosition, howMany);
    this.x.changed();
    return this;
  }

  insertRowsBefore(beforePosition: number, howMany: number): this {
    this.x.call('Sheet.insertRowsBefore');
    this.checkRows('insertRowsBefore', beforePosition, howMany, this.data.maxRows);
    if (beforePosition < 1) throw this.x.error('Those rows are out of bounds.');
    this.growBy(howMany * this.data.maxColumns);
    this.data.insertRows(beforePosition - 1, howMany);
    this.x.changed();
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): this {
    this.x.call('Sheet.insertColumnsAfter');
    this.checkRows('insertColumnsAfter', afterPosition, howMany, this.data.maxColumns);
    if (afterPosition < 1) throw this.x.error('Those columns are out of bounds.');
    this.growBy(howMany * this.data.maxRows);
    this.data.insertColumns(afterPosition, howMany);
    this.x.changed();
    return this;
  }

  insertColumnsBefore(beforePosition: number, howMany: number): this {
    this.x.call('Sheet.insertColumnsBefore');
    this.checkRows('insertColumnsBefore', beforePosition, howMany, this.data.maxColumns);
    if (beforePosition < 1) throw this.x.error('Those columns are out of bounds.');
    this.growBy(howMany * this.data.maxRows);
    this.data.insertColumns(beforePosition - 1, howMany);
    this.x.changed();
    return this;
  }

  /** A sheet keeps at least one row: deleting them all throws. */
  deleteRows(rowPosition: number, howMany: number): void {
    this.x.call('Sheet.deleteRows');
    this.checkRows('deleteRows', rowPosition, howMany, this.data.maxRows);
    if (rowPosition < 1 || rowPosition + howMany - 1 > this.data.maxRows) {
      throw this.x.error('Those rows are out of bounds.');
    }
    if (howMany >= this.data.maxRows)
      throw this.x.error('Sorry, it is not possible to delete all non-frozen rows.');
    this.data.deleteRows(rowPosition, howMany);
    this.x.changed();
  }

  deleteRow(rowPosition: number): void {
    this.x.call('Sheet.deleteRow');
    this.x.meter.uncounted(() => this.deleteRows(rowPosition, 1));
  }

  deleteColumns(columnPosition: number, howMany: number): void {
    this.x.call('Sheet.deleteColumns');
    this.checkRows('deleteColumns', columnPosition, howMany, this.data.maxColumns);
    if (columnPosition < 1 || columnPosition + howMany - 1 > this.data.maxColumns) {
      throw this.x.error('Those columns are out of bounds.');
    }
    if (howMany >= this.data.maxColumns)
      throw this.x.error('Sorry, it is not possible to delete all non-frozen columns.');
    this.data.deleteColumns(columnPosition, howMany);
    this.x.changed();
  }

  setFrozenRows(rows: number): void {
    this.x.call('Sheet.setFrozenRows');
    if (!Number.isInteger(rows) || rows < 0 || rows > this.data.maxRows) {
      throw this.x.error(`Invalid argument: rows (${rows})`);
    }
    this.data.frozenRows = rows;
    this.x.changed();
  }

  getFrozenRows(): number {
    this.x.call('Sheet.getFrozenRows');
    return this.data.frozenRows;
  }

  setFrozenColumns(columns: number): void {
    this.x.call('Sheet.setFrozenColumns');
    if (!Number.isInteger(columns) || columns < 0 || columns > this.data.maxColumns) {
      throw this.x.error(`Invalid argument: columns (${columns})`);
    }
    this.data.frozenColumns = columns;
    this.x.changed();
  }

  getFrozenColumns(): number {
    this.x.call('Sheet.getFrozenColumns');
    return this.data.frozenColumns;
  }

  // --- charts (chart.ts) -------------------------------------------------------------------------

  newChart(): FakeEmbeddedChartBuilder {
    this.x.call('Sheet.newChart');
    return new FakeEmbeddedChartBuilder(this.x);
  }

  /** Adds the chart built from newChart(); it gets its id here. */
  insertChart(chart: FakeEmbeddedChart): void {
    this.x.call('Sheet.insertChart');
    if (chart.data.chartId !== null) {
      throw this.x.error(
        'Fake: this chart is already in the spreadsheet; use updateChart for a modified one.',
      );
    }
    this.data.charts.push({ ...chart.data, chartId: this.parent.book.nextChartId++ });
    this.x.changed();
  }

  /** Replaces the chart of the same id with the modified one. */
  updateChart(chart: FakeEmbeddedChart): void {
    this.x.call('Sheet.updateChart');
    const i = this.data.charts.findIndex((c) => c.chartId !== null && c.chartId === chart.data.chartId);
    if (i < 0) throw this.x.error('Fake: the chart to update is not on this sheet.');
    this.data.charts[i] = { ...chart.data };
    this.x.changed();
  }

  getCharts(): FakeEmbeddedChart[] {
    this.x.call('Sheet.getCharts');
    return this.data.charts.map((c) => new FakeEmbeddedChart(this.x, { ...c, options: { ...c.options } }));
  }

  removeChart(chart: FakeEmbeddedChart): void {
    this.x.call('Sheet.removeChart');
    this.data.charts = this.data.charts.filter((c) => c.chartId !== chart.data.chartId);
    this.x.changed();
  }

  /** Protects the whole sheet; when it is already protected, returns the existing protection. */
  protect(): FakeProtection {
    this.x.call('Sheet.protect');
    let p = this.data.protections.find((q) => q.type === 'SHEET' && !q.removed);
    if (!p) {
      p = { type: 'SHEET', description: '', warningOnly: false, removed: false };
      this.data.protections.push(p);
      this.x.changed();
    }
    return new FakeProtection(this.x, p);
  }

  getProtections(type: unknown): FakeProtection[] {
    this.x.call('Sheet.getProtections');
    const wanted = type === ProtectionType.SHEET ? 'SHEET' : type === ProtectionType.RANGE ? 'RANGE' : null;
    if (!wanted) throw this.x.badArguments('SpreadsheetApp.Sheet.getProtections', [type]);
    return this.data.protections
      .filter((p) => p.type === wanted && !p.removed)
      .map((p) => new FakeProtection(this.x, p));
  }

  /** Replaces all the sheet's conditional format rules. */
  setConditionalFormatRules(rules: FakeConditionalFormatRule[]): void {
    this.x.call('Sheet.setConditionalFormatRules');
    if (!Array.isArray(rules) || rules.some((r) => !(r instanceof FakeConditionalFormatRule))) {
      throw this.x.badArguments('SpreadsheetApp.Sheet.setConditionalFormatRules', [rules]);
    }
    this.data.conditionalFormatRules = rules.map((r) => structuredClone(r.data));
    this.x.changed();
  }

  getConditionalFormatRules(): FakeConditionalFormatRule[] {
    this.x.call('Sheet.getConditionalFormatRules');
    return this.data.conditionalFormatRules.map(
      (d) => new FakeConditionalFormatRule(this.x, structuredClone(d) as FakeConditionalFormatRule['data']),
    );
  }

  clearConditionalFormatRules(): void {
    this.x.call('Sheet.clearConditionalFormatRules');
    this.data.conditionalFormatRules = [];
    this.x.changed();
  }

  setColumnWidth(columnPosition: number, width: number): this {
    this.x.call('Sheet.setColumnWidth');
    this.data.columnWidths.set(columnPosition, width);
    this.x.changed();
    return this;
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    this.x.call('Sheet.setColumnWidths');
    for (let c = startColumn; c < startColumn + numColumns; c++) this.data.columnWidths.set(c, width);
    this.x.changed();
    return this;
  }

  /** 100 px unless set. */
  getColumnWidth(columnPosition: number): number {
    this.x.call('Sheet.getColumnWidth');
    return this.data.columnWidths.get(columnPosition) ?? 100;
  }

  /** The fake has no fonts to measure: it counts the call and leaves the widths alone. */
  autoResizeColumns(startColumn: number, numColumns: number): this {
    this.x.call('Sheet.autoResizeColumns');
    void startColumn;
    void numColumns;
    this.x.changed();
    return this;
  }

  autoResizeColumn(columnPosition: number): this {
    this.x.call('Sheet.autoResizeColumn');
    void columnPosition;
    this.x.changed();
    return this;
  }

  /** Clears contents and formats; the sheet keeps its size. */
  clear(): this {
    this.x.call('Sheet.clear');
    this.data.rows = [];
    this.x.changed();
    return this;
  }

  clearContents(): this {
    this.x.call('Sheet.clearContents');
    for (const row of this.data.rows) {
      for (const cell of row ?? []) {
        if (cell) {
          cell.value = undefined;
          cell.formula = undefined;
        }
      }
    }
    this.x.changed();
    return this;
  }
}
