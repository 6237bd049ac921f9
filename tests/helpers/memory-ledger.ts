/** A ledger in memory with a lock that records its use, for app-layer tests that need no Sheets fakes. */
import { setUpLedger } from '../../src/app/set-up-ledger';
import { MemoryWorkbook } from '../../src/node/memory-workbook';
import type { Lock } from '../../src/platform/lock';

export class RecordingLock implements Lock {
  held = false;
  events: string[] = [];
  acquire(timeoutMs: number): void {
    if (this.held) throw new Error('lock taken twice');
    this.held = true;
    this.events.push(`acquire ${timeoutMs}`);
  }
  release(): void {
    this.held = false;
    this.events.push('release');
  }
}

export function memoryLedger(): {
  workbook: MemoryWorkbook;
  lock: RecordingLock;
  clock: { now: () => number };
} {
  const ports = {
    workbook: new MemoryWorkbook({ timeZone: 'Europe/Madrid' }),
    lock: new RecordingLock(),
    clock: { now: () => Date.UTC(2026, 10, 27, 9, 30) },
  };
  setUpLedger(ports);
  return ports;
}
