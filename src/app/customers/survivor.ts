/** Whom a Customers row stands for now: itself, or the customer it was merged into. */
import { parseText } from '../../ledger/cells';
import type { Row, Table } from '../../ledger/table';

export function survivorId(table: Table, row: Row): string {
  const merged = table.has('Merged into') ? parseText(table.get(row, 'Merged into')) : '';
  return merged || parseText(table.get(row, 'Customer ID'));
}
