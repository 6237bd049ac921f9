import { receiveTransfer } from '../../../src/app/stock/receive-transfer';
import { sendTransfer } from '../../../src/app/stock/send-transfer';
import { LedgerError } from '../../../src/ledger/problem';
import { NOW, recording, records, snapshot, stockLedger, stockRow, writesTo } from './stock-ledger';

/** A ledger with TR-000001 sent: 10 × COF-ETH-250 and 4 × TEA-SEN-100, Warehouse → Store. */
function sent() {
  const l = stockLedger();
  sendTransfer(l.ports, {
    key: 'send-1',
    from: 'Warehouse',
    to: 'Store',
    lines: [
      { sku: 'COF-ETH-250', qty: 10 },
      { sku: 'TEA-SEN-100', qty: 4 },
    ],
  });
  l.later();
  return l;
}

const transferRow = (l: ReturnType<typeof stockLedger>) => records(l.workbook, 'Transfers')[0];
const movesOf = (l: ReturnType<typeof stockLedger>) =>
  records(l.workbook, 'Movements').filter((m) => m.Reference === 'TR-000001');

test('receiving everything: Transit → destination, In transit back to 0, and the transfer is received', () => {
  const l = sent();
  const result = receiveTransfer(l.ports, { key: 'in-1', transferId: 'TR-000001' });
  expect(result).toEqual({
    transferId: 'TR-000001',
    from: 'Warehouse',
    to: 'Store',
    received: [
      { sku: 'COF-ETH-250', qty: 10 },
      { sku: 'TEA-SEN-100', qty: 4 },
    ],
    lost: [],
    remaining: [],
    status: 'received',
    repeated: false,
  });
  expect(movesOf(l).slice(2)).toEqual([
    {
      'Move ID': 'TR-000001/3',
      Time: new Date(NOW + 60_000),
      SKU: 'COF-ETH-250',
      Qty: 10,
      From: 'Transit',
      To: 'Store',
      Reason: 'transfer-in',
      Reference: 'TR-000001',
      Key: 'in-1',
    },
    expect.objectContaining({ 'Move ID': 'TR-000001/4', SKU: 'TEA-SEN-100', Qty: 4, To: 'Store' }),
  ]);
  expect(stockRow(l.workbook, 'COF-ETH-250', 'Store')).toMatchObject({ 'On hand': 22, 'In transit': 0 });
  expect(stockRow(l.workbook, 'TEA-SEN-100', 'Store')).toMatchObject({ 'On hand': 12, 'In transit': 0 });
  expect(stockRow(l.workbook, 'COF-ETH-250', 'Warehouse')).toMatchObject({ 'On hand': 30 });
  expect(transferRow(l)).toMatchObject({ Status: 'received', Received: new Date(NOW + 60_000) });
});

test('a partial receipt leaves the rest in transit, visible at the destination, until a second receipt', () => {
  const l = sent();
  const first = receiveTransfer(l.ports, {
    key: 'in-1',
    transferId: 'TR-000001',
    lines: [{ sku: 'COF-ETH-250', qty: 6 }],
  });
  expect(first.received).toEqual([{ sku: 'COF-ETH-250', qty: 6 }]);
  expect(first.remaining).toEqual([
    { sku: 'COF-ETH-250', qty: 4 },
    { sku: 'TEA-SEN-100', qty: 4 },
  ]);
  expect(first.status).toBe('in transit');
  expect(stockRow(l.workbook, 'COF-ETH-250', 'Store')).toMatchObject({ 'On hand': 18, 'In transit': 4 });
  expect(stockRow(l.workbook, 'TEA-SEN-100', 'Store')).toMatchObject({ 'On hand': 8, 'In transit': 4 });
  expect(transferRow(l)).toMatchObject({ Status: 'in transit', Received: '' });

  l.later();
  const rest = receiveTransfer(l.ports, { key: 'in-2', transferId: 'tr-000001' });
  expect(rest.received).toEqual([
    { sku: 'COF-ETH-250', qty: 4 },
    { sku: 'TEA-SEN-100', qty: 4 },
  ]);
  expect(rest.status).toBe('received');
  expect(movesOf(l).map((m) => m['Move ID'])).toEqual([1, 2, 3, 4, 5].map((n) => `TR-000001/${n}`));
  expect(stockRow(l.workbook, 'COF-ETH-250', 'Store')).toMatchObject({ 'On hand': 22, 'In transit': 0 });
  expect(transferRow(l)).toMatchObject({ Status: 'received', Received: new Date(NOW + 120_000) });
});

test('lost units go Transit → Loss as an adjustment: not on hand anywhere, and no longer in transit', () => {
  const l = sent();
  const result = receiveTransfer(l.ports, {
    key: 'in-1',
    transferId: 'TR-000001',
    lines: [{ sku: 'COF-ETH-250', qty: 9 }],
    lost: [{ sku: 'COF-ETH-250', qty: 1 }],
  });
  expect(result.lost).toEqual([{ sku: 'COF-ETH-250', qty: 1 }]);
  expect(result.remaining).toEqual([{ sku: 'TEA-SEN-100', qty: 4 }]);
  expect(movesOf(l).find((m) => m.To === 'Loss')).toMatchObject({
    SKU: 'COF-ETH-250',
    Qty: 1,
    From: 'Transit',
    Reason: 'adjustment',
    Key: 'in-1',
  });
  expect(stockRow(l.workbook, 'COF-ETH-250', 'Store')).toMatchObject({ 'On hand': 21, 'In transit': 0 });
  expect(records(l.workbook, 'Stock').some((r) => r.Location === 'Loss')).toBe(false);
});

test('with only --lost, the rest of the transfer is received', () => {
  const l = sent();
  const result = receiveTransfer(l.ports, {
    key: 'in-1',
    transferId: 'TR-000001',
    lost: [{ sku: 'TEA-SEN-100', qty: 1 }],
  });
  expect(result.received).toEqual([
    { sku: 'COF-ETH-250', qty: 10 },
    { sku: 'TEA-SEN-100', qty: 3 },
  ]);
  expect(result.status).toBe('received');
  expect(stockRow(l.workbook, 'TEA-SEN-100', 'Store')).toMatchObject({ 'On hand': 11, 'In transit': 0 });
});

test('the same key twice receives once', () => {
  const l = sent();
  const input = { key: 'in-1', transferId: 'TR-000001', lines: [{ sku: 'COF-ETH-250', qty: 6 }] };
  const first = receiveTransfer(l.ports, input);
  const before = snapshot(l);
  expect(receiveTransfer(l.ports, input)).toEqual({ ...first, repeated: true });
  expect(snapshot(l)).toEqual(before);
});

test('the transfer and its moves are found by the spreadsheet, not by reading Movements or Transfers', () => {
  const l = sent();
  const rec = recording(l.workbook);
  receiveTransfer({ ...l.ports, workbook: rec.workbook }, { key: 'in-1', transferId: 'TR-000001' });
  expect(rec.calls.filter((c) => c.startsWith('read '))).toEqual([
    'read Settings',
    'read Products',
    'read Stock',
  ]);
  expect(rec.count('findRows Transfers')).toBe(1);
  expect(rec.count('findRows Movements')).toBe(2); // the key, then the transfer's moves
  expect(writesTo(rec.calls, 'Movements')).toBe(1);
  expect(writesTo(rec.calls, 'Stock')).toBe(1);
  expect(writesTo(rec.calls, 'Transfers')).toBe(1);
});

describe('bad input: a clear message, and nothing written', () => {
  const cases: [string, object, RegExp][] = [
    [
      'more than is in transit',
      { transferId: 'TR-000001', lines: [{ sku: 'COF-ETH-250', qty: 11 }] },
      /TR-000001 has 10 of COF-ETH-250 in transit, but 11 received make 11\. Receive at most what is in transit\. Nothing was written\./,
    ],
    [
      'received and lost together more than in transit',
      {
        transferId: 'TR-000001',
        lines: [{ sku: 'TEA-SEN-100', qty: 3 }],
        lost: [{ sku: 'TEA-SEN-100', qty: 2 }],
      },
      /TR-000001 has 4 of TEA-SEN-100 in transit, but 3 received and 2 lost make 5/,
    ],
    [
      'a SKU that is not in the transfer',
      { transferId: 'TR-000001', lines: [{ sku: 'ACC-MUG-W', qty: 1 }] },
      /ACC-MUG-W \(received\) is not in transit on TR-000001, which holds 10 × COF-ETH-250, 4 × TEA-SEN-100/,
    ],
    [
      'an unknown transfer',
      { transferId: 'TR-000009' },
      /No transfer "TR-000009" on the Transfers tab\. Check the ID that "transfer send" printed/,
    ],
    [
      'something that is no transfer id',
      { transferId: 'GR-000001' },
      /No transfer "GR-000001" on the Transfers tab\. A transfer ID looks like TR-000001\./,
    ],
    [
      'a lost quantity of 0',
      { transferId: 'TR-000001', lost: [{ sku: 'TEA-SEN-100', qty: 0 }] },
      /Lost line 1 \(TEA-SEN-100\): the quantity must be a whole number of 1 or more, not 0/,
    ],
    [
      'empty lines and nothing lost',
      { transferId: 'TR-000001', lines: [] },
      /Say what arrived from TR-000001/,
    ],
  ];
  test.each(cases)('%s', (_name, input, message) => {
    const l = sent();
    const before = snapshot(l);
    expect(() => receiveTransfer(l.ports, { key: 'k', ...input } as never)).toThrow(LedgerError);
    expect(() => receiveTransfer(l.ports, { key: 'k', ...input } as never)).toThrow(message);
    expect(snapshot(l)).toEqual(before);
  });

  test('a transfer received in full cannot be received again', () => {
    const l = sent();
    receiveTransfer(l.ports, { key: 'in-1', transferId: 'TR-000001' });
    const before = snapshot(l);
    expect(() => receiveTransfer(l.ports, { key: 'in-2', transferId: 'TR-000001' })).toThrow(
      /TR-000001 has already been received in full: nothing of it is in transit\. Nothing was written\./,
    );
    expect(snapshot(l)).toEqual(before);
  });
});
