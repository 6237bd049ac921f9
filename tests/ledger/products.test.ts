import { readProducts } from '../../src/ledger/products';
import { MemoryWorkbook } from '../../src/node/memory-workbook';

const HEADERS = ['SKU', 'Barcode', 'Name', 'Price', 'VAT %', 'Cost', 'Active', 'Reorder point'];
const ctx = { exponent: 2 };

function ledger(rows: (string | number | boolean)[][]): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  wb.addTab('Products');
  wb.write('Products', 1, 1, [
    HEADERS,
    ...rows.map((r) => [...r, ...Array(HEADERS.length - r.length).fill('')]),
  ]);
  return wb;
}

test('products load with money in minor units', () => {
  const { products, problems } = readProducts(
    ledger([['MUG', '8412345100017', 'Mug', 12.5, 21, 4.2, true, 3]]),
    ctx,
  );
  expect(problems).toEqual([]);
  expect(products).toEqual([
    {
      sku: 'MUG',
      barcode: '8412345100017',
      name: 'Mug',
      price: 1250,
      vatRate: 21,
      cost: 420,
      active: true,
      reorderPoint: 3,
    },
  ]);
});

test('a non-number price names its cell, and the other rows still load', () => {
  const { products, problems } = readProducts(
    ledger([
      ['A', '', 'Good', 1, 21],
      ['B', '', 'Bad price', '12,5x', 21],
      ['C', '', 'Also good', 2, 10],
    ]),
    ctx,
  );
  expect(products.map((p) => p.sku)).toEqual(['A', 'C']);
  expect(problems).toEqual([
    { tab: 'Products', cell: 'D3', message: expect.stringMatching(/Price "12,5x" is not a number/) },
  ]);
});

test.each([
  [150, /not a valid VAT rate/],
  [-1, /not a valid VAT rate/],
  [0.21, /looks like a percentage cell/],
  ['21 %', /is not a number/],
])('VAT %% %p is refused with a message naming the cell', (rate, message) => {
  const { products, problems } = readProducts(ledger([['A', '', 'Thing', 1, rate]]), ctx);
  expect(products).toEqual([]);
  expect(problems).toEqual([{ tab: 'Products', cell: 'E2', message: expect.stringMatching(message) }]);
});

test('a duplicate SKU names both rows; the first one loads', () => {
  const { products, problems } = readProducts(
    ledger([
      ['MUG', '', 'Mug', 1, 21],
      ['TEA', '', 'Tea', 2, 10],
      ['MUG', '', 'Mug again', 3, 21],
    ]),
    ctx,
  );
  expect(products.map((p) => p.name)).toEqual(['Mug', 'Tea']);
  expect(problems).toHaveLength(1);
  expect(problems[0].cell).toBe('A4');
  expect(problems[0].message).toMatch(/in row 2 \(A2\) and row 4/);
});

test('a barcode with a wrong check digit is reported, and the product still sells by SKU', () => {
  const { products, problems } = readProducts(ledger([['MUG', '8412345100014', 'Mug', 12, 21]]), ctx);
  expect(products).toHaveLength(1);
  expect(products[0].barcode).toBe('');
  expect(problems[0]).toMatchObject({ tab: 'Products', cell: 'B2' });
});
