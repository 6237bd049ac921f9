/**
 * Invoice series: which series a shop numbers its invoices in, and how a number is written.
 *
 * The Settings value lists the series, separated by ';' or new lines. Each entry is
 *
 *     CODE: purpose
 *     CODE: purpose | number format
 *
 * for example `T: till tickets; W: web orders; F: full invoices; R: corrective`, or
 * `F: full invoices | {series}/{year}/{n:5}`. A blank value gives the default series.
 *
 * - CODE is 1 to 3 capital letters A–Z.
 * - The number format defaults to `{series}-{year}-{n:6}` (T-2026-000042). It must hold each of
 *   `{series}`, `{year}` (4 digits) and `{n}` or `{n:width}` (the counter, zero-padded to width
 *   1–12) exactly once. Between them only the separators - / . _ and space may appear.
 *
 * Those rules make every number readable back without guessing: the only letters in a number are
 * its series code, so the code tells which format to read it with; the year has a fixed width, so
 * the counter is what remains of the digits. No '&' or '=' can appear, so a number is safe in the
 * hash chain's canonical text and in VERI*FACTU's.
 */

export interface Series {
  /** 1 to 3 capital letters: T, W, F, R. */
  code: string;
  /** What the series is for, in the shop's words. */
  purpose: string;
  /** With {series}, {year} and {n} or {n:width}. */
  format: string;
}

export const DEFAULT_NUMBER_FORMAT = '{series}-{year}-{n:6}';

export const DEFAULT_SERIES: readonly Series[] = [
  { code: 'T', purpose: 'simplified invoices (till tickets)', format: DEFAULT_NUMBER_FORMAT },
  { code: 'W', purpose: 'web orders', format: DEFAULT_NUMBER_FORMAT },
  { code: 'F', purpose: 'full invoices', format: DEFAULT_NUMBER_FORMAT },
  { code: 'R', purpose: 'corrective invoices and credit notes', format: DEFAULT_NUMBER_FORMAT },
];

/** The Settings value that gives DEFAULT_SERIES. */
export const DEFAULT_SERIES_SETTING = DEFAULT_SERIES.map((s) => `${s.code}: ${s.purpose}`).join('; ');

export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;
const MAX_WIDTH = 12;

const CODE = /^[A-Z]{1,3}$/;
const SEPARATORS = /^[-/._ ]*$/;

type Token =
  | { kind: 'literal'; text: string }
  | { kind: 'series' }
  | { kind: 'year' }
  | { kind: 'n'; width: number };

/** The format's tokens, or the reasons it is not a number format. */
function tokenize(format: string, code: string): { tokens: Token[]; errors: string[] } {
  const tokens: Token[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const pattern = /\{([^{}]*)\}/g;
  let last = 0;
  const literal = (text: string) => {
    if (text === '') return;
    if (!SEPARATORS.test(text)) {
      errors.push(
        `The number format of ${code} has "${text}" in it: between {series}, {year} and {n} use only the separators - / . _ or space.`,
      );
    }
    tokens.push({ kind: 'literal', text });
  };
  for (let match = pattern.exec(format); match !== null; match = pattern.exec(format)) {
    literal(format.slice(last, match.index));
    last = match.index + match[0].length;
    const name = match[1].trim();
    const counter = /^n(?::(\d+))?$/.exec(name);
    let token: Token;
    if (name === 'series' || name === 'year') {
      token = { kind: name };
    } else if (counter) {
      const width = counter[1] === undefined ? 1 : Number(counter[1]);
      if (width < 1 || width > MAX_WIDTH) {
        errors.push(
          `The number format of ${code} pads the counter to ${counter[1]} digits: use 1 to ${MAX_WIDTH}.`,
        );
      }
      token = { kind: 'n', width };
    } else {
      errors.push(
        `The number format of ${code} has an unknown part {${match[1]}}: use {series}, {year}, {n} or {n:6}.`,
      );
      continue;
    }
    if (seen.has(token.kind)) {
      errors.push(`The number format of ${code} has {${token.kind}} twice: each part goes in once.`);
    }
    seen.add(token.kind);
    tokens.push(token);
  }
  literal(format.slice(last));
  if (!seen.has('year')) {
    errors.push(`The number format of ${code} has no {year}: numbering must restart each year.`);
  }
  if (!seen.has('n')) {
    errors.push(`The number format of ${code} has no {n}: it needs the counter, like {n:6}.`);
  }
  if (!seen.has('series')) {
    errors.push(
      `The number format of ${code} has no {series}: numbers of different series would look alike.`,
    );
  }
  return { tokens, errors };
}

/** Why a series cannot be used, in words for the shop owner; empty when it can. */
export function seriesErrors(series: Series): string[] {
  const errors: string[] = [];
  if (!CODE.test(series.code)) {
    errors.push(`Series '${series.code}' has an invalid name: use 1–3 capital letters, like T or FA.`);
  }
  const code = CODE.test(series.code) ? series.code : `'${series.code}'`;
  if (series.purpose.trim() === '') {
    errors.push(`Series ${code} has no purpose: write what it is for, like 'T: till tickets'.`);
  }
  errors.push(...tokenize(series.format, code).errors);
  return errors;
}

export type SeriesSettingResult = { ok: true; series: Series[] } | { ok: false; errors: string[] };

/**
 * Reads the series from their Settings value (format above). Returns every problem at once, each
 * naming the series, so the shop owner can fix them in one go. A blank value gives DEFAULT_SERIES.
 */
export function parseSeriesSetting(text: string): SeriesSettingResult {
  if (typeof text !== 'string' || text.trim() === '') {
    return { ok: true, series: DEFAULT_SERIES.map((s) => ({ ...s })) };
  }
  const errors: string[] = [];
  const series: Series[] = [];
  const codes = new Set<string>();
  for (const rawEntry of text.split(/[;\n\r]+/)) {
    const entry = rawEntry.trim();
    if (entry === '') continue;
    const colon = entry.indexOf(':');
    if (colon < 0) {
      errors.push(`The series entry '${entry}' has no colon: write it as 'T: till tickets'.`);
      continue;
    }
    const code = entry.slice(0, colon).trim();
    const rest = entry.slice(colon + 1);
    const bar = rest.indexOf('|');
    const purpose = (bar < 0 ? rest : rest.slice(0, bar)).trim();
    const format = bar < 0 ? DEFAULT_NUMBER_FORMAT : rest.slice(bar + 1).trim();
    const one: Series = { code, purpose, format };
    const problems = seriesErrors(one);
    if (CODE.test(code)) {
      if (codes.has(code)) problems.push(`Series ${code} is listed twice: list each series once.`);
      codes.add(code);
    }
    errors.push(...problems);
    if (problems.length === 0) series.push(one);
  }
  if (errors.length === 0 && series.length === 0) {
    errors.push(`No series are listed: write them like '${DEFAULT_SERIES_SETTING}'.`);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, series };
}

/** Writes the series back as a Settings value that parseSeriesSetting reads to the same series. */
export function formatSeriesSetting(series: readonly Series[]): string {
  return series
    .map((s) => `${s.code}: ${s.purpose}${s.format === DEFAULT_NUMBER_FORMAT ? '' : ` | ${s.format}`}`)
    .join('; ');
}

function checkedTokens(series: Series): Token[] {
  const errors = seriesErrors(series);
  if (errors.length > 0) throw new RangeError(errors.join(' '));
  return tokenize(series.format, series.code).tokens;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(
      `An invoice year must be a whole number from ${MIN_YEAR} to ${MAX_YEAR}, not ${year}.`,
    );
  }
}

/** The invoice number of counter n in a series and year: (T, 2026, 42) → 'T-2026-000042'. */
export function formatInvoiceNo(series: Series, year: number, n: number): string {
  const tokens = checkedTokens(series);
  checkYear(year);
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`An invoice counter must be a whole number from 1 up, not ${n}.`);
  }
  return tokens
    .map((token) => {
      if (token.kind === 'literal') return token.text;
      if (token.kind === 'series') return series.code;
      if (token.kind === 'year') return String(year);
      return String(n).padStart(token.width, '0');
    })
    .join('');
}

export interface InvoiceNo {
  /** The series code. */
  series: string;
  year: number;
  n: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * Reads an invoice number written by formatInvoiceNo for one of the series: 'T-2026-000042' →
 * { series: 'T', year: 2026, n: 42 }. Null for anything else, including a number written
 * differently from how its series writes it (T-2026-42 when T pads to 6 digits), so a number
 * typed by hand never passes for an issued one. Surrounding spaces are ignored.
 */
export function parseInvoiceNo(text: string, series: readonly Series[] = DEFAULT_SERIES): InvoiceNo | null {
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  const letters = trimmed.match(/[A-Z]+/g);
  if (letters === null || letters.length !== 1) return null;
  const one = series.find((s) => s.code === letters[0]);
  if (one === undefined) return null;
  const tokens = checkedTokens(one);
  const order: ('year' | 'n')[] = [];
  const source = tokens
    .map((token) => {
      if (token.kind === 'literal') return escapeRegExp(token.text);
      if (token.kind === 'series') return escapeRegExp(one.code);
      order.push(token.kind);
      return token.kind === 'year' ? '(\\d{4})' : '(\\d+)';
    })
    .join('');
  const match = new RegExp(`^${source}$`).exec(trimmed);
  if (!match) return null;
  const year = Number(match[order.indexOf('year') + 1]);
  const n = Number(match[order.indexOf('n') + 1]);
  if (year < MIN_YEAR || !Number.isSafeInteger(n) || n < 1) return null;
  // Only the canonical way of writing it: no extra or missing zero padding.
  if (formatInvoiceNo(one, year, n) !== trimmed) return null;
  return { series: one.code, year, n };
}
