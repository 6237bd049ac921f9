/**
 * Over the Apps Script fakes: the stock commands' service calls do not grow with the Movements tab.
 * Their earlier moves are found by the spreadsheet (TextFinder on Key or Reference), never read.
 */
import { seedSample } from '../../../src/app/seed-sample';
import { setUpLedger } from '../../../src/app/set-up-ledger';
import { receiveGoods } from '../../../src/app/stock/receive-goods';
import { receiveTransfer } from '../../../src/app/stock/receive-transfer';
import { sendTransfer } from '../../../src/app/stock/send-transfer';
import type { Platform } from '../../../src/platform/platform';
import { installAppsScript } from '../../helpers/apps-script';

/** A sample ledger whose Movements tab holds `extra` more rows, and a fresh execution on it. */
function ledgerWithMoves(extra: number, prepare: (p: Platform) => void = () => {}) {
  const setup = installAppsScript();
  setUpLedger(setup.platform);
  seedSample(setup.platform);
  const when = new Date(Date.UTC(2026, 0, 1));
  const rows = Array.from({ length: extra }, (_, i) => [
    `OLD-${i}`,
    when,
    'COF-ETH-250',
    1,
    'Supplier',
    'Loss',
    'adjustment',
    `OLD-${i}`,
    `old-${i}`,
  ]);
  const first = setup.platform.workbook.lastRow('Movements') + 1;
  setup.platform.workbook.write('Movements', first, 1, rows);
  // Room below, so that neither ledger has to grow its grid for the new rows.
  const sheet = setup.env.spreadsheet.getSheetByName('Movements');
  sheet?.insertRowsAfter(sheet.getMaxRows(), 1000);
  prepare(setup.platform);
  const run = installAppsScript({ shared: setup.env.shared });
  return run;
}

test('receiving goods costs the same service calls with 10 or 20,000 rows of Movements', () => {
  const counts = [10, 20_000].map((n) => {
    const run = ledgerWithMoves(n);
    const r = receiveGoods(run.platform, {
      key: 'delivery-1',
      location: 'Store',
      lines: [
        { sku: 'COF-ETH-250', qty: 6 },
        { sku: 'TEA-SEN-100', qty: 2 },
      ],
    });
    expect(r.reference).toBe('GR-000001');
    const calls = run.env.meter.snapshot().byMethod;
    // The retry is constant too: a search, and a read of its own rows.
    const retry = installAppsScript({ shared: run.env.shared });
    expect(
      receiveGoods(retry.platform, { key: 'delivery-1', location: 'Store', lines: [{ sku: 'X', qty: 1 }] })
        .repeated,
    ).toBe(true);
    return { calls, retry: retry.env.meter.snapshot().byMethod, cells: run.env.meter.cellsRead };
  });
  expect(counts[0].calls['Range.getValues']).toBeGreaterThan(0);
  expect(counts[1].calls).toEqual(counts[0].calls);
  expect(counts[1].retry).toEqual(counts[0].retry);
  // And it never reads the Movements rows: the cells read do not grow either.
  expect(counts[1].cells).toBe(counts[0].cells);
  expect(counts[0].calls['Range.setValues']).toBe(2); // the moves, and one Stock block
  expect(counts[0].calls['SpreadsheetApp.flush']).toBe(1);
});

test('sending and receiving a transfer cost the same calls with 10 or 20,000 rows of Movements', () => {
  const counts = [10, 20_000].map((n) => {
    const run = ledgerWithMoves(n, (p) => {
      sendTransfer(p, {
        key: 'send-1',
        from: 'Warehouse',
        to: 'Store',
        lines: [{ sku: 'COF-ETH-250', qty: 5 }],
      });
    });
    const sent = sendTransfer(run.platform, {
      key: 'send-2',
      from: 'Warehouse',
      to: 'Store',
      lines: [{ sku: 'TEA-SEN-100', qty: 5 }],
    });
    const send = run.env.meter.snapshot();
    const receive = installAppsScript({ shared: run.env.shared });
    receiveTransfer(receive.platform, { key: 'receive-1', transferId: 'TR-000001' });
    return { sent: sent.transferId, send, receive: receive.env.meter.snapshot() };
  });
  expect(counts[1].sent).toBe('TR-000002');
  expect(counts[1].send.byMethod).toEqual(counts[0].send.byMethod);
  expect(counts[1].send.cellsRead).toBe(counts[0].send.cellsRead);
  expect(counts[1].receive.byMethod).toEqual(counts[0].receive.byMethod);
  expect(counts[1].receive.cellsRead).toBe(counts[0].receive.cellsRead);
});
