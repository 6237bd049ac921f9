import { CELL_LIMIT, sizeWarning } from '../../src/core/sheet-size';

test('no warning below 80 % of the 10 million cells; from there, how full it is and what to do', () => {
  expect(sizeWarning(0)).toBeNull();
  expect(sizeWarning(CELL_LIMIT * 0.8 - 1)).toBeNull();
  expect(sizeWarning(8_123_456)).toBe(
    "The spreadsheet uses 8,123,456 cells, 81 % of Google's limit of 10,000,000. When it is full no sale, import or return can be written. Delete empty rows and columns you added, and plan a new ledger for the next year (Shop Ledger cannot archive a year yet).",
  );
  expect(sizeWarning(CELL_LIMIT)).toMatch(/^The spreadsheet uses 10,000,000 cells, 100 % /);
});
