/**
 * `npm run bench`: what the main operations cost in Sheets service calls and cells, as counted
 * by the Apps Script fakes, and the local wall time. Speed targets live here, not in tests.
 */
import { checkLedger } from '../src/app/check-ledger';
import { seedSample } from '../src/app/seed-sample';
import { setUpLedger } from '../src/app/set-up-ledger';
import { recordSale } from '../src/app/till/record-sale';
import { openTill } from '../src/app/till/sessions';
import { sampleCatalogue } from '../src/core/sample-catalogue';
import { TABS } from '../src/ledger/schema';
import { readTable } from '../src/ledger/table';
import { installAppsScript } from '../tests/helpers/apps-script';

interface Row {
  operation: string;
  rows: number;
  calls: number;
  reads: number;
  writes: number;
  cellsRead: number;
  cellsWritten: number;
  ms: number;
}

const results: Row[] = [];

function measure(
  operation: string,
  rows: number,
  meter: ReturnType<typeof installAppsScript>['env']['meter'],
  run: () => void,
) {
  meter.reset();
  const start = performance.now();
  run();
  const ms = performance.now() - start;
  const m = meter.snapshot();
  results.push({
    operation,
    rows,
    calls: m.calls,
    reads: m.byMethod['Range.getValues'] ?? 0,
    writes: m.byMethod['Range.setValues'] ?? 0,
    cellsRead: m.cellsRead,
    cellsWritten: m.cellsWritten,
    ms: Math.round(ms * 10) / 10,
  });
}

/** Fills Orders with `n` rows straight into the fake, outside the meter. */
function fillOrders(env: ReturnType<typeof installAppsScript>['env'], n: number) {
  if (n === 0) return;
  const sheet = env.spreadsheet.getSheetByName('Orders');
  if (!sheet) throw new Error('no Orders tab');
  const when = new Date(Date.UTC(2026, 0, 1));
  const rows = Array.from({ length: n }, (_, i) => [
    `O-${String(i + 1).padStart(6, '0')}`,
    'sale',
    i % 2 ? 'Web' : 'Store',
    '',
    '',
    `${1000 + i}`,
    'paid',
    when,
    '',
    10,
    2.1,
    12.1,
    'EUR',
    '',
    '',
    `k${i}`,
  ]);
  if (sheet.getMaxRows() < n + 1) sheet.insertRowsAfter(sheet.getMaxRows(), n + 1 - sheet.getMaxRows());
  sheet.getRange(2, 1, n, rows[0].length).setValues(rows);
}

for (const size of [0, 10, 10_000, 100_000]) {
  const { env, platform } = installAppsScript();
  if (size === 0) measure('set up ledger (new spreadsheet)', 0, env.meter, () => setUpLedger(platform));
  else setUpLedger(platform);
  fillOrders(env, size);
  if (size === 0) {
    const again = installAppsScript({ shared: env.shared });
    measure('set up ledger (again: nothing to do)', 0, again.env.meter, () => setUpLedger(again.platform));
  }
  const load = installAppsScript({ shared: env.shared });
  measure('load Orders tab', size, load.env.meter, () => void readTable(load.platform.workbook, TABS[3]));
  const all = installAppsScript({ shared: env.shared });
  measure(
    'check ledger (load and validate all tabs)',
    size,
    all.env.meter,
    () => void checkLedger(all.platform.workbook),
  );
}

// A till sale commits with a constant number of calls, whatever the number of orders before it.
for (const size of [0, 10_000, 100_000]) {
  const setup = installAppsScript();
  setUpLedger(setup.platform);
  seedSample(setup.platform);
  openTill(setup.platform, { key: 'bench-open', till: 'Till 1', float: 10000 });
  setup.env.meter.uncounted(() => fillOrders(setup.env, size));
  const mug = sampleCatalogue()[17].product;
  const sale = installAppsScript({ shared: setup.env.shared });
  measure('till sale commit', size, sale.env.meter, () =>
    recordSale(sale.platform, {
      key: `bench-${size}`,
      till: 'Till 1',
      lines: [{ sku: mug.sku, qty: 1 }],
      payments: [{ method: 'cash', amount: mug.price, tendered: 5000 }],
    }),
  );
}

console.log('Shop Ledger benchmark: Sheets service calls and cells, counted by the Apps Script fakes');
console.table(results);
