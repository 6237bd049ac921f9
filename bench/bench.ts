/**
 * `npm run bench`: what the main operations cost in Sheets service calls and cells, as counted
 * by the Apps Script fakes, and the local wall time. Speed targets live here, not in tests.
 */
import { checkLedger } from '../src/app/check-ledger';
import { setUpLedger } from '../src/app/set-up-ledger';
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
  measure('set up ledger (new spreadsheet)', 0, env.meter, () => setUpLedger(platform));
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

console.log('Shop Ledger benchmark: Sheets service calls and cells, counted by the Apps Script fakes');
console.table(results);
