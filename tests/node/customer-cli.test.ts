/**
 * `shop-ledger customer …` and `sale --pay credit:AMOUNT`, in-process on a real .xlsx ledger:
 * earning at the till, spending credit, the card, merge, export, forget, expiry and the balances'
 * rebuild. Exit 1 with a clear message on a refusal (the file untouched), 2 on a usage error.
 */
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureCli, expectUnchanged, fileState } from '../helpers/cli';

let dir: string;
beforeEach(async () => {
  dir = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'shop-ledger-customer-')));
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => captureCli(argv, { strict: true });

async function ledgerWithSale(): Promise<string> {
  const path = join(dir, 'ledger.xlsx');
  expect((await cli('init', '--ledger', path, '--sample', '--time-zone', 'Europe/Madrid')).code).toBe(0);
  expect((await cli('till', 'open', '--ledger', path, '--float', '100')).code).toBe(0);
  // 2 mugs at 12.00 (21 % VAT): net 19.84 → 0.99 of credit at 5 %.
  const sale = await cli(
    'sale',
    '--ledger',
    path,
    '--line',
    'ACC-MUG-W:2',
    '--pay',
    'card:24',
    '--customer',
    'ana@example.com',
    '--json',
  );
  expect(sale.code).toBe(0);
  expect(JSON.parse(sale.out).loyalty).toEqual({
    redeemed: 0,
    earned: expect.any(Number),
    balance: expect.any(Number),
  });
  return path;
}

test('credit earned at the till is spent with --pay credit, shown on the receipt; over the balance is refused', async () => {
  const path = await ledgerWithSale();
  const show = JSON.parse(
    (await cli('customer', 'show', '--ledger', path, '--customer', 'ana@example.com', '--json')).out,
  );
  expect(show).toMatchObject({ customerId: 'C-000001', email: 'ana@example.com', ordersCount: 1 });
  expect(show.history).toEqual([expect.objectContaining({ channel: 'Store', total: expect.any(Number) })]);
  const balance = show.balance as number;
  expect(balance).toBeGreaterThan(0);

  const before = await fileState(path);
  const over = await cli(
    'sale',
    '--ledger',
    path,
    '--line',
    'ACC-MUG-W:1',
    '--pay',
    `credit:${(balance + 0.01).toFixed(2)}`,
    '--pay',
    `card:${(12 - balance - 0.01).toFixed(2)}`, // the payments match the total: only the credit is too much
    '--customer',
    'ana@example.com',
  );
  expect(over.code).toBe(1);
  expect(over.err).toMatch(/has .* of store credit, less than the .* asked/);
  await expectUnchanged(path, before);

  const spent = await cli(
    'sale',
    '--ledger',
    path,
    '--line',
    'ACC-MUG-W:1',
    '--pay',
    `credit:${balance.toFixed(2)}`,
    '--pay',
    `card:${(12 - balance).toFixed(2)}`,
    '--customer',
    'ana@example.com',
  );
  expect(spent.code).toBe(0);
  expect(spent.out).toMatch(/Paid credit/);
  expect(spent.out).toMatch(/Store credit: .* used, .* earned, .* left/);
  expect((await cli('check', '--ledger', path)).code).toBe(0);
});

test('show, merge, export and forget a customer, with clear refusals', async () => {
  const path = await ledgerWithSale();
  // A duplicate made at another sale.
  expect(
    (
      await cli(
        'sale',
        '--ledger',
        path,
        '--line',
        'ACC-MUG-W:1',
        '--pay',
        'card:12',
        '--customer',
        'ana.g@example.com',
      )
    ).code,
  ).toBe(0);

  const self = await cli('customer', 'merge', '--ledger', path, '--from', 'C-000002', '--into', 'C-000002');
  expect(self.code).toBe(1);
  expect(self.err).toMatch(/cannot be merged into itself/);
  expect((await cli('customer', 'merge', '--ledger', path, '--from', 'C-000002')).code).toBe(2);

  const merged = await cli(
    'customer',
    'merge',
    '--ledger',
    path,
    '--from',
    'ana.g@example.com',
    '--into',
    'C-000001',
    '--json',
  );
  expect(merged.code).toBe(0);
  expect(JSON.parse(merged.out)).toMatchObject({ from: 'C-000002', into: 'C-000001', merged: true });
  const card = await cli('customer', 'show', '--ledger', path, '--customer', 'C-000001');
  expect(card.out).toMatch(/Merged from: C-000002/);
  expect(card.out).toMatch(/Orders: 2/);

  const out = join(dir, 'ana.json');
  expect(
    (await cli('customer', 'export', '--ledger', path, '--customer', 'C-000001', '--out', out)).code,
  ).toBe(0);
  const data = JSON.parse(await fsp.readFile(out, 'utf8'));
  expect(data.customer['Customer ID']).toBe('C-000001');
  expect(data.merged.map((m: Record<string, string>) => m['Customer ID'])).toEqual(['C-000002']);
  expect(data.orders).toHaveLength(2);
  expect(data.invoices).toHaveLength(2);
  expect(data.loyalty.length).toBeGreaterThan(0);

  const search = await cli('customer', 'forget', '--ledger', path, '--customer', 'ana@example.com');
  expect(search.code).toBe(1);
  expect(search.err).toMatch(/must be a Customer ID/);
  expect(
    JSON.parse((await cli('customer', 'forget', '--ledger', path, '--customer', 'C-000001', '--json')).out),
  ).toEqual({ customerId: 'C-000001', changed: true });
  expect((await cli('customer', 'forget', '--ledger', path, '--customer', 'C-000001')).out).toMatch(
    /forgotten already/,
  );
  const unknown = await cli('customer', 'show', '--ledger', path, '--customer', 'nobody@example.com');
  expect(unknown.code).toBe(1);
  expect(unknown.err).toMatch(/No customer matches "nobody@example.com"/);
  expect((await cli('customer', 'rebuild-balances', '--ledger', path)).out).toMatch(/nothing changed/);
  expect((await cli('customer', 'expire-credit', '--ledger', path, '--json')).out.trim()).toBe(
    '{"entries":0,"amount":0}',
  );
  expect((await cli('check', '--ledger', path)).code).toBe(0);
});
