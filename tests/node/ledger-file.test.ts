import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireFileLock, LedgerLockedError } from '../../src/node/file-lock';
import { withLedgerFile } from '../../src/node/ledger-file';
import { MemoryWorkbook } from '../../src/node/memory-workbook';
import { LedgerFileError, loadXlsx, saveXlsx } from '../../src/node/xlsx-file';
import type { Lock } from '../../src/platform/lock';

let dir: string;
let ledger: string;

beforeEach(async () => {
  dir = await fsp.mkdtemp(join(tmpdir(), 'shop-ledger-file-'));
  ledger = join(dir, 'ledger.xlsx');
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

async function existingLedger(): Promise<{ bytes: Buffer; mtimeMs: number }> {
  const wb = new MemoryWorkbook({ timeZone: 'America/New_York' });
  wb.addTab('Products');
  wb.write('Products', 1, 1, [['SKU'], ['MUG']]);
  await saveXlsx(wb, ledger);
  return { bytes: await fsp.readFile(ledger), mtimeMs: (await fsp.stat(ledger)).mtimeMs };
}

/** The lock is free if it can be taken at once. */
async function expectUnlocked(): Promise<void> {
  const release = await acquireFileLock(ledger, { waitMs: 0 });
  await release();
  expect(await fsp.readdir(dir)).not.toContain('ledger.xlsx.lock');
}

describe('withLedgerFile', () => {
  test('create makes a new ledger in the given time zone and saves what run wrote', async () => {
    const result = await withLedgerFile(
      ledger,
      { create: true, timeZone: 'America/New_York' },
      (wb, lock) => {
        lock.acquire(30_000);
        wb.addTab('Products');
        wb.write('Products', 1, 1, [['SKU']]);
        wb.flush();
        lock.release();
        return 'done';
      },
    );
    expect(result).toBe('done');
    const saved = await loadXlsx(ledger);
    expect(saved.timeZone()).toBe('America/New_York');
    expect(saved.read('Products')).toEqual([['SKU']]);
    await expectUnlocked();
  });

  test('loads an existing ledger, runs, saves the changes; the run holds the file lock', async () => {
    await existingLedger();
    await withLedgerFile(ledger, {}, async (wb) => {
      expect(wb.read('Products')).toEqual([['SKU'], ['MUG']]);
      const other = await acquireFileLock(ledger, { waitMs: 50 }).catch((e: unknown) => e);
      expect(other).toBeInstanceOf(LedgerLockedError);
      wb.write('Products', 3, 1, [['TEA']]);
    });
    expect((await loadXlsx(ledger)).read('Products')).toEqual([['SKU'], ['MUG'], ['TEA']]);
    await expectUnlocked();
  });

  test('a run that only reads does not touch the file', async () => {
    const before = await existingLedger();
    const rename = jest.spyOn(fsp, 'rename');
    try {
      const count = await withLedgerFile(ledger, {}, (wb) => wb.read('Products').length);
      expect(count).toBe(2);
      expect(rename).not.toHaveBeenCalled();
    } finally {
      rename.mockRestore();
    }
    expect(await fsp.readFile(ledger)).toEqual(before.bytes);
    expect((await fsp.stat(ledger)).mtimeMs).toBe(before.mtimeMs);
    await expectUnlocked();
  });

  test('nothing is saved when run throws, and the lock is released', async () => {
    const before = await existingLedger();
    const failure = new Error('validation failed at Products!A3');
    await expect(
      withLedgerFile(ledger, {}, (wb) => {
        wb.write('Products', 3, 1, [['HALF-DONE']]);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await fsp.readFile(ledger)).toEqual(before.bytes);
    await expectUnlocked();
  });

  test('nothing is created when a create run throws', async () => {
    await expect(
      withLedgerFile(ledger, { create: true }, (wb) => {
        wb.addTab('Products');
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await fsp.readdir(dir)).toEqual([]);
  });

  test('a missing ledger without create gives the clear error and leaves no lock behind', async () => {
    const run = jest.fn();
    const error = await withLedgerFile(ledger, {}, run).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerFileError);
    expect((error as Error).message).toBe(
      `No ledger at ${ledger}. Create one with: npx shop-ledger init --ledger ${ledger}`,
    );
    expect(run).not.toHaveBeenCalled();
    expect(await fsp.readdir(dir)).toEqual([]);
  });

  test('create refuses a name that is not .xlsx, a missing folder and an unknown time zone', async () => {
    const run = jest.fn();
    await expect(withLedgerFile(join(dir, 'shop.csv'), { create: true }, run)).rejects.toThrow(
      /must end in \.xlsx/,
    );
    await expect(withLedgerFile(join(dir, 'no', 'shop.xlsx'), { create: true }, run)).rejects.toThrow(
      /folder .* does not exist/,
    );
    await expect(withLedgerFile(ledger, { create: true, timeZone: 'Nowhere/Land' }, run)).rejects.toThrow(
      LedgerFileError,
    );
    expect(run).not.toHaveBeenCalled();
  });

  test('a ledger locked by another command fails clearly within waitMs, without running', async () => {
    await existingLedger();
    const release = await acquireFileLock(ledger, { waitMs: 100 });
    const run = jest.fn();
    const started = Date.now();
    const error = await withLedgerFile(ledger, { waitMs: 300 }, run).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(LedgerLockedError);
    expect((error as Error).message).toMatch(/is in use by another shop-ledger command.*Nothing was written/);
    expect(run).not.toHaveBeenCalled();
    await release();
  });

  test('the Lock port works during the run only', async () => {
    await existingLedger();
    let kept: Lock | undefined;
    await withLedgerFile(ledger, {}, (_wb, lock) => {
      lock.acquire(30_000);
      lock.release();
      kept = lock;
    });
    expect(() => kept?.acquire(30_000)).toThrow(/not held/);
  });

  test('a lock lost during the run means nothing is saved', async () => {
    const before = await existingLedger();
    const error = await withLedgerFile(ledger, { staleMs: 2000 }, async (wb) => {
      wb.write('Products', 3, 1, [['TEA']]);
      await fsp.rm(`${ledger}.lock`, { recursive: true });
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerLockedError);
    expect((error as Error).message).toMatch(/^Lost the lock on .*Nothing was written/);
    expect(await fsp.readFile(ledger)).toEqual(before.bytes);
  });
});
