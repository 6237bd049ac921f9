/**
 * One Node shell command against the local ledger: lock the file, load it, run the synchronous use
 * case on the in-memory workbook, save it atomically if anything was written, unlock.
 */

import { promises as fsp } from 'node:fs';
import { dirname, extname } from 'node:path';
import type { Lock } from '../platform/lock';
import {
  acquireFileLock,
  DEFAULT_WAIT_MS,
  FileLockPort,
  type FileLockState,
  LedgerLockedError,
  lostMessage,
} from './file-lock';
import { MemoryWorkbook } from './memory-workbook';
import { WorkbookProperties } from './workbook-properties';
import { LedgerFileError, loadXlsx, missingLedgerError, saveXlsx } from './xlsx-file';

export interface LedgerFileOptions {
  /** Start a new, empty workbook when the file does not exist (init). */
  create?: boolean;
  /** How long to wait for another command that holds the ledger (default: SHOP_LEDGER_LOCK_WAIT_MS, or 10 s). */
  waitMs?: number;
  /** For a new ledger, or a file without Shop Ledger settings; a ledger's own settings win. */
  timeZone?: string;
  locale?: string;
  /** How long a crashed command's lock blocks others (default 30 s). */
  staleMs?: number;
}

/**
 * Runs `run` on the ledger at `path` under its file lock. The file is saved only if the workbook is
 * dirty (a write, a new tab, a style, or a change to `properties`, the file's document properties) and
 * `run` returned normally; the lock is released in every case.
 */
export async function withLedgerFile<T>(
  path: string,
  options: LedgerFileOptions,
  run: (wb: MemoryWorkbook, lock: Lock, properties: WorkbookProperties) => T | Promise<T>,
): Promise<T> {
  const create = options.create ?? false;
  await checkBeforeLocking(path, create, options.timeZone);
  // An object, so that the onCompromised callback and the port see the same, changing state.
  const lock: { state: FileLockState } = { state: 'held' };
  const release = await acquireFileLock(path, {
    waitMs: options.waitMs ?? lockWaitFromEnv() ?? DEFAULT_WAIT_MS,
    staleMs: options.staleMs,
    onCompromised: () => {
      lock.state = 'lost';
    },
  });
  try {
    const defaults = { timeZone: options.timeZone, locale: options.locale };
    let wb: MemoryWorkbook;
    if (await exists(path)) wb = await loadXlsx(path, defaults);
    else if (create) wb = new MemoryWorkbook(defaults);
    else throw missingLedgerError(path);

    const result = await run(wb, new FileLockPort(path, () => lock.state), new WorkbookProperties(wb));
    if (wb.dirty) {
      if (lock.state === 'lost') throw new LedgerLockedError(lostMessage(path));
      await saveXlsx(wb, path);
    }
    return result;
  } finally {
    if (lock.state === 'held') lock.state = 'released';
    await release();
  }
}

/** SHOP_LEDGER_LOCK_WAIT_MS, milliseconds to wait for a ledger in use; unset or not a number ≥ 0: the default. */
function lockWaitFromEnv(): number | undefined {
  const text = process.env.SHOP_LEDGER_LOCK_WAIT_MS?.trim();
  if (!text) return undefined;
  const ms = Number(text);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** Errors that need no lock to find, so that they are not hidden behind a lock error. */
async function checkBeforeLocking(
  path: string,
  create: boolean,
  timeZone: string | undefined,
): Promise<void> {
  if (timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
    } catch {
      throw new LedgerFileError(`"${timeZone}" is not a time zone. Use an IANA name such as Europe/Madrid.`);
    }
  }
  if (!create) {
    if (!(await exists(path))) throw missingLedgerError(path);
    return;
  }
  if (extname(path).toLowerCase() !== '.xlsx') {
    throw new LedgerFileError(`Cannot create ${path}: a ledger file name must end in .xlsx.`);
  }
  const folder = dirname(path);
  if (!(await exists(folder)))
    throw new LedgerFileError(`Cannot create ${path}: the folder ${folder} does not exist.`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await fsp.stat(path);
    return true;
  } catch (error) {
    if (error !== null && typeof error === 'object' && 'code' in error && error.code === 'ENOENT')
      return false;
    throw error;
  }
}
