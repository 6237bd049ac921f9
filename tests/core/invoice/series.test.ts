import fc from 'fast-check';
import {
  DEFAULT_SERIES,
  DEFAULT_SERIES_SETTING,
  formatInvoiceNo,
  formatSeriesSetting,
  parseInvoiceNo,
  parseSeriesSetting,
  type Series,
} from '../../../src/core/invoice/series';

const T: Series = { code: 'T', purpose: 'till tickets', format: '{series}-{year}-{n:6}' };

function errorsOf(text: string): string[] {
  const result = parseSeriesSetting(text);
  if (result.ok) throw new Error(`expected errors for ${text}`);
  return result.errors;
}

describe('parseSeriesSetting', () => {
  it('reads the series with the default number format', () => {
    const result = parseSeriesSetting('T: till tickets; W: web orders; F: full invoices; R: corrective');
    expect(result).toEqual({
      ok: true,
      series: [
        { code: 'T', purpose: 'till tickets', format: '{series}-{year}-{n:6}' },
        { code: 'W', purpose: 'web orders', format: '{series}-{year}-{n:6}' },
        { code: 'F', purpose: 'full invoices', format: '{series}-{year}-{n:6}' },
        { code: 'R', purpose: 'corrective', format: '{series}-{year}-{n:6}' },
      ],
    });
  });

  it('reads one entry per line and a number format after a bar', () => {
    const result = parseSeriesSetting('T: till tickets\nFA: full invoices | {series}/{year}/{n:4}\n');
    expect(result).toEqual({
      ok: true,
      series: [
        { code: 'T', purpose: 'till tickets', format: '{series}-{year}-{n:6}' },
        { code: 'FA', purpose: 'full invoices', format: '{series}/{year}/{n:4}' },
      ],
    });
  });

  it('gives the default series for a blank value', () => {
    expect(parseSeriesSetting('  ')).toEqual({ ok: true, series: DEFAULT_SERIES });
    expect(parseSeriesSetting(DEFAULT_SERIES_SETTING)).toEqual({ ok: true, series: DEFAULT_SERIES });
  });

  it('refuses an invalid series name', () => {
    expect(errorsOf('t1: till')).toEqual([
      "Series 't1' has an invalid name: use 1–3 capital letters, like T or FA.",
    ]);
    expect(errorsOf('ABCD: too long')[0]).toMatch(/^Series 'ABCD' has an invalid name/);
    expect(errorsOf('Ñ: eñe')[0]).toMatch(/invalid name/);
  });

  it('refuses a number format without a year, a counter or a series', () => {
    expect(errorsOf('F: full | {series}-{n:6}')).toEqual([
      'The number format of F has no {year}: numbering must restart each year.',
    ]);
    expect(errorsOf('F: full | {series}-{year}')).toEqual([
      'The number format of F has no {n}: it needs the counter, like {n:6}.',
    ]);
    expect(errorsOf('F: full | {year}-{n}')[0]).toMatch(/has no \{series\}/);
  });

  it('refuses unknown parts, repeated parts, bad widths and letters or & between parts', () => {
    expect(errorsOf('F: full | {series}-{yy}-{n}')).toEqual([
      'The number format of F has an unknown part {yy}: use {series}, {year}, {n} or {n:6}.',
      'The number format of F has no {year}: numbering must restart each year.',
    ]);
    expect(errorsOf('F: full | {series}-{year}-{n}-{n}')[0]).toMatch(/has \{n\} twice/);
    expect(errorsOf('F: full | {series}-{year}-{n:0}')[0]).toMatch(/pads the counter to 0 digits/);
    expect(errorsOf('F: full | {series}-{year}-{n:13}')[0]).toMatch(/pads the counter to 13 digits/);
    expect(errorsOf('F: full | FAC{series}-{year}-{n}')[0]).toMatch(/has "FAC" in it/);
    expect(errorsOf('F: full | {series}&{year}&{n}')[0]).toMatch(/has "&" in it/);
  });

  it('refuses a missing colon, a missing purpose and a series listed twice, all at once', () => {
    expect(errorsOf('T till; W:; F: a; F: b')).toEqual([
      "The series entry 'T till' has no colon: write it as 'T: till tickets'.",
      "Series W has no purpose: write what it is for, like 'T: till tickets'.",
      'Series F is listed twice: list each series once.',
    ]);
  });

  it('reads back what formatSeriesSetting writes', () => {
    const code = fc.stringMatching(/^[A-Z]{1,3}$/);
    const purpose = fc.stringMatching(/^[a-z][a-z ]{0,15}[a-z]$/);
    const format = fc.constantFrom('{series}-{year}-{n:6}', '{series}/{year}/{n}', '{year}.{series}.{n:3}');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ code, purpose, format }), {
          minLength: 1,
          maxLength: 5,
          selector: (s) => s.code,
        }),
        (series) => {
          expect(parseSeriesSetting(formatSeriesSetting(series))).toEqual({ ok: true, series });
        },
      ),
    );
  });
});

describe('formatInvoiceNo and parseInvoiceNo', () => {
  it('writes the default format', () => {
    expect(formatInvoiceNo(T, 2026, 42)).toBe('T-2026-000042');
    expect(formatInvoiceNo(T, 2026, 1234567)).toBe('T-2026-1234567');
    expect(formatInvoiceNo({ code: 'FA', purpose: 'x', format: '{n}{series}{year}' }, 2026, 7)).toBe(
      '7FA2026',
    );
  });

  it('refuses a bad year, counter or series', () => {
    expect(() => formatInvoiceNo(T, 26, 1)).toThrow(/year must be a whole number from 1000 to 9999/);
    expect(() => formatInvoiceNo(T, 2026, 0)).toThrow(/counter must be a whole number from 1/);
    expect(() => formatInvoiceNo(T, 2026, 1.5)).toThrow(RangeError);
    expect(() => formatInvoiceNo({ ...T, format: '{series}-{n}' }, 2026, 1)).toThrow(/no \{year\}/);
  });

  it('reads a number back', () => {
    expect(parseInvoiceNo('T-2026-000042')).toEqual({ series: 'T', year: 2026, n: 42 });
    expect(parseInvoiceNo(' R-2025-000001 ')).toEqual({ series: 'R', year: 2025, n: 1 });
  });

  it('reads only the canonical way of writing a number of a known series', () => {
    expect(parseInvoiceNo('T-2026-42')).toBeNull();
    expect(parseInvoiceNo('T-2026-0000042')).toBeNull();
    expect(parseInvoiceNo('T-2026-000000')).toBeNull();
    expect(parseInvoiceNo('X-2026-000042')).toBeNull();
    expect(parseInvoiceNo('t-2026-000042')).toBeNull();
    expect(parseInvoiceNo('T-26-000042')).toBeNull();
    expect(parseInvoiceNo('')).toBeNull();
    expect(parseInvoiceNo('TW-2026-000001')).toBeNull();
  });

  it('round-trips every number of every valid format', () => {
    const code = fc.stringMatching(/^[A-Z]{1,3}$/);
    const sep = fc.constantFrom('', '-', '/', '.', '_', ' ');
    const order = fc.constantFrom(
      ['{series}', '{year}', 'N'],
      ['{year}', '{series}', 'N'],
      ['N', '{series}', '{year}'],
      ['{series}', 'N', '{year}'],
    );
    fc.assert(
      fc.property(
        code,
        order,
        sep,
        sep,
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        (c, parts, s1, s2, width, year, n) => {
          const counter = width === 0 ? '{n}' : `{n:${width}}`;
          const [a, b, d] = parts.map((p) => (p === 'N' ? counter : p));
          const series: Series = { code: c, purpose: 'p', format: `${a}${s1}${b}${s2}${d}` };
          const other: Series = { code: c === 'Q' ? 'Z' : 'Q', purpose: 'p', format: '{series}-{year}-{n}' };
          const text = formatInvoiceNo(series, year, n);
          expect(parseInvoiceNo(text, [other, series])).toEqual({ series: c, year, n });
          expect(parseInvoiceNo(text, [other])).toBeNull();
        },
      ),
    );
  });
});
