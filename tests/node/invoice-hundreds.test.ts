/**
 * Hundreds of invoices from several executions at once: 5 processes, each recording 40 till sales
 * one after another on one .xlsx ledger, every sale a whole `shop-ledger sale` command that takes
 * the real file lock (the Lock port of the Node shell), loads the file, sells and saves. The 200
 * T numbers must be 1..200 with no gap and no duplicate, the chain must verify, and Orders must
 * hold 200 sales.
 *
 * Why 200 and not 300: each sale loads and saves the whole file under the lock, so the sales are
 * serial and each costs more as the ledger grows; 6 × 50 took about 95 s on the 2-CPU CI machine,
 * 5 × 40 about 60 s.
 */
import { spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { runCli } from '../../src/node/cli';
import { loadXlsx } from '../../src/node/xlsx-file';

const REPO = join(__dirname, '..', '..');
const LOOP = join(REPO, 'build', 'sale-loop.js');
const WORKERS = 5;
const SALES_EACH = 40;
const TOTAL = WORKERS * SALES_EACH;

let dir: string;

beforeAll(() => {
  // In build/ (as bin/shop-ledger.js does), so the bundle finds the repository's node_modules.
  buildSync({
    entryPoints: [join(REPO, 'tests', 'helpers', 'sale-loop.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outfile: LOOP,
    logLevel: 'error',
  });
});

beforeEach(async () => {
  dir = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'shop-ledger-hundreds-')));
});

afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runCli(argv, {
    out: (t) => {
      out += t;
    },
    err: () => {},
  });
  return { code, out };
}

function worker(
  ledger: string,
  id: number,
): Promise<{ code: number | null; numbers: string[]; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [LOOP, ledger, String(id), String(SALES_EACH)], {
      cwd: dir,
      env: { ...process.env, SHOP_LEDGER_LOCK_WAIT_MS: '120000' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('close', (code) => resolve({ code, numbers: code === 0 ? JSON.parse(out) : [], err }));
  });
}

test(`${WORKERS} processes × ${SALES_EACH} sales on one ledger: T-1..T-${TOTAL}, no gap, no duplicate, the chain intact`, async () => {
  const ledger = join(dir, 'ledger.xlsx');
  expect((await cli('init', '--ledger', ledger, '--sample', '--time-zone', 'Europe/Madrid')).code).toBe(0);
  expect(
    (await cli('count', '--ledger', ledger, '--location', 'Store', '--line', 'ACC-MUG-W:1000')).code,
  ).toBe(0);
  expect((await cli('till', 'open', '--ledger', ledger, '--float', '100')).code).toBe(0);

  const results = await Promise.all(Array.from({ length: WORKERS }, (_, i) => worker(ledger, i)));
  for (const r of results) expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });

  // Each worker's own numbers rise (its sales are in order); together they are exactly 1..TOTAL.
  for (const r of results) expect(r.numbers).toEqual([...r.numbers].sort());
  const numbers = results.flatMap((r) => r.numbers);
  const year = numbers[0].slice(2, 6);
  const expected = Array.from({ length: TOTAL }, (_, i) => `T-${year}-${String(i + 1).padStart(6, '0')}`);
  expect([...numbers].sort()).toEqual(expected);

  const wb = await loadXlsx(ledger);
  expect(
    wb
      .read('Invoices')
      .slice(1)
      .map((r) => r[0]),
  ).toEqual(expected);
  const orders = wb.read('Orders').slice(1);
  expect(orders.length).toBe(TOTAL);
  expect(new Set(orders.map((r) => r[0])).size).toBe(TOTAL);

  const check = await cli('check', '--ledger', ledger);
  expect(check).toEqual({ code: 0, out: expect.stringContaining('no problems') });
}, 240_000);
