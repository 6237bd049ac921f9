import { checkLedger } from '../../../src/app/check-ledger';
import { rebuildStock } from '../../../src/app/stock/rebuild-stock';
import { receiveTransfer } from '../../../src/app/stock/receive-transfer';
import { sendTransfer } from '../../../src/app/stock/send-transfer';
import { recording, records, stockLedger } from './stock-ledger';

function withTransfer() {
  const l = stockLedger();
  sendTransfer(l.ports, {
    key: 's',
    from: 'Warehouse',
    to: 'Store',
    lines: [{ sku: 'COF-ETH-250', qty: 8 }],
  });
  receiveTransfer(l.ports, { key: 'i', transferId: 'TR-000001', lines: [{ sku: 'COF-ETH-250', qty: 5 }] });
  return l;
}

const rowOf = (l: ReturnType<typeof stockLedger>, sku: string, location: string) =>
  records(l.workbook, 'Stock').findIndex((r) => r.SKU === sku && r.Location === location) + 2;

test('the stock commands keep Stock and the moves in step: check finds no drift', () => {
  expect(checkLedger(withTransfer().workbook)).toEqual({ ok: true, problems: [] });
});

test('each figure that differs from the moves is a problem at its Stock cell, gone after a rebuild', () => {
  const l = withTransfer();
  const store = rowOf(l, 'COF-ETH-250', 'Store'); // On hand 17, In transit 3
  const warehouse = rowOf(l, 'COF-ETH-250', 'Warehouse'); // On hand 32
  l.workbook.write('Stock', store, 3, [[10]]);
  l.workbook.write('Stock', store, 6, [[0]]);
  l.workbook.write('Stock', warehouse, 5, [[40]]);
  const report = checkLedger(l.workbook);
  expect(report.ok).toBe(false);
  expect(report.problems).toEqual([
    {
      tab: 'Stock',
      cell: `C${store}`,
      message:
        'COF-ETH-250 at Store: On hand is 10 but the moves add up to 17. Run Rebuild stock (menu or shop-ledger rebuild-stock).',
    },
    {
      tab: 'Stock',
      cell: `F${store}`,
      message:
        'COF-ETH-250 at Store: In transit is 0 but the moves add up to 3. Run Rebuild stock (menu or shop-ledger rebuild-stock).',
    },
    {
      tab: 'Stock',
      cell: `E${warehouse}`,
      message:
        'COF-ETH-250 at Warehouse: Available is 40 but the moves add up to 32. Run Rebuild stock (menu or shop-ledger rebuild-stock).',
    },
  ]);
  rebuildStock(l.ports);
  expect(checkLedger(l.workbook)).toEqual({ ok: true, problems: [] });
});

test('a Stock row for a pair that no move mentions is drift unless it is all zero', () => {
  const l = stockLedger();
  l.workbook.append('Stock', [['COF-ETH-250', 'Backroom', 0, 0, 0, 0, false]]);
  expect(checkLedger(l.workbook).ok).toBe(true);
  l.workbook.append('Stock', [['TEA-SEN-100', 'Backroom', 2, 0, 2, 0, false]]);
  const last = l.workbook.lastRow('Stock');
  expect(checkLedger(l.workbook).problems).toEqual([
    expect.objectContaining({
      cell: `C${last}`,
      message: expect.stringMatching(/^TEA-SEN-100 at Backroom: On hand is 2 but the moves add up to 0\./),
    }),
    expect.objectContaining({ cell: `E${last}` }),
  ]);
});

test('with a Movements row that cannot be read, check reports that cell and no drift from a partial sum', () => {
  const l = withTransfer();
  const row = records(l.workbook, 'Movements').findIndex((m) => m['Move ID'] === 'TR-000001/1') + 2;
  l.workbook.write('Movements', row, 4, [['eight']]);
  expect(checkLedger(l.workbook).problems).toEqual([
    {
      tab: 'Movements',
      cell: `D${row}`,
      message: expect.stringMatching(/^Qty "eight" is not a whole number/),
    },
  ]);
});

test('check reads each tab once, drift included', () => {
  const l = withTransfer();
  const rec = recording(l.workbook);
  checkLedger(rec.workbook);
  const reads = rec.calls.filter((c) => c.startsWith('read '));
  expect(new Set(reads).size).toBe(reads.length);
  expect(reads).toEqual(expect.arrayContaining(['read Stock', 'read Movements', 'read Transfers']));
});
