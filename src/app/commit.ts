/**
 * The shape of every write: take the document lock, read a snapshot, compute in core, write in
 * batches, flush once, release the lock. The flush comes before the release, as Google asks,
 * so the next execution to get the lock sees our writes.
 */
import type { Lock } from '../platform/lock';
import type { Workbook } from '../platform/workbook';

/** How long a command waits for another one to finish before asking the person to try again. */
export const LOCK_WAIT_MS = 30_000;

export function underLock<T>(ports: { lock: Lock; workbook: Workbook }, work: () => T): T {
  ports.lock.acquire(LOCK_WAIT_MS);
  try {
    const result = work();
    ports.workbook.flush();
    return result;
  } finally {
    ports.lock.release();
  }
}
