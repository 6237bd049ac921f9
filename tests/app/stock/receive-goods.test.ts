import { receiveGoods } from '../../../src/app/stock/receive-goods';
import { LedgerError } from '../../../src/ledger/problem';
import { MemoryProperties } from '../../../src/node/node-platform';
import { NOW, recording, records, snapshot, stockLedger, stockRow, writesTo } from './stock-ledger';

const receipts = (l: ReturnType<typeof stockLedger>) =>
  records(l.workbook, 'Movements').filter((m) => m.Reason === 'receipt');

test('goods in: one move Supplier → location per SKU under a GR reference, and Stock updated', () => {
  const l = stockLedger();
  const result = receiveGoods(l.ports, {
    key: 'delivery-1',
    location: 'Store',
    lines: [
      { sku: 'COF-ETH-250', qty: 6 },
      { sku: 'TEA-SEN-100', qty: 2 },
    ],
  });
  expect(result).toEqual({
    reference: 'GR-000001',
    location: 'Store',
    time: new Date(NOW).toISOString(),
    lines: [
      { sku: 'COF-ETH-250', qty: 6 },
      { sku: 'TEA-SEN-100', qty: 2 },
    ],
    moves: 2,
    repeated: false,
  });
  expect(receipts(l)).toEqual([
    {
      'Move ID': 'GR-000001/1',
      Time: new Date(NOW),
      SKU: 'COF-ETH-250',
      Qty: 6,
      From: 'Supplier',
      To: 'Store',
      Reason: 'receipt',
      Reference: 'GR-000001',
      Key: 'delivery-1',
    },
    expect.objectContaining({ 'Move ID': 'GR-000001/2', SKU: 'TEA-SEN-100', Qty: 2, To: 'Store' }),
  ]);
  expect(stockRow(l.workbook, 'COF-ETH-250', 'Store')).toMatchObject({ 'On hand': 18, Available: 18 });
  expect(stockRow(l.workbook, 'TEA-SEN-100', 'Store')).toMatchObject({ 'On hand': 10, Available: 10 });
  // The warehouse is untouched.
  expect(stockRow(l.workbook, 'COF-ETH-250', 'Warehouse')).toMatchObject({ 'On hand': 40 });
  expect(l.lock.events.slice(-2)).toEqual(['acquire 30000', 'release']);
});

test('each receipt gets the next reference; SKUs and locations are matched without regard to case', () => {
  const l = stockLedger();
  receiveGoods(l.ports, { key: 'a', location: 'Store', lines: [{ sku: 'COF-ETH-250', qty: 1 }] });
  const second = receiveGoods(l.ports, {
    key: 'b',
    location: 'warehouse',
    lines: [{ sku: 'cof-eth-250', qty: 3 }],
  });
  expect(second.reference).toBe('GR-000002');
  expect(second.location).toBe('Warehouse');
  expect(second.lines).toEqual([{ sku: 'COF-ETH-250', qty: 3 }]);
  expect(stockRow(l.workbook, 'COF-ETH-250', 'Warehouse')).toMatchObject({ 'On hand': 43 });
});

test('the same SKU on two lines is received once, added up', () => {
  const l = stockLedger();
  const r = receiveGoods(l.ports, {
    key: 'k',
    location: 'Store',
    lines: [
      { sku: 'COF-ETH-250', qty: 2 },
      { sku: 'COF-ETH-250', qty: 3 },
    ],
  });
  expect(r.lines).toEqual([{ sku: 'COF-ETH-250', qty: 5 }]);
  expect(stockRow(l.workbook, 'COF-ETH-250', 'Store')).toMatchObject({ 'On hand': 17 });
});

test('a new product gets its Stock row appended', () => {
  const l = stockLedger();
  l.workbook.append('Products', [['NEW-1', '', 'New thing', 5, 21, '', true, 3]]);
  receiveGoods(l.ports, { key: 'k', location: 'Store', lines: [{ sku: 'NEW-1', qty: 2 }] });
  expect(stockRow(l.workbook, 'NEW-1', 'Store')).toEqual({
    SKU: 'NEW-1',
    Location: 'Store',
    'On hand': 2,
    Reserved: 0,
    Available: 2,
    'In transit': 0,
    Low: true,
  });
});

test('the same key twice records the goods once and returns the first result', () => {
  const l = stockLedger();
  const input = { key: 'delivery-7', location: 'Store', lines: [{ sku: 'COF-ETH-250', qty: 6 }] };
  const first = receiveGoods(l.ports, input);
  const before = snapshot(l);
  l.later();
  const again = receiveGoods(l.ports, input);
  expect(again).toEqual({ ...first, repeated: true });
  expect(snapshot(l)).toEqual(before);
  expect(receipts(l)).toHaveLength(1);
  expect(stockRow(l.workbook, 'COF-ETH-250', 'Store')).toMatchObject({ 'On hand': 18 });
});

test('one read per tab it needs, Movements only searched, and at most one write per tab', () => {
  const l = stockLedger();
  const rec = recording(l.workbook);
  receiveGoods(
    { ...l.ports, workbook: rec.workbook },
    {
      key: 'k',
      location: 'Store',
      lines: [
        { sku: 'COF-ETH-250', qty: 1 },
        { sku: 'GFT-BOX-S', qty: 1 },
      ],
    },
  );
  expect(rec.calls.filter((c) => c.startsWith('read '))).toEqual([
    'read Settings',
    'read Products',
    'read Stock',
  ]);
  expect(rec.count('findRows Movements')).toBeGreaterThan(0);
  expect(writesTo(rec.calls, 'Movements')).toBe(1);
  expect(writesTo(rec.calls, 'Stock')).toBe(1); // both rows exist: one block
  expect(rec.count('flush')).toBe(1);
});

test('a copied spreadsheet (its id counter lost) still gets a reference that is not taken', () => {
  const l = stockLedger();
  receiveGoods(l.ports, { key: 'a', location: 'Store', lines: [{ sku: 'COF-ETH-250', qty: 1 }] });
  receiveGoods(l.ports, { key: 'b', location: 'Store', lines: [{ sku: 'COF-ETH-250', qty: 1 }] });
  // A count is written after them, so the last Movements row is no GR move.
  l.workbook.append('Movements', [
    [`CT-000001/1`, new Date(NOW), 'COF-ETH-250', 1, 'Count', 'Store', 'count', 'CT-000001', 'count-1'],
  ]);
  const copy = { ...l.ports, properties: new MemoryProperties() };
  const r = receiveGoods(copy, { key: 'c', location: 'Store', lines: [{ sku: 'COF-ETH-250', qty: 1 }] });
  expect(r.reference).toBe('GR-000003');
  const next = receiveGoods(copy, { key: 'd', location: 'Store', lines: [{ sku: 'COF-ETH-250', qty: 1 }] });
  expect(next.reference).toBe('GR-000004');
});

describe('bad input: a clear message, and nothing written', () => {
  const cases: [string, object, RegExp][] = [
    [
      'an unknown SKU, named',
      {
        key: 'k',
        location: 'Store',
        lines: [
          { sku: 'COF-ETH-250', qty: 1 },
          { sku: 'NOPE-1', qty: 1 },
        ],
      },
      /No product with SKU "NOPE-1" on the Products tab\. Check the SKU, or add the product to Products first\. Nothing was written\./,
    ],
    [
      'an unknown location, listing the real ones',
      { key: 'k', location: 'Shop', lines: [{ sku: 'COF-ETH-250', qty: 1 }] },
      /"Shop" is not a stock location\. The locations are Store, Warehouse \(Settings › Locations\)/,
    ],
    [
      'a virtual location',
      { key: 'k', location: 'Transit', lines: [{ sku: 'COF-ETH-250', qty: 1 }] },
      /"Transit" is a virtual location, so you cannot receive goods at it\. The real locations are Store, Warehouse/,
    ],
    [
      'no location',
      { key: 'k', location: ' ', lines: [{ sku: 'COF-ETH-250', qty: 1 }] },
      /Name the location to receive goods at: one of Store, Warehouse/,
    ],
    [
      'a quantity of 0',
      { key: 'k', location: 'Store', lines: [{ sku: 'COF-ETH-250', qty: 0 }] },
      /Line 1 \(COF-ETH-250\): the quantity must be a whole number of 1 or more, not 0\. Nothing was written\./,
    ],
    [
      'a negative quantity',
      {
        key: 'k',
        location: 'Store',
        lines: [
          { sku: 'TEA-SEN-100', qty: 2 },
          { sku: 'COF-ETH-250', qty: -3 },
        ],
      },
      /Line 2 \(COF-ETH-250\): the quantity must be a whole number of 1 or more, not -3/,
    ],
    [
      'a quantity that is not whole',
      { key: 'k', location: 'Store', lines: [{ sku: 'COF-ETH-250', qty: 1.5 }] },
      /not 1\.5/,
    ],
    [
      'a quantity that is not a number',
      { key: 'k', location: 'Store', lines: [{ sku: 'COF-ETH-250', qty: '2' }] },
      /not "2"/,
    ],
    ['no lines', { key: 'k', location: 'Store', lines: [] }, /Give at least one line: a SKU and a quantity/],
    ['a line without a SKU', { key: 'k', location: 'Store', lines: [{ qty: 1 }] }, /Line 1 has no SKU/],
    [
      'no idempotency key',
      { key: '', location: 'Store', lines: [{ sku: 'COF-ETH-250', qty: 1 }] },
      /The idempotency key "" is not valid/,
    ],
  ];
  test.each(cases)('%s', (_name, input, message) => {
    const l = stockLedger();
    const before = snapshot(l);
    expect(() => receiveGoods(l.ports, input as never)).toThrow(LedgerError);
    expect(() => receiveGoods(l.ports, input as never)).toThrow(message);
    expect(snapshot(l)).toEqual(before);
    expect(l.lock.held).toBe(false);
  });

  test('a key that another command used is refused', () => {
    const l = stockLedger();
    // The sample's opening stock moves are counts with keys like opening:COF-ETH-250:Store.
    const before = snapshot(l);
    expect(() =>
      receiveGoods(l.ports, {
        key: 'opening:COF-ETH-250:Store',
        location: 'Store',
        lines: [{ sku: 'COF-ETH-250', qty: 1 }],
      }),
    ).toThrow(
      /The key "opening:COF-ETH-250:Store" was already used by another command \(Opening stock, count\)\. Use a new key/,
    );
    expect(snapshot(l)).toEqual(before);
  });

  test('a Stock row with a bad cell is not updated from nothing: rebuild first', () => {
    const l = stockLedger();
    const row =
      records(l.workbook, 'Stock').findIndex((r) => r.SKU === 'COF-ETH-250' && r.Location === 'Store') + 2;
    l.workbook.write('Stock', row, 3, [['twelve']]);
    const before = snapshot(l);
    expect(() =>
      receiveGoods(l.ports, { key: 'k', location: 'Store', lines: [{ sku: 'COF-ETH-250', qty: 1 }] }),
    ).toThrow(
      new RegExp(
        `The Stock row of COF-ETH-250 at Store \\(row ${row}\\) has a bad cell, so it cannot be updated\\. Stock!C${row}: On hand "twelve" is not a whole number.*Run Rebuild stock`,
      ),
    );
    expect(snapshot(l)).toEqual(before);
  });
});
