/**
 * The chart of sales by channel over time: embedded in Sales by Channel by Set up ledger and by
 * Rebuild summaries, never twice, reading a month × channel block that covers the data.
 */
import { setUpLedger } from '../../../src/app/set-up-ledger';
import { rebuildSummaries } from '../../../src/app/summaries/rebuild-summaries';
import { CHART_DATA_TAB, SALES_CHART_TITLE } from '../../../src/app/summaries/sales-chart';
import { importOrders } from '../../../src/app/sync/import-orders';
import { recordSale } from '../../../src/app/till/record-sale';
import { MemoryWorkbook } from '../../../src/node/memory-workbook';
import { COFFEE, cashSale, MUG, tillLedger } from '../../helpers/till-ledger';
import { productLine, webOrder } from '../../helpers/web-orders';

type Setup = ReturnType<typeof tillLedger>;

function sheetData(setup: Setup, tab: string) {
  const data = setup.env.shared.spreadsheet.sheets.find((s) => s.name === tab);
  if (!data) throw new Error(`no tab ${tab}`);
  return data;
}

function values(setup: Setup, tab: string) {
  return setup.env.meter.uncounted(
    () => setup.env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues() ?? [],
  );
}

test('one chart after Set up and two Rebuilds; its range is exactly the month × channel block', () => {
  const setup = tillLedger({ settings: { 'Time zone': 'Europe/Madrid' } });
  // Set up placed it already, over an empty block (the header alone).
  expect(sheetData(setup, 'Sales by Channel').charts).toHaveLength(1);

  recordSale(setup.platform, cashSale('s1', [{ sku: COFFEE.sku, qty: 2 }], 2 * COFFEE.price));
  importOrders(setup.platform, 'a.example.com', {
    orders: [
      webOrder('1', 'paid', [productLine(MUG.sku, 2, 1200)], { created: Date.UTC(2026, 0, 15, 10) }),
      webOrder('2', 'paid', [productLine(MUG.sku, 1, 1200)], { created: Date.UTC(2026, 1, 15, 10) }),
    ],
    problems: [],
  });
  rebuildSummaries(setup.platform);
  rebuildSummaries(setup.platform);
  setUpLedger(setup.platform);

  const charts = sheetData(setup, 'Sales by Channel').charts;
  expect(charts).toHaveLength(1);
  const [chart] = charts;
  expect(chart).toMatchObject({ type: 'COLUMN', numHeaders: 1, options: { title: SALES_CHART_TITLE } });
  // To the right of the 13 contract columns.
  expect(chart.position).toEqual({ row: 2, column: 15, offsetX: 0, offsetY: 0 });

  const block = values(setup, CHART_DATA_TAB);
  const tillMonth = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Madrid',
    year: 'numeric',
    month: '2-digit',
  })
    .format(Date.now())
    .slice(0, 7);
  const months = ['2026-01', '2026-02', tillMonth].sort();
  expect(block[0]).toEqual(['Month', 'Store', 'Web']);
  expect(block.slice(1).map((r) => r[0])).toEqual([...new Set(months)]);
  const row = (m: string) => block.find((r) => r[0] === m);
  expect(row('2026-01')?.[2]).toBe(24);
  expect(row('2026-02')?.[2]).toBe(12);
  expect(row(tillMonth)?.[1]).toBe((2 * COFFEE.price) / 100);

  // The range: the chart data tab, from A1, header plus one row per month, three columns.
  const chartTab = sheetData(setup, CHART_DATA_TAB);
  expect(chart.ranges).toEqual([
    { sheetId: chartTab.id, row: 1, column: 1, numRows: block.length, numColumns: 3 },
  ]);
});

test('a rebuild over fewer months blanks the block rows left over and shrinks the range', () => {
  const setup = tillLedger({ settings: { 'Time zone': 'Europe/Madrid' } });
  importOrders(setup.platform, 'a.example.com', {
    orders: [
      webOrder('1', 'paid', [productLine(MUG.sku, 1, 1200)], { created: Date.UTC(2026, 0, 15, 10) }),
      webOrder('2', 'paid', [productLine(MUG.sku, 1, 1200)], { created: Date.UTC(2026, 1, 15, 10) }),
    ],
    problems: [],
  });
  rebuildSummaries(setup.platform);
  expect(values(setup, CHART_DATA_TAB)).toHaveLength(3);
  // Order 2 is cancelled at the shop: February has no sales any more.
  importOrders(setup.platform, 'a.example.com', {
    orders: [
      webOrder('2', 'cancelled', [productLine(MUG.sku, 1, 1200)], { created: Date.UTC(2026, 1, 15, 10) }),
    ],
    problems: [],
  });
  rebuildSummaries(setup.platform);
  const block = values(setup, CHART_DATA_TAB).filter((r) => r.some((c) => c !== ''));
  expect(block.map((r) => r[0])).toEqual(['Month', '2026-01']);
  expect(sheetData(setup, 'Sales by Channel').charts[0].ranges[0]).toMatchObject({ numRows: 2 });
});

test('the memory workbook records the chart once per title, and the file does not become dirty for it', () => {
  const wb = new MemoryWorkbook({ timeZone: 'UTC' });
  wb.addTab('A');
  wb.addTab('B');
  const spec = {
    title: 'T',
    type: 'column' as const,
    source: { tab: 'B', row: 1, col: 1, rows: 3, cols: 3 },
    anchor: { row: 2, col: 5 },
  };
  const clean = MemoryWorkbook.fromContents(wb.contents());
  clean.chart('A', spec);
  clean.chart('A', { ...spec, source: { ...spec.source, rows: 4 } });
  expect(clean.dirty).toBe(false);
  expect(clean.charts('A')).toEqual([{ ...spec, source: { ...spec.source, rows: 4 } }]);
  expect(() => clean.chart('A', { ...spec, source: { ...spec.source, tab: 'Nope' } })).toThrow(/Nope/);
});
