/**
 * Cost at the time of sale: each Order Lines row carries the product's unit Cost when it was
 * written, and the summaries' cost of goods and margin use it, so changing a product's Cost later
 * does not move past margins. Rows written before lines carried a Cost fall back to Products'.
 */
import { checkLedger } from '../../../src/app/check-ledger';
import { setUpLedger } from '../../../src/app/set-up-ledger';
import { rebuildSummaries } from '../../../src/app/summaries/rebuild-summaries';
import { importOrders } from '../../../src/app/sync/import-orders';
import { recordSale } from '../../../src/app/till/record-sale';
import type { CellValue } from '../../../src/platform/workbook';
import { COFFEE, cashSale, MUG, tillLedger } from '../../helpers/till-ledger';
import { productLine, webOrder } from '../../helpers/web-orders';

type Setup = ReturnType<typeof tillLedger>;

function records(setup: Setup, tab: string): Record<string, CellValue>[] {
  return setup.env.meter.uncounted(() => {
    const [header, ...rows] = setup.env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues() ?? [];
    return rows
      .filter((row) => row.some((cell) => cell !== ''))
      .map((row) => Object.fromEntries(header.map((h, i) => [String(h), row[i] ?? ''])));
  });
}

/** Sets a cell of a tab by header, as a person would. */
function setCell(
  setup: Setup,
  tab: string,
  match: (row: CellValue[]) => boolean,
  header: string,
  value: CellValue,
) {
  setup.env.meter.uncounted(() => {
    const sheet = setup.env.spreadsheet.getSheetByName(tab);
    const values = sheet?.getDataRange().getValues() ?? [];
    const r = values.findIndex((row, i) => i > 0 && match(row));
    const c = values[0].indexOf(header);
    expect([r, c].every((x) => x > 0 || (x === 0 && header !== ''))).toBe(true);
    sheet?.getRange(r + 1, c + 1).setValue(value);
  });
}

const sku = (s: string) => (row: CellValue[]) => row[0] === s;

function storeMonth(setup: Setup) {
  return records(setup, 'Sales by Channel').find((r) => r.Period === 'month' && r.Channel === 'Store');
}

test('a till sale and a web import write each line with the unit Cost of its product; unknown SKUs get none', () => {
  const setup = tillLedger({ settings: { 'Time zone': 'Europe/Madrid' } });
  recordSale(
    setup.platform,
    cashSale(
      's1',
      [
        { sku: COFFEE.sku, qty: 2 },
        { sku: MUG.sku, qty: 1 },
      ],
      2 * COFFEE.price + MUG.price,
    ),
  );
  importOrders(setup.platform, 'a.example.com', {
    orders: [
      webOrder('727', 'partially refunded', [productLine(MUG.sku, 2, 1200), productLine('NOPE-1', 1, 500)], {
        refunds: [
          {
            refundId: '1',
            created: Date.UTC(2026, 10, 21, 10),
            amount: 1200,
            reason: 'chipped',
            lines: [{ externalLineId: MUG.sku, sku: MUG.sku, qty: 1, amount: 1200, restock: false }],
          },
        ],
      }),
    ],
    problems: [],
  });
  const lines = records(setup, 'Order Lines').map((l) => [l.SKU, l.Qty, l.Cost]);
  expect(lines).toEqual([
    [COFFEE.sku, 2, (COFFEE.cost as number) / 100],
    [MUG.sku, 1, (MUG.cost as number) / 100],
    [MUG.sku, 2, (MUG.cost as number) / 100],
    ['NOPE-1', 1, ''],
    [MUG.sku, -1, (MUG.cost as number) / 100],
  ]);
});

test("changing a product's Cost afterwards moves neither the live figures nor a rebuild's", () => {
  const setup = tillLedger({ settings: { 'Time zone': 'Europe/Madrid' } });
  rebuildSummaries(setup.platform);
  recordSale(setup.platform, cashSale('s1', [{ sku: COFFEE.sku, qty: 3 }], 3 * COFFEE.price));
  const before = storeMonth(setup);
  expect(before?.['Cost of goods']).toBe((3 * (COFFEE.cost as number)) / 100);

  setCell(setup, 'Products', sku(COFFEE.sku), 'Cost', 99.99);
  expect(storeMonth(setup)).toEqual(before); // live: nothing rewrote the row
  rebuildSummaries(setup.platform);
  expect(storeMonth(setup)).toEqual(before);

  // A sale after the change costs the new Cost; the old one keeps its own.
  recordSale(setup.platform, cashSale('s2', [{ sku: COFFEE.sku, qty: 1 }], COFFEE.price));
  const after = storeMonth(setup);
  expect(after?.['Cost of goods']).toBeCloseTo((3 * (COFFEE.cost as number) + 9999) / 100, 2);
  rebuildSummaries(setup.platform);
  expect(storeMonth(setup)).toEqual(after);
});

test("a line written before lines carried a Cost falls back to Products' Cost as it stands", () => {
  const setup = tillLedger({ settings: { 'Time zone': 'Europe/Madrid' } });
  recordSale(setup.platform, cashSale('s1', [{ sku: MUG.sku, qty: 2 }], 2 * MUG.price));
  setCell(setup, 'Order Lines', () => true, 'Cost', ''); // as an older ledger wrote it
  setCell(setup, 'Products', sku(MUG.sku), 'Cost', 5);
  rebuildSummaries(setup.platform);
  const row = storeMonth(setup);
  expect(row?.['Cost of goods']).toBe(10);
  expect(row?.Margin).toBeCloseTo((row?.Net as number) - 10, 2);
});

test('a ledger made before the Cost column keeps selling; Set up ledger adds the column, and check is clean', () => {
  const setup = tillLedger({ settings: { 'Time zone': 'Europe/Madrid' } });
  // An older ledger: Order Lines without its Cost column.
  setup.env.meter.uncounted(() => {
    const sheet = setup.env.spreadsheet.getSheetByName('Order Lines');
    const header = sheet?.getDataRange().getValues()[0] ?? [];
    sheet?.deleteColumns(header.indexOf('Cost') + 1, 1);
  });
  expect(recordSale(setup.platform, cashSale('s1', [{ sku: MUG.sku, qty: 1 }], MUG.price)).invoiceNo).toMatch(
    /^T-/,
  );
  expect(records(setup, 'Order Lines').map((l) => [l.SKU, l.Cost])).toEqual([[MUG.sku, undefined]]);
  expect(rebuildSummaries(setup.platform).problems).toEqual([]);
  expect(storeMonth(setup)?.['Cost of goods']).toBe((MUG.cost as number) / 100); // from Products

  const report = setUpLedger(setup.platform);
  expect(report.columnsAdded).toEqual([{ tab: 'Order Lines', headers: ['Cost'] }]);
  recordSale(setup.platform, cashSale('s2', [{ sku: MUG.sku, qty: 1 }], MUG.price));
  expect(records(setup, 'Order Lines').map((l) => [l.SKU, l.Cost])).toEqual([
    [MUG.sku, ''],
    [MUG.sku, (MUG.cost as number) / 100],
  ]);
  expect(checkLedger(setup.platform.workbook, setup.platform.digest).problems).toEqual([]);
});
