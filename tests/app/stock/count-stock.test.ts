import { countStock } from '../../../src/app/stock/count-stock';
import { LedgerError } from '../../../src/ledger/problem';
import { NOW, recording, records, snapshot, stockLedger, stockRow, writesTo } from './stock-ledger';

const counts = (l: ReturnType<typeof stockLedger>) =>
  records(l.workbook, 'Movements').filter((m) => String(m.Reference).startsWith('CT-'));

test('a count sets On hand both ways: more found comes from Count, missing goes to Count', () => {
  const l = stockLedger();
  const result = countStock(l.ports, {
    key: 'count-1',
    location: 'Store',
    lines: [
      { sku: 'COF-ETH-250', counted: 15 }, // On hand 12: 3 more
      { sku: 'TEA-SEN-100', counted: 5 }, // On hand 8: 3 missing
      { sku: 'ACC-MUG-W', counted: 12 }, // matches
    ],
  });
  expect(result).toEqual({
    reference: 'CT-000001',
    location: 'Store',
    adjustments: [
      { sku: 'COF-ETH-250', difference: 3, before: 12, counted: 15 },
      { sku: 'TEA-SEN-100', difference: -3, before: 8, counted: 5 },
    ],
    unchanged: ['ACC-MUG-W'],
    repeated: false,
  });
  expect(counts(l)).toEqual([
    {
      'Move ID': 'CT-000001/1',
      Time: new Date(NOW),
      SKU: 'COF-ETH-250',
      Qty: 3,
      From: 'Count',
      To: 'Store',
      Reason: 'count',
      Reference: 'CT-000001',
      Key: 'count-1',
    },
    expect.objectContaining({
      'Move ID': 'CT-000001/2',
      SKU: 'TEA-SEN-100',
      Qty: 3,
      From: 'Store',
      To: 'Count',
    }),
  ]);
  expect(stockRow(l.workbook, 'COF-ETH-250', 'Store')).toMatchObject({ 'On hand': 15, Available: 15 });
  expect(stockRow(l.workbook, 'TEA-SEN-100', 'Store')).toMatchObject({ 'On hand': 5, Available: 5 });
  expect(stockRow(l.workbook, 'ACC-MUG-W', 'Store')).toMatchObject({ 'On hand': 12 });
});

test('a count to zero, and a count at or below the reorder point marks the Stock row Low', () => {
  const l = stockLedger();
  countStock(l.ports, {
    key: 'c',
    location: 'Warehouse',
    lines: [
      { sku: 'COF-ETH-250', counted: 6 }, // reorder point 6
      { sku: 'TEA-SEN-100', counted: 0 },
    ],
  });
  expect(stockRow(l.workbook, 'COF-ETH-250', 'Warehouse')).toMatchObject({ 'On hand': 6, Low: true });
  expect(stockRow(l.workbook, 'TEA-SEN-100', 'Warehouse')).toMatchObject({ 'On hand': 0, Low: true });
  countStock(l.ports, { key: 'c2', location: 'Warehouse', lines: [{ sku: 'COF-ETH-250', counted: 7 }] });
  expect(stockRow(l.workbook, 'COF-ETH-250', 'Warehouse')).toMatchObject({ 'On hand': 7, Low: false });
});

test('a count that matches everywhere writes nothing at all', () => {
  const l = stockLedger();
  const before = snapshot(l);
  const rec = recording(l.workbook);
  const result = countStock(
    { ...l.ports, workbook: rec.workbook },
    { key: 'c', location: 'Store', lines: [{ sku: 'COF-ETH-250', counted: 12 }] },
  );
  expect(result).toMatchObject({ reference: null, adjustments: [], unchanged: ['COF-ETH-250'] });
  expect(rec.calls.filter((c) => c.startsWith('write') || c.startsWith('append'))).toEqual([]);
  expect(snapshot(l)).toEqual(before);
});

test('the same key twice counts once, even after the stock has moved on', () => {
  const l = stockLedger();
  const input = { key: 'count-9', location: 'Store', lines: [{ sku: 'COF-ETH-250', counted: 10 }] };
  countStock(l.ports, input);
  const before = snapshot(l);
  const again = countStock(l.ports, input);
  expect(again).toEqual({
    reference: 'CT-000001',
    location: 'Store',
    adjustments: [{ sku: 'COF-ETH-250', difference: -2, before: null, counted: null }],
    unchanged: [],
    repeated: true,
  });
  expect(snapshot(l)).toEqual(before);
  expect(counts(l)).toHaveLength(1);
});

test('one read per tab and one write each on Movements and Stock', () => {
  const l = stockLedger();
  const rec = recording(l.workbook);
  countStock(
    { ...l.ports, workbook: rec.workbook },
    {
      key: 'c',
      location: 'Store',
      lines: [
        { sku: 'COF-ETH-250', counted: 1 },
        { sku: 'GFT-BOX-S', counted: 1 },
      ],
    },
  );
  expect(rec.calls.filter((c) => c.startsWith('read '))).toEqual([
    'read Settings',
    'read Products',
    'read Stock',
  ]);
  expect(writesTo(rec.calls, 'Movements')).toBe(1);
  expect(writesTo(rec.calls, 'Stock')).toBe(1);
});

test('the key of another command is refused, even one that wrote count moves (the opening stock)', () => {
  const l = stockLedger();
  const before = snapshot(l);
  expect(() =>
    countStock(l.ports, {
      key: 'opening:COF-ETH-250:Store',
      location: 'Store',
      lines: [{ sku: 'COF-ETH-250', counted: 3 }],
    }),
  ).toThrow(
    /The key "opening:COF-ETH-250:Store" was already used by another command \(Opening stock, count\)/,
  );
  expect(snapshot(l)).toEqual(before);
});

describe('bad input: a clear message, and nothing written', () => {
  const cases: [string, object, RegExp][] = [
    [
      'a negative count',
      { location: 'Store', lines: [{ sku: 'COF-ETH-250', counted: -1 }] },
      /Count 1 \(COF-ETH-250\): the quantity counted must be a whole number of 0 or more, not -1\. Nothing was written\./,
    ],
    [
      'a count that is not whole',
      { location: 'Store', lines: [{ sku: 'COF-ETH-250', counted: 2.5 }] },
      /not 2\.5/,
    ],
    [
      'the same SKU twice',
      {
        location: 'Store',
        lines: [
          { sku: 'COF-ETH-250', counted: 1 },
          { sku: 'cof-eth-250', counted: 2 },
        ],
      },
      /cof-eth-250 is counted twice\. Give one count per SKU/,
    ],
    [
      'an unknown SKU',
      {
        location: 'Store',
        lines: [
          { sku: 'COF-ETH-250', counted: 1 },
          { sku: 'ZZZ', counted: 1 },
        ],
      },
      /No product with SKU "ZZZ"/,
    ],
    [
      'an unknown location',
      { location: 'Backroom', lines: [{ sku: 'COF-ETH-250', counted: 1 }] },
      /"Backroom" is not a stock location\. The locations are Store, Warehouse/,
    ],
    ['no lines', { location: 'Store', lines: [] }, /Give at least one count/],
  ];
  test.each(cases)('%s', (_name, input, message) => {
    const l = stockLedger();
    const before = snapshot(l);
    expect(() => countStock(l.ports, { key: 'k', ...input } as never)).toThrow(LedgerError);
    expect(() => countStock(l.ports, { key: 'k', ...input } as never)).toThrow(message);
    expect(snapshot(l)).toEqual(before);
  });
});
