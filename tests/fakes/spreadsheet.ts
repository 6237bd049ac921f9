/**
 * Spreadsheet and SpreadsheetApp. The add-on only ever sees the spreadsheet it is bound to
 * (scope spreadsheets.currentonly), so openById is refused.
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app
 */

import { parseA1 } from './a1';
import { BooleanCriteria, FakeConditionalFormatRuleBuilder, type RangeRef } from './conditional-format';
import { DataValidationCriteria, FakeDataValidationBuilder } from './data-validation';
import { bindMethods, type Execution } from './execution';
import {
  CELL_LIMIT_MESSAGE,
  MAX_WORKBOOK_CELLS,
  NEW_SHEET_COLUMNS,
  NEW_SHEET_ROWS,
  type SheetData,
  type SpreadsheetData,
} from './grid';
import { ProtectionType } from './protection';
import { displayOf, type FakeRange } from './range';
import { DUPLICATE_SHEET, FakeSheet } from './sheet';
import { createTextFinder, type FakeTextFinder, wholeSheet } from './text-finder';
import { FakeUiService } from './ui';

export class FakeSpreadsheet {
  private readonly views = new Map<SheetData, FakeSheet>();

  constructor(
    private readonly x: Execution,
    private readonly book: SpreadsheetData,
  ) {
    x.resolveRange = (ref) => this.rangeOf(ref);
  }

  /** One Sheet object per tab per execution. */
  private view(data: SheetData): FakeSheet {
    let v = this.views.get(data);
    if (!v) {
      v = new FakeSheet(this.x, data, { book: this.book, view: this });
      this.views.set(data, v);
    }
    return v;
  }

  /** Rebuilds a range from a stored reference (conditional format rules). */
  private rangeOf(ref: RangeRef): FakeRange {
    const data = this.book.sheets.find((s) => s.id === ref.sheetId);
    if (!data) throw this.x.error('Fake: the sheet of this range was deleted.');
    const sheet = this.view(data);
    return this.x.meter.uncounted(() => sheet.getRange(ref.row, ref.column, ref.numRows, ref.numColumns));
  }

  getId(): string {
    this.x.call('Spreadsheet.getId');
    return this.book.id;
  }

  getName(): string {
    this.x.call('Spreadsheet.getName');
    return this.book.name;
  }

  rename(newName: string): void {
    this.x.call('Spreadsheet.rename');
    this.book.name = String(newName);
  }

  getUrl(): string {
    this.x.call('Spreadsheet.getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.book.id}/edit`;
  }

  getSheets(): FakeSheet[] {
    this.x.call('Spreadsheet.getSheets');
    return this.book.sheets.map((s) => this.view(s));
  }

  getNumSheets(): number {
    this.x.call('Spreadsheet.getNumSheets');
    return this.book.sheets.length;
  }

  /** null when there is no such tab. Sheets matches tab names without regard to case. */
  getSheetByName(name: string): FakeSheet | null {
    this.x.call('Spreadsheet.getSheetByName');
    const data = this.book.sheetByName(String(name));
    return data ? this.view(data) : null;
  }

  getSheetById(id: number): FakeSheet | null {
    this.x.call('Spreadsheet.getSheetById');
    const data = this.book.sheets.find((s) => s.id === id);
    return data ? this.view(data) : null;
  }

  getActiveSheet(): FakeSheet {
    this.x.call('Spreadsheet.getActiveSheet');
    return this.view(this.book.sheets.find((s) => s.id === this.book.activeSheetId) ?? this.book.sheets[0]);
  }

  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.x.call('Spreadsheet.setActiveSheet');
    this.book.activeSheetId = sheet.data.id;
    return sheet;
  }

  /**
   * insertSheet() | insertSheet(sheetIndex) | insertSheet(sheetName) | insertSheet(sheetName, sheetIndex).
   * A new tab is 1000 x 26 and becomes the active one; names are unique regardless of case.
   */
  insertSheet(...args: unknown[]): FakeSheet {
    this.x.call('Spreadsheet.insertSheet');
    let name: string | undefined;
    let index: number | undefined;
    if (typeof args[0] === 'string') [name, index] = args as [string, number | undefined];
    else if (typeof args[0] === 'number') index = args[0];
    else if (args.length > 0) throw this.x.badArguments('SpreadsheetApp.Spreadsheet.insertSheet', args);
    if (index !== undefined && (!Number.isInteger(index) || index < 0 || index > this.book.sheets.length)) {
      throw this.x.error(`Invalid argument: sheetIndex (${index})`);
    }
    name = name ?? this.book.defaultSheetName();
    if (name.trim() === '') throw this.x.error('Invalid argument: sheetName');
    if (this.book.sheetByName(name)) throw this.x.error(DUPLICATE_SHEET(name));
    if (this.book.cellCount + NEW_SHEET_ROWS * NEW_SHEET_COLUMNS > MAX_WORKBOOK_CELLS) {
      throw this.x.error(CELL_LIMIT_MESSAGE);
    }
    const data = this.book.addSheet(name, index);
    this.book.activeSheetId = data.id;
    this.x.changed();
    return this.view(data);
  }

  deleteSheet(sheet: FakeSheet): void {
    this.x.call('Spreadsheet.deleteSheet');
    if (!(sheet instanceof FakeSheet))
      throw this.x.badArguments('SpreadsheetApp.Spreadsheet.deleteSheet', [sheet]);
    const at = this.book.sheets.indexOf(sheet.data);
    if (at < 0) throw this.x.error('Fake: this sheet was already deleted.');
    if (this.book.sheets.length === 1) throw this.x.error("You can't remove all the sheets in a document.");
    this.book.sheets.splice(at, 1);
    this.views.delete(sheet.data);
    if (this.book.activeSheetId === sheet.data.id) this.book.activeSheetId = this.book.sheets[0].id;
    this.x.changed();
  }

  /** getRange('Tab!A1:C3'), or A1 notation on the active sheet. */
  getRange(a1Notation: string): FakeRange {
    this.x.call('Spreadsheet.getRange');
    const bang = a1Notation.lastIndexOf('!');
    const tab = bang >= 0 ? a1Notation.slice(0, bang).replace(/^'(.*)'$/, '$1') : undefined;
    const data =
      tab === undefined
        ? (this.book.sheets.find((s) => s.id === this.book.activeSheetId) ?? this.book.sheets[0])
        : this.book.sheetByName(tab);
    if (!data) throw this.x.error('Range not found');
    const a = parseA1(a1Notation.slice(bang + 1), data.maxRows, data.maxColumns);
    if (!a) throw this.x.error('Range not found');
    const sheet = this.view(data);
    return this.x.meter.uncounted(() => sheet.getRange(a.row, a.column, a.numRows, a.numColumns));
  }

  /**
   * "Creates a text finder for the spreadsheet... The search starts from the first sheet": every
   * tab, in tab order. See text-finder.ts.
   */
  createTextFinder(findText: string): FakeTextFinder {
    this.x.call('Spreadsheet.createTextFinder');
    return createTextFinder(this.x, 'Spreadsheet', findText, () =>
      this.book.sheets.map((data) => {
        const sheet = this.view(data);
        return {
          data,
          area: wholeSheet(data),
          display: (cell) => displayOf(cell, this.book),
          cellRange: (row, column) => this.x.meter.uncounted(() => sheet.getRange(row, column)),
        };
      }),
    );
  }

  /** The IANA zone that date cells are read and written in. */
  getSpreadsheetTimeZone(): string {
    this.x.call('Spreadsheet.getSpreadsheetTimeZone');
    return this.book.timeZone;
  }

  setSpreadsheetTimeZone(timezone: string): void {
    this.x.call('Spreadsheet.setSpreadsheetTimeZone');
    this.book.timeZone = String(timezone);
  }

  getSpreadsheetLocale(): string {
    this.x.call('Spreadsheet.getSpreadsheetLocale');
    return this.book.locale;
  }

  setSpreadsheetLocale(locale: string): void {
    this.x.call('Spreadsheet.setSpreadsheetLocale');
    this.book.locale = String(locale);
  }

  /** Recorded in FakeUi.toasts. Default timeout 5 s; a negative one stays until closed. */
  toast(msg: string, title = '', timeoutSeconds = 5): void {
    this.x.call('Spreadsheet.toast');
    this.x.ui.toasts.push({ message: String(msg), title: String(title), timeoutSeconds });
  }
}

export class FakeSpreadsheetApp {
  readonly ProtectionType = ProtectionType;
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly BooleanCriteria = BooleanCriteria;

  constructor(
    private readonly x: Execution,
    private readonly active: FakeSpreadsheet,
  ) {}

  getActive(): FakeSpreadsheet {
    this.x.call('SpreadsheetApp.getActive');
    return this.active;
  }

  getActiveSpreadsheet(): FakeSpreadsheet {
    this.x.call('SpreadsheetApp.getActiveSpreadsheet');
    return this.active;
  }

  getActiveSheet(): FakeSheet {
    this.x.call('SpreadsheetApp.getActiveSheet');
    return this.x.meter.uncounted(() => this.active.getActiveSheet());
  }

  /** The spreadsheets.currentonly scope allows only the bound spreadsheet. */
  openById(id: string): never {
    this.x.call('SpreadsheetApp.openById');
    void id;
    throw this.x.error(
      'You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
    );
  }

  /** Applies pending changes: in the fake, writes are already applied; it is counted and clears "unflushed". */
  flush(): void {
    this.x.call('SpreadsheetApp.flush');
    this.x.unflushed = false;
  }

  /** Outside a UI context (a time-driven trigger) there is no Ui. */
  getUi(): FakeUiService {
    this.x.call('SpreadsheetApp.getUi');
    if (!this.x.settings.hasUi) throw this.x.error('Cannot call SpreadsheetApp.getUi() from this context.');
    return bindMethods(new FakeUiService(this.x));
  }

  newDataValidation(): FakeDataValidationBuilder {
    this.x.call('SpreadsheetApp.newDataValidation');
    return new FakeDataValidationBuilder(this.x);
  }

  newConditionalFormatRule(): FakeConditionalFormatRuleBuilder {
    this.x.call('SpreadsheetApp.newConditionalFormatRule');
    return new FakeConditionalFormatRuleBuilder(this.x);
  }
}
