/**
 * `shop-ledger order to-collect|collect|ship` and `shop-ledger exchange` in-process on a real .xlsx
 * file: a click-and-collect web order handed over once, a tracking number set, an exchange at the
 * till with its difference, refusals with exit 1 and usage errors with exit 2.
 */
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importOrders } from '../../src/app/sync/import-orders';
import { onStockLedger } from '../../src/node/commands/stock-common';
import { loadXlsx } from '../../src/node/xlsx-file';
import { records } from '../app/stock/stock-ledger';
import { captureCli } from '../helpers/cli';
import { productLine, webOrder } from '../helpers/web-orders';

let dir: string;
beforeEach(async () => {
  dir = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'shop-ledger-order-')));
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => captureCli(argv, { strict: true });

async function ledger(): Promise<string> {
  const path = join(dir, 'ledger.xlsx');
  expect((await cli('init', '--ledger', path, '--sample', '--time-zone', 'Europe/Madrid')).code).toBe(0);
  expect((await cli('till', 'open', '--ledger', path, '--float', '100')).code).toBe(0);
  return path;
}

/** Web orders #2001 (paid, local pickup) and #2002 (paid, to ship), imported into the file. */
async function withWebOrders(path: string) {
  await onStockLedger(path, (p) =>
    importOrders(p, 'shop', {
      orders: [
        webOrder('2001', 'paid', [productLine('ACC-MUG-W', 2, 1200)], { localPickup: true }),
        webOrder('2002', 'paid', [productLine('ACC-MUG-W', 1, 1200)]),
      ],
      problems: [],
    }),
  );
}

test('order to-collect lists the pickup order; order collect hands it over from the Store once', async () => {
  const path = await ledger();
  await withWebOrders(path);
  const list = await cli('order', 'to-collect', '--ledger', path, '--json');
  expect(list.code).toBe(0);
  expect(JSON.parse(list.out)).toEqual([
    expect.objectContaining({ orderNo: '#2001', shop: 'shop', total: 24 }),
  ]);

  const storeBefore = records(await loadXlsx(path), 'Stock').find(
    (s) => s.SKU === 'ACC-MUG-W' && s.Location === 'Store',
  )?.['On hand'] as number;
  const first = await cli('order', 'collect', '--ledger', path, '--order', '2001', '--json');
  expect(first.code).toBe(0);
  expect(JSON.parse(first.out)).toMatchObject({ orderNo: '#2001', fulfilment: 'collected', replayed: false });
  const again = await cli('order', 'collect', '--ledger', path, '--order', '#2001');
  expect(again).toMatchObject({ code: 0 });
  expect(again.out).toMatch(/Already done: #2001/);

  const wb = await loadXlsx(path);
  expect(records(wb, 'Orders').find((o) => o['Order No'] === '#2001')).toMatchObject({
    Fulfilment: 'collected',
  });
  const store = records(wb, 'Stock').find((s) => s.SKU === 'ACC-MUG-W' && s.Location === 'Store');
  expect(store?.['On hand']).toBe(storeBefore - 2);
  expect((await cli('order', 'to-collect', '--ledger', path)).out).toMatch(/No web order is waiting/);
});

test('order ship sets the tracking number; a pickup for an order that is not one is refused with exit 1', async () => {
  const path = await ledger();
  await withWebOrders(path);
  const ship = await cli(
    'order',
    'ship',
    '--ledger',
    path,
    '--order',
    '#2002',
    '--tracking',
    'TRK123',
    '--json',
  );
  expect(ship.code).toBe(0);
  expect(JSON.parse(ship.out)).toMatchObject({ fulfilment: 'shipped', tracking: 'TRK123' });
  expect(records(await loadXlsx(path), 'Orders').find((o) => o['Order No'] === '#2002')).toMatchObject({
    Fulfilment: 'shipped',
    Tracking: 'TRK123',
  });
  const wrong = await cli('order', 'collect', '--ledger', path, '--order', '#2002');
  expect(wrong.code).toBe(1);
  expect(wrong.err).toMatch(/not waiting to be collected/);
  expect((await cli('order', 'ship', '--ledger', path, '--order', '#2002')).code).toBe(2);
});

test('exchange: a mug back for two bags of coffee, the difference paid in cash; the same --key twice records one', async () => {
  const path = await ledger();
  const sale = await cli('sale', '--ledger', path, '--line', 'ACC-MUG-W:1', '--pay', 'card:12', '--json');
  const orderNo = JSON.parse(sale.out).orderNo;
  const args = [
    'exchange',
    '--ledger',
    path,
    '--order',
    orderNo,
    '--line',
    'ACC-MUG-W:1:restock',
    '--sell',
    'COF-ETH-250:2',
    '--pay',
    'cash:20',
    '--key',
    'ex-1',
    '--json',
  ];
  const first = await cli(...args);
  expect(first.code).toBe(0);
  const out = JSON.parse(first.out);
  expect(out).toMatchObject({
    returned: 12,
    sold: 25.8,
    difference: 13.8,
    method: 'cash',
    change: 6.2,
    replayed: false,
  });
  expect(out.returnInvoiceNo).toMatch(/^R-/);
  expect(out.saleInvoiceNo).toMatch(/^T-/);
  const again = await cli(...args);
  expect(JSON.parse(again.out)).toMatchObject({ saleId: out.saleId, replayed: true });
  const wb = await loadXlsx(path);
  expect(records(wb, 'Orders').map((o) => o.Key)).toEqual([expect.any(String), 'ex-1:return', 'ex-1:sale']);

  const unpaid = await cli('exchange', '--ledger', path, '--order', orderNo, '--line', 'ACC-MUG-W:1:restock');
  expect(unpaid.code).toBe(1);
  expect(unpaid.err).toMatch(/--sell/);
});
