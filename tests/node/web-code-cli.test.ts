/**
 * `shop-ledger customer web-code`, in-process on a real .xlsx ledger against the fake shop served
 * over real HTTP: a code for the balance, the same key again, the order that uses it settled by
 * `sync`, cancelling; exit 1 on a refusal, 2 on a usage error.
 */
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeShopProcess, startFakeShopProcess } from '../../src/node/fake-shop/process';
import type { FakeShopLogEntry } from '../../src/node/fake-shop/scenario';
import { FAKE_SHOPIFY_TOKEN, FAKE_WOO_KEY, FAKE_WOO_SECRET } from '../../src/node/fake-shop/scenario';
import { captureCli } from '../helpers/cli';

const NOW = Date.UTC(2026, 10, 26, 12);
let dir: string;
let ledger: string;
let shop: FakeShopProcess;

beforeEach(async () => {
  dir = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'shop-ledger-web-code-')));
  ledger = join(dir, 'ledger.xlsx');
  expect((await cli('init', '--ledger', ledger, '--sample', '--time-zone', 'Europe/Madrid')).code).toBe(0);
  expect((await cli('till', 'open', '--ledger', ledger, '--float', '100')).code).toBe(0);
  shop = await startFakeShopProcess({ now: NOW, orders: 7 });
});

afterEach(async () => {
  await shop.stop();
  await fsp.rm(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => captureCli(argv, { strict: true });
const creds = () => [
  '--shop',
  'woocommerce',
  '--url',
  shop.url,
  '--consumer-key',
  FAKE_WOO_KEY,
  '--consumer-secret',
  FAKE_WOO_SECRET,
];
const webCode = (...more: string[]) => cli('customer', 'web-code', '--ledger', ledger, ...creds(), ...more);

async function balance(): Promise<number> {
  const show = await cli('customer', 'show', '--ledger', ledger, '--customer', 'ana@example.com', '--json');
  return JSON.parse(show.out).balance as number;
}

test('a code for the balance, held; the same key gives it again; the order that uses it is settled by sync', async () => {
  // 10 mugs at 12.00 with a customer: 99.17 net → 4.95 of credit.
  const sale = await cli(
    'sale',
    '--ledger',
    ledger,
    '--line',
    'ACC-MUG-W:10',
    '--pay',
    'card:120',
    '--customer',
    'ana@example.com',
    '--json',
  );
  expect(sale.code).toBe(0);
  const credit = await balance();
  expect(credit).toBeGreaterThan(0);

  const issued = await webCode('--customer', 'ana@example.com', '--key', 'wc-1', '--json');
  expect(issued.code).toBe(0);
  const code = JSON.parse(issued.out);
  expect(code).toMatchObject({
    status: 'live',
    amount: credit,
    balance: 0,
    customerId: 'C-000001',
    currency: 'EUR',
  });
  expect(await balance()).toBe(0);

  const again = await webCode('--customer', 'ana@example.com', '--key', 'wc-1', '--json');
  expect(JSON.parse(again.out).code).toBe(code.code);
  const text = await webCode('--customer', 'C-000001', '--key', 'wc-1');
  expect(text.out).toContain(`Web code ${code.code}`);

  await shop.command({
    op: 'orderWithCode',
    order: { code: code.code, email: 'ana@example.com', lines: [['ACC-MUG-W', 1]] },
  });
  const sync = await cli(
    'sync',
    '--ledger',
    ledger,
    '--shop',
    'woocommerce',
    '--url',
    shop.url,
    '--key',
    FAKE_WOO_KEY,
    '--secret',
    FAKE_WOO_SECRET,
    '--since',
    '2026-11-01',
  );
  expect(sync.code).toBe(0);
  const cancel = await webCode('--cancel', code.code, '--json');
  expect(JSON.parse(cancel.out)).toMatchObject({ status: 'used', orderId: expect.stringMatching(/^O-/) });
  // The code's credit went to the order; the order (12.00 less the code) earned on what was paid.
  expect(await balance()).toBeLessThan(credit);
});

test('refusals exit 1 and usage errors exit 2', async () => {
  const none = await webCode('--customer', 'ana@example.com');
  expect(none.code).toBe(1);
  expect(none.err).toMatch(/No customer matches|no store credit/);
  expect((await webCode()).code).toBe(2);
  expect(
    (
      await cli(
        'customer',
        'web-code',
        '--ledger',
        ledger,
        '--shop',
        'woocommerce',
        '--url',
        shop.url,
        '--customer',
        'C-000001',
      )
    ).code,
  ).toBe(2);
  const unknown = await webCode('--cancel', 'SL-NOPE0-00000');
  expect(unknown.code).toBe(1);
  expect(unknown.err).toMatch(/No web code SL-NOPE0-00000/);
});

test('a shop that did not answer clearly: the file keeps the hold and the pending code (exit 1, with the key); the same key finishes that code', async () => {
  const sale = await cli(
    'sale',
    '--ledger',
    ledger,
    '--line',
    'ACC-MUG-W:10',
    '--pay',
    'card:120',
    '--customer',
    'ana@example.com',
  );
  expect(sale.code).toBe(0);
  const credit = await balance();
  expect(credit).toBeGreaterThan(0);
  const shopify = (...more: string[]) =>
    cli(
      'customer',
      'web-code',
      '--ledger',
      ledger,
      '--shop',
      'shopify',
      '--url',
      shop.url,
      '--token',
      FAKE_SHOPIFY_TOKEN,
      ...more,
    );
  // The create is carried out but its answer is cut off; the lookup's answer too.
  await shop.command({ op: 'failNext', fault: { malformed: true }, times: 2 });
  const first = await shopify('--customer', 'ana@example.com', '--key', 'wc-p');
  expect(first.code).toBe(1);
  expect(first.err).toMatch(/stays held.*--key wc-p/s);
  expect(await balance()).toBe(0); // the hold was saved with the file

  const again = await shopify('--customer', 'ana@example.com', '--key', 'wc-p', '--json');
  expect(again.code).toBe(0);
  expect(JSON.parse(again.out)).toMatchObject({ status: 'live', amount: credit, balance: 0 });
  const log = (await shop.command({ op: 'requests' })) as FakeShopLogEntry[];
  // One code in the shop, never a second one.
  expect(log.filter((r) => r.operation === 'discountCodeBasicCreate')).toHaveLength(1);
  expect(await balance()).toBe(0);
});
