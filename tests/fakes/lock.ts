/**
 * LockService. The document lock lives in SharedState, so executions sharing it contend for it.
 * A wait does not block: it moves the fake clock forward by the timeout (or until a simulated
 * holder lets go) and then succeeds or fails.
 * https://developers.google.com/apps-script/reference/lock/lock-service
 * https://developers.google.com/apps-script/reference/lock/lock
 */

import type { Execution } from './execution';
import type { LockKind, LockState } from './shared-state';

export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

export class FakeLockService {
  constructor(private readonly x: Execution) {}

  /** Google documents Lock|null (null outside a document); the fake always runs in one. */
  getDocumentLock(): FakeLock {
    this.x.call('LockService.getDocumentLock');
    return new FakeLock(this.x, 'document');
  }

  /** In an add-on the script lock is shared by every installation: use the document lock. */
  getScriptLock(): FakeLock {
    this.x.call('LockService.getScriptLock');
    return new FakeLock(this.x, 'script');
  }

  getUserLock(): FakeLock {
    this.x.call('LockService.getUserLock');
    return new FakeLock(this.x, 'user');
  }
}

export class FakeLock {
  constructor(
    private readonly x: Execution,
    private readonly kind: LockKind,
  ) {}

  private get state(): LockState {
    return this.x.shared.lock(this.kind, this.x.user);
  }

  /** Acquires the lock, waiting (in fake time) up to timeoutMs. Reentrant for the same execution. */
  private acquire(timeoutMs: number, method: string): boolean {
    if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs) || timeoutMs < 0) {
      throw this.x.badArguments(`LockService.Lock.${method}`, [timeoutMs]);
    }
    const state = this.state;
    const clock = this.x.shared.clock;
    if (state.holder !== null && state.holder !== this.x.id && state.releaseAt !== null) {
      const wait = state.releaseAt - clock.now();
      if (wait <= timeoutMs) {
        clock.advance(wait);
        state.holder = null;
        state.releaseAt = null;
      }
    }
    if (state.holder === null || state.holder === this.x.id) {
      state.holder = this.x.id;
      return true;
    }
    clock.advance(timeoutMs);
    return false;
  }

  tryLock(timeoutInMillis: number): boolean {
    this.x.call('Lock.tryLock');
    return this.acquire(timeoutInMillis, 'tryLock');
  }

  waitLock(timeoutInMillis: number): void {
    this.x.call('Lock.waitLock');
    if (!this.acquire(timeoutInMillis, 'waitLock')) throw this.x.error(LOCK_TIMEOUT_MESSAGE);
  }

  hasLock(): boolean {
    this.x.call('Lock.hasLock');
    return this.state.holder === this.x.id;
  }

  /**
   * "If you are working with a spreadsheet, you should call SpreadsheetApp.flush() prior to releasing
   * the lock": a release with unflushed changes is counted in meter.unflushedReleases.
   */
  releaseLock(): void {
    this.x.call('Lock.releaseLock');
    const state = this.state;
    if (state.holder !== this.x.id) return;
    if (this.x.unflushed) this.x.meter.unflushedRelease();
    state.holder = null;
    state.releaseAt = null;
  }
}

/** At the end of an execution Apps Script releases whatever locks it still holds. */
export function releaseAllLocks(x: Execution): void {
  const { locks } = x.shared;
  for (const state of [locks.document, locks.script, ...locks.user.values()]) {
    if (state.holder === x.id) state.holder = null;
  }
}
