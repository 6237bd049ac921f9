import { LedgerError } from '../../src/ledger/problem';
import { PRODUCTS } from '../../src/ledger/schema';
import { appendRows, readTable, updateRows } from '../../src/ledger/table';
import { MemoryWorkbook } from '../../src/node/memory-workbook';

const HEADERS = ['SKU', 'Barcode', 'Name', 'Price', 'VAT %', 'Cost', 'Active', 'Reorder point'];

function productsTab(rows: (string | number | boolean)[][], header = HEADERS): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  wb.addTab('Products');
  wb.write('Products', 1, 1, [
    header,
    ...rows.map((r) => [...r, ...Array(header.length - r.length).fill('')]),
  ]);
  return wb;
}

test('columns are found by header name, whatever their order, with columns people added', () => {
  const header = ['My notes', 'Name', 'SKU', 'Price', 'VAT %', 'Barcode', 'Cost', 'Active', 'Reorder point'];
  const wb = productsTab([['fragile', 'Mug', 'MUG-1', 12, 21]], header);
  const table = readTable(wb, PRODUCTS);
  const row = table.rows[0];
  expect(table.get(row, 'SKU')).toBe('MUG-1');
  expect(table.get(row, 'Price')).toBe(12);
  expect(table.ref(row, 'Price')).toBe('D2');
});

test('a missing header names the tab and the header', () => {
  const wb = productsTab([], ['SKU', 'Barcode', 'Name', 'VAT %', 'Cost', 'Active', 'Reorder point']);
  expect(() => readTable(wb, PRODUCTS)).toThrow(LedgerError);
  expect(() => readTable(wb, PRODUCTS)).toThrow(/The tab "Products" has no "Price" column/);
});

test('a missing tab says how to create it', () => {
  const wb = new MemoryWorkbook();
  expect(() => readTable(wb, PRODUCTS)).toThrow(
    /The tab "Products" is missing. Run Extensions › Shop Ledger › Set up ledger/,
  );
});

test('blank rows in the middle are skipped, and appends go below the last used row', () => {
  const wb = productsTab([
    ['A', '', 'First', 1, 21],
    ['', '', '', '', ''],
    ['B', '', 'Second', 2, 21],
  ]);
  const table = readTable(wb, PRODUCTS);
  expect(table.rows.map((r) => r.rowNumber)).toEqual([2, 4]);
  appendRows(wb, table, [{ SKU: 'C', Name: 'Third', Price: 3, 'VAT %': 10 }]);
  expect(wb.read('Products')[4].slice(0, 5)).toEqual(['C', '', 'Third', 3, 10]);
});

test('appending many rows is one write; updating contiguous rows is one write per block', () => {
  const wb = productsTab([]);
  const table = readTable(wb, PRODUCTS);
  wb.resetCalls();
  appendRows(
    wb,
    table,
    Array.from({ length: 500 }, (_, i) => ({ SKU: `S${i}`, Name: `P${i}`, Price: 1, 'VAT %': 21 })),
  );
  expect(wb.calls).toEqual({ append: 1 });
  wb.resetCalls();
  const [r0, r1, , r3] = table.rows;
  updateRows(wb, table, [
    { row: r0, values: { Price: 5 } },
    { row: r1, values: { Price: 6, Name: 'Renamed' } },
    { row: r3, values: { Price: 7 } },
  ]);
  expect(wb.calls.write).toBe(2);
  const values = wb.read('Products');
  expect(values[1].slice(0, 4)).toEqual(['S0', '', 'P0', 5]);
  expect(values[2].slice(0, 4)).toEqual(['S1', '', 'Renamed', 6]);
  expect(values[4][3]).toBe(7);
});

test('an update writes only the span of columns it changes, leaving people’s own columns alone', () => {
  const header = [...HEADERS, 'My formula'];
  const wb = productsTab([['A', '', 'First', 1, 21, '', true, '', 'keep me']], header);
  const table = readTable(wb, PRODUCTS);
  wb.write('Products', 2, 9, [['changed by a person']]);
  updateRows(wb, table, [{ row: table.rows[0], values: { Price: 9 } }]);
  expect(wb.read('Products')[1][8]).toBe('changed by a person');
  expect(wb.read('Products')[1][3]).toBe(9);
});
