/** Range reads, writes, shapes, formats and validation, and what they cost on the meter. */
import { createAppsScript } from '.';

function setup() {
  const env = createAppsScript();
  const { SpreadsheetApp } = env.globals;
  return { env, SpreadsheetApp, sheet: SpreadsheetApp.getActive().getSheets()[0] };
}

describe('setValues shape', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)
  // "Sets a rectangular grid of values (must match dimensions of this range)."
  test('too few or too many rows throws with both counts', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1, 1, 3, 2).setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 3.',
    );
    expect(() =>
      sheet.getRange(1, 1, 1, 2).setValues([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow('The data has 2 but the range has 1.');
  });

  test('too few or too many columns throws with both counts', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1, 1, 1, 3).setValues([[1, 2]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
  });

  test('ragged rows throw, and nothing is written', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1, 1, 2, 2).setValues([[1, 2], [3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(sheet.getLastRow()).toBe(0);
  });

  test('a value that is not a 2-D array is refused with the signature message', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1, 1).setValues('x' as never)).toThrow(
      "The parameters (String) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
    expect(() => sheet.getRange(1, 1).setValues([1] as never)).toThrow("don't match the method signature");
  });

  test('errors are Apps Script exceptions (name "Exception")', () => {
    const { sheet } = setup();
    try {
      sheet.getRange(1, 1, 2, 1).setValues([[1]]);
      throw new Error('no throw');
    } catch (e) {
      expect((e as Error).name).toBe('Exception');
    }
  });
});

describe('reading', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/range#getValues()
  test("getValues is rows then columns, with '' for blank cells", () => {
    const { sheet } = setup();
    sheet.getRange('B2').setValue(7);
    expect(sheet.getRange(1, 1, 2, 3).getValues()).toEqual([
      ['', '', ''],
      ['', 7, ''],
    ]);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#getValue()
  test('getValue reads the top-left cell', () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 2, 2).setValues([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(sheet.getRange(1, 1, 2, 2).getValue()).toBe('a');
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#getDisplayValues()
  test('getDisplayValues gives strings only', () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 1, 4).setValues([[1.5, true, 'x', '']]);
    expect(sheet.getRange(1, 1, 1, 4).getDisplayValues()).toEqual([['1.5', 'TRUE', 'x', '']]);
  });

  test('reads see writes of the same execution at once (as reads flush pending writes)', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('now');
    expect(sheet.getRange('A1').getValue()).toBe('now');
  });
});

describe('writing', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)
  test('setValue sets every cell of the range', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B2').setValue('x');
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['x', 'x'],
      ['x', 'x'],
    ]);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#clearContent()
  test('clearContent removes values and formulas but keeps formats', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:B1');
    r.setNumberFormat('@').setValues([['0451', '=1']]);
    r.clearContent();
    expect(r.getValues()).toEqual([['', '']]);
    expect(r.getNumberFormats()).toEqual([['@', '@']]);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#setFormula(String)
  test('setFormula stores a formula even in a plain-text cell', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setNumberFormat('@').setFormula('=B1*2');
    expect(sheet.getRange('A1').getFormula()).toBe('=B1*2');
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#offset(Integer,Integer,Integer,Integer)
  test('offset and getA1Notation', () => {
    const { sheet } = setup();
    const r = sheet.getRange('B2:D4');
    expect(r.getA1Notation()).toBe('B2:D4');
    expect(r.offset(1, 1).getA1Notation()).toBe('C3:E5');
    expect(r.offset(0, 0, 1, 1).getA1Notation()).toBe('B2');
    expect([
      r.getRow(),
      r.getColumn(),
      r.getNumRows(),
      r.getNumColumns(),
      r.getLastRow(),
      r.getLastColumn(),
    ]).toEqual([2, 2, 3, 3, 4, 4]);
    expect(() => r.offset(-5, 0)).toThrow('The starting row of the range is too small.');
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#isBlank()
  test('isBlank is true only with no value and no formula', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setNumberFormat('0.00');
    expect(sheet.getRange('A1:B2').isBlank()).toBe(true);
    sheet.getRange('B2').setValue(0);
    expect(sheet.getRange('A1:B2').isBlank()).toBe(false);
  });
});

describe('formats and styles', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/range#setNumberFormat(String)
  test("number formats: 'General' unless set; 'general' resets; null is refused", () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1');
    expect(r.getNumberFormat()).toBe('General');
    r.setNumberFormat('0.00');
    expect(r.getNumberFormat()).toBe('0.00');
    r.setNumberFormat('general');
    expect(r.getNumberFormat()).toBe('General');
    expect(() => r.setNumberFormat(null as never)).toThrow(
      "The parameters (null) don't match the method signature for SpreadsheetApp.Range.setNumberFormat.",
    );
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#setNumberFormats(Object)
  test('setNumberFormats needs the range shape', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setNumberFormats([['@', '0%']]);
    expect(sheet.getRange('A1:B1').getNumberFormats()).toEqual([['@', '0%']]);
    expect(() => sheet.getRange('A1:B1').setNumberFormats([['@']])).toThrow(
      'The number of columns in the data',
    );
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#setFontWeight(String)
  test("font weight is 'bold' or 'normal'; null resets", () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setFontWeight('bold');
    expect(sheet.getRange('A1:C1').getFontWeights()).toEqual([['bold', 'bold', 'normal']]);
    sheet.getRange('A1').setFontWeight(null);
    expect(sheet.getRange('A1').getFontWeight()).toBe('normal');
    expect(() => sheet.getRange('A1').setFontWeight('heavy' as never)).toThrow('Invalid argument');
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#setBackground(String)
  test("backgrounds read back as lower-case '#rrggbb', white by default", () => {
    const { sheet } = setup();
    sheet.getRange('A1').setBackground('#FFCC00');
    sheet.getRange('B1').setBackground('red');
    expect(sheet.getRange('A1:C1').getBackgrounds()).toEqual([['#ffcc00', '#ff0000', '#ffffff']]);
    sheet.getRange('A1:B1').setBackgrounds([[null, '#abc']]);
    expect(sheet.getRange('A1:B1').getBackgrounds()).toEqual([['#ffffff', '#aabbcc']]);
  });
});

describe('data validation', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#requireValueInList(String,Boolean)
  test('a value-list rule reads back with its criteria, help text and allowInvalid', () => {
    const { sheet, SpreadsheetApp } = setup();
    const rule = SpreadsheetApp.newDataValidation()
      .requireValueInList(['Store', 'Web'], true)
      .setAllowInvalid(false)
      .setHelpText('Pick a channel')
      .build();
    sheet.getRange('A2:A3').setDataValidation(rule);
    const [[a2], [a3], [a4]] = sheet.getRange('A2:A4').getDataValidations();
    expect(a2?.getCriteriaType()).toBe(SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST);
    expect(a2?.getCriteriaValues()).toEqual([['Store', 'Web'], true]);
    expect(a2?.getAllowInvalid()).toBe(false);
    expect(a3?.getHelpText()).toBe('Pick a channel');
    expect(a4).toBeNull();
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#setAllowInvalid(Boolean)
  // A rule that rejects input also rejects a script's write.
  test('a rejecting rule refuses a value outside the list; blanks pass', () => {
    const { sheet, SpreadsheetApp } = setup();
    const rule = SpreadsheetApp.newDataValidation()
      .requireValueInList(['Store', 'Web'])
      .setAllowInvalid(false)
      .build();
    sheet.getRange('A1:A2').setDataValidation(rule);
    sheet.getRange('A1:A2').setValues([['Web'], ['']]);
    expect(() => sheet.getRange('A1:A2').setValues([['Store'], ['Market']])).toThrow(
      'The data you entered in cell A2 violates the data validation rules set on this cell.',
    );
    expect(sheet.getRange('A1').getValue()).toBe('Web');
  });

  // "The default for a new data validation rule is true" (allow invalid, with a warning).
  test('by default a rule only warns, so any value is written', () => {
    const { sheet, SpreadsheetApp } = setup();
    sheet
      .getRange('A1')
      .setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['a']).build());
    sheet.getRange('A1').setValue('z');
    expect(sheet.getRange('A1').getValue()).toBe('z');
    sheet.getRange('A1').setDataValidation(null);
    expect(sheet.getRange('A1').getDataValidation()).toBeNull();
  });
});

describe('meter', () => {
  test('getValues counts one call and every cell read', () => {
    const { env, sheet } = setup();
    env.meter.reset();
    sheet.getRange(1, 1, 3, 4).getValues();
    expect(env.meter.snapshot()).toMatchObject({
      calls: 2,
      byMethod: { 'Sheet.getRange': 1, 'Range.getValues': 1 },
      cellsRead: 12,
      cellsWritten: 0,
    });
  });

  test('setValues counts the cells written; formats count as formatted cells', () => {
    const { env, sheet } = setup();
    env.meter.reset();
    const r = sheet.getRange(1, 1, 2, 5);
    r.setValues([
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10],
    ]);
    r.setNumberFormat('0');
    r.setValue('x');
    expect(env.meter.cellsWritten).toBe(20);
    expect(env.meter.cellsFormatted).toBe(10);
    expect(env.meter.byMethod['Range.setValues']).toBe(1);
    expect(env.meter.byMethod['Range.setValue']).toBe(1);
  });

  test('cell by cell costs one call per cell: the meter shows it', () => {
    const { env, sheet } = setup();
    env.meter.reset();
    for (let r = 1; r <= 10; r++) sheet.getRange(r, 1).setValue(r);
    expect(env.meter.calls).toBe(20);
  });
});
