/**
 * A ledger in memory with the sample catalogue, for the stock use case tests: its ports, the tabs as
 * records, a snapshot of everything (to prove that a refused command wrote nothing), and a count of
 * port calls per tab (to prove one read per tab and one write per block).
 */
import { seedSample } from '../../../src/app/seed-sample';
import { MemoryProperties } from '../../../src/node/node-platform';
import type { CellValue, Workbook } from '../../../src/platform/workbook';
import { memoryLedger } from '../../helpers/memory-ledger';

export const NOW = Date.UTC(2026, 10, 27, 9, 30);

export function stockLedger(options: { sample?: boolean } = {}) {
  const base = memoryLedger();
  const properties = new MemoryProperties();
  let now = NOW;
  const ports = {
    ...base,
    properties,
    clock: { now: () => now },
  };
  if (options.sample !== false) seedSample(ports);
  return {
    ports,
    workbook: base.workbook,
    lock: base.lock,
    properties,
    /** Moves the clock on, so later commands have later times. */
    later(ms = 60_000) {
      now += ms;
    },
  };
}

export type StockLedger = ReturnType<typeof stockLedger>;

/** A tab's data rows as records keyed by header. */
export function records(wb: Workbook, tab: string): Record<string, CellValue>[] {
  const [header = [], ...rows] = wb.read(tab);
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [String(h), row[i] ?? ''])));
}

/** The Stock row of a SKU at a location, or undefined. */
export function stockRow(wb: Workbook, sku: string, location: string): Record<string, CellValue> | undefined {
  return records(wb, 'Stock').find((r) => r.SKU === sku && r.Location === location);
}

/** Every tab's cells and every document property: equal before and after means nothing was written. */
export function snapshot(l: StockLedger): unknown {
  const tabs = l.workbook.tabNames().map((t) => [t, l.workbook.read(t)]);
  const props = l.properties.keys().map((k) => [k, l.properties.get(k)]);
  return JSON.parse(JSON.stringify({ tabs, props }));
}

/**
 * The workbook with every port call recorded as 'method tab' ('read Stock', 'append Movements'), so
 * a test can say which tabs a use case read in full and how many writes each tab got.
 */
export function recording(wb: Workbook): {
  workbook: Workbook;
  calls: string[];
  count: (call: string) => number;
} {
  const calls: string[] = [];
  const workbook = new Proxy(wb, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(typeof args[0] === 'string' ? `${String(name)} ${args[0]}` : String(name));
        return value.apply(target, args);
      };
    },
  });
  return { workbook, calls, count: (call) => calls.filter((c) => c === call).length };
}

/** Writes to a tab: block writes and appends. */
export function writesTo(calls: readonly string[], tab: string): number {
  return calls.filter((c) => c === `write ${tab}` || c === `append ${tab}`).length;
}
