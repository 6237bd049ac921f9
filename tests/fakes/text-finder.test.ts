/**
 * TextFinder on a range, a sheet and the spreadsheet: what matches, in what order, and what it costs
 * on the meter (the search itself reads no cells). Each test names the Google page it follows.
 */
import { createAppsScript } from '.';

function setup() {
  const env = createAppsScript();
  const ss = env.globals.SpreadsheetApp.getActive();
  return { env, ss, sheet: ss.getSheets()[0] };
}

type Sheet = ReturnType<typeof setup>['sheet'];
type Range = GoogleAppsScript.Spreadsheet.Range;

const a1 = (ranges: Range[]) => ranges.map((r) => r.getA1Notation());

/** A 'Customers' column with a few look-alikes, in A1:B5. */
function customers(sheet: Sheet) {
  sheet.getRange('A1:B5').setValues([
    ['Name', 'City'],
    ['Ana', 'Madrid'],
    ['ana maría', 'Sevilla'],
    ['Banana Co', 'madrid'],
    ['ANA', 'Valencia'],
  ]);
}

describe('matching', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/text-finder#matchEntireCell(Boolean)
  // "If true, configures the search to match the entire contents of a cell; otherwise, the search
  // defaults to partial matching."
  test('by default a cell matches when it contains the text; matchEntireCell(true) needs the whole cell', () => {
    const { sheet } = setup();
    customers(sheet);
    expect(a1(sheet.createTextFinder('ana').findAll())).toEqual(['A2', 'A3', 'A4', 'A5']);
    expect(a1(sheet.createTextFinder('ana').matchEntireCell(true).findAll())).toEqual(['A2', 'A5']);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/text-finder#matchCase(Boolean)
  // "If true, configures the search to match the search text's case exactly; otherwise, the search
  // defaults to case-insensitive matching."
  test('case-insensitive by default; matchCase(true) matches the case exactly', () => {
    const { sheet } = setup();
    customers(sheet);
    expect(a1(sheet.createTextFinder('Madrid').findAll())).toEqual(['B2', 'B4']);
    expect(a1(sheet.createTextFinder('Madrid').matchCase(true).findAll())).toEqual(['B2']);
    expect(a1(sheet.createTextFinder('ANA').matchCase(true).matchEntireCell(true).findAll())).toEqual(['A5']);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/text-finder#findAll()
  test('findAll gives one-cell ranges in row-major order, each knowing its row and sheet', () => {
    const { sheet } = setup();
    customers(sheet);
    const found = sheet.createTextFinder('a').matchEntireCell(false).findAll();
    expect(a1(found).slice(0, 4)).toEqual(['A1', 'A2', 'B2', 'A3']);
    expect(found.every((r) => r.getNumRows() === 1 && r.getNumColumns() === 1)).toBe(true);
    expect(found[3].getRow()).toBe(3);
    expect(found[3].getColumn()).toBe(1);
    expect(found[3].getSheet().getName()).toBe('Sheet1');
    expect(found[3].getValue()).toBe('ana maría');
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#createTextFinder(String)
  // "Creates a text finder for the range, which can find and replace text in this range."
  test('a Range text finder searches only that range', () => {
    const { sheet } = setup();
    customers(sheet);
    expect(a1(sheet.getRange('A3:B5').createTextFinder('ana').findAll())).toEqual(['A3', 'A4', 'A5']);
    expect(a1(sheet.getRange('B:B').createTextFinder('ana').findAll())).toEqual([]);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#createTextFinder(String)
  // "The search starts from the first sheet of the spreadsheet."
  test('a Spreadsheet text finder searches every tab, in tab order', () => {
    const { ss, sheet } = setup();
    const orders = ss.insertSheet('Orders');
    orders.getRange('C2').setValue('ORD-7');
    sheet.getRange('D9').setValue('see ORD-7');
    const found = ss.createTextFinder('ord-7').findAll();
    expect(found.map((r) => `${r.getSheet().getName()}!${r.getA1Notation()}`)).toEqual([
      'Sheet1!D9',
      'Orders!C2',
    ]);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/text-finder#findAll()
  // "Returns all cells matching the search criteria."
  test('no match: findAll gives [] and findNext, findPrevious and getCurrentMatch give null', () => {
    const { sheet } = setup();
    customers(sheet);
    const tf = sheet.createTextFinder('Bilbao');
    expect(tf.findAll()).toEqual([]);
    expect(tf.findNext()).toBeNull();
    expect(tf.findPrevious()).toBeNull();
    expect(tf.getCurrentMatch()).toBeNull();
    expect(setup().sheet.createTextFinder('x').findAll()).toEqual([]); // an empty sheet
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#getDisplayValues()
  test('numbers, dates and booleans match on their displayed text; blank and format-only cells never do', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue(1234.5).setNumberFormat('#,##0.00');
    sheet.getRange('A2').setValue(true);
    sheet.getRange('A3').setValue('2026-03-04');
    sheet.getRange('A4:A9').setBackground('#eeeeee');
    const date = sheet.getRange('A3').getDisplayValue();
    expect(a1(sheet.createTextFinder('1,234.50').matchEntireCell(true).findAll())).toEqual(['A1']);
    expect(a1(sheet.createTextFinder('1234.5').findAll())).toEqual([]);
    expect(a1(sheet.createTextFinder('TRUE').matchEntireCell(true).findAll())).toEqual(['A2']);
    expect(a1(sheet.createTextFinder(date).matchEntireCell(true).findAll())).toEqual(['A3']);
    expect(a1(sheet.createTextFinder('.*').useRegularExpression(true).findAll())).toEqual(['A1', 'A2', 'A3']);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/text-finder#matchFormulaText(Boolean)
  // "...otherwise cells with formulas are considered based on their displayed value."
  test('formula cells match on their displayed value, or on their formula text with matchFormulaText(true)', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setFormula('=SUM(B1:B3)');
    sheet.getRange('A2').setValue('SUM of all');
    expect(a1(sheet.createTextFinder('sum').findAll())).toEqual(['A2']);
    expect(a1(sheet.createTextFinder('sum').matchFormulaText(true).findAll())).toEqual(['A1', 'A2']);
    expect(a1(sheet.createTextFinder('#ERROR!').findAll())).toEqual(['A1']); // the fake does not evaluate
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/text-finder#useRegularExpression(Boolean)
  test('useRegularExpression(true) reads the text as a regular expression; otherwise it is literal', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([['ORD-17'], ['ord-x'], ['ORD-.*']]);
    expect(a1(sheet.createTextFinder('ORD-\\d+').useRegularExpression(true).findAll())).toEqual(['A1']);
    expect(a1(sheet.createTextFinder('ORD-.*').findAll())).toEqual(['A3']);
    expect(
      a1(sheet.createTextFinder('ord-.').useRegularExpression(true).matchEntireCell(true).findAll()),
    ).toEqual(['A2']);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/text-finder#ignoreDiacritics(Boolean)
  test('ignoreDiacritics(true) matches letters whatever their accents', () => {
    const { sheet } = setup();
    customers(sheet);
    expect(a1(sheet.createTextFinder('maria').findAll())).toEqual([]);
    expect(a1(sheet.createTextFinder('maria').ignoreDiacritics(true).findAll())).toEqual(['A3']);
    expect(a1(sheet.createTextFinder('MARÍA').ignoreDiacritics(true).findAll())).toEqual(['A3']);
  });

  test('the arguments are checked as Apps Script checks them', () => {
    const { sheet } = setup();
    expect(() => sheet.createTextFinder(7 as never)).toThrow(
      "The parameters (number) don't match the method signature for SpreadsheetApp.Sheet.createTextFinder.",
    );
    expect(() => sheet.createTextFinder('a').matchCase('yes' as never)).toThrow(
      "The parameters (String) don't match the method signature for SpreadsheetApp.TextFinder.matchCase.",
    );
    expect(() => sheet.createTextFinder('')).toThrow('Fake: createTextFinder needs a non-empty findText.');
  });
});

describe('stepping through matches', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/text-finder#findNext()
  // https://developers.google.com/apps-script/reference/spreadsheet/text-finder#getCurrentMatch()
  test('findNext walks the matches in order and gives null after the last; getCurrentMatch follows', () => {
    const { sheet } = setup();
    customers(sheet);
    const tf = sheet.createTextFinder('ana').matchEntireCell(true);
    expect(tf.getCurrentMatch()).toBeNull();
    expect(tf.findNext()?.getA1Notation()).toBe('A2');
    expect(tf.getCurrentMatch()?.getA1Notation()).toBe('A2');
    expect(tf.findNext()?.getA1Notation()).toBe('A5');
    expect(tf.findNext()).toBeNull();
    expect(tf.getCurrentMatch()?.getA1Notation()).toBe('A5');
    expect(tf.findPrevious()?.getA1Notation()).toBe('A2');
    expect(tf.findPrevious()).toBeNull();
  });

  test('the loop `while (tf.findNext())` ends', () => {
    const { sheet } = setup();
    customers(sheet);
    const tf = sheet.createTextFinder('madrid');
    const rows: number[] = [];
    for (let r = tf.findNext(); r; r = tf.findNext()) rows.push(r.getRow());
    expect(rows).toEqual([2, 4]);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/text-finder#findPrevious()
  test('findPrevious before any match gives the last match (the last-occurrence idiom)', () => {
    const { sheet } = setup();
    customers(sheet);
    expect(
      sheet.getRange('A:A').createTextFinder('.').useRegularExpression(true).findPrevious()?.getRow(),
    ).toBe(5);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/text-finder#startFrom(Range)
  // "Configures the search to start searching immediately after the specified cell range."
  test('startFrom searches right after the given range', () => {
    const { sheet } = setup();
    customers(sheet);
    const tf = sheet.createTextFinder('ana').startFrom(sheet.getRange('A3'));
    expect(tf.getCurrentMatch()).toBeNull();
    expect(tf.findNext()?.getA1Notation()).toBe('A4');
    expect(
      sheet.createTextFinder('ana').startFrom(sheet.getRange('A3')).findPrevious()?.getA1Notation(),
    ).toBe('A2');
    expect(sheet.createTextFinder('ana').startFrom(sheet.getRange('A2:B4')).findNext()?.getA1Notation()).toBe(
      'A5',
    );
  });
});

describe('replacing', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/text-finder#replaceAllWith(String)
  // "Replaces all matches with the specified text." Returns the number of occurrences replaced.
  test('replaceAllWith replaces every occurrence and gives their number', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([['Banana'], ['ana'], ['none']]);
    expect(sheet.createTextFinder('an').replaceAllWith('AN')).toBe(3);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([['BANANa'], ['ANa'], ['none']]);
  });

  test('the replaced text is written as typed input: text that becomes a number is a number', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue("'12,5");
    expect(sheet.createTextFinder(',').replaceAllWith('.')).toBe(1);
    expect(sheet.getRange('A1').getValue()).toBe(12.5);
  });

  test('a regular expression replacement may use its groups; formulas change only with matchFormulaText', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('ORD-17');
    sheet.getRange('A2').setFormula('=ORD(1)');
    const tf = sheet.createTextFinder('ORD-(\\d+)').useRegularExpression(true);
    expect(tf.replaceAllWith('#$1')).toBe(1);
    expect(sheet.getRange('A1').getValue()).toBe('#17');
    expect(sheet.createTextFinder('ORD').replaceAllWith('X')).toBe(0);
    expect(sheet.createTextFinder('ORD').matchFormulaText(true).replaceAllWith('ABS')).toBe(1);
    expect(sheet.getRange('A2').getFormula()).toBe('=ABS(1)');
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/text-finder#replaceWith(String)
  // "Replaces the search text in the currently matched cell with the specified text".
  test('replaceWith changes only the current match', () => {
    const { sheet } = setup();
    customers(sheet);
    const tf = sheet.createTextFinder('madrid');
    expect(tf.replaceWith('Toledo')).toBe(0);
    tf.findNext();
    tf.findNext();
    expect(tf.replaceWith('Toledo')).toBe(1);
    expect(sheet.getRange('B2:B4').getValues()).toEqual([['Madrid'], ['Sevilla'], ['Toledo']]);
  });
});

describe('cost', () => {
  /** A sheet with `rows` order ids in column A; finds one and reads it back. */
  function findOne(rows: number, wanted: number) {
    const { env, sheet } = setup();
    if (rows > 1000) sheet.insertRowsAfter(1000, rows - 1000);
    const ids = Array.from({ length: rows }, (_, i) => [`ORD-${String(i + 1).padStart(6, '0')}`, i + 1]);
    sheet.getRange(1, 1, rows, 2).setValues(ids);
    env.meter.reset();
    const found = sheet
      .createTextFinder(`ORD-${String(wanted).padStart(6, '0')}`)
      .matchEntireCell(true)
      .findAll();
    const search = env.meter.snapshot();
    return { env, found, search };
  }

  test('finding a value among 100,000 rows costs a constant number of calls and reads no cells', () => {
    const big = findOne(100_000, 77_777);
    const small = findOne(1_000, 777);
    expect(big.search).toEqual(small.search);
    expect(big.search).toEqual({
      calls: 3,
      byMethod: { 'Sheet.createTextFinder': 1, 'TextFinder.matchEntireCell': 1, 'TextFinder.findAll': 1 },
      cellsRead: 0,
      cellsWritten: 0,
      cellsFormatted: 0,
      unflushedReleases: 0,
    });
    expect(big.found).toHaveLength(1);
    expect(big.found[0].getRow()).toBe(77_777);
  });

  test("the found ranges' own reads count as usual", () => {
    const { env, found } = findOne(1_000, 10);
    const row = found[0].getRow();
    found[0].offset(0, 0, 1, 2).getValues();
    expect(row).toBe(10);
    expect(env.meter.cellsRead).toBe(2);
    expect(env.meter.byMethod['Range.getValues']).toBe(1);
  });

  test('every TextFinder call is counted; replacing counts the cells it writes', () => {
    const { env, sheet } = setup();
    customers(sheet);
    env.meter.reset();
    const tf = sheet
      .createTextFinder('madrid')
      .matchCase(false)
      .matchFormulaText(false)
      .useRegularExpression(false)
      .ignoreDiacritics(false)
      .startFrom(sheet.getRange('A1'));
    tf.findNext();
    tf.findPrevious();
    tf.getCurrentMatch();
    expect(tf.replaceAllWith('Toledo')).toBe(2);
    expect(env.meter.snapshot()).toMatchObject({
      calls: 11,
      cellsRead: 0,
      cellsWritten: 2,
      byMethod: {
        'Sheet.createTextFinder': 1,
        'Sheet.getRange': 1,
        'TextFinder.matchCase': 1,
        'TextFinder.matchFormulaText': 1,
        'TextFinder.useRegularExpression': 1,
        'TextFinder.ignoreDiacritics': 1,
        'TextFinder.startFrom': 1,
        'TextFinder.findNext': 1,
        'TextFinder.findPrevious': 1,
        'TextFinder.getCurrentMatch': 1,
        'TextFinder.replaceAllWith': 1,
      },
    });
  });
});
