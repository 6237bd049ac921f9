import { recordSale } from '../../src/app/till/record-sale';
import { entryPoints } from '../../src/gas/entry-points';
import { MENU_ITEMS } from '../../src/gas/menu';
import { COFFEE, cashSale, tillLedger } from '../helpers/till-ledger';

test('the menu item "Rebuild summaries" rewrites the summary tabs and says how many rows', () => {
  expect(MENU_ITEMS).toContainEqual(['Rebuild summaries', 'menuRebuildSummaries']);
  const { env, platform } = tillLedger();
  recordSale(platform, cashSale('s1', [{ sku: COFFEE.sku, qty: 1 }], COFFEE.price));
  entryPoints.menuRebuildSummaries();
  expect(env.ui.alerts.at(-1)?.message).toMatch(
    /^Rebuilt the summaries from 1 orders: Sales by Channel 2 rows, Payments by Method 2 rows, VAT Summary 1 rows\.$/,
  );
  const sales = env.meter.uncounted(() =>
    env.spreadsheet.getSheetByName('Sales by Channel')?.getDataRange().getValues(),
  );
  expect(sales?.slice(1).map((row) => [row[0], row[2], row[3], row[5]])).toEqual([
    ['day', 'Store', 1, COFFEE.price / 100],
    ['month', 'Store', 1, COFFEE.price / 100],
  ]);
  // Money columns show the currency.
  const format = env.meter.uncounted(() =>
    env.spreadsheet.getSheetByName('Sales by Channel')?.getRange(2, 6).getNumberFormat(),
  );
  expect(format).toContain('€');
});
