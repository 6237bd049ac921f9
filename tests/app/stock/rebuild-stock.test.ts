import { checkLedger } from '../../../src/app/check-ledger';
import { countStock } from '../../../src/app/stock/count-stock';
import { rebuildStock } from '../../../src/app/stock/rebuild-stock';
import { receiveGoods } from '../../../src/app/stock/receive-goods';
import { receiveTransfer } from '../../../src/app/stock/receive-transfer';
import { sendTransfer } from '../../../src/app/stock/send-transfer';
import { LedgerError } from '../../../src/ledger/problem';
import type { CellValue, Workbook } from '../../../src/platform/workbook';
import { recording, records, snapshot, stockLedger, stockRow, writesTo } from './stock-ledger';

/** A ledger after a receipt, a count and a transfer still partly in transit. */
function busyLedger() {
  const l = stockLedger();
  receiveGoods(l.ports, { key: 'r', location: 'Store', lines: [{ sku: 'TEA-MAT-50', qty: 3 }] });
  countStock(l.ports, { key: 'c', location: 'Warehouse', lines: [{ sku: 'ACC-MUG-B', counted: 25 }] });
  sendTransfer(l.ports, {
    key: 's',
    from: 'Warehouse',
    to: 'Store',
    lines: [
      { sku: 'COF-ETH-250', qty: 10 },
      { sku: 'ACC-MUG-B', qty: 5 },
    ],
  });
  receiveTransfer(l.ports, { key: 'i', transferId: 'TR-000001', lines: [{ sku: 'COF-ETH-250', qty: 4 }] });
  return l;
}

/** The Stock tab's rows in a stable order, to compare content whatever the row order. */
function stockSet(wb: Workbook): Record<string, CellValue>[] {
  return records(wb, 'Stock')
    .filter((r) => r.SKU !== '')
    .sort((a, b) => `${a.SKU}/${a.Location}`.localeCompare(`${b.SKU}/${b.Location}`));
}

/** Deletes Stock rows as a person would: the rows below move up. */
function deleteStockRows(wb: Workbook, drop: (r: Record<string, CellValue>) => boolean): number {
  const [header, ...rows] = wb.read('Stock');
  const keep = rows.filter((row) => !drop(Object.fromEntries(header.map((h, i) => [String(h), row[i]]))));
  wb.write('Stock', 2, 1, [
    ...keep,
    ...Array.from({ length: rows.length - keep.length }, () => header.map(() => '')),
  ]);
  return rows.length - keep.length;
}

test('rebuild after hand-deleting Stock rows puts them back, in transit included; drift is reported before and gone after', () => {
  const l = busyLedger();
  const expected = stockSet(l.workbook);
  expect(stockRow(l.workbook, 'COF-ETH-250', 'Store')).toMatchObject({ 'On hand': 16, 'In transit': 6 });
  const deleted = deleteStockRows(l.workbook, (r) => r.SKU === 'COF-ETH-250' || r.SKU === 'TEA-MAT-50');
  expect(deleted).toBe(4);

  const before = checkLedger(l.workbook);
  expect(before.ok).toBe(false);
  expect(before.problems).toContainEqual({
    tab: 'Stock',
    cell: '',
    message:
      'COF-ETH-250 at Store has no row on the Stock tab, but the moves add up to On hand 16, Available 16, In transit 6. Run Rebuild stock (menu or shop-ledger rebuild-stock).',
  });

  const result = rebuildStock(l.ports);
  expect(result).toEqual({ updated: 0, added: 4, zeroed: 0, cleared: 0, unchanged: 56 });
  expect(stockSet(l.workbook)).toEqual(expected);
  expect(checkLedger(l.workbook)).toEqual({ ok: true, problems: [] });
});

test('wrong figures are corrected in place, unknown pairs zeroed, a second row for a pair cleared', () => {
  const l = busyLedger();
  const rows = records(l.workbook, 'Stock');
  const row = rows.findIndex((r) => r.SKU === 'ACC-MUG-B' && r.Location === 'Store') + 2;
  l.workbook.write('Stock', row, 3, [[99, 0, 99, 0, false]]);
  l.workbook.append('Stock', [
    ['COF-ETH-250', 'Backroom', 5, 0, 5, 0, false],
    ['TEA-MAT-50', 'Store', 1, 0, 1, 0, true],
  ]);
  const result = rebuildStock(l.ports);
  expect(result).toMatchObject({ updated: 1, added: 0, zeroed: 1, cleared: 1 });
  expect(l.workbook.read('Stock')[row - 1]).toEqual(['ACC-MUG-B', 'Store', 12, 0, 12, 5, false]);
  expect(stockRow(l.workbook, 'COF-ETH-250', 'Backroom')).toMatchObject({ 'On hand': 0, Available: 0 });
  expect(
    records(l.workbook, 'Stock').filter((r) => r.SKU === 'TEA-MAT-50' && r.Location === 'Store'),
  ).toEqual([expect.objectContaining({ 'On hand': 7 })]);
  expect(checkLedger(l.workbook)).toEqual({ ok: true, problems: [] });
});

test('it reads each tab once and writes Stock in at most one block and one append; run again, it writes nothing', () => {
  const l = busyLedger();
  const rows = records(l.workbook, 'Stock');
  const first = rows.findIndex((r) => r.SKU === 'ACC-CUP-ESP') + 2;
  const last = rows.findIndex((r) => r.SKU === 'TEA-SEN-100') + 2;
  l.workbook.write('Stock', first, 3, [[1]]);
  l.workbook.write('Stock', last, 3, [[1]]);
  deleteStockRows(l.workbook, (r) => r.SKU === 'GFT-BOX-S');
  const rec = recording(l.workbook);
  rebuildStock({ ...l.ports, workbook: rec.workbook });
  expect(rec.calls.filter((c) => c.startsWith('read ')).sort()).toEqual(
    ['read Movements', 'read Products', 'read Settings', 'read Stock', 'read Transfers'].sort(),
  );
  expect(rec.count('write Stock')).toBe(1);
  expect(rec.count('append Stock')).toBe(1);

  const again = recording(l.workbook);
  const result = rebuildStock({ ...l.ports, workbook: again.workbook });
  expect(result).toMatchObject({ updated: 0, added: 0, zeroed: 0, cleared: 0 });
  expect(writesTo(again.calls, 'Stock')).toBe(0);
});

test('a Movements row that cannot be read stops the rebuild, naming the cell; nothing is written', () => {
  const l = busyLedger();
  const row = records(l.workbook, 'Movements').findIndex((m) => m['Move ID'] === 'GR-000001/1') + 2;
  l.workbook.write('Movements', row, 4, [['three']]);
  const before = snapshot(l);
  expect(() => rebuildStock(l.ports)).toThrow(LedgerError);
  expect(() => rebuildStock(l.ports)).toThrow(
    new RegExp(
      `Stock was not rebuilt: 1 cell\\(s\\) on Movements or Transfers cannot be read[^]*Movements!D${row}: Qty "three" is not a whole number`,
    ),
  );
  expect(snapshot(l)).toEqual(before);
});
