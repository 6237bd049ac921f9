/** The hourly tick expires loyalty credit whose date has passed, once, even with no shop connected. */
import { loadContext } from '../../src/app/ledger-context';
import { postLoyalty } from '../../src/app/loyalty/post-entries';
import { createCustomer } from '../../src/app/till/customers';
import { tick } from '../../src/gas/sync';
import { installAppsScript } from '../helpers/apps-script';
import { tillLedger } from '../helpers/till-ledger';

afterEach(() => jest.restoreAllMocks());

test('the tick writes one expire entry per due lot, and a second tick writes none', () => {
  const { env, platform } = tillLedger({ open: false });
  const ana = createCustomer(platform, { key: 'c1', name: 'Ana', email: 'ana@example.com' });
  postLoyalty(
    platform,
    loadContext(platform.workbook),
    [
      {
        customerId: ana.customerId,
        amount: 400,
        kind: 'earn',
        orderId: 'O-1',
        expires: Date.UTC(2020, 0, 1),
        key: 'e1',
      },
    ],
    Date.UTC(2019, 0, 1),
  );
  const info = jest.spyOn(console, 'info').mockImplementation(() => {});
  installAppsScript({ shared: env.shared, hasUi: false });
  tick();
  expect(info).toHaveBeenCalledWith('Hourly tick: 1 loyalty credit lot(s) expired.');
  installAppsScript({ shared: env.shared, hasUi: false });
  tick();
  const loyalty = env.meter.uncounted(
    () => env.spreadsheet.getSheetByName('Loyalty')?.getDataRange().getValues() ?? [],
  );
  expect(loyalty.slice(1).map((r) => [r[3], r[4], r[7]])).toEqual([
    [4, 'earn', 'e1'],
    [-4, 'expire', 'expire:L-000001:2020-01-01'],
  ]);
});
