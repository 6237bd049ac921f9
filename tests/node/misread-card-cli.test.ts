/** `shop-ledger customer show --customer CARD` with a misread card: exit 1, saying to scan it again. */
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureCli } from '../helpers/cli';

let dir: string;
beforeEach(async () => {
  dir = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'shop-ledger-card-')));
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => captureCli(argv, { strict: true });

test('the card finds the customer; one digit misread is refused as misread, not "no customer"', async () => {
  const path = join(dir, 'ledger.xlsx');
  expect((await cli('init', '--ledger', path, '--sample', '--time-zone', 'Europe/Madrid')).code).toBe(0);
  expect((await cli('till', 'open', '--ledger', path, '--float', '100')).code).toBe(0);
  const sale = ['sale', '--ledger', path, '--line', 'ACC-MUG-W:1', '--pay', 'card:12'];
  expect((await cli(...sale, '--customer', 'ana@example.com')).code).toBe(0);
  const show = (who: string) => cli('customer', 'show', '--ledger', path, '--customer', who, '--json');
  const card = JSON.parse((await show('ana@example.com')).out).loyaltyCard as string;
  expect(JSON.parse((await show(card)).out).email).toBe('ana@example.com');
  const misread = `${card.slice(0, 7)}${(Number(card[7]) + 3) % 10}${card.slice(8)}`;
  const run = await show(misread);
  expect(run.code).toBe(1);
  expect(run.err).toMatch(/^shop-ledger: This card number does not check out \(misread\?\): scan it again/);
  // The same for a sale to that card: the refusal is printed as it is, not as an unexpected error.
  const sold = await cli(...sale, '--customer', misread);
  expect(sold.code).toBe(1);
  expect(sold.err).toMatch(/^shop-ledger: This card number does not check out/);
});
