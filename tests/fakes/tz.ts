/**
 * Wall-clock arithmetic in IANA time zones, with Intl (the fakes run in Node only). Sheets stores a
 * date as a serial number of days since 1899-12-30 in the spreadsheet's time zone, so turning a
 * Date into a cell and back goes through these helpers.
 */

export interface WallClock {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();

const resolved = new Map<string, string>();

/** Java's TimeZone.getTimeZone falls back to GMT for an unknown id; Apps Script does the same. */
export function resolveTimeZone(tz: string): string {
  let zone = resolved.get(tz);
  if (zone === undefined) {
    zone = resolve(tz);
    resolved.set(tz, zone);
  }
  return zone;
}

function resolve(tz: string): string {
  if (tz === 'GMT' || tz === 'UTC') return 'UTC';
  try {
    formatter(tz);
    return tz;
  } catch {
    const m = /^GMT([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(tz);
    if (m && m[3] === undefined) {
      // Etc/GMT signs are inverted: GMT+1 is Etc/GMT-1.
      return `Etc/GMT${m[1] === '+' ? '-' : '+'}${Number(m[2])}`;
    }
    return 'UTC';
  }
}

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Offsets per zone per 15-minute bucket: zone transitions fall on quarter hours. */
const offsets = new Map<string, Map<number, number>>();
const BUCKET_MS = 900_000;

/** Offset of tz from UTC at instant ms, in milliseconds (Madrid in winter: +3600000). */
export function offsetMs(ms: number, tz: string): number {
  const zone = resolveTimeZone(tz);
  let byBucket = offsets.get(zone);
  if (!byBucket) {
    byBucket = new Map();
    offsets.set(zone, byBucket);
  }
  const bucket = Math.floor(ms / BUCKET_MS);
  let offset = byBucket.get(bucket);
  if (offset === undefined) {
    const at = bucket * BUCKET_MS;
    const parts: Record<string, string> = {};
    for (const p of formatter(zone).formatToParts(at)) parts[p.type] = p.value;
    const yearOfEra = Number(parts.year);
    const d = new Date(0);
    d.setUTCFullYear(
      parts.era === 'BC' ? 1 - yearOfEra : yearOfEra,
      Number(parts.month) - 1,
      Number(parts.day),
    );
    d.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
    offset = d.getTime() - at;
    byBucket.set(bucket, offset);
  }
  return offset;
}

/** The wall clock of `ms` in tz, encoded as if it were UTC milliseconds. */
export function wallMs(ms: number, tz: string): number {
  return ms + offsetMs(ms, tz);
}

export function wallClock(ms: number, tz: string): WallClock {
  const w = new Date(wallMs(ms, tz));
  return {
    year: w.getUTCFullYear(),
    month: w.getUTCMonth() + 1,
    day: w.getUTCDate(),
    hour: w.getUTCHours(),
    minute: w.getUTCMinutes(),
    second: w.getUTCSeconds(),
    millisecond: w.getUTCMilliseconds(),
    weekday: w.getUTCDay(),
  };
}

/** The instant whose wall clock in tz is `wall` (UTC-encoded). In a DST gap it lands after the gap. */
export function instantFromWall(wall: number, tz: string): number {
  let guess = wall - offsetMs(wall, tz);
  guess = wall - offsetMs(guess, tz);
  return guess;
}

const DAY_MS = 86_400_000;
/** Days from 1899-12-30 (Sheets' serial epoch) to 1970-01-01. */
const EPOCH_SERIAL = 25_569;

/** The Sheets date serial of an instant, as a cell in time zone tz holds it. */
export function serialFromInstant(ms: number, tz: string): number {
  return wallMs(ms, tz) / DAY_MS + EPOCH_SERIAL;
}

/** The instant a date serial denotes in time zone tz (rounded to the millisecond). */
export function instantFromSerial(serial: number, tz: string): number {
  return instantFromWall(Math.round((serial - EPOCH_SERIAL) * DAY_MS), tz);
}

/** The serial of a wall-clock date and time (no time zone involved). */
export function serialFromWall(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) / DAY_MS + EPOCH_SERIAL;
}
