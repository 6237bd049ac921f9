/**
 * The Apps Script shell over the SpreadsheetApp fakes: literal text, dates, batching, growth,
 * styles, and the "flush before release" rule.
 */
import { checkLedger } from '../../src/app/check-ledger';
import { setUpLedger } from '../../src/app/set-up-ledger';
import { TABS } from '../../src/ledger/schema';
import { readTable } from '../../src/ledger/table';
import { LockTimeoutError } from '../../src/platform/lock';
import { installAppsScript } from '../helpers/apps-script';

test('text from shops and people is stored as that text: never a formula, a number or a date', () => {
  const { env, platform } = installAppsScript();
  platform.workbook.addTab('Customers');
  const texts = [
    '=IMPORTXML("http://x","//a")',
    '+34 600 000 000',
    '-minus',
    '@mention',
    '0451',
    '2026-01-02',
    'TRUE',
    "'quoted",
  ];
  platform.workbook.write('Customers', 1, 1, [texts]);
  const sheet = env.spreadsheet.getSheetByName('Customers');
  expect(sheet?.getRange(1, 1, 1, texts.length).getValues()[0]).toEqual(texts);
  expect(sheet?.getRange(1, 1, 1, texts.length).getFormulas()[0]).toEqual(texts.map(() => ''));
  expect(platform.workbook.read('Customers')).toEqual([texts]);
});

test('dates, numbers and booleans keep their types', () => {
  const { platform } = installAppsScript();
  platform.workbook.addTab('T');
  const when = new Date(Date.UTC(2026, 2, 29, 1, 30));
  platform.workbook.write('T', 1, 1, [[when, 12.5, true, '']]);
  const [row] = platform.workbook.read('T');
  expect(row[0]).toBeInstanceOf(Date);
  expect((row[0] as Date).getTime()).toBe(when.getTime());
  expect(row.slice(1)).toEqual([12.5, true]);
});

test('an empty tab reads as no rows; readHeader reads row 1 only', () => {
  const { env, platform } = installAppsScript();
  platform.workbook.addTab('T');
  expect(platform.workbook.read('T')).toEqual([]);
  expect(platform.workbook.readHeader('T')).toEqual([]);
  platform.workbook.write('T', 1, 1, [
    ['A', 'B'],
    [1, 2],
    [3, 4],
  ]);
  env.meter.reset();
  expect(platform.workbook.readHeader('T')).toEqual(['A', 'B']);
  expect(env.meter.cellsRead).toBe(2);
});

test('writing past the end grows the sheet in chunks, not a row at a time', () => {
  const { env, platform } = installAppsScript();
  platform.workbook.addTab('T');
  for (let i = 0; i < 5; i++) platform.workbook.write('T', 1000 + i, 1, [['x']]);
  expect(env.meter.byMethod['Sheet.insertRowsAfter']).toBe(1);
  expect(env.spreadsheet.getSheetByName('T')?.getMaxRows()).toBe(2000);
});

test('set-up styles the tabs: bold frozen header, formats, drop-downs, and flushes before it releases the lock', () => {
  const { env, platform } = installAppsScript();
  setUpLedger(platform);
  const orders = env.spreadsheet.getSheetByName('Orders');
  if (!orders) throw new Error('no Orders tab');
  expect(orders.getFrozenRows()).toBe(1);
  expect(orders.getRange(1, 1, 1, 16).getFontWeights()[0]).toEqual(Array(16).fill('bold'));
  expect(orders.getRange(2, 12).getNumberFormat()).toBe('#,##0.00 "€";-#,##0.00 "€"'); // Total
  expect(orders.getRange(2, 8).getNumberFormat()).toBe('yyyy-mm-dd hh:mm'); // Created
  expect(orders.getRange(2, 7).getDataValidation()?.getCriteriaValues()[0]).toEqual([
    'pending',
    'paid',
    'fulfilled',
    'partially refunded',
    'refunded',
    'cancelled',
  ]);
  expect(env.meter.byMethod['SpreadsheetApp.flush']).toBe(1);
  expect(env.meter.unflushedReleases).toBe(0);
});

test('a new tab keeps its columns and two spare, not the 26 of a new sheet: Google counts every cell of the grid', () => {
  const { env, platform } = installAppsScript();
  setUpLedger(platform);
  for (const spec of TABS) {
    expect([spec.name, env.spreadsheet.getSheetByName(spec.name)?.getMaxColumns()]).toEqual([
      spec.name,
      spec.columns.length + 2,
    ]);
  }
  // A tab added without a width (the chart's small data block) is left as Sheets makes it.
  platform.workbook.addTab('Notes');
  expect(env.spreadsheet.getSheetByName('Notes')?.getMaxColumns()).toBe(26);
});

test("Check ledger warns when the grids near Google's 10 million cells, counting empty cells too", () => {
  const { env, platform } = installAppsScript();
  setUpLedger(platform);
  expect(platform.workbook.gridCells()).toBeLessThan(1_000_000);
  expect(checkLedger(platform.workbook).problems).toEqual([]);
  // Someone pasted a huge empty block into Movements: 8.5 million cells, all of them blank.
  env.meter.uncounted(() => {
    const sheet = env.spreadsheet.getSheetByName('Movements');
    if (!sheet) throw new Error('no Movements tab');
    const rows = Math.ceil(8_500_000 / sheet.getMaxColumns());
    sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
  });
  const run = installAppsScript({ shared: env.shared });
  expect(run.platform.workbook.gridCells()).toBeGreaterThan(8_000_000);
  expect(checkLedger(run.platform.workbook).problems).toEqual([
    {
      tab: '',
      cell: '',
      message: expect.stringMatching(/^The spreadsheet uses [\d,]+ cells, 8\d % of Google's limit/),
    },
  ]);
});

test('a second execution that cannot get the lock in 30 s gets a clear "try again", and writes nothing', () => {
  const first = installAppsScript();
  first.env.shared.holdLockElsewhere('document');
  const second = installAppsScript({ shared: first.env.shared });
  expect(() => setUpLedger(second.platform)).toThrow(LockTimeoutError);
  expect(() => setUpLedger(second.platform)).toThrow(
    /busy with another change. Nothing was written: please try again/,
  );
  expect(second.env.meter.byMethod['Range.setValues'] ?? 0).toBe(0);
});

test('loading a tab is one read, whether it holds 10 rows or 100,000', () => {
  const counts = [10, 100_000].map((n) => {
    const setup = installAppsScript();
    setUpLedger(setup.platform);
    const rows = Array.from({ length: n }, (_, i) => [`S${i}`, '', `Product ${i}`, 1, 21, '', true, '']);
    setup.platform.workbook.write('Products', 2, 1, rows);
    const run = installAppsScript({ shared: setup.env.shared });
    const table = readTable(run.platform.workbook, TABS[0]);
    expect(table.rows).toHaveLength(n);
    return { ...run.env.meter.snapshot().byMethod };
  });
  expect(counts[0]['Range.getValues']).toBe(1);
  expect(counts[1]).toEqual(counts[0]);
});

test('checking the whole ledger costs the same calls at any size', () => {
  const calls = [10, 50_000].map((n) => {
    const setup = installAppsScript();
    setUpLedger(setup.platform);
    const when = new Date(Date.UTC(2026, 0, 1));
    const rows = Array.from({ length: n }, (_, i) => [
      `O-${i}`,
      'sale',
      'Store',
      '',
      '',
      `${i}`,
      'paid',
      when,
      '',
      1,
      0.21,
      1.21,
      'EUR',
      '',
      '',
      `k${i}`,
    ]);
    setup.platform.workbook.write('Orders', 2, 1, rows);
    const run = installAppsScript({ shared: setup.env.shared });
    expect(checkLedger(run.platform.workbook).ok).toBe(true);
    return run.env.meter.calls;
  });
  expect(calls[1]).toBe(calls[0]);
});

test('findRows finds any of many keys in one search, taking them literally', () => {
  const { env, platform } = installAppsScript();
  platform.workbook.addTab('T');
  platform.workbook.write('T', 1, 1, [
    ['Key'],
    ['shop.example.com:1'],
    ['shopXexampleYcom:1'],
    ['a(b)'],
    ['other'],
    ['shop.example.com:2'],
  ]);
  env.meter.reset();
  expect(
    platform.workbook.findRows('T', 1, ['shop.example.com:1', 'a(b)', 'shop.example.com:2', 'missing']),
  ).toEqual([2, 4, 6]);
  expect(env.meter.byMethod['TextFinder.findAll']).toBe(1);
  expect(env.meter.cellsRead).toBe(0);
  expect(platform.workbook.findRows('T', 1, [])).toEqual([]);
});
