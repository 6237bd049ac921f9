/**
 * `shop-ledger customer rebuild-balances` with a Loyalty row it cannot read: exit 1, the cells to
 * correct on stderr, the file untouched (a rebuild without the row would lower a balance).
 */
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadXlsx, saveXlsx } from '../../src/node/xlsx-file';
import { captureCli, expectUnchanged, fileState } from '../helpers/cli';

let dir: string;
beforeEach(async () => {
  dir = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'shop-ledger-rebuild-')));
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => captureCli(argv, { strict: true });

test('a Loyalty Amount typed as text: rebuild-balances refuses with the cell and leaves the file untouched', async () => {
  const path = join(dir, 'ledger.xlsx');
  expect((await cli('init', '--ledger', path, '--sample', '--time-zone', 'Europe/Madrid')).code).toBe(0);
  expect((await cli('till', 'open', '--ledger', path, '--float', '100')).code).toBe(0);
  const sale = ['sale', '--ledger', path, '--line', 'ACC-MUG-W:2', '--pay', 'card:24'];
  expect((await cli(...sale, '--customer', 'ana@example.com')).code).toBe(0);
  const wb = await loadXlsx(path);
  wb.write('Loyalty', 2, 4, [['lots']]); // the earn entry's Amount
  await saveXlsx(wb, path);
  const before = await fileState(path);

  const run = await cli('customer', 'rebuild-balances', '--ledger', path);
  expect(run.code).toBe(1);
  expect(run.out).toBe('');
  expect(run.err).toMatch(/^shop-ledger: Rebuild loyalty changed nothing: 1 Loyalty row cannot be read/);
  expect(run.err).toContain('\nLoyalty!D2: ');
  expect(run.err).toContain('Correct the cells above, then run Rebuild loyalty again.');
  await expectUnchanged(path, before);
});
