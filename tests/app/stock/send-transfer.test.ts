import { sendTransfer } from '../../../src/app/stock/send-transfer';
import type { StockPorts } from '../../../src/app/stock/stock-input';
import { LedgerError } from '../../../src/ledger/problem';
import { NOW, recording, records, snapshot, stockLedger, stockRow, writesTo } from './stock-ledger';

const send = (l: { ports: StockPorts }, key = 'send-1') =>
  sendTransfer(l.ports, {
    key,
    from: 'Warehouse',
    to: 'Store',
    lines: [
      { sku: 'COF-ETH-250', qty: 10 },
      { sku: 'TEA-SEN-100', qty: 4 },
    ],
  });

test('sending writes a Transfers row in transit and moves From → Transit; the destination shows it in transit', () => {
  const l = stockLedger();
  const result = send(l);
  expect(result).toEqual({
    transferId: 'TR-000001',
    from: 'Warehouse',
    to: 'Store',
    sent: new Date(NOW).toISOString(),
    lines: [
      { sku: 'COF-ETH-250', qty: 10 },
      { sku: 'TEA-SEN-100', qty: 4 },
    ],
    repeated: false,
  });
  expect(records(l.workbook, 'Transfers')).toEqual([
    {
      'Transfer ID': 'TR-000001',
      Sent: new Date(NOW),
      From: 'Warehouse',
      To: 'Store',
      Status: 'in transit',
      Received: '',
      Key: 'send-1',
    },
  ]);
  expect(records(l.workbook, 'Movements').filter((m) => m.Reference === 'TR-000001')).toEqual([
    {
      'Move ID': 'TR-000001/1',
      Time: new Date(NOW),
      SKU: 'COF-ETH-250',
      Qty: 10,
      From: 'Warehouse',
      To: 'Transit',
      Reason: 'transfer-out',
      Reference: 'TR-000001',
      Key: 'send-1',
    },
    expect.objectContaining({ 'Move ID': 'TR-000001/2', SKU: 'TEA-SEN-100', Qty: 4, To: 'Transit' }),
  ]);
  expect(stockRow(l.workbook, 'COF-ETH-250', 'Warehouse')).toMatchObject({ 'On hand': 30, Available: 30 });
  expect(stockRow(l.workbook, 'COF-ETH-250', 'Store')).toMatchObject({
    'On hand': 12,
    Available: 12,
    'In transit': 10,
  });
  expect(stockRow(l.workbook, 'TEA-SEN-100', 'Store')).toMatchObject({ 'On hand': 8, 'In transit': 4 });
  // No Stock row for the virtual Transit location.
  expect(records(l.workbook, 'Stock').some((r) => r.Location === 'Transit')).toBe(false);
});

test('the next transfer gets the next id; a retry with the same key sends once', () => {
  const l = stockLedger();
  const first = send(l, 'a');
  const before = snapshot(l);
  l.later();
  expect(send(l, 'a')).toEqual({ ...first, repeated: true });
  expect(snapshot(l)).toEqual(before);
  expect(send(l, 'b').transferId).toBe('TR-000002');
  expect(records(l.workbook, 'Transfers')).toHaveLength(2);
  expect(stockRow(l.workbook, 'COF-ETH-250', 'Warehouse')).toMatchObject({ 'On hand': 20 });
});

test('one read per tab, one append each on Transfers and Movements, one Stock block', () => {
  const l = stockLedger();
  const rec = recording(l.workbook);
  send({ ports: { ...l.ports, workbook: rec.workbook } });
  expect(rec.calls.filter((c) => c.startsWith('read '))).toEqual([
    'read Settings',
    'read Products',
    'read Stock',
  ]);
  expect(writesTo(rec.calls, 'Transfers')).toBe(1);
  expect(writesTo(rec.calls, 'Movements')).toBe(1);
  expect(writesTo(rec.calls, 'Stock')).toBe(1);
});

describe('bad input: a clear message, and nothing written', () => {
  const cases: [string, object, RegExp][] = [
    [
      'more than is available at the source',
      {
        from: 'Store',
        to: 'Warehouse',
        lines: [
          { sku: 'COF-ETH-250', qty: 13 },
          { sku: 'TEA-SEN-100', qty: 1 },
        ],
      },
      /Not enough stock in Store to send: COF-ETH-250 \(Ethiopia Yirgacheffe coffee beans 250 g\): 13 to send, 12 available\. Send less, or receive or count the stock at Store first\. Nothing was written\./,
    ],
    [
      'the same SKU on two lines that together exceed the stock',
      {
        from: 'Store',
        to: 'Warehouse',
        lines: [
          { sku: 'COF-ETH-250', qty: 7 },
          { sku: 'COF-ETH-250', qty: 6 },
        ],
      },
      /COF-ETH-250 .*: 13 to send, 12 available/,
    ],
    [
      'the same location at both ends',
      { from: 'Store', to: 'store', lines: [{ sku: 'COF-ETH-250', qty: 1 }] },
      /A transfer goes from one location to another, but both are Store/,
    ],
    [
      'an unknown destination',
      { from: 'Warehouse', to: 'Shop', lines: [{ sku: 'COF-ETH-250', qty: 1 }] },
      /"Shop" is not a stock location\. The locations are Store, Warehouse/,
    ],
    [
      'Transit as a source',
      { from: 'Transit', to: 'Store', lines: [{ sku: 'COF-ETH-250', qty: 1 }] },
      /"Transit" is a virtual location, so you cannot send a transfer from it/,
    ],
    [
      'an unknown SKU',
      { from: 'Warehouse', to: 'Store', lines: [{ sku: 'COF-XXX', qty: 1 }] },
      /No product with SKU "COF-XXX"/,
    ],
    [
      'a quantity of 0',
      { from: 'Warehouse', to: 'Store', lines: [{ sku: 'COF-ETH-250', qty: 0 }] },
      /quantity must be a whole number of 1 or more, not 0/,
    ],
  ];
  test.each(cases)('%s', (_name, input, message) => {
    const l = stockLedger();
    const before = snapshot(l);
    expect(() => sendTransfer(l.ports, { key: 'k', ...input } as never)).toThrow(LedgerError);
    expect(() => sendTransfer(l.ports, { key: 'k', ...input } as never)).toThrow(message);
    expect(snapshot(l)).toEqual(before);
  });

  test('reserved stock is not available to send', () => {
    const l = stockLedger();
    const row =
      records(l.workbook, 'Stock').findIndex((r) => r.SKU === 'COF-ETH-250' && r.Location === 'Warehouse') +
      2;
    l.workbook.write('Stock', row, 4, [[35, 5]]); // Reserved 35, Available 5
    const before = snapshot(l);
    expect(() =>
      sendTransfer(l.ports, {
        key: 'k',
        from: 'Warehouse',
        to: 'Store',
        lines: [{ sku: 'COF-ETH-250', qty: 6 }],
      }),
    ).toThrow(/6 to send, 5 available/);
    expect(snapshot(l)).toEqual(before);
  });
});
