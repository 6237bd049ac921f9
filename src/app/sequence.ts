/**
 * Ids like O-000042, taken under the document lock. The counter lives in document properties;
 * the last row of the tab is read too and the larger number wins, so a copied spreadsheet
 * (whose copy has no properties) or a cleared counter never hands out an id twice.
 * Ids may have gaps (a command that fails after taking one); invoice numbers, which may not,
 * are numbered from the Invoices tab itself.
 */
import { formatId, parseId } from '../core/stock';
import type { Table } from '../ledger/table';
import type { KeyValue } from '../platform/key-value';
import type { Workbook } from '../platform/workbook';

export function takeIds(
  ports: { workbook: Workbook; properties: KeyValue },
  table: Table,
  idHeader: string,
  prefix: string,
  count = 1,
): string[] {
  const key = `sequence:${table.spec.name}:${prefix}`;
  const stored = Number(ports.properties.get(key) ?? '0') || 0;
  const tab = table.spec.name;
  const last = ports.workbook.lastRow(tab);
  let tail = 0;
  if (last >= 2) {
    const [row] = ports.workbook.readRows(tab, last, 1);
    tail = parseId(prefix, String(row?.[table.col(idHeader)] ?? '').split('/')[0]) ?? 0;
  }
  const start = Math.max(stored, tail);
  ports.properties.set(key, String(start + count));
  return Array.from({ length: count }, (_, i) => formatId(prefix, start + i + 1));
}
