/**
 * "Forget customer": the customer's personal fields are blanked (the name becomes "Forgotten
 * customer"), in one write; the row, its Customer ID, its credit and its orders stay, so the
 * books still add up. Invoices are never touched: an issued invoice, with the Tax ID on it, is
 * kept as the law requires. The Tax ID on the Customers row stays too (it is what invoices
 * carry). Forgetting again changes nothing.
 */
import { parseText } from '../../ledger/cells';
import { CUSTOMERS } from '../../ledger/schema';
import { findRows, readFoundRows, readHeaderTable, updateRows } from '../../ledger/table';
import type { Platform } from '../../platform/platform';
import { underLock } from '../commit';
import { loadContext } from '../ledger-context';
import { CustomerProblem } from './problem';

export const FORGOTTEN_NAME = 'Forgotten customer';
const PERSONAL = ['Email', 'Phone', 'Loyalty card', 'Consent', 'Shop IDs'] as const;

export interface ForgetResult {
  customerId: string;
  /** False when it had been forgotten already (nothing changed). */
  changed: boolean;
}

export function forgetCustomer(p: Pick<Platform, 'workbook' | 'lock'>, customerId: string): ForgetResult {
  const id = String(customerId ?? '').trim();
  return underLock(p, () => {
    const wb = p.workbook;
    const ctx = loadContext(wb);
    const table = readHeaderTable(wb, CUSTOMERS, ctx.tabs);
    const [row] = readFoundRows(wb, table, findRows(wb, table, 'Customer ID', id).slice(0, 1));
    if (!row)
      throw new CustomerProblem('unknown-customer', `No customer with ID ${id} in the Customers tab.`);
    const values: Record<string, string> = { Name: FORGOTTEN_NAME };
    for (const h of PERSONAL) if (table.has(h)) values[h] = '';
    // A web customer's key holds the shop's id or email: replaced, it still keys this row.
    values.Key = `forgotten:${id}`;
    const changed = Object.entries(values).some(([h, v]) => parseText(table.get(row, h)) !== v);
    if (changed) {
      updateRows(wb, table, [{ row, values }]);
    }
    return { customerId: id, changed };
  });
}
