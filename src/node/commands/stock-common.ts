/**
 * What the stock commands (receive, transfer, count, rebuild-stock, report) share: the ports over
 * the locked ledger file, with the file's own document properties (so id counters like GR-000007
 * carry over from one command to the next), and --line values as stock lines.
 */
import type { StockLine } from '../../app/stock/stock-input';
import type { Platform } from '../../platform/platform';
import { withLedgerFile } from '../ledger-file';
import { nodePlatform } from '../node-platform';
import { parseLine } from './options';

export type Io = { out: (t: string) => void };

export const KEY_HELP =
  'idempotency key: running again with the same key does it once (pass one to retry safely; without it each run is a new command)';

export const LINE_FORMAT = 'like COF-ETH-250:6 (repeat for more lines)';

export async function onStockLedger<T>(ledger: string, run: (p: Platform) => T): Promise<T> {
  return withLedgerFile(ledger, { create: false }, (wb, lock, properties) =>
    run({ ...nodePlatform(wb, lock, { quiet: true }), properties }),
  );
}

/** Collects a repeatable option's values; no default, so --help shows none. */
export function collectAll(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** --line values (already collected) as stock lines; a malformed one is refused by name. */
export function stockLines(values: readonly string[] | undefined, option = 'line'): StockLine[] {
  return (values ?? []).map((v) => parseLine(v, option));
}

/** "6 × COF-ETH-250, 2 × TEA-SEN-100" */
export function listLines(lines: readonly StockLine[]): string {
  return lines.length === 0 ? 'nothing' : lines.map((l) => `${l.qty} × ${l.sku}`).join(', ');
}
