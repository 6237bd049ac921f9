/**
 * Rebuild loyalty rewrites the balances from the entries; with a Loyalty row it cannot read it
 * would leave that row out and lower a balance, so it refuses, naming the cells, and writes nothing.
 */
import { loadContext } from '../../../src/app/ledger-context';
import { postLoyalty } from '../../../src/app/loyalty/post-entries';
import { rebuildLoyalty } from '../../../src/app/loyalty/rebuild';
import { createCustomer } from '../../../src/app/till/customers';
import { entryPoints } from '../../../src/gas/entry-points';
import { LedgerError } from '../../../src/ledger/problem';
import { tillLedger } from '../../helpers/till-ledger';

type Env = ReturnType<typeof tillLedger>['env'];
const values = (env: Env, tab: string) =>
  env.meter.uncounted(() => env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues() ?? []);

/** Ana with 7.00 + 3.00 of credit, her cache showing 99.00, and the 3.00 entry's Amount typed over. */
function badEntry() {
  const s = tillLedger();
  const ana = createCustomer(s.platform, { key: 'c1', name: 'Ana', email: 'ana@example.com' });
  postLoyalty(
    s.platform,
    loadContext(s.platform.workbook),
    [
      { customerId: ana.customerId, amount: 700, kind: 'adjust', orderId: '', expires: null, key: 'a' },
      { customerId: ana.customerId, amount: 300, kind: 'adjust', orderId: '', expires: null, key: 'b' },
    ],
    Date.UTC(2026, 0, 1),
  );
  s.env.meter.uncounted(() => {
    const customers = s.env.spreadsheet.getSheetByName('Customers');
    const header = customers?.getDataRange().getValues()[0] ?? [];
    customers?.getRange(2, header.indexOf('Loyalty balance') + 1).setValue(99);
    s.env.spreadsheet.getSheetByName('Loyalty')?.getRange(3, 4).setValue('three');
  });
  return s;
}

test('a Loyalty row with a bad cell: Rebuild loyalty refuses, lists the cell and what to fix, and writes nothing', () => {
  const { env, platform } = badEntry();
  const before = ['Customers', 'Loyalty'].map((t) => values(env, t));
  let refusal: unknown;
  try {
    rebuildLoyalty(platform);
  } catch (e) {
    refusal = e;
  }
  expect(refusal).toBeInstanceOf(LedgerError);
  const { message, problems } = refusal as LedgerError;
  expect(problems).toEqual([{ tab: 'Loyalty', cell: 'D3', message: expect.stringMatching(/Amount/) }]);
  expect(message).toMatch(/^Rebuild loyalty changed nothing: 1 Loyalty row cannot be read/);
  expect(message).toContain('Loyalty!D3: ');
  expect(message).toMatch(/Correct the cells above, then run Rebuild loyalty again\.$/m);
  expect(['Customers', 'Loyalty'].map((t) => values(env, t))).toEqual(before);
});

test('the menu item shows the refusal with the cells in an alert, rather than failing', () => {
  const { env } = badEntry();
  const before = values(env, 'Customers');
  entryPoints.menuRebuildLoyalty();
  expect(env.ui.alerts.at(-1)?.message).toMatch(/Rebuild loyalty changed nothing[\s\S]*Loyalty!D3: /);
  expect(values(env, 'Customers')).toEqual(before);
});

test('once the cell is corrected, Rebuild loyalty rewrites the balance from every entry', () => {
  const { env, platform } = badEntry();
  env.meter.uncounted(() => env.spreadsheet.getSheetByName('Loyalty')?.getRange(3, 4).setValue(3));
  expect(rebuildLoyalty(platform)).toBe(1);
  const [header, ana] = values(env, 'Customers');
  expect(ana[header.indexOf('Loyalty balance')]).toBe(10);
});
