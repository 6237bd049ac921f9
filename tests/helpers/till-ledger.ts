/** A sample ledger on the Apps Script fakes with Till 1 open: the starting point of till tests. */
import { seedSample } from '../../src/app/seed-sample';
import { setUpLedger } from '../../src/app/set-up-ledger';
import type { SaleDraft } from '../../src/app/till/api-types';
import { openTill } from '../../src/app/till/sessions';
import { sampleCatalogue } from '../../src/core/sample-catalogue';
import { installAppsScript } from './apps-script';

export const MUG = sampleCatalogue().find((i) => i.product.sku === 'ACC-MUG-W')?.product as ReturnType<
  typeof sampleCatalogue
>[number]['product'];
export const COFFEE = sampleCatalogue().find((i) => i.product.sku === 'COF-ETH-250')?.product as typeof MUG;

export function tillLedger(
  options: { open?: boolean; settings?: Record<string, string | number | boolean> } = {},
) {
  const setup = installAppsScript();
  setUpLedger(setup.platform);
  seedSample(setup.platform);
  if (options.settings) {
    const sheet = setup.env.spreadsheet.getSheetByName('Settings');
    const rows = sheet?.getDataRange().getValues() ?? [];
    for (const [key, value] of Object.entries(options.settings)) {
      const i = rows.findIndex((r) => r[0] === key);
      sheet?.getRange(i + 1, 2).setValue(value);
    }
  }
  if (options.open !== false) openTill(setup.platform, { key: 'open-1', till: 'Till 1', float: 10000 });
  return setup;
}

/** A fresh execution on the same spreadsheet, with its own meter. */
export function nextExecution(shared: ReturnType<typeof installAppsScript>['env']['shared']) {
  return installAppsScript({ shared });
}

export function cashSale(
  key: string,
  lines: SaleDraft['lines'],
  amount: number,
  tendered?: number,
): SaleDraft {
  return { key, till: 'Till 1', lines, payments: [{ method: 'cash', amount, tendered: tendered ?? amount }] };
}
