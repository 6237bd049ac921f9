/** The Settings tab: one Key/Value row per setting. */
import { parseSettings, type Settings, type SettingValue } from '../core/settings';
import type { Workbook } from '../platform/workbook';
import { parseText } from './cells';
import type { Problem } from './problem';
import { SETTINGS } from './schema';
import { readTable, type Table } from './table';

export interface LoadedSettings {
  settings: Settings;
  problems: Problem[];
  table: Table;
  /** Row number of each key, for messages and updates. */
  rowOf: Map<string, number>;
}

export function readSettings(wb: Workbook, tabs?: readonly string[]): LoadedSettings {
  const table = readTable(wb, SETTINGS, tabs);
  const values: Record<string, SettingValue> = {};
  const rowOf = new Map<string, number>();
  const problems: Problem[] = [];
  for (const row of table.rows) {
    const key = parseText(table.get(row, 'Key'));
    if (key === '') continue;
    if (rowOf.has(key)) {
      problems.push({
        tab: SETTINGS.name,
        cell: table.ref(row, 'Key'),
        message: `The setting "${key}" is listed twice (also in row ${rowOf.get(key)}). Only the first is used: delete the other.`,
      });
      continue;
    }
    rowOf.set(key, row.rowNumber);
    const v = table.get(row, 'Value');
    values[key] = v instanceof Date ? v.toISOString() : v;
  }
  const parsed = parseSettings(values, { timeZone: wb.timeZone(), locale: wb.locale() });
  for (const p of parsed.problems) {
    const row = rowOf.get(p.key);
    problems.push({
      tab: SETTINGS.name,
      cell: row ? `B${row}` : '',
      message: `${p.key}: ${p.message}${row ? '' : ' (the row is missing)'}`,
    });
  }
  return { settings: parsed.settings, problems, table, rowOf };
}
