/**
 * TextFinder: finds (and replaces) text in a range, a sheet or the whole spreadsheet. The search runs
 * on Google's side, so it reads no cells on the meter: only the calls count, and the Ranges it returns
 * cost what any Range costs when the code reads them.
 * https://developers.google.com/apps-script/reference/spreadsheet/text-finder
 * https://developers.google.com/apps-script/reference/spreadsheet/range#createTextFinder(String)
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#createTextFinder(String)
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#createTextFinder(String)
 *
 * What a cell is matched on: its displayed text (getDisplayValue: '1,234.50', '3/4/2026', 'TRUE',
 * strings as stored); a formula cell by its displayed value ('#ERROR!', as the fake does not evaluate
 * formulas) or, with matchFormulaText(true), by its formula text. Blank cells never match. Matches come
 * in row-major order within the searched range, sheet after sheet for a spreadsheet.
 *
 * The fake's choices where the reference page is silent:
 * - findNext() does not wrap: after the last match it returns null (so `while (tf.findNext())` ends),
 *   and the current match stays. findPrevious() before any match gives the last match (the idiom
 *   `range.createTextFinder(x).findPrevious()` for the last occurrence), then walks back to null.
 * - startFrom(range) puts the search right after the range's bottom-right cell; the current match is
 *   then null until the next find.
 * - replaceAllWith / replaceWith rewrite the replaced text as typed input (as Find and replace in
 *   Sheets does: text that becomes '12' becomes the number 12); formula cells are replaced only in
 *   their formula text, with matchFormulaText(true). They return the number of occurrences replaced.
 * - An empty or non-string findText is refused.
 */

import type { Area } from './a1';
import { type Cell, hasContent } from './cell-values';
import type { Execution } from './execution';
import type { SheetData } from './grid';
import type { FakeRange } from './range';

/** One searched region: a range, or a whole sheet. */
export interface SearchScope {
  readonly data: SheetData;
  readonly area: Area;
  /** getDisplayValue's text of a cell. */
  display(cell: Cell): string;
  /** A one-cell Range of this execution, built without metering. */
  cellRange(row: number, column: number): FakeRange;
}

/** The searched region of a whole sheet, at its current size. */
export function wholeSheet(data: SheetData): Area {
  return { row: 1, column: 1, numRows: data.maxRows, numColumns: data.maxColumns };
}

interface Position {
  /** Index of the scope (the sheet, for a spreadsheet search). */
  scope: number;
  row: number;
  column: number;
}

interface Options {
  matchCase: boolean;
  matchEntireCell: boolean;
  matchFormulaText: boolean;
  useRegularExpression: boolean;
  ignoreDiacritics: boolean;
}

/** Checks the argument of Range/Sheet/Spreadsheet.createTextFinder and builds the finder. */
export function createTextFinder(
  x: Execution,
  owner: 'Range' | 'Sheet' | 'Spreadsheet',
  findText: unknown,
  scopes: () => SearchScope[],
): FakeTextFinder {
  if (typeof findText !== 'string') {
    throw x.badArguments(`SpreadsheetApp.${owner}.createTextFinder`, [findText]);
  }
  if (findText === '') throw x.error('Fake: createTextFinder needs a non-empty findText.');
  return new FakeTextFinder(x, findText, scopes);
}

export class FakeTextFinder {
  private readonly options: Options = {
    matchCase: false,
    matchEntireCell: false,
    matchFormulaText: false,
    useRegularExpression: false,
    ignoreDiacritics: false,
  };
  /** Where findNext / findPrevious continue from; null: before the first cell. */
  private cursor: Position | null = null;
  private current: Position | null = null;

  constructor(
    private readonly x: Execution,
    private readonly findText: string,
    private readonly scopes: () => SearchScope[],
  ) {}

  // --- options -----------------------------------------------------------------------------------

  /** "If true, configures the search to match the search text's case exactly"; default: case-insensitive. */
  matchCase(matchCase: boolean): FakeTextFinder {
    this.x.call('TextFinder.matchCase');
    this.options.matchCase = checkBoolean(this.x, 'matchCase', matchCase);
    return this;
  }

  /** "If true, configures the search to match the entire contents of a cell"; default: partial match. */
  matchEntireCell(matchEntireCell: boolean): FakeTextFinder {
    this.x.call('TextFinder.matchEntireCell');
    this.options.matchEntireCell = checkBoolean(this.x, 'matchEntireCell', matchEntireCell);
    return this;
  }

  /** "If true, configures the search to return matches that appear within formula text". */
  matchFormulaText(matchFormulaText: boolean): FakeTextFinder {
    this.x.call('TextFinder.matchFormulaText');
    this.options.matchFormulaText = checkBoolean(this.x, 'matchFormulaText', matchFormulaText);
    return this;
  }

  /** The search string as a regular expression (JavaScript syntax here; Google uses RE2). */
  useRegularExpression(useRegEx: boolean): FakeTextFinder {
    this.x.call('TextFinder.useRegularExpression');
    this.options.useRegularExpression = checkBoolean(this.x, 'useRegularExpression', useRegEx);
    return this;
  }

  /** "If true, configures the search to ignore diacritics while matching" ('cafe' finds 'Café'). */
  ignoreDiacritics(ignoreDiacritics: boolean): FakeTextFinder {
    this.x.call('TextFinder.ignoreDiacritics');
    this.options.ignoreDiacritics = checkBoolean(this.x, 'ignoreDiacritics', ignoreDiacritics);
    return this;
  }

  /** "Configures the search to start searching immediately after the specified cell range." */
  startFrom(startRange: FakeRange): FakeTextFinder {
    this.x.call('TextFinder.startFrom');
    if (!isRange(startRange)) throw this.x.badArguments('SpreadsheetApp.TextFinder.startFrom', [startRange]);
    const ref = startRange.toRef();
    const scope = this.scopes().findIndex((s) => s.data.id === ref.sheetId);
    if (scope < 0) throw this.x.error('Fake: startFrom needs a range on a sheet this TextFinder searches.');
    this.cursor = { scope, row: ref.row + ref.numRows - 1, column: ref.column + ref.numColumns - 1 };
    this.current = null;
    return this;
  }

  // --- finding -----------------------------------------------------------------------------------

  /** "Returns all cells matching the search criteria": one-cell ranges, in row-major order. */
  findAll(): FakeRange[] {
    this.x.call('TextFinder.findAll');
    const scopes = this.scopes();
    const out: FakeRange[] = [];
    for (const hit of matches(this.x, scopes, this.findText, this.options)) {
      out.push(scopes[hit.scope].cellRange(hit.row, hit.column));
    }
    return out;
  }

  /** The next matching cell after the current one (or the start), or null: it does not wrap around. */
  findNext(): FakeRange | null {
    this.x.call('TextFinder.findNext');
    const scopes = this.scopes();
    const cursor = this.cursor;
    for (const hit of matches(this.x, scopes, this.findText, this.options)) {
      if (cursor === null || compare(hit, cursor) > 0) return this.moveTo(scopes, hit);
    }
    return null;
  }

  /** The previous matching cell; before any match, the last one. null when there is none. */
  findPrevious(): FakeRange | null {
    this.x.call('TextFinder.findPrevious');
    const scopes = this.scopes();
    const cursor = this.cursor;
    let last: Position | null = null;
    for (const hit of matches(this.x, scopes, this.findText, this.options)) {
      if (cursor !== null && compare(hit, cursor) >= 0) break;
      last = hit;
    }
    return last ? this.moveTo(scopes, last) : null;
  }

  /** The cell the last findNext / findPrevious returned; null before any match. */
  getCurrentMatch(): FakeRange | null {
    this.x.call('TextFinder.getCurrentMatch');
    const at = this.current;
    return at ? this.scopes()[at.scope].cellRange(at.row, at.column) : null;
  }

  private moveTo = (scopes: SearchScope[], at: Position): FakeRange => {
    const pos = { scope: at.scope, row: at.row, column: at.column };
    this.cursor = pos;
    this.current = pos;
    return scopes[at.scope].cellRange(at.row, at.column);
  };

  // --- replacing ---------------------------------------------------------------------------------

  /** "Replaces all matches with the specified text"; returns the number of occurrences replaced. */
  replaceAllWith(replaceText: string): number {
    this.x.call('TextFinder.replaceAllWith');
    const scopes = this.scopes();
    const text = checkReplaceText(this.x, 'replaceAllWith', replaceText, this.options);
    const hits = [...matches(this.x, scopes, this.findText, this.options)];
    return this.replace(scopes, hits, text);
  }

  /** Replaces the search text in the current match only; 0 when there is no current match. */
  replaceWith(replaceText: string): number {
    this.x.call('TextFinder.replaceWith');
    const scopes = this.scopes();
    const text = checkReplaceText(this.x, 'replaceWith', replaceText, this.options);
    const at = this.current;
    if (!at) return 0;
    const hits = [...matches(this.x, scopes, this.findText, this.options)].filter(
      (h) => compare(h, at) === 0,
    );
    return this.replace(scopes, hits, text);
  }

  private replace = (scopes: SearchScope[], hits: Hit[], replaceText: string): number => {
    const re = pattern(this.x, this.findText, this.options).source;
    let occurrences = 0;
    const writes: Array<{ range: FakeRange; formula: boolean; text: string }> = [];
    for (const hit of hits) {
      const formula = hit.cell.formula !== undefined;
      if (formula && !this.options.matchFormulaText) continue;
      const before = prepare(hit.text, this.options);
      const count = before.match(re)?.length ?? 0;
      // Literal text goes in as is; a regular expression's replacement may use $1, $& and $$.
      const replaced = this.options.useRegularExpression
        ? before.replace(re, replaceText)
        : before.replace(re, () => replaceText);
      if (count === 0) continue;
      occurrences += count;
      const range = scopes[hit.scope].cellRange(hit.row, hit.column);
      writes.push({
        range,
        formula,
        text: this.options.ignoreDiacritics ? replaced.normalize('NFC') : replaced,
      });
    }
    this.x.meter.uncounted(() => {
      for (const w of writes) {
        if (w.formula) w.range.setFormula(w.text);
        else w.range.setValue(w.text);
      }
    });
    this.x.meter.wrote(writes.length);
    return occurrences;
  };
}

// --- matching (module functions: the class's prototype holds only Apps Script methods) -----------

interface Hit extends Position {
  cell: Cell;
  /** The text the search looked at. */
  text: string;
}

function checkBoolean(x: Execution, method: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw x.badArguments(`SpreadsheetApp.TextFinder.${method}`, [v]);
  return v;
}

function checkReplaceText(x: Execution, method: string, v: unknown, o: Options): string {
  if (typeof v !== 'string') throw x.badArguments(`SpreadsheetApp.TextFinder.${method}`, [v]);
  if (o.useRegularExpression && o.ignoreDiacritics) {
    throw x.error('Fake: replacing with both useRegularExpression and ignoreDiacritics is not modelled.');
  }
  return v;
}

function isRange(v: unknown): v is FakeRange {
  return typeof v === 'object' && v !== null && typeof (v as { toRef?: unknown }).toRef === 'function';
}

function compare(a: Position, b: Position): number {
  return a.scope - b.scope || a.row - b.row || a.column - b.column;
}

const MARKS = /\p{M}/gu;
const stripMarks = (s: string): string => s.normalize('NFD').replace(MARKS, '');
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The text as the pattern sees it. */
function prepare(text: string, o: Options): string {
  if (!o.ignoreDiacritics) return text;
  return o.useRegularExpression ? stripMarks(text) : text.normalize('NFD');
}

interface Pattern {
  /** Global, for replacing. */
  source: RegExp;
  /** Non-global, for testing. */
  test: RegExp;
}

function pattern(x: Execution, findText: string, o: Options): Pattern {
  let src: string;
  let unicode = false;
  if (o.useRegularExpression) {
    src = o.ignoreDiacritics ? stripMarks(findText) : findText;
  } else if (o.ignoreDiacritics) {
    // Each letter may carry any marks in the (NFD) text: 'cafe' finds 'Café', and 'café' too.
    src = [...stripMarks(findText)].map((ch) => `${escapeRe(ch)}\\p{M}*`).join('');
    unicode = true;
  } else {
    src = escapeRe(findText);
  }
  if (o.matchEntireCell) src = `^(?:${src})$`;
  const flags = (o.matchCase ? '' : 'i') + (unicode ? 'u' : '');
  try {
    return { source: new RegExp(src, `g${flags}`), test: new RegExp(src, flags) };
  } catch {
    throw x.error(`Fake: invalid regular expression: ${findText}`);
  }
}

/** The matching cells of the scopes, in order (blank cells are never searched). */
function* matches(x: Execution, scopes: SearchScope[], findText: string, o: Options): Generator<Hit> {
  const re = pattern(x, findText, o).test;
  for (let s = 0; s < scopes.length; s++) {
    const { data, area } = scopes[s];
    const lastRow = Math.min(area.row + area.numRows - 1, data.rows.length);
    for (let row = area.row; row <= lastRow; row++) {
      const line = data.rows[row - 1];
      if (!line) continue;
      const lastColumn = Math.min(area.column + area.numColumns - 1, line.length);
      for (let column = area.column; column <= lastColumn; column++) {
        const cell = line[column - 1];
        if (!cell || !hasContent(cell)) continue;
        const text =
          o.matchFormulaText && cell.formula !== undefined ? cell.formula : scopes[s].display(cell);
        if (text !== '' && re.test(prepare(text, o))) yield { scope: s, row, column, cell, text };
      }
    }
  }
}
