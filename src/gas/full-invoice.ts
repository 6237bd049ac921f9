/**
 * "Full invoice for a ticket": a dialog asks the ticket number, the buyer's tax ID, name and
 * address, then calls fullInvoiceIssue, which issues the F (or returns the one a retry already
 * issued) and gives back its document for the dialog to show and print. "Verify invoices" runs
 * only the invoice checks and shows what it found, row by row.
 */
import { issueFullInvoice } from '../app/invoices/full-invoice';
import { invoiceDocument } from '../app/invoices/invoice-document';
import { describeVerification, verifyInvoices } from '../app/invoices/verify-invoices';
import { LedgerError } from '../ledger/problem';
import { LockTimeoutError } from '../platform/lock';
import { appsScriptPlatform } from './platform';

export function menuFullInvoice(): void {
  const html = HtmlService.createHtmlOutputFromFile('full-invoice').setWidth(720).setHeight(640);
  SpreadsheetApp.getUi().showModalDialog(html, 'Full invoice for a ticket');
}

/** What the dialog sends: plain strings only. */
export interface FullInvoiceForm {
  ticket: string;
  taxId: string;
  name: string;
  address: string;
  key: string;
}

export type FullInvoiceAnswer =
  | { ok: true; invoiceNo: string; replaces: string; replayed: boolean; html: string }
  | { ok: false; message: string };

/** Called by the dialog. Refusals come back as a message (nothing was written); only plain data crosses. */
export function fullInvoiceIssue(form: FullInvoiceForm): FullInvoiceAnswer {
  const f = (form ?? {}) as Partial<FullInvoiceForm>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const platform = appsScriptPlatform();
  try {
    const result = issueFullInvoice(platform, {
      ticket: text(f.ticket),
      taxId: text(f.taxId),
      name: text(f.name),
      address: text(f.address),
      key: text(f.key),
    });
    const doc = invoiceDocument(platform.workbook, result.invoiceNo);
    return {
      ok: true,
      invoiceNo: result.invoiceNo,
      replaces: result.replaces,
      replayed: result.replayed,
      html: doc.html,
    };
  } catch (error) {
    // Refused, not found, a bad ledger or a busy lock (FullInvoiceRefused and InvoiceNotFoundError are LedgerErrors).
    if (error instanceof LedgerError || error instanceof LockTimeoutError) {
      return { ok: false, message: error.message };
    }
    throw error;
  }
}

export function menuVerifyInvoices(): void {
  const platform = appsScriptPlatform();
  const ui = SpreadsheetApp.getUi();
  ui.alert(
    'Verify invoices',
    describeVerification(verifyInvoices(platform.workbook, platform.digest)),
    ui.ButtonSet.OK,
  );
}
