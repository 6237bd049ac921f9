/**
 * Days and months in the ledger's time zone, with Intl only (no Node APIs), so the same code
 * runs in Apps Script, in Node and in the browser.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let found = formats.get(timeZone);
  if (!found) {
    try {
      found = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
    } catch {
      throw new RangeError(`"${timeZone}" is not a time zone; use a name like Europe/Madrid.`);
    }
    formats.set(timeZone, found);
  }
  return found;
}

function exactDay(ms: number, timeZone: string): string {
  let year = '';
  let month = '';
  let day = '';
  for (const part of format(timeZone).formatToParts(ms)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year.padStart(4, '0')}-${month}-${day}`;
}

const HOUR_MS = 3_600_000;
/** Per zone: the day of each UTC hour, or '' for an hour in which local midnight falls. */
const hourlyDays = new Map<string, Map<number, string>>();

/**
 * The calendar day of an instant in a time zone, as 'YYYY-MM-DD'. formatToParts is slow and a
 * ledger has many times close together, so the day is kept per UTC hour when the whole hour
 * falls on one day (local midnight may fall within an hour: +05:30, +05:45).
 */
export function dayOf(ms: number, timeZone: string): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new RangeError(`${String(ms)} is not a time.`);
  let hours = hourlyDays.get(timeZone);
  if (!hours || hours.size > 100_000) {
    hours = new Map();
    hourlyDays.set(timeZone, hours);
  }
  const hour = Math.floor(ms / HOUR_MS);
  let day = hours.get(hour);
  if (day === undefined) {
    const first = exactDay(hour * HOUR_MS, timeZone);
    day = first === exactDay((hour + 1) * HOUR_MS - 1, timeZone) ? first : '';
    hours.set(hour, day);
  }
  return day === '' ? exactDay(ms, timeZone) : day;
}

/** 'YYYY-MM' of a 'YYYY-MM-DD' day. */
export function monthOfDay(day: string): string {
  return day.slice(0, 7);
}

export function monthOf(ms: number, timeZone: string): string {
  return monthOfDay(dayOf(ms, timeZone));
}
