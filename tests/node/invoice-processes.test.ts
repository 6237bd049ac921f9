/**
 * Several `shop-ledger sale` processes at once against one .xlsx, through the file lock: every
 * sale gets its own T number, consecutive, with no gap and no duplicate, and the chain holds.
 */
import { spawn, spawnSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/node/cli';
import { loadXlsx } from '../../src/node/xlsx-file';

const REPO = join(__dirname, '..', '..');
const BIN = join(REPO, 'bin', 'shop-ledger.js');
const PROCESSES = 24;

let dir: string;

beforeEach(async () => {
  dir = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'shop-ledger-invoices-mp-')));
});

afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<number> {
  return runCli(argv, { out: () => {}, err: () => {} });
}

function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
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
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

test(`${PROCESSES} sale processes at once: ${PROCESSES} consecutive T numbers, the chain intact`, async () => {
  const path = join(dir, 'ledger.xlsx');
  expect(await cli('init', '--ledger', path, '--sample', '--time-zone', 'Europe/Madrid')).toBe(0);
  expect(await cli('count', '--ledger', path, '--location', 'Store', '--line', 'ACC-MUG-W:1000')).toBe(0);
  expect(await cli('till', 'open', '--ledger', path, '--float', '100')).toBe(0);
  // Bundle once before the race (bin/shop-ledger.js bundles src/ on first use).
  expect(spawnSync(process.execPath, [BIN, '--help'], { cwd: dir, timeout: 60_000 }).status).toBe(0);

  const results = await Promise.all(
    Array.from({ length: PROCESSES }, (_, i) =>
      run([
        'sale',
        '--ledger',
        path,
        '--line',
        'ACC-MUG-W:1',
        '--pay',
        'card:12',
        '--key',
        `p${i}`,
        '--json',
      ]),
    ),
  );
  for (const r of results) expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
  const numbers = results.map((r) => JSON.parse(r.out).invoiceNo as string);
  const year = numbers[0].slice(2, 6);
  expect([...numbers].sort()).toEqual(
    Array.from({ length: PROCESSES }, (_, i) => `T-${year}-${String(i + 1).padStart(6, '0')}`),
  );

  const wb = await loadXlsx(path);
  const invoices = wb.read('Invoices').slice(1);
  expect(invoices.map((r) => r[0])).toEqual([...numbers].sort());
  let checkOut = '';
  const code = await runCli(['check', '--ledger', path], {
    out: (t) => {
      checkOut += t;
    },
    err: () => {},
  });
  expect({ code, checkOut }).toEqual({ code: 0, checkOut: expect.stringContaining('no problems') });
}, 180_000);
