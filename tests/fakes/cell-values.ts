/**
 * What a cell holds, and how Range.setValue(s) turns a JavaScript value into it. Apps Script writes
 * like a person typing (the Sheets API's USER_ENTERED input): '=...' is a formula, "'..." is text
 * without its quote, '0451' is the number 451, '21%' is 0.21, '2026-01-31' is a date, unless the
 * cell's number format is '@' (plain text), which keeps the string exactly as written.
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)
 * https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption
 */

import {
  DEFAULT_DATE_TIME_FORMAT,
  isAutomaticFormat,
  isDateFormat,
  monthFirst,
  type Separators,
} from './number-format';
import { serialFromInstant, serialFromWall, wallClock } from './tz';

/** One cell. A date is a number whose format is a date format, as in Sheets. */
export interface Cell {
  value?: number | string | boolean;
  formula?: string;
  /** undefined: automatic ('General'). */
  format?: string;
  fontWeight?: 'bold';
  background?: string;
  validation?: unknown;
}

/** The content part of a cell that a write decides. format is set only when the write changes it. */
export interface Content {
  value?: number | string | boolean;
  formula?: string;
  format?: string;
}

/** Sheets refuses longer cell contents. */
export const MAX_CELL_CHARS = 50_000;
export const CELL_TOO_LONG =
  'Your input contains more than the maximum of 50000 characters in a single cell.';

export interface InputContext {
  timeZone: string;
  locale: string;
  /** The locale's separators (computed once per write). */
  separators: Separators;
  /** Now, in ms: a date typed without a year ('1/31') gets the current year. */
  now: number;
  /** Makes the Apps Script-style error to throw. */
  fail: (message: string) => Error;
}

export function isDate(v: unknown): v is Date {
  // Cross-realm safe: code run in a node:vm context has its own Date.
  return Object.prototype.toString.call(v) === '[object Date]';
}

export function hasContent(cell: Cell | undefined): boolean {
  return cell !== undefined && (cell.value !== undefined || cell.formula !== undefined);
}

/**
 * Turns a written value into cell content, given the cell's current number format. Throws
 * CELL_TOO_LONG for strings over 50,000 characters.
 */
export function parseInput(input: unknown, currentFormat: string | undefined, ctx: InputContext): Content {
  if (input === null || input === undefined || input === '') return {};
  if (isDate(input)) {
    const ms = input.getTime();
    if (Number.isNaN(ms)) return {};
    return {
      value: serialFromInstant(ms, ctx.timeZone),
      format: isDateFormat(currentFormat) ? undefined : DEFAULT_DATE_TIME_FORMAT,
    };
  }
  if (typeof input === 'boolean') return { value: input };
  if (typeof input === 'number') {
    // Sheets has no NaN or Infinity: they are stored as their text (the fake's choice).
    return Number.isFinite(input) ? { value: input } : { value: String(input) };
  }
  const text = String(input);
  if (text.length > MAX_CELL_CHARS) throw ctx.fail(CELL_TOO_LONG);
  if (typeof input !== 'string') return { value: text };
  if (currentFormat === '@') return { value: text };
  if (text.startsWith('=') && text.length > 1) return { formula: text };
  if (text.startsWith("'")) return text.length > 1 ? { value: text.slice(1) } : {};
  const typed = parseTyped(text.trim(), ctx);
  if (!typed) return { value: text };
  if (typed.format !== undefined) {
    const keep = typed.date ? isDateFormat(currentFormat) : !isAutomaticFormat(currentFormat);
    return keep ? { value: typed.value } : { value: typed.value, format: typed.format };
  }
  return { value: typed.value };
}

interface Typed {
  value: number | boolean;
  format?: string;
  date?: boolean;
}

/** Recognises what Sheets would: booleans, numbers (locale-aware), dates and times. */
function parseTyped(s: string, ctx: InputContext): Typed | undefined {
  if (/^(true|false)$/i.test(s)) return { value: s.toLowerCase() === 'true' };
  return parseNumber(s, ctx.separators) ?? parseDate(s, ctx);
}

const CURRENCY = '[$€£¥]';

interface NumberPatterns {
  lead: RegExp;
  trail: RegExp;
  plain: RegExp;
  scientific: RegExp;
}

const numberPatterns = new Map<string, NumberPatterns>();

function patternsFor(sep: Separators): NumberPatterns {
  const key = sep.decimal + sep.group;
  let p = numberPatterns.get(key);
  if (!p) {
    const d = escapeRe(sep.decimal);
    const g = escapeRe(sep.group);
    p = {
      lead: new RegExp(`^${CURRENCY}\\s?`),
      trail: new RegExp(`\\s?${CURRENCY}$`),
      plain: new RegExp(`^(?:(\\d{1,3}(?:${g}\\d{3})+|\\d+)(?:${d}(\\d*))?|${d}(\\d+))$`),
      scientific: new RegExp(`^\\d+(?:${d}\\d*)?[eE][+-]?\\d+$`),
    };
    numberPatterns.set(key, p);
  }
  return p;
}

/**
 * '0451', '-3', '+3', '12.50', '.5', '1,234', '1e3', '$2.99', '-$2.99', '2.99 €', '21%'. Strings such
 * as '+abc', '-abc' or '@abc' are not numbers and stay text here; real Sheets may read some of them
 * as formulas (a leading '+' or '-' followed by a function or reference), which is why callers must
 * quote-prefix untrusted text or write it into '@' cells.
 */
export function parseNumber(s: string, sep: Separators): Typed | undefined {
  // Cheap exit for the common case: text with no digit is never a number.
  if (!/\d/.test(s)) return undefined;
  const patterns = patternsFor(sep);
  let rest = s;
  let percent = false;
  if (rest.endsWith('%')) {
    percent = true;
    rest = rest.slice(0, -1).trimEnd();
  }
  let sign = 1;
  let currency = '';
  let currencyFirst = false;
  const takeSign = () => {
    if (rest.startsWith('-') || rest.startsWith('+')) {
      if (rest[0] === '-') sign = -sign;
      rest = rest.slice(1);
      return true;
    }
    return false;
  };
  const signed = takeSign();
  const lead = patterns.lead.exec(rest);
  if (lead) {
    currency = lead[0].trim();
    currencyFirst = true;
    rest = rest.slice(lead[0].length);
    if (takeSign() && signed) return undefined;
  }
  const trail = patterns.trail.exec(rest);
  if (trail && !currency) {
    currency = trail[0].trim();
    rest = rest.slice(0, -trail[0].length);
  }
  if (percent && currency) return undefined;
  const plain = patterns.plain.exec(rest);
  const scientific = patterns.scientific.test(rest);
  if (!plain && !scientific) return undefined;
  const normalized = rest.split(sep.group).join('').replace(sep.decimal, '.');
  let value = sign * Number(normalized);
  if (percent) value /= 100;
  if (Object.is(value, -0)) value = 0;
  const decimals = plain ? (plain[2] ?? plain[3] ?? '').length : 0;
  if (currency) {
    const body = '#,##0.00';
    return { value, format: currencyFirst ? `"${currency}"${body}` : `${body} "${currency}"` };
  }
  if (percent) return { value, format: decimals > 0 ? '0.00%' : '0%' };
  if (scientific) return { value, format: '0.00E+00' };
  if (plain?.[1]?.includes(sep.group)) return { value, format: decimals > 0 ? '#,##0.00' : '#,##0' };
  return { value };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function validTime(h: number, min: number, sec: number): boolean {
  return h < 24 && min < 60 && sec < 60;
}

/**
 * ISO dates ('2026-01-31', with ' 10:00' or ' 10:00:05'), slash dates in the locale's order
 * ('1/31/2026' and '1/31' in en_US, '31/1/2026' elsewhere) and times ('10:30', '10:30:05').
 * Each becomes a serial number with the date format the entry implies.
 */
function parseDate(s: string, ctx: InputContext): Typed | undefined {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    const [h, min, sec] = [Number(iso[4] ?? 0), Number(iso[5] ?? 0), Number(iso[6] ?? 0)];
    if (!validDay(y, m, d) || !validTime(h, min, sec)) return undefined;
    const format =
      iso[4] === undefined ? 'yyyy-mm-dd' : iso[6] === undefined ? 'yyyy-mm-dd h:mm' : 'yyyy-mm-dd h:mm:ss';
    return { value: serialFromWall(y, m, d, h, min, sec), format, date: true };
  }
  const slash = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?$/.exec(s);
  if (slash) {
    const mFirst = monthFirst(ctx.locale);
    const m = Number(mFirst ? slash[1] : slash[2]);
    const d = Number(mFirst ? slash[2] : slash[1]);
    const y = slash[3] ? Number(slash[3]) : wallClock(ctx.now, ctx.timeZone).year;
    if (!validDay(y, m, d)) return undefined;
    return { value: serialFromWall(y, m, d), format: mFirst ? 'M/d/yyyy' : 'd/M/yyyy', date: true };
  }
  const time = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (time) {
    const [h, min, sec] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
    if (!validTime(h, min, sec)) return undefined;
    return { value: (h * 3600 + min * 60 + sec) / 86_400, format: time[3] ? 'h:mm:ss' : 'h:mm', date: true };
  }
  return undefined;
}
