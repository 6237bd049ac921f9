import { checkLedger } from '../../src/app/check-ledger';
import { seedSample } from '../../src/app/seed-sample';
import { setUpLedger } from '../../src/app/set-up-ledger';
import { TABS } from '../../src/ledger/schema';
import { MemoryWorkbook } from '../../src/node/memory-workbook';
import { memoryLedger, RecordingLock } from '../helpers/memory-ledger';

test('set-up creates every tab with its headers, bold and frozen, and the settings with defaults', () => {
  const workbook = new MemoryWorkbook({ timeZone: 'America/New_York' });
  const lock = new RecordingLock();
  const report = setUpLedger({ workbook, lock });
  expect(report.tabsCreated).toEqual(TABS.map((t) => t.name));
  for (const spec of TABS) {
    expect(workbook.readHeader(spec.name)).toEqual(spec.columns.map((c) => c.header));
  }
  const settings = Object.fromEntries(workbook.read('Settings').slice(1));
  expect(settings).toMatchObject({
    Currency: 'EUR',
    'Prices include VAT': true,
    'VAT rounding': 'line',
    Locations: 'Store, Warehouse',
    'Web stock locations': 'Store, Warehouse',
    'Web fulfilment location': 'Warehouse',
    'Stock buffer': 0,
    'Oversell policy': 'refuse',
    'Time zone': 'America/New_York',
    'Schema version': 1,
  });
  expect(lock.events).toEqual(['acquire 30000', 'release']);
});

test('set-up run again changes nothing and never touches data', () => {
  const { workbook, lock } = memoryLedger();
  workbook.write('Products', 2, 1, [['MUG', '', 'Mug', 12, 21, '', true, '']]);
  workbook.write('Settings', 2, 2, [['USD']]);
  const before = TABS.map((t) => workbook.read(t.name));
  workbook.resetCalls();
  const report = setUpLedger({ workbook, lock });
  expect(report).toEqual({ tabsCreated: [], columnsAdded: [], settingsAdded: [] });
  expect(workbook.calls.write ?? 0).toBe(0);
  expect(TABS.map((t) => workbook.read(t.name))).toEqual(before);
});

test('set-up adds a missing column at the end and a missing setting, keeping the rest', () => {
  const workbook = new MemoryWorkbook();
  const lock = new RecordingLock();
  workbook.addTab('Products');
  workbook.write('Products', 1, 1, [['Name', 'SKU', 'Price', 'My column']]);
  workbook.write('Products', 2, 1, [['Mug', 'MUG', 12, 'mine']]);
  const report = setUpLedger({ workbook, lock });
  expect(report.columnsAdded).toEqual([
    { tab: 'Products', headers: ['Barcode', 'VAT %', 'Cost', 'Active', 'Reorder point'] },
  ]);
  expect(workbook.read('Products')).toEqual([
    ['Name', 'SKU', 'Price', 'My column', 'Barcode', 'VAT %', 'Cost', 'Active', 'Reorder point'],
    ['Mug', 'MUG', 12, 'mine', '', '', '', '', ''],
  ]);
});

test('a fresh ledger passes the check, and so does one with the sample catalogue', () => {
  const ports = memoryLedger();
  expect(checkLedger(ports.workbook)).toEqual({ ok: true, problems: [] });
  const sample = seedSample(ports);
  expect(sample.products).toBe(30);
  expect(checkLedger(ports.workbook)).toEqual({ ok: true, problems: [] });
  const rates = new Set(
    ports.workbook
      .read('Products')
      .slice(1)
      .map((r) => r[4]),
  );
  expect([...rates].sort()).toEqual([10, 21]);
  const stock = ports.workbook.read('Stock').slice(1);
  expect(stock).toContainEqual(['COF-ETH-250', 'Store', 12, 0, 12, 0, false]);
  expect(stock).toContainEqual(['COF-ETH-250', 'Warehouse', 40, 0, 40, 0, false]);
});

test('the sample is refused on a ledger that has products', () => {
  const ports = memoryLedger();
  seedSample(ports);
  expect(() => seedSample(ports)).toThrow(/already has 30 products/);
  expect(ports.workbook.read('Products')).toHaveLength(31);
});

test('check reports bad cells with tab and cell, and missing headers by name', () => {
  const { workbook } = memoryLedger();
  workbook.write('Products', 2, 1, [['MUG', '', 'Mug', 'twelve', 21, '', true, '']]);
  workbook.write('Orders', 1, 7, [['State']]);
  workbook.write('Settings', 3, 2, [['maybe']]);
  const report = checkLedger(workbook);
  expect(report.ok).toBe(false);
  expect(report.problems).toEqual(
    expect.arrayContaining([
      { tab: 'Products', cell: 'D2', message: expect.stringMatching(/Price "twelve" is not a number/) },
      { tab: 'Orders', cell: '', message: expect.stringMatching(/no "Status" column/) },
      { tab: 'Settings', cell: 'B3', message: expect.stringMatching(/Prices include VAT/) },
    ]),
  );
});
