/**
 * The Workbook port held in memory: the Node shell loads the .xlsx ledger into one of these, runs the
 * synchronous app layer against it, and saves it back when `dirty`.
 *
 * It keeps the port's contract as Sheets does (used range padded to a rectangle, '' for blanks, Dates
 * for date cells, strings stored literally), and it refuses early anything that the .xlsx file could
 * not hold (tab names, text length, sheet size), so a command fails at the write that caused it rather
 * than at the save after all the work is done.
 *
 * It also holds the ledger's document properties (the KeyValue port, see WorkbookProperties), which
 * the file keeps on its hidden settings sheet.
 */

import type { CellValue, ChartSpec, ColumnStyle, TabStyle, Workbook } from '../platform/workbook';

export interface MemoryWorkbookOptions {
  /** IANA time zone; date cells are shown as wall times in it when saved. */
  timeZone?: string;
  /** Spreadsheet locale, e.g. 'en_US' or 'es_ES'. */
  locale?: string;
}

/** A tab's look as the file keeps it: what style() applied, plus the frozen rows found in a file. */
export interface StoredTabStyle {
  frozenRows: number;
  headerWidth: number;
  /** One entry per styled column, sorted by column. */
  columns: ColumnStyle[];
  warnOnEdit?: string;
  /** Rows are highlighted when this column holds TRUE. */
  highlightWhen?: number;
}

/** A formula found in a loaded file. The tab keeps it until the app writes over its cell. */
export interface FormulaCell {
  row: number;
  col: number;
  /** Without the leading '='. */
  formula: string;
}

/** Everything a file format needs to save or restore a workbook, without counting port calls. */
export interface WorkbookContents {
  timeZone: string;
  locale: string;
  tabs: TabContents[];
  /** The document properties (see WorkbookProperties), in the order they were first set. Absent: none. */
  properties?: Record<string, string>;
}

export interface TabContents {
  name: string;
  /** The used range from A1 ([] when empty); for a formula cell, its last computed value. */
  values: CellValue[][];
  style: StoredTabStyle;
  formulas: FormulaCell[];
}

/** Limits of the .xlsx format (Excel's), which the saved ledger must fit. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
export const MAX_TEXT_LENGTH = 32_767;
export const MAX_TAB_NAME_LENGTH = 31;

/** The hidden sheet where the .xlsx file keeps the workbook's settings; never a tab of the ledger. */
export const SETTINGS_SHEET = '_shop_ledger_settings';

export const DEFAULT_TIME_ZONE = 'Europe/Madrid';
export const DEFAULT_LOCALE = 'en_US';

interface Tab {
  name: string;
  /** Sparse rows: a missing row or a value past a row's end is blank. */
  rows: CellValue[][];
  style: StoredTabStyle;
  /** Keyed by cellKey(row, col). */
  formulas: Map<number, FormulaCell>;
}

export class MemoryWorkbook implements Workbook {
  /** How many times each port method was called, so tests can assert batching. */
  readonly calls: Record<string, number> = {};
  private readonly zone: string;
  private readonly localeName: string;
  private readonly tabs = new Map<string, Tab>();
  /** Document properties; kept in the file, never shown as a tab. */
  private readonly props = new Map<string, string>();
  private readonly chartSpecs = new Map<string, ChartSpec[]>();
  private changed = false;

  constructor(options: MemoryWorkbookOptions = {}) {
    this.zone = checkedTimeZone(options.timeZone ?? DEFAULT_TIME_ZONE);
    this.localeName = options.locale ?? DEFAULT_LOCALE;
  }

  /** A clean workbook (not dirty, no calls counted) holding what a file held. */
  static fromContents(contents: WorkbookContents): MemoryWorkbook {
    const wb = new MemoryWorkbook({ timeZone: contents.timeZone, locale: contents.locale });
    for (const tab of contents.tabs) {
      // A file may hold names this class would refuse for a new tab (Excel allows 'History' in some
      // versions, LibreOffice allows more), so only the duplicate rule applies to what is already there.
      wb.checkNewTabName(tab.name, false);
      const stored: Tab = { name: tab.name, rows: [], style: copyStyle(tab.style), formulas: new Map() };
      wb.tabs.set(tab.name, stored);
      putBlock(stored, 1, 1, tab.values);
      for (const f of tab.formulas) {
        checkPosition(tab.name, f.row, f.col, 1, 1);
        stored.formulas.set(cellKey(f.row, f.col), { ...f });
      }
    }
    for (const [key, value] of Object.entries(contents.properties ?? {})) wb.putProperty(key, value);
    return wb;
  }

  /** True after any write, addTab, style or property change since this workbook was created or loaded. */
  get dirty(): boolean {
    return this.changed;
  }

  /** Called once the changes are saved. */
  markClean(): void {
    this.changed = false;
  }

  resetCalls(): void {
    for (const name of Object.keys(this.calls)) delete this.calls[name];
  }

  timeZone(): string {
    this.count('timeZone');
    return this.zone;
  }

  locale(): string {
    this.count('locale');
    return this.localeName;
  }

  tabNames(): string[] {
    this.count('tabNames');
    return [...this.tabs.keys()];
  }

  /** The used cells: a file has no grid, but the same ledger in Google Sheets has at least these. */
  gridCells(): number {
    this.count('gridCells');
    let sum = 0;
    for (const tab of this.tabs.values()) {
      const width = tab.rows.reduce((w, r) => Math.max(w, r?.length ?? 0), 0);
      sum += tab.rows.length * width;
    }
    return sum;
  }

  read(tab: string): CellValue[][] {
    this.count('read');
    return usedRange(this.tab(tab));
  }

  /** read(tab)[0] without copying the rows below: as wide as the used range, [] for an empty tab. */
  readHeader(tab: string): CellValue[] {
    this.count('readHeader');
    const target = this.tab(tab);
    const { lastRow, lastCol } = usedSize(target);
    if (lastRow === 0) return [];
    const header = target.rows[0] ?? [];
    return Array.from({ length: lastCol }, (_, j) => (j < header.length ? copyValue(header[j]) : ''));
  }

  write(tab: string, row: number, col: number, values: CellValue[][]): void {
    this.count('write');
    this.writeBlock(tab, row, col, values);
  }

  /** Below the last row with content: the row after lastRow(), whatever blank rows a write left below it. */
  append(tab: string, rows: CellValue[][]): number {
    this.count('append');
    const first = usedSize(this.tab(tab)).lastRow + 1;
    this.writeBlock(tab, first, 1, rows);
    return first;
  }

  /**
   * Rows past the used range come back as blanks, as wide as the used range. Like the Sheets adapter,
   * an empty tab or a count below 1 gives [].
   */
  readRows(tab: string, fromRow: number, count: number): CellValue[][] {
    this.count('readRows');
    const target = this.tab(tab);
    if (!Number.isInteger(fromRow) || fromRow < 1 || !Number.isInteger(count)) {
      throw new Error(`Cannot read tab "${tab}" from row ${fromRow} (${count} rows): rows start at 1.`);
    }
    const { lastCol } = usedSize(target);
    if (count < 1 || lastCol === 0) return [];
    return Array.from({ length: count }, (_, i) => {
      const line = target.rows[fromRow - 1 + i] ?? [];
      return Array.from({ length: lastCol }, (_, j) => (j < line.length ? copyValue(line[j]) : ''));
    });
  }

  lastRow(tab: string): number {
    this.count('lastRow');
    return usedSize(this.tab(tab)).lastRow;
  }

  /**
   * Exact, case-sensitive match of the whole cell, as Sheets' TextFinder with matchEntireCell and
   * matchCase: a number matches its plain digits ('12.5'), a boolean 'TRUE' or 'FALSE'. '' matches
   * nothing; row 1 (the header) is never a match.
   */
  findRows(tab: string, col: number, text: string | readonly string[]): number[] {
    this.count('findRows');
    const target = this.tab(tab);
    const found: number[] = [];
    const wanted = new Set<string | undefined>(
      (typeof text === 'string' ? [text] : text).filter((t) => t !== ''),
    );
    if (wanted.size === 0) return found;
    for (let i = 1; i < target.rows.length; i++) {
      const value = target.rows[i]?.[col - 1];
      if (value !== undefined && wanted.has(shownText(value))) found.push(i + 1);
    }
    return found;
  }

  /** The last row findRows would give for `text`; 0 when none. */
  findLastRow(tab: string, col: number, text: string): number {
    this.count('findLastRow');
    const target = this.tab(tab);
    if (text === '') return 0;
    for (let i = target.rows.length - 1; i >= 1; i--) {
      const value = target.rows[i]?.[col - 1];
      if (value !== undefined && shownText(value) === text) return i + 1;
    }
    return 0;
  }

  private writeBlock(tab: string, row: number, col: number, values: CellValue[][]): void {
    const target = this.tab(tab);
    const height = values.length;
    const width = height > 0 ? values[0].length : 0;
    checkPosition(tab, row, col, height, width);
    values.forEach((line, i) => {
      if (line.length !== width) {
        throw new Error(
          `Cannot write to ${tab}!${a1(row, col)}: the block is not rectangular ` +
            `(its first row has ${width} values, row ${i + 1} has ${line.length}).`,
        );
      }
      line.forEach((value, j) => {
        checkValue(tab, row + i, col + j, value);
      });
    });
    // A 0-row or 0-column block is a valid rectangle that writes nothing (the Sheets adapter must
    // skip it, since getRange(r, c, 0, n) throws there).
    if (height === 0 || width === 0) return;
    putBlock(target, row, col, values);
    if (target.formulas.size > 0) {
      for (let i = 0; i < height; i++) {
        for (let j = 0; j < width; j++) target.formulas.delete(cellKey(row + i, col + j));
      }
    }
    this.changed = true;
  }

  addTab(tab: string, _columns?: number): void {
    this.count('addTab');
    this.checkNewTabName(tab, true);
    this.tabs.set(tab, {
      name: tab,
      rows: [],
      style: { frozenRows: 0, headerWidth: 0, columns: [] },
      formulas: new Map(),
    });
    this.changed = true;
  }

  /**
   * Like Sheets, a second style() adds to the first: columns it does not mention keep their format
   * and drop-down. An empty `allowed` list removes a column's drop-down.
   */
  style(tab: string, style: TabStyle): void {
    this.count('style');
    const target = this.tab(tab);
    if (!Number.isInteger(style.headerWidth) || style.headerWidth < 0 || style.headerWidth > MAX_COLUMNS) {
      throw new Error(`Cannot style tab "${tab}": headerWidth must be a whole number of columns.`);
    }
    const highlight = style.highlightWhen;
    if (
      highlight !== undefined &&
      (!Number.isInteger(highlight) || highlight < 1 || highlight > MAX_COLUMNS)
    ) {
      throw new Error(`Cannot style tab "${tab}": highlightWhen ${highlight} is not a column number.`);
    }
    const byColumn = new Map(target.style.columns.map((c) => [c.col, { ...c }]));
    for (const column of style.columns) {
      if (!Number.isInteger(column.col) || column.col < 1 || column.col > MAX_COLUMNS) {
        throw new Error(`Cannot style tab "${tab}": column ${column.col} is not a column number.`);
      }
      const merged: ColumnStyle = { ...byColumn.get(column.col), col: column.col };
      if (column.numberFormat !== undefined) merged.numberFormat = column.numberFormat;
      if (column.allowed !== undefined) {
        if (column.allowed.length > 0) merged.allowed = [...column.allowed];
        else delete merged.allowed;
      }
      byColumn.set(column.col, merged);
    }
    target.style = {
      frozenRows: 1,
      headerWidth: style.headerWidth,
      columns: [...byColumn.values()].sort((x, y) => x.col - y.col),
      warnOnEdit: style.warnOnEdit ?? target.style.warnOnEdit,
      highlightWhen: style.highlightWhen ?? target.style.highlightWhen,
    };
    if (target.style.warnOnEdit === undefined) delete target.style.warnOnEdit;
    if (target.style.highlightWhen === undefined) delete target.style.highlightWhen;
    this.changed = true;
  }

  /** Nothing is pending in memory: the Node shell's "flush" is the save after the command. */
  flush(): void {
    this.count('flush');
  }

  /** The tab's look, for the file format and for tests; not a port method, so not counted. */
  tabStyle(tab: string): StoredTabStyle {
    return copyStyle(this.tab(tab).style);
  }

  /**
   * Records the chart (one per title and tab). The .xlsx file does not keep it: exceljs, which
   * reads and writes the file, cannot write charts, so a chart lives only while the workbook is in
   * memory, and the file does not become dirty for it. Its data block is in the file.
   */
  chart(tab: string, spec: ChartSpec): void {
    this.count('chart');
    this.tab(tab);
    this.tab(spec.source.tab);
    const list = (this.chartSpecs.get(tab) ?? []).filter((c) => c.title !== spec.title);
    list.push(structuredClone(spec));
    this.chartSpecs.set(tab, list);
  }

  /** The charts recorded on a tab (one per title). */
  charts(tab: string): ChartSpec[] {
    return (this.chartSpecs.get(tab) ?? []).map((c) => structuredClone(c));
  }

  /** The formulas a loaded file held that no write has replaced yet. */
  formulaCells(tab: string): FormulaCell[] {
    return [...this.tab(tab).formulas.values()].map((f) => ({ ...f }));
  }

  /** A document property, or null. For WorkbookProperties; not a Workbook port method, so not counted. */
  property(key: string): string | null {
    return this.props.get(key) ?? null;
  }

  /** Sets a document property; the workbook becomes dirty if the value changed. */
  setProperty(key: string, value: string): void {
    if (this.props.get(key) === value) return;
    this.putProperty(key, value);
    this.changed = true;
  }

  /** Deletes a document property; the workbook becomes dirty if there was one. */
  deleteProperty(key: string): void {
    if (this.props.delete(key)) this.changed = true;
  }

  /** The keys of the document properties, in the order they were first set. */
  propertyKeys(): string[] {
    return [...this.props.keys()];
  }

  /** Everything the file format saves; not counted as port calls. */
  contents(): WorkbookContents {
    return {
      timeZone: this.zone,
      locale: this.localeName,
      // fromEntries defines own properties, so even a key like '__proto__' is kept as data.
      properties: Object.fromEntries(this.props),
      tabs: [...this.tabs.values()].map((tab) => ({
        name: tab.name,
        values: usedRange(tab),
        style: copyStyle(tab.style),
        formulas: [...tab.formulas.values()]
          .map((f) => ({ ...f }))
          .sort((x, y) => x.row - y.row || x.col - y.col),
      })),
    };
  }

  /** Only what the file could not hold is refused here; WorkbookProperties enforces Apps Script's limits. */
  private putProperty(key: string, value: string): void {
    if (typeof key !== 'string' || typeof value !== 'string') {
      throw new Error(
        `A document property is a string key with a string value (got ${typeof key}, ${typeof value}).`,
      );
    }
    if (key.length > MAX_TEXT_LENGTH || value.length > MAX_TEXT_LENGTH) {
      throw new Error(
        `Cannot keep document property "${key.slice(0, 40)}": a key or value holds at most ${MAX_TEXT_LENGTH} characters in an .xlsx file.`,
      );
    }
    this.props.set(key, value);
  }

  private tab(name: string): Tab {
    const tab = this.tabs.get(name);
    if (!tab) throw new Error(`The ledger has no tab named "${name}".`);
    return tab;
  }

  private count(method: string): void {
    this.calls[method] = (this.calls[method] ?? 0) + 1;
  }

  private checkNewTabName(name: string, strict: boolean): void {
    const lower = name.toLowerCase();
    // Sheets and Excel both treat tab names case-insensitively.
    for (const existing of this.tabs.keys()) {
      if (existing.toLowerCase() === lower)
        throw new Error(`The ledger already has a tab named "${existing}".`);
    }
    if (lower === SETTINGS_SHEET)
      throw new Error(`"${name}" is reserved for the ledger file's own settings.`);
    if (name.length === 0) throw new Error('A tab name cannot be empty.');
    if (!strict) return;
    if (name.length > MAX_TAB_NAME_LENGTH) {
      throw new Error(
        `Tab name "${name}" is too long for an .xlsx file (at most ${MAX_TAB_NAME_LENGTH} characters).`,
      );
    }
    if (/[\\/?*[\]:]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
      throw new Error(`Tab name "${name}" cannot contain \\ / ? * [ ] : or start or end with an apostrophe.`);
    }
    if (lower === 'history') throw new Error('Excel reserves the tab name "History".');
  }
}

/** 'A', 'B', … 'Z', 'AA', … for a 1-based column. */
export function columnLetter(col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

function cellKey(row: number, col: number): number {
  return row * MAX_COLUMNS + (col - 1);
}

function checkedTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    throw new Error(
      `"${zone}" is not a time zone. Use an IANA name such as Europe/Madrid or America/New_York.`,
    );
  }
}

function checkPosition(tab: string, row: number, col: number, height: number, width: number): void {
  if (!Number.isInteger(row) || !Number.isInteger(col) || row < 1 || col < 1) {
    throw new Error(
      `Cannot write to tab "${tab}" at row ${row}, column ${col}: rows and columns start at 1.`,
    );
  }
  if (row + height - 1 > MAX_ROWS || col + width - 1 > MAX_COLUMNS) {
    throw new Error(
      `Cannot write to ${tab}!${a1(row, col)}: an .xlsx tab holds at most ${MAX_ROWS} rows and ${MAX_COLUMNS} columns.`,
    );
  }
}

function checkValue(tab: string, row: number, col: number, value: CellValue): void {
  const where = `${tab}!${a1(row, col)}`;
  switch (typeof value) {
    case 'string':
      if (value.length > MAX_TEXT_LENGTH) {
        throw new Error(
          `Cannot write to ${where}: a cell holds at most ${MAX_TEXT_LENGTH} characters of text.`,
        );
      }
      return;
    case 'number':
      if (!Number.isFinite(value))
        throw new Error(`Cannot write ${value} to ${where}: a cell needs a finite number.`);
      return;
    case 'boolean':
      return;
    default:
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new Error(`Cannot write an invalid date to ${where}.`);
        return;
      }
      throw new Error(`Cannot write ${String(value)} to ${where}: use '' for a blank cell.`);
  }
}

/** Stores a block without checks; Dates are copied so that callers cannot change a cell by mutating them. */
function putBlock(tab: Tab, row: number, col: number, values: CellValue[][]): void {
  values.forEach((line, i) => {
    const r = row - 1 + i;
    while (tab.rows.length <= r) tab.rows.push([]);
    const target = tab.rows[r];
    while (target.length < col - 1) target.push('');
    line.forEach((value, j) => {
      target[col - 1 + j] = copyValue(value);
    });
  });
}

function usedSize(tab: Tab): { lastRow: number; lastCol: number } {
  let lastRow = 0;
  let lastCol = 0;
  tab.rows.forEach((line, i) => {
    for (let j = line.length - 1; j >= 0; j--) {
      if (line[j] !== '') {
        lastRow = i + 1;
        lastCol = Math.max(lastCol, j + 1);
        break;
      }
    }
  });
  return { lastRow, lastCol };
}

function usedRange(tab: Tab): CellValue[][] {
  const { lastRow, lastCol } = usedSize(tab);
  const out: CellValue[][] = [];
  for (let i = 0; i < lastRow; i++) {
    const line = tab.rows[i];
    const copy: CellValue[] = new Array(lastCol);
    for (let j = 0; j < lastCol; j++) copy[j] = j < line.length ? copyValue(line[j]) : '';
    out.push(copy);
  }
  return out;
}

/** The text TextFinder matches for a value (plain, unformatted). A date never matches. */
function shownText(value: CellValue): string | undefined {
  if (value instanceof Date) return undefined;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

function copyValue(value: CellValue): CellValue {
  return value instanceof Date ? new Date(value.getTime()) : value;
}

function copyStyle(style: StoredTabStyle): StoredTabStyle {
  const copy: StoredTabStyle = {
    frozenRows: style.frozenRows,
    headerWidth: style.headerWidth,
    columns: style.columns.map((c) => (c.allowed ? { ...c, allowed: [...c.allowed] } : { ...c })),
  };
  if (style.warnOnEdit !== undefined) copy.warnOnEdit = style.warnOnEdit;
  if (style.highlightWhen !== undefined) copy.highlightWhen = style.highlightWhen;
  return copy;
}
