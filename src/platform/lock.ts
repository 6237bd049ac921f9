/** The Lock port: the document lock that serialises every write to the ledger. */
export interface Lock {
  /** Waits up to timeoutMs for the lock; throws LockTimeoutError when it cannot be had. */
  acquire(timeoutMs: number): void;
  release(): void;
}

export class LockTimeoutError extends Error {
  constructor(message = 'The ledger is busy with another change. Nothing was written: please try again.') {
    super(message);
    this.name = 'LockTimeoutError';
  }
}
