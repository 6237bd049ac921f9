/** "Show invoice": asks for an invoice number, then shows its document in a dialog to print or save as PDF. */
import { InvoiceNotFoundError, invoiceDocument } from '../app/invoices/invoice-document';
import { appsScriptPlatform } from './platform';

/** A Print button for the dialog, hidden on paper; the document itself stays script-free. */
const PRINT_BUTTON =
  '<p class="print-button" style="text-align:center;margin:12px 0"><button type="button" onclick="window.print()">Print or save as PDF</button></p><style>@media print{.print-button{display:none}}</style>';

export function menuShowInvoice(): void {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt('Show invoice', 'Invoice number (like T-2026-000001):', ui.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  const number = answer.getResponseText().trim();
  if (number === '') return;
  let doc: ReturnType<typeof invoiceDocument>;
  try {
    doc = invoiceDocument(appsScriptPlatform().workbook, number);
  } catch (error) {
    if (!(error instanceof InvoiceNotFoundError)) throw error;
    ui.alert('Shop Ledger', error.message, ui.ButtonSet.OK);
    return;
  }
  const html = HtmlService.createHtmlOutput(doc.html.replace('</body>', `${PRINT_BUTTON}\n</body>`))
    .setWidth(720)
    .setHeight(640);
  ui.showModalDialog(html, `Invoice ${doc.invoiceNo}`);
}
