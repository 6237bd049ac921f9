/** The ports on a computer: the in-memory workbook of a locked .xlsx file, node:crypto, stderr. */
import { createHash, randomUUID } from 'node:crypto';
import type { KeyValue } from '../platform/key-value';
import type { Lock } from '../platform/lock';
import type { Platform } from '../platform/platform';
import type { Workbook } from '../platform/workbook';
import { MemoryWorkbook } from './memory-workbook';
import { nodeHttp } from './node-http';
import { WorkbookProperties } from './workbook-properties';

/** Document properties of a local ledger, kept for the length of one command. */
export class MemoryProperties implements KeyValue {
  private readonly values = new Map<string, string>();
  get(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  set(key: string, value: string): void {
    this.values.set(key, value);
  }
  delete(key: string): void {
    this.values.delete(key);
  }
  keys(): string[] {
    return [...this.values.keys()];
  }
}

/**
 * The ports for one command on a local ledger. Document properties (id counters, sync cursors)
 * are kept inside the .xlsx itself, so the next command sees them; a plain Workbook (in tests)
 * gets properties that last for the command only.
 */
export function nodePlatform(workbook: Workbook, lock: Lock, options: { quiet?: boolean } = {}): Platform {
  const say = (m: string) => {
    if (!options.quiet) process.stderr.write(`${m}\n`);
  };
  return {
    workbook,
    lock,
    properties:
      workbook instanceof MemoryWorkbook ? new WorkbookProperties(workbook) : new MemoryProperties(),
    clock: { now: () => Date.now() },
    digest: {
      sha256Hex: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
      uuid: () => randomUUID(),
    },
    log: { info: say, warn: say, error: say },
    notify: { toast: (m) => say(m) },
    http: nodeHttp(),
  };
}
