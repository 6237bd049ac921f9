/**
 * The Workbook port over SpreadsheetApp. Each method is a constant number of service calls:
 * sheets are looked up once per execution, a tab is read with one getValues() and a block is
 * written with one setValues().
 */
import type { CellValue, TabStyle, Workbook } from '../platform/workbook';
import { asLiteral } from './literal-text';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export class SheetsWorkbook implements Workbook {
  private spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet | null = null;
  private sheets: Map<string, Sheet> | null = null;
  /** Max rows and columns per sheet, so writes know when to grow the grid without asking again. */
  private readonly size = new Map<string, { rows: number; cols: number }>();

  private ss(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    if (!this.spreadsheet) this.spreadsheet = SpreadsheetApp.getActive();
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

  addTab(tab: string): void {
    const sheet = this.ss().insertSheet(tab);
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
          SpreadsheetApp.newDataValidation()
            .requireValueInList([...c.allowed], true)
            .setAllowInvalid(false)
            .build(),
        );
      }
    }
    if (style.warnOnEdit) sheet.protect().setWarningOnly(true).setDescription(style.warnOnEdit);
  }

  flush(): void {
    SpreadsheetApp.flush();
  }
}
