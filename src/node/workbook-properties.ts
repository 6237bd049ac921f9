/**
 * The KeyValue port on a computer: the document properties of the local .xlsx ledger.
 *
 * In Apps Script these are the spreadsheet's document properties (id counters, sync cursors). Here
 * they live in the workbook itself, on the hidden settings sheet, so that they travel with the file
 * and the next command sees them: a set or delete makes the workbook dirty, and withLedgerFile saves
 * it when the command ends.
 *
 * Secrets are never stored here: the .xlsx file is shared, copied and opened in other programs, and
 * its hidden sheet is one click away. The CLI takes credentials as flags, for one command only.
 *
 * Apps Script's limits apply as they do there, so that what works on a computer works in Sheets too:
 * a value holds at most 9 KB of UTF-8, and all keys and values together at most 500 KB.
 */

import type { KeyValue } from '../platform/key-value';
import type { MemoryWorkbook } from './memory-workbook';

/** Apps Script: "Properties value size: 9 KB / val" (developers.google.com/apps-script/guides/services/quotas). */
export const MAX_PROPERTY_VALUE_BYTES = 9 * 1024;
/** Apps Script: "Properties total storage: 500 KB / property store"; keys count too. */
export const MAX_PROPERTY_STORE_BYTES = 500 * 1024;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

export class WorkbookProperties implements KeyValue {
  constructor(private readonly wb: MemoryWorkbook) {}

  get(key: string): string | null {
    return this.wb.property(key);
  }

  /** Refuses a value over 9 KB, or one that would take the store over 500 KB, changing nothing. */
  set(key: string, value: string): void {
    if (typeof key !== 'string' || typeof value !== 'string') {
      throw new TypeError(`A document property needs a string key and a string value (got ${typeof value}).`);
    }
    const size = bytes(value);
    if (size > MAX_PROPERTY_VALUE_BYTES) {
      throw new Error(
        `Cannot set document property "${clip(key)}": its value is ${size} bytes, and a value holds at most ` +
          `${MAX_PROPERTY_VALUE_BYTES} bytes (9 KB) of UTF-8, as in Apps Script.`,
      );
    }
    const old = this.wb.property(key);
    const total = this.storeBytes() - (old === null ? 0 : bytes(key) + bytes(old)) + bytes(key) + size;
    if (total > MAX_PROPERTY_STORE_BYTES) {
      throw new Error(
        `Cannot set document property "${clip(key)}": all properties together would take ${total} bytes, ` +
          `and the store holds at most ${MAX_PROPERTY_STORE_BYTES} bytes (500 KB), as in Apps Script.`,
      );
    }
    this.wb.setProperty(key, value);
  }

  delete(key: string): void {
    this.wb.deleteProperty(key);
  }

  keys(): string[] {
    return this.wb.propertyKeys();
  }

  private storeBytes(): number {
    let total = 0;
    for (const key of this.wb.propertyKeys()) total += bytes(key) + bytes(this.wb.property(key) ?? '');
    return total;
  }
}

function clip(key: string): string {
  return key.length <= 60 ? key : `${key.slice(0, 59)}…`;
}
