/**
 * `shop-ledger sync` end to end: runCli in this process, a real .xlsx ledger, real HTTP to the fake
 * shop served by a child process on 127.0.0.1 (the CLI's HTTP blocks this thread while it waits).
 */

import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSync, sinceInstant, syncFailure } from '../../src/node/commands/sync';
import { type FakeShopProcess, startFakeShopProcess } from '../../src/node/fake-shop/process';
import { FAKE_SHOPIFY_TOKEN, FAKE_WOO_KEY, FAKE_WOO_SECRET } from '../../src/node/fake-shop/scenario';
import { DEFAULT_ORDER_COUNT, storyOrderIds, UNKNOWN_SKU } from '../../src/node/fake-shop/shop-data';
import type { MemoryWorkbook } from '../../src/node/memory-workbook';
import { WorkbookProperties } from '../../src/node/workbook-properties';
import { loadXlsx } from '../../src/node/xlsx-file';
import { SHOPIFY_API_VERSION } from '../../src/shops/shopify/api';
import { captureCli } from '../helpers/cli';

const NOW = Date.UTC(2026, 10, 26, 12);
const SINCE = '2026-11-01';

let dir: string;
let ledger: string;
let shop: FakeShopProcess;

beforeEach(async () => {
  dir = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'shop-ledger-sync-')));
  ledger = join(dir, 'ledger.xlsx');
  expect((await cli('init', '--ledger', ledger, '--sample', '--time-zone', 'Europe/Madrid')).code).toBe(0);
  shop = await startFakeShopProcess({ now: NOW });
});

afterEach(async () => {
  await shop.stop();
  await fsp.rm(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => captureCli(argv);

const woo = (...more: string[]) => [
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
  ...more,
];

/** Every cell of every tab, and every document property, of the saved file. */
async function everythingIn(path: string): Promise<string> {
  const wb: MemoryWorkbook = await loadXlsx(path);
  const props = new WorkbookProperties(wb);
  const cells = wb.tabNames().flatMap((tab) => wb.read(tab).flat().map(String));
  return [...cells, ...props.keys().flatMap((k) => [k, props.get(k) ?? ''])].join('\n');
}

async function records(tab: string): Promise<Record<string, unknown>[]> {
  const [header, ...rows] = (await loadXlsx(ledger)).read(tab);
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [String(h), row[i] ?? ''])));
}

test('WooCommerce --json: one sync, import then push, the contract’s JSON, exit 0 with the unknown SKU listed', async () => {
  const r = await cli(...woo('--since', SINCE, '--json'));
  expect(r).toMatchObject({ code: 0, err: '' });
  const json = JSON.parse(r.out);
  expect(Object.keys(json)).toEqual(['ordersNew', 'ordersUpdated', 'stockPushed', 'problems', 'problemList']);
  expect(json).toMatchObject({ ordersNew: DEFAULT_ORDER_COUNT + 1, ordersUpdated: 0, problems: 1 });
  expect(json.stockPushed).toBeGreaterThan(0);
  expect(json.problemList).toEqual([
    expect.objectContaining({ externalId: String(storyOrderIds().unknownSku), sku: UNKNOWN_SKU }),
  ]);
  // Three pages, then the catalogue read and the batch writes.
  const calls = (await shop.requests()).map((q) => q.operation);
  expect(calls.filter((c) => c === 'GET /orders')).toHaveLength(3);
  expect(calls).toContain('POST /products/batch');

  // The shop's name is its host with the port; the orders are in the file.
  const orders = await records('Orders');
  expect(orders).toHaveLength(DEFAULT_ORDER_COUNT + 1);
  expect(new Set(orders.map((o) => o.Shop))).toEqual(new Set([`127.0.0.1:${shop.port}`]));

  // Run again: nothing new, one call to the shop.
  await shop.clearRequests();
  const again = await cli(...woo('--json'));
  expect(again.code).toBe(0);
  expect(JSON.parse(again.out)).toEqual({
    ordersNew: 0,
    ordersUpdated: 0,
    stockPushed: 0,
    problems: 0,
    problemList: [],
  });
  expect(await shop.requests()).toHaveLength(1);
});

test('the key and secret are never written to the ledger file, nor printed', async () => {
  const r = await cli(...woo('--since', SINCE));
  expect(r.code).toBe(0);
  const printed = r.out + r.err;
  expect(printed).toMatch(
    new RegExp(`^127\\.0\\.0\\.1:${shop.port} \\(WooCommerce\\): ${DEFAULT_ORDER_COUNT + 1} new orders`),
  );
  expect(printed).toContain(
    `(shop order ${storyOrderIds().unknownSku}), line 1: SKU ${UNKNOWN_SKU} is not in the Products tab`,
  );
  const saved = await everythingIn(ledger);
  expect(saved).toContain('sync:127.0.0.1'); // the sync keeps its cursor in the file…
  for (const secret of [FAKE_WOO_KEY, FAKE_WOO_SECRET]) {
    expect(saved).not.toContain(secret); // …but never the credentials
    expect(printed).not.toContain(secret);
  }
  // Nor a refused one in the error message.
  const refused = await cli(...woo().slice(0, -1), 'cs_wrong_secret_0123456789');
  expect(refused.out + refused.err).not.toContain('cs_wrong_secret_0123456789');
});

test('--name names the shop in the ledger', async () => {
  expect((await cli(...woo('--since', SINCE, '--name', 'Web shop', '--json'))).code).toBe(0);
  expect(new Set((await records('Orders')).map((o) => o.Shop))).toEqual(new Set(['Web shop']));
});

test('a refused key: exit 1, the message says to check the key, nothing imported', async () => {
  const r = await cli(...woo('--json').slice(0, -2), 'cs_wrong', '--json');
  expect(r.code).toBe(1);
  expect(r.err).toBe(
    `shop-ledger: 127.0.0.1:${shop.port}: WooCommerce refused the credentials (HTTP 401): check the key and secret, and that they have read/write access.\n`,
  );
  expect(JSON.parse(r.out)).toMatchObject({ ordersNew: 0, ordersUpdated: 0, stockPushed: 0 });
  expect(await records('Orders')).toEqual([]);
});

test('a shop that cannot be reached: the run stops with a message naming the address (exit 1 from the CLI)', async () => {
  await shop.stop();
  const waits: number[] = [];
  const report = await runSync(
    { ledger, shop: 'woocommerce', url: shop.url, key: FAKE_WOO_KEY, secret: FAKE_WOO_SECRET },
    { wait: (ms) => waits.push(ms) },
  );
  expect(report.stoppedEarly).toBe(true);
  expect(syncFailure(report)).toMatch(
    new RegExp(
      `^127\\.0\\.0\\.1:${shop.port}: WooCommerce could not be reached at ${shop.url.replace(/\./g, '\\.')}: check the shop's address`,
    ),
  );
  expect(waits).toEqual([1000, 2000, 4000]);
  expect(await records('Orders')).toEqual([]);
});

test('Shopify: --token, the GraphQL Admin API, exit 0', async () => {
  const r = await cli(
    'sync',
    '--ledger',
    ledger,
    '--shop',
    'shopify',
    '--url',
    shop.url,
    '--token',
    FAKE_SHOPIFY_TOKEN,
    '--since',
    SINCE,
    '--json',
  );
  expect(r).toMatchObject({ code: 0, err: '' });
  expect(JSON.parse(r.out)).toMatchObject({ ordersNew: DEFAULT_ORDER_COUNT + 1, problems: 1 });
  const paths = new Set((await shop.requests()).map((q) => q.path));
  expect(paths).toEqual(new Set([`/admin/api/${SHOPIFY_API_VERSION}/graphql.json`]));
  expect(await everythingIn(ledger)).not.toContain(FAKE_SHOPIFY_TOKEN);
});

test('--help names the API paths and the Shopify version fixed in code', async () => {
  const r = await cli('sync', '--help');
  expect(r.code).toBe(0);
  for (const text of [
    '--ledger <file>',
    '--shop <platform>',
    '--url <url>',
    '--key',
    '--secret',
    '--token',
    '--name',
    '--since',
    '--json',
  ])
    expect(r.out).toContain(text);
  expect(r.out).toContain('URL/wp-json/wc/v3');
  expect(r.out).toContain(
    `version ${SHOPIFY_API_VERSION}, at URL/admin/api/${SHOPIFY_API_VERSION}/graphql.json`,
  );
});

describe('usage and input errors', () => {
  test.each([
    [
      'no --secret',
      ['--shop', 'woocommerce', '--key', FAKE_WOO_KEY],
      /--shop woocommerce needs --key ck_… and --secret cs_…/,
    ],
    ['no --token', ['--shop', 'shopify'], /--shop shopify needs --token/],
    ['an unknown platform', ['--shop', 'magento'], /argument 'magento' is invalid/],
  ])('%s: exit 2 with the usage', async (_, flags, message) => {
    const before = await fsp.readFile(ledger);
    const r = await cli('sync', '--ledger', ledger, '--url', shop.url, ...flags);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect((await fsp.readFile(ledger)).equals(before)).toBe(true);
    expect(await shop.requests()).toEqual([]);
  });

  test.each([
    ['--since', ['--since', 'last tuesday'], /--since "last tuesday" is not a date/],
    [
      'a plain-http address that is not this computer',
      ['--url', 'http://shop.example.com'],
      /is not the shop's address/,
    ],
    ['a key that is not a WooCommerce key', ['--key', 'not-a-key'], /consumer key starts with ck_/],
  ])('%s: exit 1 with the reason, the file untouched', async (_, flags, message) => {
    const args = woo();
    for (let i = 0; i < flags.length; i += 2) {
      const at = args.indexOf(flags[i]);
      if (at >= 0) args.splice(at, 2);
      args.push(flags[i], flags[i + 1]);
    }
    const before = await fsp.readFile(ledger);
    const r = await cli(...args);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect((await fsp.readFile(ledger)).equals(before)).toBe(true);
  });
});

test('--since: a date is the start of that day in the ledger’s time zone', () => {
  expect(sinceInstant('2026-11-01', 'Europe/Madrid')).toBe('2026-10-31T23:00:00.000Z');
  expect(sinceInstant('2026-07-01', 'Europe/Madrid')).toBe('2026-06-30T22:00:00.000Z');
  expect(sinceInstant('2026-11-01T09:30:00Z', 'Europe/Madrid')).toBe('2026-11-01T09:30:00.000Z');
  expect(sinceInstant('2026-11-01T09:30', 'America/New_York')).toBe('2026-11-01T09:30:00.000Z');
  expect(() => sinceInstant('2026-02-30', 'Europe/Madrid')).toThrow(/not a date/);
});
