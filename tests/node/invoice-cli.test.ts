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

/** Sets a Settings value in the ledger file. */
async function setSetting(path: string, key: string, value: string): Promise<void> {
  const wb = await loadXlsx(path);
  const row = wb.read('Settings').findIndex((r) => String(r[0]).trim() === key);
  expect(row).toBeGreaterThan(0);
  wb.write('Settings', row + 1, 2, [[value]]);
  await saveXlsx(wb, path);
}

test('invoice --html writes the document of a till sale; an unknown number exits 1', async () => {
  const path = join(dir, 'ledger.xlsx');
  expect((await cli('init', '--ledger', path, '--sample', '--time-zone', 'Europe/Madrid')).code).toBe(0);
  await setSetting(path, 'Seller name', 'Tienda <Ámbar> & Co');
  await setSetting(path, 'Seller tax ID', 'B12345674');
  expect((await cli('till', 'open', '--ledger', path, '--float', '100')).code).toBe(0);
  const sale = await cli('sale', '--ledger', path, '--line', 'ACC-MUG-W:2', '--pay', 'card:24', '--json');
  expect(sale.err).toBe('');
  const invoiceNo: string = JSON.parse(sale.out).invoiceNo;

  const html = join(dir, 'out.html');
  const written = await cli('invoice', '--ledger', path, '--number', invoiceNo, '--html', html);
  expect(written).toMatchObject({ code: 0, err: '' });
  expect(written.out).toContain(invoiceNo);
  const text = await fsp.readFile(html, 'utf8');
  expect(text).toContain(invoiceNo);
  expect(text).toContain('Tienda &lt;Ámbar&gt; &amp; Co');
  expect(text).toContain('B12345674');
  expect(text).toContain('Simplified invoice');
  const [header, ...rows] = (await loadXlsx(path)).read('Invoices');
  const total = rows[0][header.indexOf('Total')];
  expect(text).toContain(`€${Number(total).toFixed(2)}`);

  const missing = await cli(
    'invoice',
    '--ledger',
    path,
    '--number',
    'T-2026-999999',
    '--html',
    join(dir, 'x.html'),
  );
  expect(missing.code).toBe(1);
  expect(missing.err).toMatch(/no invoice T-2026-999999/);
  await expect(fsp.access(join(dir, 'x.html'))).rejects.toThrow();
});
