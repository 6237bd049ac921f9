/**
 * Range: the batched reads and writes. Values read back as Sheets gives them ('' for blank, Date
 * for date cells, '#ERROR!' for formulas, which the fake does not evaluate) and writes are parsed
 * as typed input (see cell-values.ts). Writes are visible to the same execution at once.
 * https://developers.google.com/apps-script/reference/spreadsheet/range
 */

import { type Area, a1Notation } from './a1';
import { type Cell, type Content, parseInput } from './cell-values';
import { normalizeColor } from './colors';
import type { RangeRef } from './conditional-format';
import { FakeDataValidation, passesValidation, type ValidationData } from './data-validation';
import type { Execution } from './execution';
import type { SheetData, SpreadsheetData } from './grid';
import { formatDateSerial, formatNumber, GENERAL, isDateFormat, separators } from './number-format';
import { createTextFinder, type FakeTextFinder } from './text-finder';
import { instantFromSerial } from './tz';

/** What the fake returns for a formula cell: it does not evaluate formulas. */
export const FORMULA_VALUE = '#ERROR!';

export type CellValue = string | number | boolean | Date;

/** What a Range needs from its sheet (FakeSheet provides it). */
export interface RangeHost {
  readonly data: SheetData;
  readonly book: SpreadsheetData;
  /** The metered Sheet object Range.getSheet() returns. */
  readonly view: unknown;
  /** Validates and builds a range of the same sheet (the bounds and size errors live there). */
  rangeAt(method: string, row: number, column: number, numRows: number, numColumns: number): FakeRange;
}

export class FakeRange {
  constructor(
    private readonly x: Execution,
    private readonly host: RangeHost,
    private readonly area: Area,
  ) {}

  // --- where -------------------------------------------------------------------------------------

  getRow(): number {
    this.x.call('Range.getRow');
    return this.area.row;
  }

  getColumn(): number {
    this.x.call('Range.getColumn');
    return this.area.column;
  }

  getNumRows(): number {
    this.x.call('Range.getNumRows');
    return this.area.numRows;
  }

  getNumColumns(): number {
    this.x.call('Range.getNumColumns');
    return this.area.numColumns;
  }

  /** The range's own end row, not the sheet's last row with content. */
  getLastRow(): number {
    this.x.call('Range.getLastRow');
    return this.area.row + this.area.numRows - 1;
  }

  getLastColumn(): number {
    this.x.call('Range.getLastColumn');
    return this.area.column + this.area.numColumns - 1;
  }

  getA1Notation(): string {
    this.x.call('Range.getA1Notation');
    return a1Notation(this.area);
  }

  getSheet(): unknown {
    this.x.call('Range.getSheet');
    return this.host.view;
  }

  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): FakeRange {
    this.x.call('Range.offset');
    const a = this.area;
    return this.host.rangeAt(
      'Range.offset',
      a.row + rowOffset,
      a.column + columnOffset,
      numRows ?? a.numRows,
      numColumns ?? a.numColumns,
    );
  }

  getCell(row: number, column: number): FakeRange {
    this.x.call('Range.getCell');
    if (row < 1 || column < 1 || row > this.area.numRows || column > this.area.numColumns) {
      throw this.x.error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return this.host.rangeAt('Range.getCell', this.area.row + row - 1, this.area.column + column - 1, 1, 1);
  }

  /** For conditional format rules and protections. Not an Apps Script method, so not metered. */
  toRef(): RangeRef {
    return { sheetId: this.host.data.id, ...this.area };
  }

  // --- reading -----------------------------------------------------------------------------------

  private cells<T>(read: (cell: Cell | undefined) => T): T[][] {
    const { row, column, numRows, numColumns } = this.area;
    this.x.meter.read(numRows * numColumns);
    const out: T[][] = [];
    for (let r = 0; r < numRows; r++) {
      const line: T[] = [];
      for (let c = 0; c < numColumns; c++) line.push(read(this.host.data.cell(row + r, column + c)));
      out.push(line);
    }
    return out;
  }

  private first<T>(read: (cell: Cell | undefined) => T): T {
    this.x.meter.read(1);
    return read(this.host.data.cell(this.area.row, this.area.column));
  }

  private value = (cell: Cell | undefined): CellValue => {
    if (!cell) return '';
    if (cell.formula !== undefined) return FORMULA_VALUE;
    if (cell.value === undefined) return '';
    if (typeof cell.value === 'number' && isDateFormat(cell.format)) {
      return this.x.date(instantFromSerial(cell.value, this.host.book.timeZone));
    }
    return cell.value;
  };

  private display = (cell: Cell | undefined): string => displayOf(cell, this.host.book);

  /** "Returns the rectangular grid of values for this range": '' for blank cells, Date for date cells. */
  getValues(): CellValue[][] {
    this.x.call('Range.getValues');
    return this.cells(this.value);
  }

  getValue(): CellValue {
    this.x.call('Range.getValue');
    return this.first(this.value);
  }

  getDisplayValues(): string[][] {
    this.x.call('Range.getDisplayValues');
    return this.cells(this.display);
  }

  getDisplayValue(): string {
    this.x.call('Range.getDisplayValue');
    return this.first(this.display);
  }

  /** The formula text, '' where a cell has none. */
  getFormulas(): string[][] {
    this.x.call('Range.getFormulas');
    return this.cells((cell) => cell?.formula ?? '');
  }

  getFormula(): string {
    this.x.call('Range.getFormula');
    return this.first((cell) => cell?.formula ?? '');
  }

  getNumberFormats(): string[][] {
    this.x.call('Range.getNumberFormats');
    return this.cells((cell) => cell?.format ?? GENERAL);
  }

  getNumberFormat(): string {
    this.x.call('Range.getNumberFormat');
    return this.first((cell) => cell?.format ?? GENERAL);
  }

  getFontWeights(): string[][] {
    this.x.call('Range.getFontWeights');
    return this.cells((cell) => cell?.fontWeight ?? 'normal');
  }

  getFontWeight(): string {
    this.x.call('Range.getFontWeight');
    return this.first((cell) => cell?.fontWeight ?? 'normal');
  }

  getBackgrounds(): string[][] {
    this.x.call('Range.getBackgrounds');
    return this.cells((cell) => cell?.background ?? '#ffffff');
  }

  getBackground(): string {
    this.x.call('Range.getBackground');
    return this.first((cell) => cell?.background ?? '#ffffff');
  }

  getDataValidations(): (FakeDataValidation | null)[][] {
    this.x.call('Range.getDataValidations');
    return this.cells((cell) => this.validationOf(cell));
  }

  getDataValidation(): FakeDataValidation | null {
    this.x.call('Range.getDataValidation');
    return this.first((cell) => this.validationOf(cell));
  }

  private validationOf(cell: Cell | undefined): FakeDataValidation | null {
    return cell?.validation ? new FakeDataValidation(this.x, cell.validation as ValidationData) : null;
  }

  isBlank(): boolean {
    this.x.call('Range.isBlank');
    return this.cells((cell) => cell?.value === undefined && cell?.formula === undefined).every((r) =>
      r.every(Boolean),
    );
  }

  // --- finding -----------------------------------------------------------------------------------

  /** "Creates a text finder for the range": it searches this range's cells only. See text-finder.ts. */
  createTextFinder(findText: string): FakeTextFinder {
    this.x.call('Range.createTextFinder');
    const host = this.host;
    const area = { ...this.area };
    return createTextFinder(this.x, 'Range', findText, () => [
      {
        data: host.data,
        area,
        display: this.display,
        cellRange: (row, column) => host.rangeAt('TextFinder', row, column, 1, 1),
      },
    ]);
  }

  // --- writing -----------------------------------------------------------------------------------

  /** Apps Script's checks on a 2-D argument: an array of arrays of exactly the range's shape. */
  private checkGrid(method: string, grid: unknown): unknown[][] {
    if (!Array.isArray(grid)) throw this.x.badArguments(`SpreadsheetApp.Range.${method}`, [grid]);
    const { numRows, numColumns } = this.area;
    if (grid.length !== numRows) {
      throw this.x.error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${grid.length} but the range has ${numRows}.`,
      );
    }
    for (const line of grid) {
      if (!Array.isArray(line)) throw this.x.badArguments(`SpreadsheetApp.Range.${method}`, [grid]);
      if (line.length !== numColumns) {
        throw this.x.error(
          `The number of columns in the data does not match the number of columns in the range. The data has ${line.length} but the range has ${numColumns}.`,
        );
      }
    }
    return grid as unknown[][];
  }

  /** Parses every cell first, so a refused write changes nothing. Formulas skip the parsing. */
  private writeContent(grid: unknown[][], formulas = false): void {
    const { row, column } = this.area;
    const book = this.host.book;
    const ctx = {
      timeZone: book.timeZone,
      locale: book.locale,
      separators: separators(book.locale),
      now: this.x.now(),
      fail: (m: string) => this.x.error(m),
    };
    const parsed: Content[][] = grid.map((line, r) =>
      line.map((input, c) =>
        formulas
          ? formulaContent(input)
          : parseInput(input, this.host.data.cell(row + r, column + c)?.format, ctx),
      ),
    );
    const data = this.host.data;
    for (let r = 0; r < parsed.length; r++) {
      for (let c = 0; c < parsed[r].length; c++) {
        const existing = data.cell(row + r, column + c);
        const rule = existing?.validation as ValidationData | undefined;
        if (!rule) continue;
        const content = parsed[r][c];
        const after: Cell = {
          format: content.format ?? existing?.format,
          value: content.value,
          formula: content.formula,
        };
        if (!passesValidation(rule, content.value ?? content.formula, displayOf(after, book))) {
          const where = a1Notation({ row: row + r, column: column + c, numRows: 1, numColumns: 1 });
          throw this.x.error(
            `The data you entered in cell ${where} violates the data validation rules set on this cell.`,
          );
        }
      }
    }
    for (let r = 0; r < parsed.length; r++) {
      for (let c = 0; c < parsed[r].length; c++) {
        const content = parsed[r][c];
        const cell = data.cellForWrite(row + r, column + c);
        cell.value = content.value;
        cell.formula = content.formula;
        if (content.format !== undefined) cell.format = content.format;
      }
    }
    this.x.meter.wrote(this.area.numRows * this.area.numColumns);
    this.x.changed();
  }

  /** "Sets a rectangular grid of values (must match dimensions of this range)." */
  setValues(values: unknown[][]): this {
    this.x.call('Range.setValues');
    this.writeContent(this.checkGrid('setValues', values));
    return this;
  }

  /** Sets every cell of the range to the value. */
  setValue(value: unknown): this {
    this.x.call('Range.setValue');
    this.writeContent(this.filled(value));
    return this;
  }

  setFormulas(formulas: string[][]): this {
    this.x.call('Range.setFormulas');
    this.writeContent(this.checkGrid('setFormulas', formulas), true);
    return this;
  }

  setFormula(formula: string): this {
    this.x.call('Range.setFormula');
    this.writeContent(this.filled(formula), true);
    return this;
  }

  private filled<T>(value: T): T[][] {
    return Array.from({ length: this.area.numRows }, () => new Array<T>(this.area.numColumns).fill(value));
  }

  /** Clears values and formulas; formats and validation stay. */
  clearContent(): this {
    this.x.call('Range.clearContent');
    this.eachCell((cell) => {
      cell.value = undefined;
      cell.formula = undefined;
    });
    this.x.meter.wrote(this.area.numRows * this.area.numColumns);
    return this;
  }

  clearFormat(): this {
    this.x.call('Range.clearFormat');
    this.format((cell) => {
      cell.format = undefined;
      cell.fontWeight = undefined;
      cell.background = undefined;
    });
    return this;
  }

  clear(): this {
    this.x.call('Range.clear');
    this.eachCell((cell) => {
      for (const key of Object.keys(cell)) delete cell[key as keyof Cell];
    });
    this.x.meter.wrote(this.area.numRows * this.area.numColumns);
    return this;
  }

  private eachCell(change: (cell: Cell, r: number, c: number) => void): void {
    const { row, column, numRows, numColumns } = this.area;
    for (let r = 0; r < numRows; r++) {
      for (let c = 0; c < numColumns; c++) {
        const existing = this.host.data.cell(row + r, column + c);
        if (existing) change(existing, r, c);
        else {
          const probe: Cell = {};
          change(probe, r, c);
          if (Object.values(probe).some((v) => v !== undefined)) {
            Object.assign(this.host.data.cellForWrite(row + r, column + c), probe);
          }
        }
      }
    }
    this.x.changed();
  }

  private format(change: (cell: Cell, r: number, c: number) => void): void {
    this.eachCell(change);
    this.x.meter.formatted(this.area.numRows * this.area.numColumns);
  }

  /** 'General' resets to automatic; '@' is plain text. null is refused, as in Apps Script. */
  setNumberFormat(numberFormat: string): this {
    this.x.call('Range.setNumberFormat');
    const fmt = this.checkFormat('setNumberFormat', numberFormat);
    this.format((cell) => {
      cell.format = fmt;
    });
    return this;
  }

  setNumberFormats(numberFormats: string[][]): this {
    this.x.call('Range.setNumberFormats');
    const grid = this.checkGrid('setNumberFormats', numberFormats).map((line) =>
      line.map((f) => this.checkFormat('setNumberFormats', f)),
    );
    this.format((cell, r, c) => {
      cell.format = grid[r][c];
    });
    return this;
  }

  private checkFormat(method: string, f: unknown): string | undefined {
    if (typeof f !== 'string') throw this.x.badArguments(`SpreadsheetApp.Range.${method}`, [f]);
    return f === '' || f.toLowerCase() === 'general' ? undefined : f;
  }

  /** 'bold', 'normal', or null to reset. */
  setFontWeight(fontWeight: string | null): this {
    this.x.call('Range.setFontWeight');
    const w = this.checkWeight(fontWeight);
    this.format((cell) => {
      cell.fontWeight = w;
    });
    return this;
  }

  setFontWeights(fontWeights: (string | null)[][]): this {
    this.x.call('Range.setFontWeights');
    const grid = this.checkGrid('setFontWeights', fontWeights).map((line) =>
      line.map((w) => this.checkWeight(w)),
    );
    this.format((cell, r, c) => {
      cell.fontWeight = grid[r][c];
    });
    return this;
  }

  private checkWeight(w: unknown): 'bold' | undefined {
    if (w === null || w === 'normal') return undefined;
    if (w === 'bold') return 'bold';
    throw this.x.error(`Invalid argument: fontWeight (${String(w)})`);
  }

  /** A CSS colour ('#ff0000', 'red'), or null to reset to white. */
  setBackground(color: string | null): this {
    this.x.call('Range.setBackground');
    const bg = color === null ? undefined : normalizeColor(color);
    this.format((cell) => {
      cell.background = bg;
    });
    return this;
  }

  setBackgrounds(color: (string | null)[][]): this {
    this.x.call('Range.setBackgrounds');
    const grid = this.checkGrid('setBackgrounds', color).map((line) =>
      line.map((c) => (c === null ? undefined : normalizeColor(String(c)))),
    );
    this.format((cell, r, c) => {
      cell.background = grid[r][c];
    });
    return this;
  }

  /** A rule built with SpreadsheetApp.newDataValidation(), or null to remove validation. */
  setDataValidation(rule: FakeDataValidation | null): this {
    this.x.call('Range.setDataValidation');
    if (rule !== null && !(rule instanceof FakeDataValidation)) {
      throw this.x.badArguments('SpreadsheetApp.Range.setDataValidation', [rule]);
    }
    this.format((cell) => {
      cell.validation = rule?.data;
    });
    return this;
  }

  setDataValidations(rules: (FakeDataValidation | null)[][]): this {
    this.x.call('Range.setDataValidations');
    const grid = this.checkGrid('setDataValidations', rules) as (FakeDataValidation | null)[][];
    this.format((cell, r, c) => {
      cell.validation = grid[r][c]?.data;
    });
    return this;
  }

  clearDataValidations(): this {
    this.x.call('Range.clearDataValidations');
    this.format((cell) => {
      cell.validation = undefined;
    });
    return this;
  }
}

/** setFormula('') clears the cell; a formula without '=' gets one. */
function formulaContent(f: unknown): Content {
  const s = String(f ?? '');
  if (s === '') return {};
  return { formula: s.startsWith('=') ? s : `=${s}` };
}

/** getDisplayValues' text of a cell. */
export function displayOf(cell: Cell | undefined, book: SpreadsheetData): string {
  if (!cell) return '';
  if (cell.formula !== undefined) return FORMULA_VALUE;
  const v = cell.value;
  if (v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  if (isDateFormat(cell.format)) return formatDateSerial(v, String(cell.format), book.timeZone);
  return formatNumber(v, cell.format ?? GENERAL, separators(book.locale));
}
