import { pad, wallClock, zoneOffsetMs } from '../../src/core/wall-clock';

test('the wall clock of a zone, across a DST change and a 45-minute offset', () => {
  // 2026-03-29 01:30 UTC: Madrid has just gone from +01:00 to +02:00.
  expect(wallClock(Date.UTC(2026, 2, 29, 0, 59, 59), 'Europe/Madrid')).toEqual({
    year: 2026,
    month: 3,
    day: 29,
    hour: 1,
    minute: 59,
    second: 59,
  });
  expect(wallClock(Date.UTC(2026, 2, 29, 1, 0, 0), 'Europe/Madrid').hour).toBe(3);
  expect(zoneOffsetMs(Date.UTC(2026, 2, 29, 0, 59, 59), 'Europe/Madrid')).toBe(3_600_000);
  expect(zoneOffsetMs(Date.UTC(2026, 2, 29, 1, 0, 0), 'Europe/Madrid')).toBe(7_200_000);
  expect(zoneOffsetMs(Date.UTC(2026, 0, 1, 12, 0, 0, 999), 'Asia/Kathmandu')).toBe((5 * 60 + 45) * 60_000);
  expect(zoneOffsetMs(Date.UTC(2026, 0, 1), 'America/New_York')).toBe(-5 * 3_600_000);
  expect(wallClock(Date.UTC(2026, 0, 1, 0, 0), 'UTC').hour).toBe(0); // midnight is 0, never 24
});

test('an unknown zone is a RangeError; pad writes the pieces of a date', () => {
  expect(() => wallClock(0, 'Mars/Olympus')).toThrow(RangeError);
  expect([pad(7), pad(2026, 4), pad(12)]).toEqual(['07', '2026', '12']);
});
