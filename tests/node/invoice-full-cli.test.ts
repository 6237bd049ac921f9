/** `shop-ledger invoice --full`: a full invoice replacing a ticket, on a real .xlsx, through the CLI. */
import { promises as fsp, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadXlsx } from '../../src/node/xlsx-file';
import { captureCli } from '../helpers/cli';

let dir: string;
beforeEach(async () => {
  dir = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'shop-ledger-full-')));
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => captureCli(argv);

async function ledgerWithTicket(): Promise<{ path: string; ticket: string }> {
  const path = join(dir, 'ledger.xlsx');
  expect((await cli('init', '--ledger', path, '--sample', '--time-zone', 'Europe/Madrid')).code).toBe(0);
  expect((await cli('till', 'open', '--ledger', path, '--float', '100')).code).toBe(0);
  const sale = await cli('sale', '--ledger', path, '--line', 'ACC-MUG-W:1', '--pay', 'card:12', '--json');
  return { path, ticket: JSON.parse(sale.out).invoiceNo };
}

const BUYER = ['--tax-id', 'X1234567L', '--name', 'Ana García', '--address', 'Calle Luna 3, Sevilla'];

test('invoice --full issues the F, --json prints it, the same --key again returns it, check passes', async () => {
  const { path, ticket } = await ledgerWithTicket();
  const html = join(dir, 'f.html');
  const first = await cli(
    'invoice',
    '--ledger',
    path,
    '--full',
    ticket,
    ...BUYER,
    '--key',
    'k1',
    '--json',
    '--html',
    html,
  );
  expect(first.err).toBe('');
  expect(first.code).toBe(0);
  const issued = JSON.parse(first.out);
  expect(issued).toEqual({
    invoiceNo: expect.stringMatching(/^F-\d{4}-000001$/),
    replaces: ticket,
    replayed: false,
    customerUpdated: '',
    html,
  });
  const doc = readFileSync(html, 'utf8');
  expect(doc).toContain(`Replaces simplified invoice ${ticket}`);
  expect(doc).toContain('Ana García');
  expect(doc).toContain('X1234567L');

  const again = await cli('invoice', '--ledger', path, '--full', ticket, ...BUYER, '--key', 'k1');
  expect(again.code).toBe(0);
  expect(again.out).toMatch(
    new RegExp(`${ticket} was already replaced by the full invoice ${issued.invoiceNo} \\(same --key\\)`),
  );
  const wb = await loadXlsx(path);
  expect(
    wb
      .read('Invoices')
      .slice(1)
      .map((r) => String(r[0]).slice(0, 1)),
  ).toEqual(['T', 'F']);
  expect(await cli('check', '--ledger', path)).toMatchObject({ code: 0 });

  // Another request for the same ticket: refused, exit 1, naming the F.
  const other = await cli('invoice', '--ledger', path, '--full', ticket, ...BUYER);
  expect(other.code).toBe(1);
  expect(other.err).toMatch(new RegExp(`already replaced by the full invoice ${issued.invoiceNo}`));
});

test('a bad tax ID is exit 1 with the reason; a missing --name is a usage error (exit 2)', async () => {
  const { path, ticket } = await ledgerWithTicket();
  const bad = await cli(
    'invoice',
    '--ledger',
    path,
    '--full',
    ticket,
    '--tax-id',
    'B12345678',
    '--name',
    'X',
    '--address',
    'Y',
  );
  expect(bad.code).toBe(1);
  expect(bad.err).toMatch(/tax ID: The CIF B12345678 has the wrong control character/);
  const usage = await cli(
    'invoice',
    '--ledger',
    path,
    '--full',
    ticket,
    '--tax-id',
    'X1234567L',
    '--address',
    'Y',
  );
  expect(usage.code).toBe(2);
  expect(usage.err).toMatch(/--full needs the customer's --name/);
  const wb = await loadXlsx(path);
  expect(wb.read('Invoices').slice(1)).toHaveLength(1);
});
