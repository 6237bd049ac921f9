import { countStock } from '../../../src/app/stock/count-stock';
import { lowStock } from '../../../src/app/stock/low-stock';
import { stockLedger } from './stock-ledger';

test('products at or below their reorder point at a location are listed, with name, available and reorder point', () => {
  const l = stockLedger();
  // In the sample, only the kettle starts at its reorder point (1 in the Store).
  expect(lowStock(l.ports)).toEqual([
    { sku: 'ACC-KTL-GN', name: 'Gooseneck kettle 0.8 l', location: 'Store', available: 1, reorderPoint: 1 },
  ]);
  countStock(l.ports, {
    key: 'c',
    location: 'Store',
    lines: [
      { sku: 'COF-ETH-250', counted: 6 }, // reorder point 6: at it
      { sku: 'COF-COL-250', counted: 7 }, // reorder point 6: above
      { sku: 'ACC-KTL-GN', counted: 2 }, // back above
    ],
  });
  expect(lowStock(l.ports)).toEqual([
    {
      sku: 'COF-ETH-250',
      name: 'Ethiopia Yirgacheffe coffee beans 250 g',
      location: 'Store',
      available: 6,
      reorderPoint: 6,
    },
  ]);
});

test('a product with no stock row counts as 0 there; no reorder point or inactive: never listed', () => {
  const l = stockLedger();
  countStock(l.ports, { key: 'c', location: 'Store', lines: [{ sku: 'ACC-KTL-GN', counted: 3 }] });
  l.workbook.append('Products', [
    ['NEW-A', '', 'New with a reorder point', 5, 21, '', true, 2],
    ['NEW-B', '', 'New without one', 5, 21, '', true, ''],
    ['OLD-C', '', 'Discontinued', 5, 21, '', false, 2],
  ]);
  expect(lowStock(l.ports)).toEqual([
    { sku: 'NEW-A', name: 'New with a reorder point', location: 'Store', available: 0, reorderPoint: 2 },
    { sku: 'NEW-A', name: 'New with a reorder point', location: 'Warehouse', available: 0, reorderPoint: 2 },
  ]);
});
