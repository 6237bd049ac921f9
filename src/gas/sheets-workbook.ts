/**
 * The Workbook port over SpreadsheetApp. Each method is a constant number of service calls:
 * sheets are looked up once per execution, a tab is read with one getValues() and a block is
 * written with one setValues().
 */

import { columnLetter } from '../ledger/a1';
import type { CellValue, ChartSpec, TabStyle, Workbook } from '../platform/workbook';
import { asLiteral } from './literal-text';

/** Blank columns left to the right of a new tab's headers, for a note or two of the shop's own. */
const SPARE_COLUMNS = 2;

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** One regular expression (RE2, as TextFinder uses) matching exactly any of the texts. */
function anyOf(texts: readonly string[]): string {
  return `^(?:${texts.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`;
}

export class SheetsWorkbook implements Workbook {
  /** The service is taken when the port is made (inside an entry point), never at load. */
  constructor(private readonly app: GoogleAppsScript.Spreadsheet.SpreadsheetApp = SpreadsheetApp) {}

  private spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet | null = null;
  private sheets: Map<string, Sheet> | null = null;
  /** Max rows and columns per sheet, so writes know when to grow the grid without asking again. */
  private readonly size = new Map<string, { rows: number; cols: number }>();

  private ss(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    if (!this.spreadsheet) this.spreadsheet = this.app.getActive();
    return this.spreadsheet;
  }

  private all(): Map<string, Sheet> {
    if (!this.sheets) {
      this.sheets = new Map(
        this.ss()
          .getSheets()
          .map((s) => [s.getName(), s] as [string, Sheet]),
      );
    }
    return this.sheets;
  }

  private sheet(tab: string): Sheet {
    const sheet = this.all().get(tab);
    if (!sheet) throw new Error(`The tab "${tab}" is missing.`);
    return sheet;
  }

  private dimensions(tab: string): { rows: number; cols: number } {
    let size = this.size.get(tab);
    if (!size) {
      const sheet = this.sheet(tab);
      size = { rows: sheet.getMaxRows(), cols: sheet.getMaxColumns() };
      this.size.set(tab, size);
    }
    return size;
  }

  timeZone(): string {
    return this.ss().getSpreadsheetTimeZone();
  }

  locale(): string {
    return this.ss().getSpreadsheetLocale();
  }

  tabNames(): string[] {
    return [...this.all().keys()];
  }

  gridCells(): number {
    return this.tabNames().reduce((sum, tab) => {
      const { rows, cols } = this.dimensions(tab);
      return sum + rows * cols;
    }, 0);
  }

  read(tab: string): CellValue[][] {
    const values = this.sheet(tab).getDataRange().getValues() as CellValue[][];
    // An empty sheet's data range is A1 alone.
    return values.length === 1 && values[0].length === 1 && values[0][0] === '' ? [] : values;
  }

  readHeader(tab: string): CellValue[] {
    const sheet = this.sheet(tab);
    const width = sheet.getLastColumn();
    return width === 0 ? [] : (sheet.getRange(1, 1, 1, width).getValues()[0] as CellValue[]);
  }

  write(tab: string, row: number, col: number, values: CellValue[][]): void {
    if (values.length === 0) return;
    const sheet = this.sheet(tab);
    const size = this.dimensions(tab);
    const lastRow = row + values.length - 1;
    const lastCol = col + values[0].length - 1;
    if (lastRow > size.rows) {
      // Grow in chunks, so appending a row at a time does not insert a row at a time.
      const add = Math.max(lastRow - size.rows, Math.min(1000, size.rows));
      sheet.insertRowsAfter(size.rows, add);
      size.rows += add;
    }
    if (lastCol > size.cols) {
      sheet.insertColumnsAfter(size.cols, lastCol - size.cols);
      size.cols = lastCol;
    }
    const cells = values.map((r) => r.map((v) => (typeof v === 'string' ? asLiteral(v) : v)));
    sheet.getRange(row, col, values.length, values[0].length).setValues(cells);
  }

  append(tab: string, rows: CellValue[][]): number {
    const first = this.lastRow(tab) + 1;
    this.write(tab, first, 1, rows);
    return first;
  }

  readRows(tab: string, fromRow: number, count: number): CellValue[][] {
    const sheet = this.sheet(tab);
    const width = sheet.getLastColumn();
    if (count < 1 || width === 0) return [];
    return sheet.getRange(fromRow, 1, count, width).getValues() as CellValue[][];
  }

  lastRow(tab: string): number {
    return this.sheet(tab).getLastRow();
  }

  findRows(tab: string, col: number, text: string | readonly string[]): number[] {
    const texts = (typeof text === 'string' ? [text] : [...text]).filter((t) => t !== '');
    const sheet = this.sheet(tab);
    const last = sheet.getLastRow();
    if (last < 2 || texts.length === 0) return [];
    const finder = sheet
      .getRange(2, col, last - 1, 1)
      .createTextFinder(texts.length === 1 ? texts[0] : anyOf(texts));
    if (texts.length > 1) finder.useRegularExpression(true);
    return finder
      .matchEntireCell(true)
      .matchCase(true)
      .findAll()
      .map((cell) => cell.getRow());
  }

  findLastRow(tab: string, col: number, text: string): number {
    if (text === '') return 0;
    const sheet = this.sheet(tab);
    const last = sheet.getLastRow();
    if (last < 2) return 0;
    // findPrevious() before any match gives the last match: one call, whatever the count.
    const cell = sheet
      .getRange(2, col, last - 1, 1)
      .createTextFinder(text)
      .matchEntireCell(true)
      .matchCase(true)
      .findPrevious();
    return cell ? cell.getRow() : 0;
  }

  addTab(tab: string, columns?: number): void {
    const sheet = this.ss().insertSheet(tab);
    const keep = columns === undefined ? null : columns + SPARE_COLUMNS;
    if (keep !== null && sheet.getMaxColumns() > keep)
      sheet.deleteColumns(keep + 1, sheet.getMaxColumns() - keep);
    this.all().set(tab, sheet);
  }

  style(tab: string, style: TabStyle): void {
    const sheet = this.sheet(tab);
    const size = this.dimensions(tab);
    sheet.getRange(1, 1, 1, style.headerWidth).setFontWeight('bold');
    sheet.setFrozenRows(1);
    const below = size.rows - 1;
    for (const c of style.columns) {
      if (below < 1 || (!c.numberFormat && !c.allowed)) continue;
      const column = sheet.getRange(2, c.col, below, 1);
      if (c.numberFormat) column.setNumberFormat(c.numberFormat);
      if (c.allowed) {
        column.setDataValidation(
          this.app
            .newDataValidation()
            .requireValueInList([...c.allowed], true)
            .setAllowInvalid(false)
            .build(),
        );
      }
    }
    if (style.highlightWhen && below >= 1) {
      const formula = `=$${columnLetter(style.highlightWhen)}2=TRUE`;
      const rules = sheet.getConditionalFormatRules();
      const ours = rules.some((r) => r.getBooleanCondition()?.getCriteriaValues()[0] === formula);
      if (!ours) {
        const rule = this.app
          .newConditionalFormatRule()
          .whenFormulaSatisfied(formula)
          .setBackground('#fce8e6')
          .setRanges([sheet.getRange(2, 1, below, style.headerWidth)])
          .build();
        sheet.setConditionalFormatRules([...rules, rule]);
      }
    }
    if (style.warnOnEdit) sheet.protect().setWarningOnly(true).setDescription(style.warnOnEdit);
  }

  chart(tab: string, spec: ChartSpec): void {
    const sheet = this.sheet(tab);
    const { source } = spec;
    const range = this.sheet(source.tab).getRange(source.row, source.col, source.rows, source.cols);
    // Found again by its title, so Set up and every Rebuild keep one chart, not one each.
    const existing = sheet.getCharts().find((c) => c.getOptions().get('title') === spec.title);
    const builder = existing ? existing.modify().clearRanges() : sheet.newChart();
    const chart = builder
      .setChartType(spec.type === 'line' ? Charts.ChartType.LINE : Charts.ChartType.COLUMN)
      .addRange(range)
      .setNumHeaders(1)
      .setOption('title', spec.title)
      .setPosition(spec.anchor.row, spec.anchor.col, 0, 0)
      .build();
    if (existing) sheet.updateChart(chart);
    else sheet.insertChart(chart);
  }

  flush(): void {
    this.app.flush();
  }
}
