/**
 * `shop-ledger return` in-process on a real .xlsx file: a till sale taken back, the same --key
 * twice, refusals with exit 1 and the file untouched, usage errors with exit 2.
 */
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadXlsx } from '../../src/node/xlsx-file';
import { records } from '../app/stock/stock-ledger';
import { captureCli, expectUnchanged, fileState } from '../helpers/cli';

let dir: string;
beforeEach(async () => {
  dir = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'shop-ledger-return-')));
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => captureCli(argv, { strict: true });

/** A ledger with Till 1 open and one sale of two mugs: its receipt number. */
async function soldLedger(): Promise<{ path: string; orderNo: string }> {
  const path = join(dir, 'ledger.xlsx');
  expect((await cli('init', '--ledger', path, '--sample', '--time-zone', 'Europe/Madrid')).code).toBe(0);
  expect((await cli('till', 'open', '--ledger', path, '--float', '100')).code).toBe(0);
  const sale = await cli('sale', '--ledger', path, '--line', 'ACC-MUG-W:2', '--pay', 'card:24', '--json');
  expect(sale.code).toBe(0);
  return { path, orderNo: JSON.parse(sale.out).orderNo };
}

test('a return by receipt number: one restocked, one damaged, refunded in cash; --json says what it did', async () => {
  const { path, orderNo } = await soldLedger();
  const r = await cli(
    'return',
    '--ledger',
    path,
    '--order',
    orderNo,
    '--line',
    'ACC-MUG-W:1:restock',
    '--line',
    'ACC-MUG-W:1:damaged',
    '--refund',
    'cash',
    '--key',
    'ret-1',
    '--json',
  );
  expect(r.code).toBe(0);
  const out = JSON.parse(r.out);
  expect(out).toMatchObject({
    originalNo: orderNo,
    originalStatus: 'refunded',
    total: -24,
    refund: { method: 'cash', amount: 24 },
    replayed: false,
  });
  expect(out.invoiceNo).toMatch(/^R-/);
  const wb = await loadXlsx(path);
  expect(records(wb, 'Orders').filter((o) => o.Type === 'return')).toEqual([
    expect.objectContaining({ Status: 'refunded', Total: -24, 'Refund of': 'O-000001', Key: 'ret-1' }),
  ]);
  expect(
    records(wb, 'Movements')
      .filter((m) => m.Reason === 'return')
      .map((m) => [m.To, m.Qty]),
  ).toEqual([
    ['Store', 1],
    ['Loss', 1],
  ]);
});

test('the same --key twice records once, and the second run leaves the file untouched', async () => {
  const { path, orderNo } = await soldLedger();
  const argv = [
    'return',
    '--ledger',
    path,
    '--order',
    orderNo,
    '--line',
    'ACC-MUG-W:1:restock',
    '--refund',
    'card',
    '--key',
    'once',
  ];
  expect((await cli(...argv)).code).toBe(0);
  const before = await fileState(path);
  const again = await cli(...argv);
  expect(again.code).toBe(0);
  expect(again.out).toMatch(/^Already recorded: O-000002/);
  await expectUnchanged(path, before);
});

test.each([
  [
    'more than was sold',
    ['--line', 'ACC-MUG-W:3:restock', '--refund', 'card'],
    /at most 2 can be returned, not 3/,
  ],
  [
    'a SKU not in the order',
    ['--line', 'TEA-SEN-100:1:restock', '--refund', 'card'],
    /TEA-SEN-100 is not in order R-000001/,
  ],
])('%s: exit 1 with the reason, the file untouched', async (_name, args, message) => {
  const { path, orderNo } = await soldLedger();
  const before = await fileState(path);
  const r = await cli('return', '--ledger', path, '--order', orderNo, ...args);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(message);
  await expectUnchanged(path, before);
});

test.each([
  ['a bad disposition', ['--line', 'ACC-MUG-W:1:binned', '--refund', 'card'], /restock, damaged or lost/],
  ['a bad refund method', ['--line', 'ACC-MUG-W:1:restock', '--refund', 'cheque'], /cash, card or credit/],
  ['a line without a disposition', ['--line', 'ACC-MUG-W:1', '--refund', 'card'], /SKU:QUANTITY:DISPOSITION/],
])('%s is refused with a message', async (_name, args, message) => {
  const { path, orderNo } = await soldLedger();
  const r = await cli('return', '--ledger', path, '--order', orderNo, ...args);
  expect(r.code).not.toBe(0);
  expect(r.err).toMatch(message);
});

test('a missing --order is a usage error (exit 2)', async () => {
  const r = await cli('return', '--ledger', join(dir, 'x.xlsx'), '--refund', 'card');
  expect(r.code).toBe(2);
});
