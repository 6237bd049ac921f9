/** Sheet sizes, last row and column, ranges and their bounds, growing, the cell limit, protection. */
import { createAppsScript } from '.';

function setup() {
  const env = createAppsScript();
  const { SpreadsheetApp } = env.globals;
  const ss = SpreadsheetApp.getActive();
  return { env, SpreadsheetApp, ss, sheet: ss.getSheets()[0] };
}

const CELL_LIMIT =
  'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';

describe('size and content', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertSheet(String)
  test('a new spreadsheet has Sheet1, and every new tab is 1000 rows by 26 columns', () => {
    const { ss, sheet } = setup();
    expect(sheet.getName()).toBe('Sheet1');
    const tab = ss.insertSheet('Orders');
    expect([sheet.getMaxRows(), sheet.getMaxColumns(), tab.getMaxRows(), tab.getMaxColumns()]).toEqual([
      1000, 26, 1000, 26,
    ]);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#getLastRow()
  // "Returns the position of the last row that has content."
  test('getLastRow and getLastColumn are 0 on an empty sheet', () => {
    const { sheet } = setup();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getLastColumn()).toBe(0);
  });

  test('they count values and formulas, not formats', () => {
    const { sheet } = setup();
    sheet.getRange('C5').setValue('x');
    sheet.getRange('A9:Z9').setNumberFormat('@').setBackground('#eeeeee');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([5, 3]);
    sheet.getRange('E7').setFormula('=1');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([7, 5]);
    sheet.getRange('E7').clearContent();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([5, 3]);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#getDataRange()
  test('getDataRange runs from A1 to the last row and column; on an empty sheet it is A1', () => {
    const { sheet } = setup();
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    expect(sheet.getDataRange().getValues()).toEqual([['']]);
    sheet.getRange('C5').setValue(1);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C5');
  });
});

describe('getRange', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(Integer,Integer,Integer,Integer)
  test('a row or column count below 1 throws', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(2, 1, 0, 3)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(2, 1, 3, 0)).toThrow(
      'The number of columns in the range must be at least 1.',
    );
    // The classic bug: reading the rows under a header on a sheet holding only the header.
    sheet.getRange('A1').setValue('SKU');
    expect(() => sheet.getRange(2, 1, sheet.getLastRow() - 1, 1)).toThrow('must be at least 1');
  });

  test('a start before row or column 1 throws', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
  });

  test('a range past the max rows or columns throws', () => {
    const { sheet } = setup();
    expect(sheet.getRange(1000, 26).getA1Notation()).toBe('Z1000');
    expect(() => sheet.getRange(1001, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(999, 1, 2, 1)).not.toThrow();
    expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow('outside the dimensions of the sheet');
    expect(() => sheet.getRange(1, 26, 1, 2)).toThrow('outside the dimensions of the sheet');
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(String)
  test('A1 notation: cells, areas, whole columns and rows; anything else is not found', () => {
    const { sheet } = setup();
    expect(sheet.getRange('b2').getA1Notation()).toBe('B2');
    expect(sheet.getRange('$A$1:C3').getNumRows()).toBe(3);
    const col = sheet.getRange('B:C');
    expect([col.getRow(), col.getColumn(), col.getNumRows(), col.getNumColumns()]).toEqual([1, 2, 1000, 2]);
    const rows = sheet.getRange('2:3');
    expect([rows.getRow(), rows.getNumRows(), rows.getNumColumns()]).toEqual([2, 2, 26]);
    expect(() => sheet.getRange('not a range')).toThrow('Range not found');
    expect(() => sheet.getRange('AA1')).toThrow('outside the dimensions of the sheet');
  });
});

describe('growing and shrinking', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertRowsAfter(Integer,Integer)
  test('insertRowsAfter adds blank rows and moves the content below them down', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([[1], [2], [3]]);
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getMaxRows()).toBe(1002);
    expect(sheet.getRange('A1:A5').getValues()).toEqual([[1], [''], [''], [2], [3]]);
    sheet.insertRowsAfter(1002, 10);
    expect(sheet.getMaxRows()).toBe(1012);
    expect(() => sheet.insertRowsAfter(2000, 1)).toThrow('Those rows are out of bounds.');
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertColumnsAfter(Integer,Integer)
  test('insertColumnsAfter adds blank columns and moves the content right', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['a', 'b']]);
    sheet.insertColumnsAfter(1, 1);
    expect(sheet.getMaxColumns()).toBe(27);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['a', '', 'b']]);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#deleteRows(Integer,Integer)
  test('deleteRows removes rows and moves the rest up; a sheet keeps at least one row', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A4').setValues([[1], [2], [3], [4]]);
    sheet.deleteRows(2, 2);
    expect(sheet.getMaxRows()).toBe(998);
    expect(sheet.getRange('A1:A2').getValues()).toEqual([[1], [4]]);
    expect(() => sheet.deleteRows(1, 998)).toThrow('it is not possible to delete all non-frozen rows');
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#appendRow(Object)
  test('appendRow writes below the last row with content, growing a full sheet', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('header');
    sheet.appendRow(['x', '0451']);
    expect(sheet.getRange('A2:B2').getValues()).toEqual([['x', 451]]);
    sheet.getRange(1000, 1).setValue('last');
    sheet.appendRow(['grown']);
    expect(sheet.getMaxRows()).toBe(1001);
    expect(sheet.getRange(1001, 1).getValue()).toBe('grown');
  });

  // https://support.google.com/drive/answer/37603 : "Up to 10 million cells" per spreadsheet.
  test('no tab, row or column may take the workbook past 10,000,000 cells', () => {
    const { ss, sheet } = setup();
    // Sheet1 is 1000 x 26 = 26,000 cells; 384,615 rows x 26 = 9,999,990 cells fit.
    expect(() => sheet.insertRowsAfter(1000, 383_616)).toThrow(CELL_LIMIT);
    expect(sheet.getMaxRows()).toBe(1000);
    sheet.insertRowsAfter(1000, 383_615);
    expect(() => ss.insertSheet('More')).toThrow(CELL_LIMIT);
    expect(() => sheet.insertColumnsAfter(26, 1)).toThrow(CELL_LIMIT);
    expect(() => sheet.appendRow(['x'])).not.toThrow(); // the sheet has room, so no row is added
  });
});

describe('names, frozen rows, widths', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#setName(String)
  test('setName refuses a name another tab has, whatever the case', () => {
    const { ss, sheet } = setup();
    ss.insertSheet('Orders');
    expect(() => sheet.setName('orders')).toThrow(
      'A sheet with the name "orders" already exists. Please enter another name.',
    );
    sheet.setName('Products');
    expect(sheet.getName()).toBe('Products');
    sheet.setName('PRODUCTS');
    expect(sheet.getName()).toBe('PRODUCTS');
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#setFrozenRows(Integer)
  test('frozen rows', () => {
    const { sheet } = setup();
    expect(sheet.getFrozenRows()).toBe(0);
    sheet.setFrozenRows(1);
    expect(sheet.getFrozenRows()).toBe(1);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#setColumnWidth(Integer,Integer)
  test('column widths are 100 px unless set; autoResizeColumns is counted', () => {
    const { env, sheet } = setup();
    sheet.setColumnWidth(2, 240);
    sheet.autoResizeColumns(1, 3);
    expect([sheet.getColumnWidth(1), sheet.getColumnWidth(2)]).toEqual([100, 240]);
    expect(env.meter.byMethod['Sheet.autoResizeColumns']).toBe(1);
  });
});

describe('protection and conditional formats', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#protect()
  // https://developers.google.com/apps-script/reference/spreadsheet/protection#setWarningOnly(Boolean)
  test('a sheet protection with a warning only and a description', () => {
    const { sheet, SpreadsheetApp } = setup();
    expect(sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)).toEqual([]);
    const p = sheet.protect().setWarningOnly(true).setDescription('Edit with the add-on');
    expect(p.isWarningOnly()).toBe(true);
    const [found] = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
    expect(found.getDescription()).toBe('Edit with the add-on');
    expect(found.isWarningOnly()).toBe(true);
    expect(sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)).toEqual([]);
    // Protecting again gives the existing protection, not a second one.
    sheet.protect();
    expect(sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);
    found.remove();
    expect(sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(0);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#setConditionalFormatRules(ConditionalFormatRule)
  test('conditional format rules are replaced as a whole and read back', () => {
    const { sheet, SpreadsheetApp } = setup();
    const low = SpreadsheetApp.newConditionalFormatRule()
      .whenNumberLessThanOrEqualTo(5)
      .setBackground('#F4CCCC')
      .setRanges([sheet.getRange('D2:D1000')])
      .build();
    const formula = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=$E2<0')
      .setBackground('red')
      .setRanges([sheet.getRange('A2:H1000')])
      .build();
    sheet.setConditionalFormatRules([low, formula]);
    const rules = sheet.getConditionalFormatRules();
    expect(rules).toHaveLength(2);
    const cond = rules[0].getBooleanCondition() as GoogleAppsScript.Spreadsheet.BooleanCondition;
    expect(cond.getCriteriaType()).toBe(SpreadsheetApp.BooleanCriteria.NUMBER_LESS_THAN_OR_EQUAL_TO);
    expect(cond.getCriteriaValues()).toEqual([5]);
    expect(cond.getBackground()).toBe('#f4cccc');
    expect((rules[1].getRanges()[0] as { getA1Notation(): string }).getA1Notation()).toBe('A2:H1000');
    sheet.setConditionalFormatRules([]);
    expect(sheet.getConditionalFormatRules()).toEqual([]);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder#build()
  test('a rule needs a condition and a range', () => {
    const { SpreadsheetApp } = setup();
    expect(() => SpreadsheetApp.newConditionalFormatRule().setBackground('red').build()).toThrow();
    expect(() => SpreadsheetApp.newConditionalFormatRule().whenNumberLessThanOrEqualTo(1).build()).toThrow();
  });
});
