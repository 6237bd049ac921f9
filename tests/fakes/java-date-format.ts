/**
 * Java SimpleDateFormat, as Utilities.formatDate uses it: y, M, d, H, h, k, K, m, s, S, E, a, D, u,
 * z, Z, X and 'quoted' text ('' is a quote). English names. Letters Java does not know throw, as
 * Java does; w, W, F, Y and L are not supported by the fake and throw too.
 * https://docs.oracle.com/javase/8/docs/api/java/text/SimpleDateFormat.html
 */

import { offsetMs, wallClock } from './tz';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const JAVA_LETTERS = /[GyYMLwWDdFEuaHkKhmsSzZX]/;

const pad = (n: number, width: number) => {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
};

export class PatternError extends Error {}

function offsetText(offsetMinutes: number, kind: 'Z' | 'X1' | 'X2' | 'X3'): string {
  if (offsetMinutes === 0 && kind !== 'Z') return 'Z';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = pad(Math.floor(abs / 60), 2);
  const mm = pad(abs % 60, 2);
  if (kind === 'X1') return `${sign}${hh}${mm === '00' ? '' : mm}`;
  if (kind === 'X3') return `${sign}${hh}:${mm}`;
  return `${sign}${hh}${mm}`;
}

/** Java's short names: 'CET', 'CEST', 'EST'. Intl's en-US knows the American ones, en-GB the European. */
function shortZoneName(ms: number, tz: string): string {
  const name = (locale: string) =>
    new Intl.DateTimeFormat(locale, { timeZone: tz, timeZoneName: 'short' })
      .formatToParts(ms)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const us = name('en-US');
  if (!/^(GMT|UTC)[+-]/.test(us)) return us === 'UTC' ? 'UTC' : us;
  const gb = name('en-GB');
  return /^(GMT|UTC)[+-]/.test(gb) ? gb.replace(/^UTC/, 'GMT') : gb;
}

function dayOfYear(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000 + 1;
}

export function formatJavaDate(ms: number, tz: string, pattern: string): string {
  const w = wallClock(ms, tz);
  const offsetMinutes = Math.round(offsetMs(ms, tz) / 60_000);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = '';
      while (j < pattern.length) {
        if (pattern[j] === "'" && pattern[j + 1] === "'") {
          text += "'";
          j += 2;
        } else if (pattern[j] === "'") break;
        else text += pattern[j++];
      }
      if (j >= pattern.length) throw new PatternError('Unterminated quote');
      out += text;
      i = j + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    let j = i;
    while (pattern[j] === c) j++;
    const n = j - i;
    i = j;
    if (!JAVA_LETTERS.test(c)) throw new PatternError(`Illegal pattern character '${c}'`);
    switch (c) {
      case 'G':
        out += w.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
        out += n === 2 ? pad(w.year % 100, 2) : pad(w.year, n);
        break;
      case 'M':
        out += n >= 4 ? MONTHS[w.month - 1] : n === 3 ? MONTHS[w.month - 1].slice(0, 3) : pad(w.month, n);
        break;
      case 'd':
        out += pad(w.day, n);
        break;
      case 'D':
        out += pad(dayOfYear(w.year, w.month, w.day), n);
        break;
      case 'E':
        out += n >= 4 ? DAYS[w.weekday] : DAYS[w.weekday].slice(0, 3);
        break;
      case 'u':
        out += pad(w.weekday === 0 ? 7 : w.weekday, n);
        break;
      case 'a':
        out += w.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(w.hour, n);
        break;
      case 'k':
        out += pad(w.hour === 0 ? 24 : w.hour, n);
        break;
      case 'K':
        out += pad(w.hour % 12, n);
        break;
      case 'h':
        out += pad(w.hour % 12 === 0 ? 12 : w.hour % 12, n);
        break;
      case 'm':
        out += pad(w.minute, n);
        break;
      case 's':
        out += pad(w.second, n);
        break;
      case 'S':
        out += pad(w.millisecond, n);
        break;
      case 'z':
        out += shortZoneName(ms, tz);
        break;
      case 'Z':
        out += offsetText(offsetMinutes, 'Z');
        break;
      case 'X':
        if (n > 3) throw new PatternError(`invalid ISO 8601 format: length=${n}`);
        out += offsetText(offsetMinutes, n === 1 ? 'X1' : n === 2 ? 'X2' : 'X3');
        break;
      default:
        throw new PatternError(`Fake: pattern letter '${c}' is not supported by the fake formatDate`);
    }
  }
  return out;
}
