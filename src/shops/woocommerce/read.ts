/**
 * Reading WooCommerce JSON defensively: extensions change field types (decimal quantities,
 * numbers where the docs say strings), so every value is checked before it is used.
 */
import { type Minor, toMinor } from '../../core/money';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object's field when the object is one; undefined otherwise. */
export function get(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

/** An array field, or [] when it is missing or not an array. */
export function list(value: unknown, key: string): unknown[] {
  const field = get(value, key);
  return Array.isArray(field) ? field : [];
}

/** Text from a string or a number; '' for anything else. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

const DECIMAL = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?\s*$/i;

/** A number from a JSON number or decimal text ("6.00", "0.9", 3); null for anything else. */
export function decimal(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && DECIMAL.test(value)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** True when a field is absent or empty (WooCommerce writes "" or null for "none"). */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** An amount in minor units of a currency with `exponent` decimals; null when it is not a number. */
export function money(value: unknown, exponent: number): Minor | null {
  const n = decimal(value);
  return n === null ? null : toMinor(n, exponent);
}

/** A whole id above 0 from a number or digits; null otherwise. */
export function wholeId(value: unknown): number | null {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Milliseconds since 1970 from a WooCommerce `*_gmt` date. Those carry no offset
 * ("2017-03-22T19:28:02") and are UTC; an explicit Z or offset is honoured too. Null when the
 * value is not such a date.
 */
export function gmtTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = DATE_TIME.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(utc);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  const zone = m[8];
  if (!zone || zone.toUpperCase() === 'Z') return utc;
  const digits = zone.replace(':', '');
  const offset = (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
  return zone[0] === '-' ? utc + offset : utc - offset;
}

/** A time as WooCommerce writes GMT dates: "2017-03-22T19:28:02" (UTC, whole seconds, no offset). */
export function toGmtText(time: number): string {
  return new Date(Math.floor(time / 1000) * 1000).toISOString().slice(0, 19);
}
