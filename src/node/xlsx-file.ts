/**
 * The local ledger as an .xlsx file: load it into a MemoryWorkbook and save it back atomically.
 *
 * The file is meant to open in Google Sheets, Excel and LibreOffice and look like the ledger: row 1
 * bold and frozen, each column's number format, drop-downs for allowed values, rows highlighted by a
 * conditional format. What the port needs and .xlsx has no place for (time zone, locale, warnOnEdit,
 * long drop-down lists, the document properties) lives on one hidden settings sheet, which is never
 * shown as a tab.
 *
 * Dates: a Date in the workbook is an instant, but a spreadsheet date has no zone. The file holds the
 * wall-clock time in the workbook's time zone, as Sheets shows it, and loading converts it back.
 */

import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import ExcelJS from 'exceljs';
import type { CellValue, ColumnStyle } from '../platform/workbook';
import {
  columnLetter,
  DEFAULT_LOCALE,
  DEFAULT_TIME_ZONE,
  type FormulaCell,
  MAX_COLUMNS,
  MAX_ROWS,
  MemoryWorkbook,
  SETTINGS_SHEET,
  type StoredTabStyle,
  type TabContents,
  type WorkbookContents,
} from './memory-workbook';

/** A problem with the ledger file that the person running the command can fix. */
export class LedgerFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerFileError';
  }
}

export interface LoadOptions {
  /** Used when the file has no Shop Ledger settings (e.g. made by hand in Excel). */
  timeZone?: string;
  locale?: string;
}

/** Drop-downs cover the used rows and this many more, so new rows get them too. */
const VALIDATION_MARGIN_ROWS = 1000;
/** Excel refuses an inline drop-down list longer than this; longer lists go to the settings sheet. */
const MAX_INLINE_LIST = 255;
/** Excel's limit for a validation error message. */
const MAX_ERROR_MESSAGE = 225;
/** For a date in a column whose format is not a date format: otherwise it would load as a number. */
const DEFAULT_DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
/**
 * 2: the settings sheet holds document properties (`property <key> <value>` rows). Shop Ledger before
 * format 2 would drop them when it saved (losing id counters), so it must refuse such a file; a file
 * without properties is still saved as format 1, which every version reads.
 */
const SETTINGS_FORMAT_VERSION = 2;
const FORMAT_WITHOUT_PROPERTIES = 1;
/** The fill of a highlighted row, as the Sheets adapter sets it (#fce8e6). */
const HIGHLIGHT_ARGB = 'FFFCE8E6';
const DAY_MS = 86_400_000;

export function missingLedgerError(path: string): LedgerFileError {
  return new LedgerFileError(`No ledger at ${path}. Create one with: npx shop-ledger init --ledger ${path}`);
}

export async function loadXlsx(path: string, options: LoadOptions = {}): Promise<MemoryWorkbook> {
  const data = await readLedger(path);
  const notXlsx = (reason: string) => new LedgerFileError(`${path} is not an .xlsx workbook: ${reason}`);
  const sniffed = sniff(data);
  if (sniffed) throw notXlsx(sniffed);
  const book = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own ArrayBuffer-like Buffer; a Node Buffer is what it reads at runtime.
    await book.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw notXlsx(`the file is damaged or is not a spreadsheet (${messageOf(error)}).`);
  }
  if (book.worksheets.length === 0) throw notXlsx('it is a zip file but holds no worksheets.');

  const settings = readSettings(book);
  if (settings.format !== undefined && settings.format > SETTINGS_FORMAT_VERSION) {
    throw new LedgerFileError(
      `${path} was saved by a newer version of Shop Ledger. Update it (npm install shop-ledger@latest) and try again.`,
    );
  }
  const timeZone = settings.timeZone ?? options.timeZone;
  if (timeZone !== undefined && !isTimeZone(timeZone)) {
    throw new LedgerFileError(`${path} names an unknown time zone "${timeZone}" in its settings.`);
  }
  const zone = timeZone ?? DEFAULT_TIME_ZONE;
  const tabs = book.worksheets
    .filter((ws) => ws.name !== SETTINGS_SHEET)
    .map((ws) => readTab(book, ws, zone, settings.warnOnEdit.get(ws.name)));
  const locale = settings.locale ?? options.locale ?? DEFAULT_LOCALE;
  const properties = Object.fromEntries(settings.properties);
  return MemoryWorkbook.fromContents({ timeZone: zone, locale, tabs, properties });
}

/** Saves every tab and marks the workbook clean. The file is replaced whole or not at all. */
export async function saveXlsx(wb: MemoryWorkbook, path: string): Promise<void> {
  const data = await toXlsx(wb.contents());
  await replaceFile(path, data);
  wb.markClean();
}

// ---- dates ----------------------------------------------------------------------------------------

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time of `instant` in `timeZone`, as a Date whose UTC fields are that wall time. */
export function toWallClock(instant: Date, timeZone: string): Date {
  return new Date(wallClockMs(instant.getTime(), timeZone));
}

/**
 * The instant at which clocks in `timeZone` show `wallClock` (read from its UTC fields). As java.time
 * does: in the autumn overlap the earlier instant wins; a time skipped in spring is moved forward by
 * the gap (02:30 becomes 03:30).
 */
export function fromWallClock(wallClock: Date, timeZone: string): Date {
  const wall = wallClock.getTime();
  // The offsets in force a day either side; any change between them is the one that matters here.
  const offsetBefore = offsetMs(wall - DAY_MS, timeZone);
  const offsetAfter = offsetMs(wall + DAY_MS, timeZone);
  const matches = [wall - offsetBefore, wall - offsetAfter]
    .filter((instant) => wallClockMs(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  return new Date(matches.length > 0 ? matches[0] : wall - offsetBefore);
}

function wallClockMs(instantMs: number, timeZone: string): number {
  return instantMs + offsetMs(instantMs, timeZone);
}

const HOUR_MS = 3_600_000;
/** Per zone: the offset over each UTC hour, or NaN for an hour with a change in it. */
const hourlyOffsets = new Map<string, Map<number, number>>();

/**
 * formatToParts is slow, and a ledger has many dates close together, so the offset is kept per hour.
 * An hour whose two ends agree has one offset throughout (no zone changes twice within an hour).
 */
function offsetMs(instantMs: number, timeZone: string): number {
  let hours = hourlyOffsets.get(timeZone);
  if (!hours || hours.size > 100_000) {
    hours = new Map();
    hourlyOffsets.set(timeZone, hours);
  }
  const hour = Math.floor(instantMs / HOUR_MS);
  let offset = hours.get(hour);
  if (offset === undefined) {
    const first = exactOffsetMs(hour * HOUR_MS, timeZone);
    offset = first === exactOffsetMs((hour + 1) * HOUR_MS - 1000, timeZone) ? first : Number.NaN;
    hours.set(hour, offset);
  }
  return Number.isNaN(offset) ? exactOffsetMs(instantMs, timeZone) : offset;
}

function exactOffsetMs(instantMs: number, timeZone: string): number {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClockFormats.set(timeZone, format);
  }
  // Zone offsets are whole seconds, so the milliseconds carry over unchanged.
  const whole = instantMs - (((instantMs % 1000) + 1000) % 1000);
  const field: Record<string, number> = {};
  let bc = false;
  for (const part of format.formatToParts(new Date(whole))) {
    if (part.type === 'era') bc = part.value.startsWith('B');
    else if (part.type !== 'literal') field[part.type] = Number(part.value);
  }
  const wall = new Date(0);
  wall.setUTCFullYear(bc ? 1 - field.year : field.year, field.month - 1, field.day);
  wall.setUTCHours(field.hour, field.minute, field.second, 0);
  return wall.getTime() - whole;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** exceljs's own test (lib/utils/utils.js isDateFmt): a cell with such a format loads as a Date. */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

// ---- text -----------------------------------------------------------------------------------------

/**
 * .xlsx text cannot hold most control characters (exceljs drops them), and readers decode `_xHHHH_`
 * as a character. OOXML's own escape keeps such text exactly: the character as `_xHHHH_`, and the '_'
 * of a literal `_xHHHH_` as `_x005F_`. exceljs and Excel both decode it on load.
 */
const UNSAFE_TEXT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters being escaped.
  /_(?=x[0-9A-Fa-f]{4}_)|[\x00-\x08\x0B-\x1F\x7F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function encodeText(text: string): string {
  return text.replace(
    UNSAFE_TEXT,
    (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );
}

// ---- loading --------------------------------------------------------------------------------------

async function readLedger(path: string): Promise<Buffer> {
  try {
    return await fsp.readFile(path);
  } catch (error) {
    switch (codeOf(error)) {
      case 'ENOENT':
        throw missingLedgerError(path);
      case 'EISDIR':
        throw new LedgerFileError(`${path} is not an .xlsx workbook: it is a folder.`);
      case 'EACCES':
      case 'EPERM':
        throw new LedgerFileError(`Cannot read ${path}: permission denied.`);
      default:
        throw new LedgerFileError(`Cannot read ${path}: ${messageOf(error)}`);
    }
  }
}

/** Why the bytes cannot be an .xlsx file, or undefined when they may be one. */
function sniff(data: Buffer): string | undefined {
  if (data.length === 0) return 'the file is empty.';
  if (data.length >= 4 && data.readUInt32BE(0) === 0xd0cf11e0) {
    return (
      'it is an old-style Excel (.xls) file or a password-protected workbook. Open it in Excel or ' +
      'LibreOffice and save it as .xlsx without a password.'
    );
  }
  if (data.length < 4 || data.readUInt32BE(0) !== 0x504b0304) {
    return 'it is not a spreadsheet file. If it is a .csv, open it in a spreadsheet and save it as .xlsx.';
  }
  return undefined;
}

interface Settings {
  format?: number;
  timeZone?: string;
  locale?: string;
  warnOnEdit: Map<string, string>;
  properties: Map<string, string>;
}

function readSettings(book: ExcelJS.Workbook): Settings {
  const settings: Settings = { warnOnEdit: new Map(), properties: new Map() };
  const sheet = book.getWorksheet(SETTINGS_SHEET);
  if (!sheet) return settings;
  sheet.eachRow((row) => {
    const text = (col: number) => textOf(row.getCell(col));
    switch (text(1)) {
      case 'format':
        settings.format = Number(text(2));
        break;
      case 'timeZone':
        settings.timeZone = text(2);
        break;
      case 'locale':
        settings.locale = text(2);
        break;
      case 'warnOnEdit':
        settings.warnOnEdit.set(text(2), text(3));
        break;
      case 'property':
        settings.properties.set(text(2), text(3));
        break;
      default:
        break;
    }
  });
  return settings;
}

function readTab(
  book: ExcelJS.Workbook,
  ws: ExcelJS.Worksheet,
  timeZone: string,
  warnOnEdit: string | undefined,
): TabContents {
  const values: CellValue[][] = [];
  const formulas: FormulaCell[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const content = cellContent(cell, timeZone);
      if (content.formula !== undefined) formulas.push({ row: r, col: c, formula: content.formula });
      if (content.value === '') return;
      while (values.length < r) values.push([]);
      values[r - 1][c - 1] = content.value;
    });
  });
  const width = values.reduce((max, line) => Math.max(max, line.length), 0);
  const rectangle = values.map((line) => Array.from({ length: width }, (_, j) => line[j] ?? ''));
  return { name: ws.name, values: rectangle, style: readStyle(book, ws, warnOnEdit), formulas };
}

function cellContent(cell: ExcelJS.Cell, timeZone: string): { value: CellValue; formula?: string } {
  // Like Sheets, only the top-left cell of a merged block has a value.
  if (cell.isMerged && cell.master !== cell) return { value: '' };
  const value = cell.value;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    if ('formula' in value || 'sharedFormula' in value) {
      const formula = cell.formula;
      return { value: plainValue(value.result, timeZone), formula: formula || undefined };
    }
  }
  return { value: plainValue(value, timeZone) };
}

function plainValue(value: ExcelJS.CellValue | undefined, timeZone: string): CellValue {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return fromWallClock(value, timeZone);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if ('error' in value) return value.error;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) return plainValue(value.text, timeZone);
  if ('formula' in value || 'sharedFormula' in value) return plainValue(value.result, timeZone);
  return '';
}

function textOf(cell: ExcelJS.Cell): string {
  const value = plainValue(cell.value, 'UTC');
  return value instanceof Date ? value.toISOString() : String(value);
}

/** The look as saved by toXlsx, read back from the file itself so that edits made in Excel survive. */
function readStyle(
  book: ExcelJS.Workbook,
  ws: ExcelJS.Worksheet,
  warnOnEdit: string | undefined,
): StoredTabStyle {
  const frozen = (ws.views ?? []).find((view) => view.state === 'frozen');
  const frozenRows = frozen && frozen.state === 'frozen' ? (frozen.ySplit ?? 0) : 0;
  let headerWidth = 0;
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, c) => {
    if (cell.font?.bold) headerWidth = c;
  });
  const validations = validationsOf(ws).model;
  const columnCount = Math.max(ws.columnCount, ws.columns?.length ?? 0);
  const columns: ColumnStyle[] = [];
  for (let c = 1; c <= columnCount; c++) {
    const column: ColumnStyle = { col: c };
    const format = ws.getColumn(c).numFmt;
    if (format && format !== 'General') column.numberFormat = format;
    const validation = validations[`${columnLetter(c)}2`];
    if (validation?.type === 'list' && typeof validation.formulae[0] === 'string') {
      const allowed = listValues(book, validation.formulae[0]);
      if (allowed && allowed.length > 0) column.allowed = allowed;
    }
    if (column.numberFormat !== undefined || column.allowed !== undefined) columns.push(column);
  }
  const style: StoredTabStyle = { frozenRows, headerWidth, columns };
  if (warnOnEdit !== undefined) style.warnOnEdit = warnOnEdit;
  const highlightWhen = readHighlight(ws);
  if (highlightWhen !== undefined) style.highlightWhen = highlightWhen;
  return style;
}

/**
 * The column of a "highlight the row when $G2=TRUE" rule, as toXlsx writes it, or as Excel,
 * LibreOffice (`TRUE()`) or Google Sheets save it back. Read from the conditional format itself, like
 * the formats and drop-downs, so that a rule removed in Excel stays removed; its colour may differ.
 */
function readHighlight(ws: ExcelJS.Worksheet): number | undefined {
  for (const cf of conditionalFormatsOf(ws)) {
    const top = /^\$?[A-Z]{1,3}\$?(\d+)/i.exec(cf.ref?.trim() ?? '');
    if (!top) continue;
    for (const rule of cf.rules ?? []) {
      if (rule.type !== 'expression') continue;
      const formula = String(rule.formulae?.[0] ?? '')
        .trim()
        .replace(/^=/, '');
      const match = /^\$([A-Z]{1,3})\$?(\d+)\s*=\s*TRUE(?:\(\))?$/i.exec(formula);
      if (match && match[2] === top[1]) return columnNumber(match[1]);
    }
  }
  return undefined;
}

/** 1 for 'A', 27 for 'AA'. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** exceljs reads conditional formats back into this array at runtime; its type declarations leave it out. */
function conditionalFormatsOf(ws: ExcelJS.Worksheet): Partial<ExcelJS.ConditionalFormattingOptions>[] {
  return (
    (ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] })
      .conditionalFormattings ?? []
  );
}

/** The values of a drop-down: an inline "a,b,c" list or a one-row or one-column range. */
function listValues(book: ExcelJS.Workbook, formula: string): string[] | undefined {
  const source = formula.trim().replace(/^=/, '');
  if (source.length >= 2 && source.startsWith('"') && source.endsWith('"')) {
    return source.slice(1, -1).replace(/""/g, '"').split(',');
  }
  const range = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(
    source,
  );
  if (!range) return undefined;
  const sheet = book.getWorksheet(range[1] !== undefined ? range[1].replace(/''/g, "'") : range[2]);
  if (!sheet) return undefined;
  const top = sheet.getCell(`${range[3]}${range[4]}`);
  const bottom = range[5] !== undefined ? sheet.getCell(`${range[5]}${range[6]}`) : top;
  const values: string[] = [];
  for (let r = Number(top.row); r <= Number(bottom.row); r++) {
    for (let c = Number(top.col); c <= Number(bottom.col); c++) {
      const text = textOf(sheet.getCell(r, c));
      if (text !== '') values.push(text);
    }
  }
  return values;
}

/** exceljs has range data validations at runtime, but its type declarations leave them out. */
interface WorksheetValidations {
  model: Record<string, ExcelJS.DataValidation | undefined>;
  add(address: string, validation: ExcelJS.DataValidation): void;
}

function validationsOf(ws: ExcelJS.Worksheet): WorksheetValidations {
  return (ws as unknown as { dataValidations: WorksheetValidations }).dataValidations;
}

// ---- saving ---------------------------------------------------------------------------------------

async function toXlsx(contents: WorkbookContents): Promise<Uint8Array> {
  if (contents.tabs.length === 0) {
    throw new Error('Cannot save a ledger without tabs: an .xlsx file needs at least one sheet.');
  }
  const book = new ExcelJS.Workbook();
  book.creator = 'Shop Ledger';
  const properties = Object.entries(contents.properties ?? {});
  const settings: (string | number)[][] = [
    ['Shop Ledger keeps the settings of this file here. Please do not edit this sheet.'],
    ['format', properties.length > 0 ? SETTINGS_FORMAT_VERSION : FORMAT_WITHOUT_PROPERTIES],
    ['timeZone', contents.timeZone],
    ['locale', contents.locale],
  ];
  for (const tab of contents.tabs) writeTab(book, tab, contents.timeZone, settings);
  // Document properties (KeyValue): never secrets, which the CLI takes as flags. At most 9 KB each,
  // well within a cell's 32,767 characters; encodeText keeps any text exact.
  for (const [key, value] of properties) settings.push(['property', key, value]);
  const sheet = book.addWorksheet(SETTINGS_SHEET, { state: 'hidden' });
  settings.forEach((line, i) => {
    line.forEach((value, j) => {
      sheet.getCell(i + 1, j + 1).value = typeof value === 'string' ? encodeText(value) : value;
    });
  });
  if (contents.tabs.some((tab) => tab.formulas.length > 0)) {
    // The cached results of kept formulas may be stale after the command's writes.
    book.calcProperties.fullCalcOnLoad = true;
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

function writeTab(
  book: ExcelJS.Workbook,
  tab: TabContents,
  timeZone: string,
  settings: (string | number)[][],
): void {
  const { style, values } = tab;
  const ws = book.addWorksheet(
    tab.name,
    style.frozenRows > 0
      ? {
          views: [
            { state: 'frozen', xSplit: 0, ySplit: style.frozenRows, topLeftCell: `A${style.frozenRows + 1}` },
          ],
        }
      : {},
  );
  const formats = new Map<number, string>();
  for (const column of style.columns) {
    // Set before any cell exists, so every cell of the column takes the format from the column.
    if (column.numberFormat) {
      formats.set(column.col, column.numberFormat);
      ws.getColumn(column.col).numFmt = column.numberFormat;
    }
  }
  const fileValue = (value: CellValue): ExcelJS.CellValue => {
    if (value instanceof Date) return toWallClock(value, timeZone);
    return typeof value === 'string' ? encodeText(value) : value;
  };
  const keepType = (cell: ExcelJS.Cell, value: CellValue, col: number) => {
    // Without these, a date would load back as a number, or a number as a date.
    const dateColumn = isDateFormat(formats.get(col));
    if (value instanceof Date && !dateColumn) cell.numFmt = DEFAULT_DATE_FORMAT;
    if (typeof value === 'number' && dateColumn) cell.numFmt = 'General';
  };

  const formulaAt = new Map(tab.formulas.map((f) => [`${f.row},${f.col}`, f.formula]));
  values.forEach((line, i) => {
    line.forEach((value, j) => {
      if (value === '' || formulaAt.has(`${i + 1},${j + 1}`)) return;
      const cell = ws.getCell(i + 1, j + 1);
      cell.value = fileValue(value);
      keepType(cell, value, j + 1);
    });
  });
  for (const f of tab.formulas) {
    const value = values[f.row - 1]?.[f.col - 1] ?? '';
    const cell = ws.getCell(f.row, f.col);
    // A string result stays as the formula computed it; only cell text needs the _xHHHH_ escape.
    const result = value === '' ? undefined : value instanceof Date ? toWallClock(value, timeZone) : value;
    cell.value = { formula: f.formula, result };
    keepType(cell, value, f.col);
  }

  for (let c = 1; c <= style.headerWidth; c++) ws.getCell(1, c).font = { bold: true };
  setWidths(ws, tab);

  const lastRow = Math.min(
    MAX_ROWS,
    Math.max(VALIDATION_MARGIN_ROWS, values.length + VALIDATION_MARGIN_ROWS),
  );
  if (style.highlightWhen !== undefined) {
    // As the Sheets adapter does: the data rows across the header, coloured when the column is TRUE.
    const width = Math.min(MAX_COLUMNS, Math.max(style.headerWidth, style.highlightWhen));
    ws.addConditionalFormatting({
      ref: `A2:${columnLetter(width)}${lastRow}`,
      rules: [
        {
          type: 'expression',
          priority: 1,
          formulae: [`$${columnLetter(style.highlightWhen)}2=TRUE`],
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: HIGHLIGHT_ARGB } } },
        },
      ],
    });
  }
  for (const column of style.columns) {
    if (!column.allowed || column.allowed.length === 0) continue;
    const letter = columnLetter(column.col);
    validationsOf(ws).add(`${letter}2:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Not in the list',
      error: clip(`Choose one of: ${column.allowed.join(', ')}`, MAX_ERROR_MESSAGE),
      formulae: [inlineList(column.allowed) ?? listOnSettingsSheet(settings, tab.name, column)],
    });
  }
  if (style.warnOnEdit !== undefined) settings.push(['warnOnEdit', tab.name, style.warnOnEdit]);
}

function inlineList(allowed: readonly string[]): string | undefined {
  const joined = allowed.join(',');
  const plain = allowed.every((value) => !/[,"]/.test(value) && encodeText(value) === value);
  return plain && joined.length <= MAX_INLINE_LIST ? `"${joined}"` : undefined;
}

/** A list too long or too odd for an inline drop-down goes on a row of the settings sheet. */
function listOnSettingsSheet(settings: (string | number)[][], tab: string, column: ColumnStyle): string {
  const allowed = column.allowed ?? [];
  const first = 4;
  if (first + allowed.length - 1 > MAX_COLUMNS) {
    throw new Error(`Tab "${tab}" column ${column.col} allows too many values for an .xlsx drop-down.`);
  }
  settings.push(['allowed', tab, column.col, ...allowed]);
  const row = settings.length;
  const last = columnLetter(first + allowed.length - 1);
  return `'${SETTINGS_SHEET}'!$${columnLetter(first)}$${row}:$${last}$${row}`;
}

function setWidths(ws: ExcelJS.Worksheet, tab: TabContents): void {
  const longest: number[] = [];
  const measure = (col: number, length: number) => {
    longest[col] = Math.max(longest[col] ?? 0, length);
  };
  tab.values.forEach((line, i) => {
    line.forEach((value, j) => {
      if (value === '') return;
      if (value instanceof Date) measure(j + 1, 19);
      else if (typeof value === 'number') measure(j + 1, String(value).length + 4);
      else if (typeof value === 'boolean') measure(j + 1, 5);
      // Bold text is wider.
      else measure(j + 1, Math.max(...value.split('\n').map((line) => line.length)) + (i === 0 ? 2 : 0));
    });
  });
  longest.forEach((length, col) => {
    if (length !== undefined) ws.getColumn(col).width = Math.min(60, Math.max(10, length + 2));
  });
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

// ---- atomic replace -------------------------------------------------------------------------------

/**
 * Writes a temp file beside the ledger, fsyncs it and renames it over the ledger, so that a crash or
 * a full disk leaves either the old file or the new one, never half of one.
 */
async function replaceFile(path: string, data: Uint8Array): Promise<void> {
  const temp = `${path}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  try {
    const mode = await modeOf(path);
    const handle = await fsp.open(temp, 'wx');
    try {
      await handle.writeFile(data);
      // Keep the ledger's permissions rather than the temp file's defaults.
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(temp, path);
  } catch (error) {
    await fsp.rm(temp, { force: true }).catch(() => undefined);
    throw saveError(path, error);
  }
  await syncFolder(dirname(path));
}

async function modeOf(path: string): Promise<number | undefined> {
  try {
    return (await fsp.stat(path)).mode & 0o7777;
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** Makes the rename itself durable; some systems (Windows) cannot open a folder, which is fine. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await fsp.open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The file is already in place; only its durability across a power cut is less certain.
  }
}

function saveError(path: string, error: unknown): LedgerFileError {
  const unchanged = `${path} was left as it was.`;
  switch (codeOf(error)) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new LedgerFileError(
        `Cannot save ${path}: permission denied (is it open in another program, or read-only?). ${unchanged}`,
      );
    case 'EBUSY':
      return new LedgerFileError(
        `Cannot save ${path}: it is open in another program; close it and try again. ${unchanged}`,
      );
    case 'ENOSPC':
      return new LedgerFileError(`Cannot save ${path}: the disk is full. ${unchanged}`);
    case 'ENOENT':
      return new LedgerFileError(`Cannot save ${path}: its folder does not exist.`);
    default:
      return new LedgerFileError(`Cannot save ${path}: ${messageOf(error)}. ${unchanged}`);
  }
}

function codeOf(error: unknown): string | undefined {
  if (error !== null && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
