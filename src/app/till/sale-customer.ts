/**
 * The customer a till sale is for: one search of the Customers tab's Customer ID column. Its own
 * function so an exchange can ask it before it writes its return half (recordSale would refuse
 * only after the return was written).
 */
import { CUSTOMERS } from '../../ledger/schema';
import { findRows, readHeaderTable } from '../../ledger/table';
import type { Workbook } from '../../platform/workbook';
import type { LedgerContext } from '../ledger-context';
import { refuse } from './problems';

export interface SaleCustomer {
  customerId: string;
  name: string;
}

/** null without a customer; refused when the Customer ID is not in Customers. */
export function saleCustomer(
  wb: Workbook,
  ctx: LedgerContext,
  customerId: string | undefined,
): SaleCustomer | null {
  if (!customerId) return null;
  const customers = readHeaderTable(wb, CUSTOMERS, ctx.tabs);
  const rows = findRows(wb, customers, 'Customer ID', customerId);
  if (rows.length === 0)
    refuse('unknown-customer', `No customer with ID ${customerId}: pick the customer again.`);
  const [row] = wb.readRows(CUSTOMERS.name, rows[0], 1);
  return { customerId, name: String(row[customers.col('Name')] ?? '') };
}
