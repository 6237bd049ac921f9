/**
 * The ledger file's lock across processes (a `LEDGER.xlsx.lock` folder beside it, via proper-lockfile),
 * and the app layer's Lock port on top of it.
 *
 * A command that crashes cannot release its lock, so the holder refreshes the lock's mtime and any
 * lock older than the stale time is taken over: a crashed command blocks others for at most that long.
 */

import { promises as fsp } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { type Lock, LockTimeoutError } from '../platform/lock';
import { LedgerFileError } from './xlsx-file';

export const DEFAULT_WAIT_MS = 10_000;
export const DEFAULT_STALE_MS = 30_000;

/** The ledger is locked by another command. A LockTimeoutError, so callers treat it as "busy, retry". */
export class LedgerLockedError extends LockTimeoutError {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerLockedError';
  }
}

export interface FileLockOptions {
  /** How long to wait for another command to finish. */
  waitMs?: number;
  /** A lock not refreshed for this long belongs to a crashed command and is taken over (at least 2 s). */
  staleMs?: number;
  /**
   * Called if the lock is lost while held: its folder was removed, or the process was stalled past the
   * stale time (a long synchronous run blocks the refresh) so another command may have taken it over.
   * Whoever holds the lock must then not save.
   */
  onCompromised?: (error: Error) => void;
}

/** Releases the lock; does nothing if the lock was already released or lost. */
export type ReleaseFileLock = () => Promise<void>;

export async function acquireFileLock(path: string, options: FileLockOptions = {}): Promise<ReleaseFileLock> {
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  const staleMs = Math.max(options.staleMs ?? DEFAULT_STALE_MS, 2000);
  // realpath: false so that a ledger that does not exist yet (init) can be locked; its folder is
  // resolved here instead, so that every process names the same lock.
  const target = await canonicalPath(path);
  const deadline = Date.now() + waitMs;
  let pause = 20;
  for (;;) {
    try {
      const release = await lockfile.lock(target, {
        realpath: false,
        stale: staleMs,
        retries: 0,
        // proper-lockfile's default throws from a timer, which would crash the process.
        onCompromised: (error) => options.onCompromised?.(error),
      });
      return async () => {
        try {
          await release();
        } catch (error) {
          const code = codeOf(error);
          if (code !== 'ERELEASED' && code !== 'ENOTACQUIRED') throw error;
        }
      };
    } catch (error) {
      if (codeOf(error) !== 'ELOCKED') throw lockError(path, error);
      const left = deadline - Date.now();
      if (left <= 0) throw new LedgerLockedError(lockedMessage(path, staleMs));
      await sleep(Math.min(pause, left));
      pause = Math.min(pause * 2, 250);
    }
  }
}

export type FileLockState = 'held' | 'lost' | 'released';

/**
 * The Lock port for the Node shell. The shell takes the file lock for the whole command before it
 * loads the ledger, because the load, the run and the save must all sit inside one lock. The port's
 * acquire() therefore cannot wait for anything: it checks that the file lock is still held (a use
 * case running outside withLedgerFile is a programming error; a lost lock means nothing may be
 * written) and counts, so tests can check that every use case releases what it acquires.
 */
export class FileLockPort implements Lock {
  acquisitions = 0;
  releases = 0;

  constructor(
    private readonly path: string,
    private readonly state: () => FileLockState,
  ) {}

  get held(): boolean {
    return this.acquisitions > this.releases;
  }

  acquire(_timeoutMs: number): void {
    const state = this.state();
    if (state === 'lost') throw new LedgerLockedError(lostMessage(this.path));
    if (state !== 'held') {
      throw new Error(`The file lock on ${this.path} is not held: run use cases inside withLedgerFile().`);
    }
    this.acquisitions++;
  }

  release(): void {
    this.releases++;
  }
}

export function lockedMessage(path: string, staleMs = DEFAULT_STALE_MS): string {
  return (
    `${path} is in use by another shop-ledger command (or a crashed one: the lock frees itself within ` +
    `${Math.ceil(staleMs / 1000)} s). Nothing was written: try again.`
  );
}

export function lostMessage(path: string): string {
  return (
    `Lost the lock on ${path} while the command ran (it stalled for too long, or the lock was removed), ` +
    'so another command may be changing the ledger. Nothing was written: try again.'
  );
}

async function canonicalPath(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await fsp.realpath(absolute);
  } catch {
    try {
      return join(await fsp.realpath(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

function lockError(path: string, error: unknown): Error {
  switch (codeOf(error)) {
    case 'ENOENT':
      return new LedgerFileError(`Cannot lock ${path}: its folder does not exist.`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new LedgerFileError(
        `Cannot lock ${path}: no permission to create ${basename(path)}.lock in its folder.`,
      );
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}

function codeOf(error: unknown): string | undefined {
  if (error !== null && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}
