/**
 * Converting between cells and code values, one column type at a time.
 * Money is integer minor units in code and a currency number in the cell.
 */
import { toDecimal, toMinor } from '../core/money';
import { vatRateError } from '../core/vat-rate';
import type { CellValue } from '../platform/workbook';
import type { ColumnSpec } from './schema';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export interface CellContext {
  /** Decimals of the ledger's currency: 2 for EUR. */
  exponent: number;
}

export function isBlank(v: CellValue): boolean {
  return v === '' || (typeof v === 'string' && v.trim() === '');
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string): Parsed<never> => ({ ok: false, message });
const shown = (v: CellValue): string => (v instanceof Date ? v.toISOString() : JSON.stringify(v));

export function parseText(v: CellValue): string {
  if (v instanceof Date) return v.toISOString();
  return String(v).trim();
}

export function parseMoney(v: CellValue, column: string, ctx: CellContext): Parsed<number> {
  if (typeof v !== 'number') {
    return bad(`${column} ${shown(v)} is not a number. Type the amount as a number, like 12.50.`);
  }
  const minor = toMinor(v, ctx.exponent);
  if (Math.abs(minor - v * 10 ** ctx.exponent) > 1e-6 * Math.max(1, Math.abs(minor))) {
    return bad(`${column} ${v} has more than ${ctx.exponent} decimals. Round it to whole cents.`);
  }
  return ok(minor);
}

export function parseInt_(v: CellValue, column: string): Parsed<number> {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    return bad(`${column} ${shown(v)} is not a whole number. Type a whole number, like 3.`);
  }
  return ok(v);
}

export function parseVatRate(v: CellValue, column: string): Parsed<number> {
  if (typeof v !== 'number') {
    return bad(`${column} ${shown(v)} is not a number. Type the rate as a plain number: 21 means 21 %.`);
  }
  if (v > 0 && v < 1) {
    return bad(
      `${column} ${v} looks like a percentage cell (${v * 100} %). Type the rate as a plain number: 21 means 21 %.`,
    );
  }
  const why = vatRateError(v);
  return why ? bad(`${column} ${v} is not a valid VAT rate: ${why}`) : ok(v);
}

export function parseDate(v: CellValue, column: string): Parsed<Date> {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return ok(v);
  return bad(`${column} ${shown(v)} is not a date. Type a date and time, like 2026-03-01 10:30.`);
}

export function parseBoolean(v: CellValue, column: string): Parsed<boolean> {
  if (typeof v === 'boolean') return ok(v);
  return bad(`${column} ${shown(v)} is not TRUE or FALSE. Tick or untick the box, or type TRUE or FALSE.`);
}

export function parseEnum(v: CellValue, column: string, allowed: readonly string[]): Parsed<string> {
  const text = parseText(v).toLowerCase();
  const match = allowed.find((a) => a.toLowerCase() === text);
  return match !== undefined
    ? ok(match)
    : bad(`${column} ${shown(v)} must be one of: ${allowed.join(', ')}.`);
}

/** Checks one non-blank cell against its column's type; returns a message for a person, or null. */
export function cellError(v: CellValue, col: ColumnSpec, ctx: CellContext): string | null {
  let parsed: Parsed<unknown>;
  switch (col.type) {
    case 'text':
      return null;
    case 'money':
      parsed = parseMoney(v, col.header, ctx);
      break;
    case 'int':
      parsed = parseInt_(v, col.header);
      break;
    case 'number':
      parsed = typeof v === 'number' ? ok(v) : bad(`${col.header} ${shown(v)} is not a number.`);
      break;
    case 'vat-rate':
      parsed = parseVatRate(v, col.header);
      break;
    case 'datetime':
      parsed = parseDate(v, col.header);
      break;
    case 'boolean':
      parsed = parseBoolean(v, col.header);
      break;
    case 'enum':
      parsed = parseEnum(v, col.header, col.allowed ?? []);
      break;
  }
  return parsed.ok ? null : parsed.message;
}

/** Minor units to the number written in a money cell. */
export function moneyCell(minor: number, ctx: CellContext): number {
  return toDecimal(minor, ctx.exponent);
}
