/**
 * "Full invoice for a ticket": issues an F that replaces a simplified invoice (T or W) and cites it
 * in Corrects, with the buyer's tax ID, name and address and the ticket's amounts (the rule is in
 * core/invoice/full-invoice.ts). One commit under the document lock; the request's key makes a
 * retry return the same F.
 *
 * Its Sheets cost does not grow with the ledger: two searches of the Invoices tab (the ticket by
 * number, the invoices citing it), the issue itself (constant, see issue-invoice.ts), and, when the
 * ticket's order has a customer, one search and one write of their row in Customers.
 *
 * The buyer's name and address are kept on the F's own row (Customer name, Customer address):
 * an issued invoice is never edited, so it must carry the buyer as invoiced. When the ticket's
 * order names a customer whose Tax ID is empty, the tax ID is written there too; a customer who
 * already has a different one keeps it (the F holds the one invoiced).
 */
import { decideFullInvoice, FullInvoiceRefusal } from '../../core/invoice/full-invoice';
import { parseText } from '../../ledger/cells';
import { invoiceOfRow } from '../../ledger/invoices';
import { LedgerError } from '../../ledger/problem';
import { CUSTOMERS, INVOICES } from '../../ledger/schema';
import { findRows, readFoundRows, readHeaderTable, updateRows } from '../../ledger/table';
import type { Platform } from '../../platform/platform';
import { underLock } from '../commit';
import { loadContext } from '../ledger-context';
import { InvoiceNotFoundError } from './invoice-document';
import { issueInvoices } from './issue-invoice';

type Ports = Pick<Platform, 'workbook' | 'lock' | 'clock' | 'digest'>;

export interface FullInvoiceInput {
  /** The simplified invoice to replace, like T-2026-000001. */
  ticket: string;
  taxId: string;
  name: string;
  address: string;
  /** The idempotency key: the same key again returns the same F. */
  key: string;
}

export interface FullInvoiceResult {
  invoiceNo: string;
  /** The simplified invoice it replaces. */
  replaces: string;
  /** True when this request was a retry and the F had been issued before. */
  replayed: boolean;
  /** The customer whose Tax ID was filled in, '' when none was. */
  customerUpdated: string;
}

/** A full invoice refused: what is wrong and what to do. Nothing was written. */
export class FullInvoiceRefused extends LedgerError {
  constructor(readonly reasons: string[]) {
    super(reasons.join(' '));
    this.name = 'FullInvoiceRefused';
  }
}

const KEY = /^[\w:.-]{1,100}$/;

export function issueFullInvoice(p: Ports, input: FullInvoiceInput): FullInvoiceResult {
  const ticketNo = String(input.ticket ?? '').trim();
  if (ticketNo === '')
    throw new FullInvoiceRefused(['Give the number of the ticket to replace, like T-2026-000001.']);
  if (typeof input.key !== 'string' || !KEY.test(input.key)) {
    throw new FullInvoiceRefused([
      'This request has no valid idempotency key (letters, digits, - _ : . up to 100 characters).',
    ]);
  }
  const wb = p.workbook;
  return underLock(p, () => {
    const ctx = loadContext(wb);
    const invoices = readHeaderTable(wb, INVOICES, ctx.tabs);
    const found = readFoundRows(wb, invoices, findRows(wb, invoices, 'Invoice No', ticketNo));
    if (found.length === 0) throw new InvoiceNotFoundError(ticketNo);
    const ticket = invoiceOfRow(invoices, found[0], ctx.cells);
    const citing = readFoundRows(wb, invoices, findRows(wb, invoices, 'Corrects', ticketNo)).map((r) =>
      invoiceOfRow(invoices, r, ctx.cells),
    );

    let decision: ReturnType<typeof decideFullInvoice>;
    try {
      decision = decideFullInvoice(
        { ...ticket, currency: ticket.currency || ctx.settings.currency },
        citing.map((c) => ({ invoiceNo: c.invoiceNo, type: c.type, key: c.key ?? '' })),
        input,
      );
    } catch (e) {
      if (e instanceof FullInvoiceRefusal) throw new FullInvoiceRefused(e.problems);
      throw e;
    }
    if (decision.kind === 'replay') {
      return { invoiceNo: decision.invoiceNo, replaces: ticketNo, replayed: true, customerUpdated: '' };
    }

    const { draft } = decision;
    const [invoiceNo] = issueInvoices(wb, ctx, p.digest, [{ series: 'F', ...draft }], p.clock.now());

    let customerUpdated = '';
    if (draft.customerId !== '' && ctx.tabs.includes(CUSTOMERS.name)) {
      const customers = readHeaderTable(wb, CUSTOMERS, ctx.tabs);
      const [row] = readFoundRows(wb, customers, findRows(wb, customers, 'Customer ID', draft.customerId));
      if (row && parseText(customers.get(row, 'Tax ID')) === '') {
        updateRows(wb, customers, [{ row, values: { 'Tax ID': draft.taxId } }]);
        customerUpdated = draft.customerId;
      }
    }
    return { invoiceNo, replaces: ticketNo, replayed: false, customerUpdated };
  });
}
