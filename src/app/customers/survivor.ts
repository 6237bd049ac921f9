/** Whom a Customers row stands for now: itself, or the end of its `Merged into` chain. */
import { survivorOf } from '../../core/customer/survivor';
import { parseText } from '../../ledger/cells';
import type { Row, Table } from '../../ledger/table';

/** For a Customers table read whole: row → its survivor's row (the index is built once). */
export function survivors(table: Table): (row: Row) => Row {
  const idOf = (r: Row) => parseText(table.get(r, 'Customer ID'));
  if (!table.has('Merged into')) return (r) => r;
  const byId = new Map(table.rows.map((r) => [idOf(r), r]));
  const mergedInto = (r: Row) => {
    const into = parseText(table.get(r, 'Merged into'));
    return (into && byId.get(into)) || null;
  };
  return (row) => survivorOf(row, mergedInto, idOf);
}
