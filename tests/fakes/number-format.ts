/**
 * Sheets number formats, as far as the fakes need them: is a format a date/time format (then
 * getValues turns the number into a Date), and how getDisplayValues renders a value. This covers the
 * common patterns (General, 0.00, #,##0, percent, scientific, quoted currency, dates and times),
 * not the whole format language.
 */

import { instantFromSerial, wallClock } from './tz';

/** Unformatted cells report this (Range.getNumberFormat). */
export const GENERAL = 'General';
/** What Apps Script gives a cell that receives a Date while it has no date format (en_US style). */
export const DEFAULT_DATE_TIME_FORMAT = 'M/d/yyyy H:mm:ss';

/** Locales whose decimal separator is a comma (and whose grouping separator is a dot). */
const COMMA_DECIMAL = new Set([
  'es',
  'de',
  'fr',
  'it',
  'pt',
  'nl',
  'ru',
  'pl',
  'sv',
  'da',
  'nb',
  'no',
  'fi',
  'cs',
  'sk',
  'tr',
  'el',
  'hu',
  'ro',
  'bg',
  'hr',
  'sl',
  'sr',
  'uk',
  'ca',
  'eu',
  'gl',
  'id',
  'vi',
  'lt',
  'lv',
  'et',
]);

export interface Separators {
  decimal: string;
  group: string;
}

export function separators(locale: string): Separators {
  const lang = locale.split(/[_-]/)[0].toLowerCase();
  return COMMA_DECIMAL.has(lang) ? { decimal: ',', group: '.' } : { decimal: '.', group: ',' };
}

/** Day-first locales write 31/1/2026; en_US writes 1/31/2026. */
export function monthFirst(locale: string): boolean {
  return /^en_(US|PH)$|^en$/i.test(locale);
}

export function isAutomaticFormat(format: string | undefined): boolean {
  return format === undefined || format === '' || format.toLowerCase() === 'general';
}

/** Removes quoted text, escapes and [..] sections other than the duration ones [h] [m] [s]. */
function stripLiterals(format: string): string {
  return format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
}

const dateFormats = new Map<string, boolean>();

/** True for date, time, date-time and duration formats: the cell's number reads back as a Date. */
export function isDateFormat(format: string | undefined): boolean {
  if (isAutomaticFormat(format) || format === '@') return false;
  const f = String(format);
  let known = dateFormats.get(f);
  if (known === undefined) {
    const section = stripLiterals(f).split(';')[0];
    known = /[dmyhs]/i.test(section.replace(/am\/pm|a\/p/gi, ''));
    dateFormats.set(f, known);
  }
  return known;
}

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

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Renders a date serial with a Sheets date format (yyyy, mm, m, dd, hh, ss, am/pm, mmm, ddd...). */
export function formatDateSerial(serial: number, format: string, tz: string): string {
  const w = wallClock(instantFromSerial(serial, tz), tz);
  const tokens = tokenizeDateFormat(format);
  const hasAmPm = tokens.some((t) => t.kind === 'ampm');
  let out = '';
  tokens.forEach((t, i) => {
    if (t.kind === 'literal') {
      out += t.text;
      return;
    }
    if (t.kind === 'ampm') {
      const pm = w.hour >= 12;
      out += t.text.length <= 3 ? (pm ? 'P' : 'A') : pm ? 'PM' : 'AM';
      return;
    }
    const n = t.text.length;
    switch (t.text[0].toLowerCase()) {
      case 'y':
        out += n <= 2 ? pad(w.year % 100, 2) : String(w.year);
        break;
      case 'd':
        out +=
          n === 1
            ? String(w.day)
            : n === 2
              ? pad(w.day, 2)
              : n === 3
                ? DAYS[w.weekday].slice(0, 3)
                : DAYS[w.weekday];
        break;
      case 'h': {
        const h = hasAmPm ? ((w.hour + 11) % 12) + 1 : w.hour;
        out += n === 1 ? String(h) : pad(h, 2);
        break;
      }
      case 's':
        out += n === 1 ? String(w.second) : pad(w.second, 2);
        break;
      case 'm': {
        if (isMinute(tokens, i)) out += n === 1 ? String(w.minute) : pad(w.minute, 2);
        else if (n <= 2) out += n === 1 ? String(w.month) : pad(w.month, 2);
        else if (n === 3) out += MONTHS[w.month - 1].slice(0, 3);
        else if (n === 5) out += MONTHS[w.month - 1][0];
        else out += MONTHS[w.month - 1];
        break;
      }
    }
  });
  return out;
}

interface DateToken {
  kind: 'field' | 'literal' | 'ampm';
  text: string;
}

function tokenizeDateFormat(format: string): DateToken[] {
  const tokens: DateToken[] = [];
  const section = format.split(';')[0];
  let i = 0;
  while (i < section.length) {
    const c = section[i];
    if (c === '"') {
      const end = section.indexOf('"', i + 1);
      tokens.push({ kind: 'literal', text: section.slice(i + 1, end < 0 ? undefined : end) });
      i = end < 0 ? section.length : end + 1;
    } else if (c === '\\') {
      tokens.push({ kind: 'literal', text: section[i + 1] ?? '' });
      i += 2;
    } else if (/^am\/pm/i.test(section.slice(i))) {
      tokens.push({ kind: 'ampm', text: 'AM/PM' });
      i += 5;
    } else if (/^a\/p/i.test(section.slice(i))) {
      tokens.push({ kind: 'ampm', text: 'A/P' });
      i += 3;
    } else if (c === '[') {
      const end = section.indexOf(']', i);
      i = end < 0 ? section.length : end + 1; // durations and colours are not rendered
    } else if (/[dmyhs]/i.test(c)) {
      let j = i;
      while (j < section.length && section[j].toLowerCase() === c.toLowerCase()) j++;
      tokens.push({ kind: 'field', text: section.slice(i, j) });
      i = j;
    } else {
      tokens.push({ kind: 'literal', text: c });
      i++;
    }
  }
  return tokens;
}

/** 'm' is a minute right after an hour field or right before a seconds field, else a month. */
function isMinute(tokens: DateToken[], i: number): boolean {
  if (tokens[i].text.length > 2) return false;
  for (let j = i - 1; j >= 0; j--) {
    if (tokens[j].kind !== 'field') continue;
    if (tokens[j].text[0].toLowerCase() === 'h') return true;
    break;
  }
  for (let j = i + 1; j < tokens.length; j++) {
    if (tokens[j].kind !== 'field') continue;
    return tokens[j].text[0].toLowerCase() === 's';
  }
  return false;
}

/** Sheets' General display: integers as is, others to 10 significant digits, huge/tiny in E notation. */
export function formatGeneral(n: number, sep: Separators): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  let s: string;
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9)) {
    const [mantissa, exp] = n.toExponential(5).split('e');
    const e = Number(exp);
    s = `${mantissa.replace(/\.?0+$/, '')}E${e < 0 ? '-' : '+'}${pad(Math.abs(e), 2)}`;
  } else if (Number.isInteger(n)) {
    s = String(n);
  } else {
    s = String(Number(n.toPrecision(10)));
  }
  return s.replace('.', sep.decimal);
}

/** Renders a number with a Sheets number format (the first two sections: positive;negative). */
export function formatNumber(n: number, format: string, sep: Separators): string {
  if (isAutomaticFormat(format) || format === '@') return formatGeneral(n, sep);
  const sections = format.split(';');
  let section = sections[0];
  let value = n;
  if (n < 0 && sections.length > 1) {
    section = sections[1];
    value = -n;
  } else if (n === 0 && sections.length > 2) {
    section = sections[2];
  }
  // Split into literal prefix, numeric pattern, literal suffix.
  let prefix = '';
  let suffix = '';
  let pattern = '';
  let i = 0;
  const literal = (text: string) => {
    if (pattern === '') prefix += text;
    else suffix += text;
  };
  while (i < section.length) {
    const c = section[i];
    if (c === '"') {
      const end = section.indexOf('"', i + 1);
      literal(section.slice(i + 1, end < 0 ? undefined : end));
      i = end < 0 ? section.length : end + 1;
    } else if (c === '\\') {
      literal(section[i + 1] ?? '');
      i += 2;
    } else if (c === '[') {
      const end = section.indexOf(']', i);
      const inner = section.slice(i + 1, end < 0 ? undefined : end);
      if (inner.startsWith('$')) literal(inner.slice(1).split('-')[0]);
      i = end < 0 ? section.length : end + 1;
    } else if (c === '_' || c === '*') {
      i += 2; // padding directives
    } else if (/[0#?.,%Ee+-]/.test(c) && (suffix === '' || c === '%')) {
      if (c === '%' || c === '-' || c === '+') {
        if (c === '%') value *= 100;
        if (pattern === '' && c !== '%') prefix += c;
        else if (c === '%') suffix += '%';
        else pattern += c;
      } else {
        pattern += c;
      }
      i++;
    } else {
      literal(c);
      i++;
    }
  }
  const sign = value < 0 ? '-' : '';
  return sign + prefix + renderPattern(Math.abs(value), pattern, sep) + suffix;
}

function renderPattern(abs: number, pattern: string, sep: Separators): string {
  const expAt = pattern.search(/E[+-]/i);
  if (expAt >= 0) {
    const mantissaPattern = pattern.slice(0, expAt);
    const decimals = (mantissaPattern.split('.')[1] ?? '').replace(/[^0#?]/g, '').length;
    const expDigits = pattern.slice(expAt + 2).replace(/[^0#?]/g, '').length || 1;
    const [m, e] = abs.toExponential(decimals).split('e');
    const exp = Number(e);
    return `${m.replace('.', sep.decimal)}E${exp < 0 ? '-' : '+'}${pad(Math.abs(exp), expDigits)}`;
  }
  const [intPattern, fracPattern = ''] = pattern.split('.');
  const grouping = intPattern.includes(',');
  const minInt = intPattern.replace(/[^0]/g, '').length;
  const fixed = fracPattern.replace(/[^0]/g, '').length;
  const maxFrac = fracPattern.replace(/[^0#?]/g, '').length;
  let text = abs.toFixed(maxFrac);
  let [intPart, fracPart = ''] = text.split('.');
  while (fracPart.length > fixed && fracPart.endsWith('0')) fracPart = fracPart.slice(0, -1);
  if (intPart === '0' && minInt === 0) intPart = '';
  intPart = intPart.padStart(minInt, '0');
  if (grouping) intPart = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep.group);
  text = fracPart ? `${intPart}${sep.decimal}${fracPart}` : intPart;
  return text === '' ? '0' : text;
}
