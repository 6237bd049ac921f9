/** Invoices through the CLI on a real .xlsx: `sale --json` prints the invoice number, `check` verifies the chain. */

import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadXlsx, saveXlsx } from '../../src/node/xlsx-file';
import { captureCli } from '../helpers/cli';

let dir: string;

beforeEach(async () => {
  dir = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'shop-ledger-invoice-')));
});

afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => captureCli(argv);

test('sale --json prints the T invoice number; check verifies the chain and reports a row edited by hand', async () => {
  const path = join(dir, 'ledger.xlsx');
  expect((await cli('init', '--ledger', path, '--sample', '--time-zone', 'Europe/Madrid')).code).toBe(0);
  expect((await cli('till', 'open', '--ledger', path, '--float', '100')).code).toBe(0);
  const sold = [];
  for (const key of ['a', 'b']) {
    const r = await cli(
      'sale',
      '--ledger',
      path,
      '--line',
      'ACC-MUG-W:1',
      '--pay',
      'card:12',
      '--key',
      key,
      '--json',
    );
    expect(r.err).toBe('');
    sold.push(JSON.parse(r.out).invoiceNo);
  }
  expect(sold[0]).toMatch(/^T-\d{4}-000001$/);
  expect(sold[1]).toBe(sold[0].replace(/000001$/, '000002'));
  expect(await cli('check', '--ledger', path)).toMatchObject({ code: 0 });

  const wb = await loadXlsx(path);
  wb.write('Invoices', 2, 10, [[99]]);
  await saveXlsx(wb, path);
  const checked = await cli('check', '--ledger', path);
  expect(checked.out).toMatch(/Invoices!A2.*edited by hand/);
});
