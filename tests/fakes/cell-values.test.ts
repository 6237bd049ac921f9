/**
 * How written values are stored: Apps Script writes like typed input (USER_ENTERED), except into
 * plain-text ('@') cells. Each test names the Google page it follows.
 */
import { createAppsScript } from '.';

function sheet(options: Parameters<typeof createAppsScript>[0] = {}) {
  const env = createAppsScript(options);
  return { env, sheet: env.globals.SpreadsheetApp.getActive().getSheets()[0] };
}

/** Writes one value into A1 and reads it back. */
function roundTrip(value: unknown, options: Parameters<typeof createAppsScript>[0] = {}, format?: string) {
  const { sheet: s } = sheet(options);
  const cell = s.getRange('A1');
  if (format) cell.setNumberFormat(format);
  cell.setValue(value);
  return {
    value: cell.getValue(),
    formula: cell.getFormula(),
    display: cell.getDisplayValue(),
    format: cell.getNumberFormat(),
  };
}

const madridMidnight = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d) - 3_600_000);

describe('formulas', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)
  // "If a value begins with =, it's interpreted as a formula."
  test("a string starting with '=' becomes a formula; getFormulas gives its text, getValues '#ERROR!'", () => {
    const r = roundTrip('=SUM(B1:B3)');
    expect(r.formula).toBe('=SUM(B1:B3)');
    expect(r.value).toBe('#ERROR!'); // the fake does not evaluate formulas
    expect(r.display).toBe('#ERROR!');
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#getFormulas()
  test("getFormulas gives '' where a cell has no formula", () => {
    const { sheet: s } = sheet();
    s.getRange(1, 1, 1, 2).setValues([['=1+1', 'plain']]);
    expect(s.getRange(1, 1, 1, 3).getFormulas()).toEqual([['=1+1', '', '']]);
  });
});

describe('the quote prefix', () => {
  // https://support.google.com/docs/answer/3094143 (a leading apostrophe keeps an entry as text)
  test('a leading apostrophe stores the rest as text, without the apostrophe', () => {
    expect(roundTrip("'=1+1")).toMatchObject({ value: '=1+1', formula: '', display: '=1+1' });
    expect(roundTrip("'0451").value).toBe('0451');
    expect(roundTrip("'TRUE").value).toBe('TRUE');
    expect(roundTrip("'2026-01-31").value).toBe('2026-01-31');
  });
});

describe('plain text cells', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/range#setNumberFormat(String)
  // '@' is the plain-text format: entries are kept exactly as written.
  test("in a cell formatted '@' a string is kept as written: no number, date, boolean or formula", () => {
    expect(roundTrip('0451', {}, '@').value).toBe('0451');
    expect(roundTrip('=1+1', {}, '@')).toMatchObject({ value: '=1+1', formula: '' });
    expect(roundTrip("'quoted", {}, '@').value).toBe("'quoted");
    expect(roundTrip('TRUE', {}, '@').value).toBe('TRUE');
    expect(roundTrip('2026-01-31', {}, '@').value).toBe('2026-01-31');
    expect(roundTrip('21%', {}, '@').value).toBe('21%');
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#setNumberFormats(Object)
  test('formatting a column as text only protects values written after the format', () => {
    const { sheet: s } = sheet();
    s.getRange('A1').setValue('0451');
    s.getRange('A1:A2').setNumberFormat('@');
    s.getRange('A2').setValue('0451');
    expect(s.getRange('A1:A2').getValues()).toEqual([[451], ['0451']]);
  });
});

describe('numbers typed as strings', () => {
  // https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption
  // USER_ENTERED: "The values will be parsed as if the user typed them into the UI."
  test.each([
    ['0451', 451],
    ['-3', -3],
    ['+3', 3],
    ['12.50', 12.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['1,234', 1234],
    ['1,234.5', 1234.5],
    ['$2.99', 2.99],
    ['-$2.99', -2.99],
    ['21%', 0.21],
    ['  42  ', 42],
    ['1234567890123', 1234567890123],
  ])('%j becomes the number %p', (input, expected) => {
    expect(roundTrip(input).value).toBe(expected);
  });

  test.each([
    '+abc',
    '-abc',
    '@abc',
    'abc',
    '12abc',
    '1.2.3',
    '0x1F',
    'Infinity',
    '1,23',
    '--3',
    '$',
    '%',
    '-',
  ])('%j stays text', (input) => {
    // Real Sheets may read some '+', '-' or '@' entries as formulas; callers must quote-prefix them.
    expect(roundTrip(input).value).toBe(input);
  });

  // Sheets picks a display format for currency, percent and grouped entries.
  test('currency, percent and grouped entries get a matching number format', () => {
    expect(roundTrip('21%')).toMatchObject({ format: '0%', display: '21%' });
    expect(roundTrip('$2.99')).toMatchObject({ format: '"$"#,##0.00', display: '$2.99' });
    expect(roundTrip('1,234')).toMatchObject({ format: '#,##0', display: '1,234' });
    expect(roundTrip('0451')).toMatchObject({ format: 'General', display: '451' });
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSpreadsheetLocale()
  // Typed numbers are read with the spreadsheet locale's separators.
  test("in a comma-decimal locale '12,50' is a number and '12.50' is text", () => {
    expect(roundTrip('12,50', { locale: 'es_ES' }).value).toBe(12.5);
    expect(roundTrip('1.234', { locale: 'es_ES' }).value).toBe(1234);
    expect(roundTrip('12.50', { locale: 'es_ES' }).value).toBe('12.50');
  });
});

describe('booleans', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/range#getValues()
  test("'TRUE' and 'FALSE' in any case become booleans", () => {
    expect(roundTrip('TRUE').value).toBe(true);
    expect(roundTrip('false').value).toBe(false);
    expect(roundTrip('True').value).toBe(true);
    expect(roundTrip(true)).toMatchObject({ value: true, display: 'TRUE' });
    expect(roundTrip('yes').value).toBe('yes');
  });
});

describe('dates', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/range#getValues()
  // Date cells come back as JavaScript Date objects, in the spreadsheet's time zone.
  test('ISO dates become Date values at midnight in the spreadsheet time zone', () => {
    const r = roundTrip('2026-01-31');
    expect(r.value).toBeInstanceOf(Date);
    expect(r.value).toEqual(madridMidnight(2026, 1, 31));
    expect(r.display).toBe('2026-01-31');
  });

  test('ISO date-times with minutes or seconds, across a summer-time change', () => {
    expect(roundTrip('2026-01-31 10:00').value).toEqual(new Date('2026-01-31T09:00:00Z'));
    expect(roundTrip('2026-07-31 10:00:05').value).toEqual(new Date('2026-07-31T08:00:05Z'));
    expect(roundTrip('2026-01-31 10:00', { timeZone: 'America/New_York' }).value).toEqual(
      new Date('2026-01-31T15:00:00Z'),
    );
  });

  test('impossible dates stay text', () => {
    expect(roundTrip('2026-02-30').value).toBe('2026-02-30');
    expect(roundTrip('2026-13-01').value).toBe('2026-13-01');
    expect(roundTrip('2026-01-31 25:00').value).toBe('2026-01-31 25:00');
  });

  // https://support.google.com/docs/answer/58515 (dates are entered in the locale's order)
  test("slash dates follow the locale's day/month order; a date without a year takes this year", () => {
    expect(roundTrip('1/31/2026').value).toEqual(madridMidnight(2026, 1, 31));
    expect(roundTrip('31/1/2026', { locale: 'es_ES' }).value).toEqual(madridMidnight(2026, 1, 31));
    expect(roundTrip('31/1/2026').value).toBe('31/1/2026');
    const now = () => Date.UTC(2027, 5, 1);
    expect(roundTrip('1/2', { now }).value).toEqual(madridMidnight(2027, 1, 2));
  });

  test("a time of day becomes a time value ('10:30' reads back as 10:30 in the sheet's zone)", () => {
    const r = roundTrip('10:30');
    expect(r.value).toBeInstanceOf(Date);
    expect(r.display).toBe('10:30');
    expect(r.format).toBe('h:mm');
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)
  test('a Date object is stored as a date and reads back as an equal, separate Date', () => {
    const { sheet: s } = sheet();
    const when = new Date('2026-03-15T12:34:56.789Z');
    s.getRange('A1').setValue(when);
    const back = s.getRange('A1').getValue() as Date;
    expect(back).toEqual(when);
    expect(back).not.toBe(when);
    back.setFullYear(2000);
    expect(s.getRange('A1').getValue()).toEqual(when);
    expect(s.getRange('A1').getNumberFormat()).toBe('M/d/yyyy H:mm:ss');
    expect(s.getRange('A1').getDisplayValue()).toBe('3/15/2026 13:34:56');
  });

  test('a Date keeps the date format a cell already has', () => {
    const { sheet: s } = sheet();
    s.getRange('A1').setNumberFormat('dd/mm/yyyy').setValue(new Date('2026-03-15T12:00:00Z'));
    expect(s.getRange('A1').getNumberFormat()).toBe('dd/mm/yyyy');
    expect(s.getRange('A1').getDisplayValue()).toBe('15/03/2026');
  });

  // Sheets stores dates as serial numbers from 1899-12-30: a number in a date-formatted cell is a date.
  // https://developers.google.com/sheets/api/guides/formats#about_date_time_values
  test('a number written into a date-formatted cell reads back as a Date', () => {
    const { sheet: s } = sheet();
    const serial = Date.UTC(2026, 0, 31) / 86_400_000 + 25_569;
    s.getRange('A1').setNumberFormat('yyyy-mm-dd').setValue(serial);
    expect(s.getRange('A1').getValue()).toEqual(madridMidnight(2026, 1, 31));
    s.getRange('A1').setNumberFormat('0');
    expect(s.getRange('A1').getValue()).toBe(serial);
  });

  test('the same moment is a different wall-clock date in another spreadsheet time zone', () => {
    const when = new Date('2026-01-31T03:00:00Z');
    expect(roundTrip(when, { timeZone: 'America/New_York' }).display).toBe('1/30/2026 22:00:00');
    expect(roundTrip(when, { timeZone: 'Europe/Madrid' }).display).toBe('1/31/2026 4:00:00');
  });
});

describe('blanks and limits', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/range#getValues()
  test("'', null and undefined clear the cell; blank cells read as ''", () => {
    const { sheet: s } = sheet();
    s.getRange(1, 1, 1, 3).setValues([['a', 'b', 'c']]);
    s.getRange(1, 1, 1, 3).setValues([['', null, undefined]]);
    expect(s.getRange(1, 1, 1, 4).getValues()).toEqual([['', '', '', '']]);
    expect(s.getLastRow()).toBe(0);
  });

  // https://support.google.com/drive/answer/37603 : "Cells: 50,000 characters per cell"
  test('a cell holds at most 50,000 characters, and a refused write writes nothing', () => {
    const { sheet: s } = sheet();
    s.getRange('A1').setValue('x'.repeat(50_000));
    expect((s.getRange('A1').getValue() as string).length).toBe(50_000);
    expect(() => s.getRange('A2:B2').setValues([['ok', 'y'.repeat(50_001)]])).toThrow(
      'Your input contains more than the maximum of 50000 characters in a single cell.',
    );
    expect(s.getRange('A2').getValue()).toBe('');
  });
});

describe('display values', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/range#getDisplayValues()
  test('getDisplayValues renders each value with its number format, as strings', () => {
    const { sheet: s } = sheet();
    const r = s.getRange(1, 1, 1, 5);
    r.setNumberFormats([['#,##0.00', '0.0%', '"€"#,##0.00', 'General', '0.00E+00']]);
    r.setValues([[1234.5, 0.125, -3, 0.1 + 0.2, 12345]]);
    expect(r.getDisplayValues()).toEqual([['1,234.50', '12.5%', '-€3.00', '0.3', '1.23E+04']]);
  });

  test('display values use the locale separators', () => {
    const { sheet: s } = sheet({ locale: 'es_ES' });
    s.getRange('A1').setNumberFormat('#,##0.00').setValue(1234.5);
    expect(s.getRange('A1').getDisplayValue()).toBe('1.234,50');
  });
});
