/**
 * The `shop-ledger` CLI contract, end to end on real .xlsx files: exit 0 on success, 1 on a problem in
 * the ledger or the input (with a message saying what and where), 2 on a usage error (with the usage
 * on stderr); --json is machine output; every command has --help.
 *
 * Most tests call runCli in-process with captured output; one spawns the real bin/shop-ledger.js.
 */

import { spawnSync } from 'node:child_process';
import { promises as fsp, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { isValidEan13 } from '../../src/core/barcode';
import { DEMO_LEDGER } from '../../src/node/commands/demo';
import { acquireFileLock } from '../../src/node/file-lock';
import { loadXlsx } from '../../src/node/xlsx-file';
import type { CellValue } from '../../src/platform/workbook';
import { records } from '../app/stock/stock-ledger';
import { captureCli, expectUnchanged, fileState } from '../helpers/cli';

const REPO = join(__dirname, '..', '..');

const ALL_TABS = [
  'Products',
  'Stock',
  'Movements',
  'Orders',
  'Order Lines',
  'Payments',
  'Customers',
  'Loyalty',
  'Web Codes',
  'Till Sessions',
  'Till Cash',
  'Transfers',
  'Sync Problems',
  'Sync Log',
  'Shop Stock',
  'Invoices',
  'Sales by Channel',
  'Payments by Method',
  'VAT Summary',
  'Settings',
];
const PRODUCTS_HEADERS = ['SKU', 'Barcode', 'Name', 'Price', 'VAT %', 'Cost', 'Active', 'Reorder point'];
const ORDERS_HEADERS = [
  'Order ID',
  'Type',
  'Channel',
  'Shop',
  'External ID',
  'Order No',
  'Status',
  'Created',
  'Customer ID',
  'Net',
  'VAT',
  'Total',
  'Currency',
  'Invoice No',
  'Refund of',
  'Key',
  'Till',
  'Fulfilment',
  'Tracking', // beyond the contract: which till rang the sale
];

let dir: string;

beforeEach(async () => {
  // realpath: the lock and the messages name the real path (macOS's /var is /private/var).
  dir = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'shop-ledger-cli-')));
});

afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => captureCli(argv, { strict: true });

async function initLedger(name = 'ledger.xlsx', ...flags: string[]): Promise<string> {
  const path = join(dir, name);
  const r = await cli('init', '--ledger', path, ...flags);
  expect(r).toMatchObject({ code: 0, err: '' });
  return path;
}

describe('--help', () => {
  test.each([
    { command: [], usage: 'Usage: shop-ledger [options] [command]', names: ['init', 'check', 'demo'] },
    {
      command: ['init'],
      usage: 'Usage: shop-ledger init [options]',
      names: ['--ledger <file>', '--sample', '--time-zone <zone>', '--json'],
    },
    { command: ['check'], usage: 'Usage: shop-ledger check [options]', names: ['--ledger <file>', '--json'] },
    { command: ['demo'], usage: 'Usage: shop-ledger demo [options]', names: ['--ledger <file>'] },
  ])(
    'shop-ledger $command --help: exit 0, the usage and every flag on stdout',
    async ({ command, usage, names }) => {
      const r = await cli(...command, '--help');
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      expect(r.out.startsWith(usage)).toBe(true);
      for (const name of names) expect(r.out).toContain(name);
      expect(await fsp.readdir(dir)).toEqual([]);
    },
  );

  test.each([[[]], [['init']], [['check']], [['demo']]])(
    'shop-ledger help %j: exit 0, the same help',
    async (command) => {
      const r = await cli('help', ...command);
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      expect(r.out).toBe((await cli(...command, '--help')).out);
    },
  );
});

describe('usage errors: exit 2, the usage on stderr, nothing on stdout', () => {
  test.each([
    { why: 'no arguments', argv: [], message: '', usage: 'Usage: shop-ledger [options] [command]' },
    {
      why: 'an unknown command',
      argv: ['frobnicate'],
      message: "error: unknown command 'frobnicate'",
      usage: 'Usage: shop-ledger [options] [command]',
    },
    {
      why: 'an unknown flag',
      argv: ['check', '--ledger', 'ledger.xlsx', '--bogus'],
      message: "error: unknown option '--bogus'",
      usage: 'Usage: shop-ledger check [options]',
    },
    {
      why: 'help for an unknown command',
      argv: ['help', 'frobnicate'],
      message: '',
      usage: 'Usage: shop-ledger [options] [command]',
    },
    {
      why: 'init without --ledger',
      argv: ['init'],
      message: "error: required option '--ledger <file>' not specified",
      usage: 'Usage: shop-ledger init [options]',
    },
    {
      why: 'check without --ledger',
      argv: ['check', '--json'],
      message: "error: required option '--ledger <file>' not specified",
      usage: 'Usage: shop-ledger check [options]',
    },
    {
      why: '--ledger without its value',
      argv: ['init', '--ledger'],
      message: "error: option '--ledger <file>' argument missing",
      usage: 'Usage: shop-ledger init [options]',
    },
  ])('$why', async ({ argv, message, usage }) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(message);
    expect(r.err).toContain(usage);
    expect(await fsp.readdir(dir)).toEqual([]);
  });
});

describe('init', () => {
  test('creates the ledger with every tab; run again it changes nothing and says so', async () => {
    const path = join(dir, 'shop.xlsx');
    const first = await cli('init', '--ledger', path, '--time-zone', 'Europe/Madrid');
    expect(first.code).toBe(0);
    expect(first.err).toBe('');
    expect(first.out).toContain(`Created the tabs ${ALL_TABS.join(', ')}.`);
    expect(first.out).toContain(`Ledger: ${path}`);

    const wb = await loadXlsx(path);
    // Set up also places the chart of sales by channel, over its own small data tab.
    expect(wb.tabNames()).toEqual([...ALL_TABS, 'Chart data']);
    expect(wb.readHeader('Products')).toEqual(PRODUCTS_HEADERS);
    expect(wb.readHeader('Orders')).toEqual(ORDERS_HEADERS);
    expect(wb.read('Products')).toHaveLength(1); // headers only
    expect(wb.timeZone()).toBe('Europe/Madrid');
    const settings = new Map(records(wb, 'Settings').map((r) => [r.Key, r.Value]));
    expect(settings.get('Currency')).toBe('EUR');

    const before = await fileState(path);
    const again = await cli('init', '--ledger', path);
    expect(again.code).toBe(0);
    expect(again.err).toBe('');
    expect(again.out).toContain('The ledger is already set up: nothing was changed.');
    expect(again.out).not.toContain('Created');
    await expectUnchanged(path, before);
    // The lock folder is gone and no temp file was left behind.
    expect(await fsp.readdir(dir)).toEqual(['shop.xlsx']);
  });

  test('--json prints one parseable JSON document with setup.tabsCreated', async () => {
    const path = join(dir, 'ledger.xlsx');
    const first = await cli('init', '--ledger', path, '--json');
    expect(first.code).toBe(0);
    expect(first.err).toBe('');
    const result = JSON.parse(first.out);
    expect(result.ledger).toBe(path);
    expect(result.setup.tabsCreated).toEqual(ALL_TABS);
    expect(result.setup.columnsAdded).toEqual([]);
    expect(result.setup.settingsAdded).toEqual(expect.arrayContaining(['Currency', 'Locations']));
    expect(result.sample).toBeNull();

    const again = JSON.parse((await cli('init', '--ledger', path, '--json')).out);
    expect(again.setup).toEqual({ tabsCreated: [], columnsAdded: [], settingsAdded: [] });
  });

  test('--sample adds 30 products at 10 % and 21 % VAT with valid EAN-13s, and Store and Warehouse stock', async () => {
    const path = join(dir, 'ledger.xlsx');
    const r = await cli('init', '--ledger', path, '--sample');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('Added the sample catalogue: 30 products and 60 opening stock moves.');

    const wb = await loadXlsx(path);
    const products = records(wb, 'Products');
    expect(products).toHaveLength(30);
    const skus = products.map((p) => p.SKU);
    expect(new Set(skus).size).toBe(30);
    expect([...new Set(products.map((p) => p['VAT %']))].sort()).toEqual([10, 21]);
    for (const p of products) {
      expect(typeof p.Barcode).toBe('string');
      expect([p.SKU, isValidEan13(p.Barcode as string)]).toEqual([p.SKU, true]);
      expect(typeof p.Price).toBe('number');
    }
    expect(new Set(products.map((p) => p.Barcode)).size).toBe(30);

    const stock = records(wb, 'Stock');
    const where = new Map<CellValue, CellValue[]>();
    for (const s of stock) where.set(s.SKU, [...(where.get(s.SKU) ?? []), s.Location]);
    expect([...where.keys()].sort()).toEqual([...skus].sort());
    for (const locations of where.values()) expect([...locations].sort()).toEqual(['Store', 'Warehouse']);
    for (const s of stock) expect(Number.isInteger(s['On hand'])).toBe(true);
    expect(records(wb, 'Movements')).toHaveLength(60);

    // The sample ledger passes its own check.
    expect(await cli('check', '--ledger', path, '--json')).toEqual({
      code: 0,
      out: '{"ok":true,"problems":[]}\n',
      err: '',
    });
  });

  test('--sample on a ledger that has products: exit 1, says so, and leaves the file as it was', async () => {
    const path = await initLedger('ledger.xlsx', '--sample');
    const before = await fileState(path);
    const r = await cli('init', '--ledger', path, '--sample');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      /^shop-ledger: The ledger already has 30 products, so the sample catalogue was not/,
    );
    await expectUnchanged(path, before);
    expect(await fsp.readdir(dir)).toEqual(['ledger.xlsx']);
  });

  test('a bad --time-zone or a name without .xlsx: exit 1 and no file', async () => {
    const zone = await cli('init', '--ledger', join(dir, 'a.xlsx'), '--time-zone', 'Mars/Olympus');
    expect(zone.code).toBe(1);
    expect(zone.err).toContain('"Mars/Olympus" is not a time zone');
    const csv = await cli('init', '--ledger', join(dir, 'ledger.csv'));
    expect(csv.code).toBe(1);
    expect(csv.err).toContain('must end in .xlsx');
    expect(await fsp.readdir(dir)).toEqual([]);
  });
});

describe('check', () => {
  test('a fresh ledger: --json prints exactly {"ok":true,"problems":[]}; the human output says so', async () => {
    const path = await initLedger();
    const before = await fileState(path);
    const json = await cli('check', '--ledger', path, '--json');
    expect(json).toEqual({ code: 0, out: '{"ok":true,"problems":[]}\n', err: '' });
    const human = await cli('check', '--ledger', path);
    expect(human).toEqual({ code: 0, out: 'The ledger is in order: no problems found.\n', err: '' });
    await expectUnchanged(path, before);
  });

  test('a ledger edited by hand: exit 1 and every problem with its tab and cell; a blank row is fine', async () => {
    const path = await initLedger('ledger.xlsx', '--sample');

    // Edit it as a person would in a spreadsheet program.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const products = book.getWorksheet('Products');
    const orders = book.getWorksheet('Orders');
    if (!products || !orders) throw new Error('the sample ledger lacks Products or Orders');
    expect([
      products.getCell('A1').value,
      products.getCell('D1').value,
      products.getCell('E1').value,
    ]).toEqual(['SKU', 'Price', 'VAT %']);
    products.getCell('D3').value = 'abc'; // a text price
    products.getCell('E4').value = 150; // a VAT rate of 150 %
    products.spliceRows(10, 0, []); // a blank row in the middle: rows 10.. move down one
    expect(products.getRow(10).cellCount).toBe(0);
    const firstSku = products.getCell('A2').value;
    expect(typeof firstSku).toBe('string');
    products.getCell('A12').value = firstSku; // a duplicate SKU, below the blank row
    expect(orders.getCell('G1').value).toBe('Status');
    orders.getCell('G1').value = null; // a required header deleted on another tab
    await book.xlsx.writeFile(path);
    const edited = await fileState(path);

    const json = await cli('check', '--ledger', path, '--json');
    expect(json.code).toBe(1);
    expect(json.err).toBe('');
    const report = JSON.parse(json.out);
    expect(report.ok).toBe(false);
    const byCell = [...report.problems].sort((a, b) =>
      `${a.tab}!${a.cell}`.localeCompare(`${b.tab}!${b.cell}`),
    );
    expect(byCell).toEqual([
      {
        tab: 'Orders',
        cell: '',
        message: expect.stringContaining('The tab "Orders" has no "Status" column'),
      },
      {
        tab: 'Products',
        cell: 'A12',
        message: expect.stringContaining(`SKU "${firstSku}" is used twice: in row 2 (A2) and row 12.`),
      },
      {
        tab: 'Products',
        cell: 'D3',
        message: 'Price "abc" is not a number. Type the amount as a number, like 12.50.',
      },
      {
        tab: 'Products',
        cell: 'E4',
        message: expect.stringContaining('VAT % 150 is not a valid VAT rate'),
      },
    ]);

    const human = await cli('check', '--ledger', path);
    expect(human.code).toBe(1);
    expect(human.err).toBe('');
    const lines = human.out.trimEnd().split('\n');
    expect(lines[0]).toBe('4 problem(s) found:');
    expect(lines).toHaveLength(5);
    for (const ref of [
      'Products!D3: Price "abc"',
      'Products!E4: VAT % 150',
      'Products!A12: SKU',
      'Orders: ',
    ]) {
      expect(lines.filter((l) => l.startsWith(`  ${ref}`))).toHaveLength(1);
    }
    // check only reads.
    await expectUnchanged(path, edited);
  });

  test('no ledger: exit 1, naming the path and how to create it, and no file is made', async () => {
    const path = join(dir, 'missing.xlsx');
    const r = await cli('check', '--ledger', path, '--json');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `shop-ledger: No ledger at ${path}. Create one with: npx shop-ledger init --ledger ${path}\n`,
    );
    expect(await fsp.readdir(dir)).toEqual([]);
  });

  test('a file that is not an .xlsx workbook: exit 1 with a clear message; init does not overwrite it', async () => {
    const path = join(dir, 'notes.xlsx');
    await fsp.writeFile(path, 'SKU,Name\nMUG,Mug\n');
    const before = await fileState(path);
    const r = await cli('check', '--ledger', path);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      new RegExp(`^shop-ledger: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not an \\.xlsx workbook: `),
    );
    expect(r.err).not.toContain('unexpected error');

    const init = await cli('init', '--ledger', path);
    expect(init.code).toBe(1);
    expect(init.err).toContain('is not an .xlsx workbook');
    await expectUnchanged(path, before);
    expect(await fsp.readdir(dir)).toEqual(['notes.xlsx']);
  });
});

describe('a ledger in use by another command', () => {
  const saved = process.env.SHOP_LEDGER_LOCK_WAIT_MS;
  afterEach(() => {
    if (saved === undefined) delete process.env.SHOP_LEDGER_LOCK_WAIT_MS;
    else process.env.SHOP_LEDGER_LOCK_WAIT_MS = saved;
  });

  test('check and init wait SHOP_LEDGER_LOCK_WAIT_MS, then exit 1 saying so, writing nothing', async () => {
    const path = await initLedger();
    const before = await fileState(path);
    process.env.SHOP_LEDGER_LOCK_WAIT_MS = '300';
    const release = await acquireFileLock(path, { waitMs: 0 });
    try {
      const started = Date.now();
      const check = await cli('check', '--ledger', path, '--json');
      const waited = Date.now() - started;
      expect(check.code).toBe(1);
      expect(check.out).toBe('');
      expect(check.err).toContain(`shop-ledger: ${path} is in use by another shop-ledger command`);
      expect(check.err).toContain('Nothing was written: try again.');
      expect(waited).toBeGreaterThanOrEqual(250);
      expect(waited).toBeLessThan(5000);

      const init = await cli('init', '--ledger', path, '--sample');
      expect(init.code).toBe(1);
      expect(init.err).toContain('is in use by another shop-ledger command');
      await expectUnchanged(path, before);
      expect((await fsp.readdir(dir)).sort()).toEqual(['ledger.xlsx', 'ledger.xlsx.lock']);
    } finally {
      await release();
    }
    // Once the other command is done, the same command works.
    expect((await cli('check', '--ledger', path)).code).toBe(0);
    expect(await fsp.readdir(dir)).toEqual(['ledger.xlsx']);
  });
});

describe('demo', () => {
  test('writes the named ledger, says so, and ends with a check that finds no problems', async () => {
    const path = join(dir, 'my-demo.xlsx');
    const r = await cli('demo', '--ledger', path);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('1. Create the ledger with a sample catalogue (shop-ledger init --sample)');
    expect(lines).toContain('   Products: 30, at VAT rates 10 % and 21 %');
    // The cross-channel story: Ana's web order returned at the counter, her credit spent at the till.
    const story = lines.indexOf(
      '6. One customer in both channels: a web order returned at the counter, the credit spent at the till',
    );
    expect(story).toBeGreaterThan(0);
    const told = lines.slice(story).join('\n');
    expect(told).toMatch(
      /the sync matched her web orders by email: \d+ orders in both channels, store credit €\d+\.\d\d/,
    );
    expect(told).toMatch(/Returned: O-\d+ of \d+ .*corrective invoice R-\d{4}-\d{6} citing W-\d{4}-\d{6}/);
    expect(told).toMatch(/earned taken back; balance €\d+\.\d\d/);
    expect(told).toMatch(/in store credit and the rest by card; credit earned €\d+\.\d\d, left €0\.\d\d/);
    expect(told).toMatch(/\n +\d{4}-\d\d-\d\d {2}Store .*\n +\d{4}-\d\d-\d\d {2}Web +\d+ +return -€/);
    const report = lines.indexOf(
      '7. The per-channel report, with the summary tabs rebuilt (shop-ledger report --rebuild)',
    );
    expect(report).toBeGreaterThan(story);
    expect(report).toBeGreaterThan(0);
    expect(lines[report + 1]).toMatch(/^ {3}Rebuilt the summary tabs: /);
    expect(lines.slice(report)).toContain('   All time (EUR):');
    const step3 = lines.indexOf(
      '8. Check the ledger, the invoice numbering and hash chain included (shop-ledger check)',
    );
    expect(step3).toBeGreaterThan(report);
    expect(lines[step3 + 2]).toMatch(/^ {3}Invoice chain verified: \d+ invoices \(R \d+, T \d+, W \d+\)/);
    expect(lines.slice(step3 + 1)).toEqual([
      '   The ledger is in order: no problems found.',
      lines[step3 + 2],
      '',
      `Wrote ${path}. Open it in Google Sheets, Excel or LibreOffice.`,
    ]);
    expect((await cli('check', '--ledger', path)).code).toBe(0);
    expect(await fsp.readdir(dir)).toEqual(['my-demo.xlsx']);
  });

  test('run twice, it replaces its own demo ledger', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const path = join(dir, DEMO_LEDGER);
      const first = await cli('demo');
      expect(first.code).toBe(0);
      expect(first.out).toContain(`Wrote ${path}.`);
      const before = await fileState(path);

      const second = await cli('demo', '--ledger', DEMO_LEDGER);
      expect(second.code).toBe(0);
      expect(second.err).toBe('');
      expect(second.out.startsWith('Removed the previous demo ledger.\n')).toBe(true);
      expect(second.out).toContain('   The ledger is in order: no problems found.');
      expect(second.out).toContain(`Wrote ${path}.`);
      // A fresh ledger, not the old one with a second sample catalogue.
      expect((await fsp.stat(path)).mtimeMs).toBeGreaterThanOrEqual(before.mtimeMs);
      expect(records(await loadXlsx(path), 'Products')).toHaveLength(30);
      expect(await fsp.readdir(dir)).toEqual([DEMO_LEDGER]);
    } finally {
      process.chdir(cwd);
    }
  });

  test('--ledger naming a file that exists (not the demo’s own): exit 1, the file untouched', async () => {
    const path = await initLedger('existing-other.xlsx');
    const before = await fileState(path);
    const r = await cli('demo', '--ledger', path);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `shop-ledger: ${path} already exists. The demo writes a fresh ledger: name a new file, or delete this one.\n`,
    );
    await expectUnchanged(path, before);
    expect(await fsp.readdir(dir)).toEqual(['existing-other.xlsx']);
  });
});

describe('the installed entry bin/shop-ledger.js', () => {
  test('runs --help (exit 0) and passes a usage error on as exit 2', () => {
    const bin = join(REPO, 'bin', 'shop-ledger.js');
    // The first run may bundle src/ with esbuild.
    const help = spawnSync(process.execPath, [bin, '--help'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 25_000,
    });
    expect(help.error).toBeUndefined();
    expect({ status: help.status, stderr: help.stderr }).toEqual({ status: 0, stderr: '' });
    expect(help.stdout).toContain('Usage: shop-ledger [options] [command]');
    for (const command of ['init', 'check', 'demo'])
      expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));

    const usage = spawnSync(process.execPath, [bin, 'frobnicate'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 25_000,
    });
    expect(usage.status).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toContain("error: unknown command 'frobnicate'");
    expect(readdirSync(dir)).toEqual([]);
  }, 30_000);
});
