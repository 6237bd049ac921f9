/**
 * The Lock port over LockService.getDocumentLock(). Never the script lock: in an add-on that one
 * is shared by every spreadsheet that installed it.
 */
import { type Lock, LockTimeoutError } from '../platform/lock';

export class DocumentLock implements Lock {
  constructor(private readonly service: GoogleAppsScript.Lock.LockService = LockService) {}

  private held: GoogleAppsScript.Lock.Lock | null = null;

  acquire(timeoutMs: number): void {
    const lock = this.service.getDocumentLock();
    if (!lock)
      throw new Error(
        'Shop Ledger runs inside a spreadsheet: open it from the spreadsheet’s Extensions menu.',
      );
    try {
      lock.waitLock(timeoutMs);
    } catch {
      throw new LockTimeoutError();
    }
    this.held = lock;
  }

  release(): void {
    this.held?.releaseLock();
    this.held = null;
  }
}
