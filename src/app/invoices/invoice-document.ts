/**
 * The document of an issued invoice: found by its number (one search of Invoice No), its order's
 * lines (one search of Order Lines by Order ID) and the customer's name when it has one, rendered
 * by core's one template. Read-only.
 */
import { type DocumentLine, renderInvoiceDocument } from '../../core/invoice/document';
import { type CellContext, parseInt_, parseMoney, parseText, parseVatRate } from '../../ledger/cells';
import { invoiceExponent, invoiceOfRow } from '../../ledger/invoices';
import { LedgerError } from '../../ledger/problem';
import { CUSTOMERS, INVOICES, ORDER_LINES } from '../../ledger/schema';
import { findRows, readFoundRows, readHeaderTable } from '../../ledger/table';
import type { CellValue, Workbook } from '../../platform/workbook';
import { loadContext } from '../ledger-context';

/** No invoice has the number asked for. */
export class InvoiceNotFoundError extends LedgerError {
  constructor(readonly invoiceNo: string) {
    super(`There is no invoice ${invoiceNo} in the Invoices tab. Check the number (like T-2026-000001).`);
    this.name = 'InvoiceNotFoundError';
  }
}

export interface InvoiceDocument {
  invoiceNo: string;
  /** The whole page, self-contained. */
  html: string;
}

function money(v: CellValue, ctx: CellContext): number {
  if (v === '' || v === null || v === undefined) return 0;
  const parsed = parseMoney(v, '', ctx);
  return parsed.ok ? parsed.value : Number.NaN;
}

/** The HTML document of the invoice numbered `invoiceNo`; an InvoiceNotFoundError when none is. */
export function invoiceDocument(wb: Workbook, invoiceNo: string): InvoiceDocument {
  const number = invoiceNo.trim();
  const ctx = loadContext(wb);
  const invoices = readHeaderTable(wb, INVOICES, ctx.tabs);
  const found =
    number === '' ? [] : readFoundRows(wb, invoices, findRows(wb, invoices, 'Invoice No', number));
  if (found.length === 0) throw new InvoiceNotFoundError(number);
  const invoice = invoiceOfRow(invoices, found[0], ctx.cells);
  // The lines are in the invoice's currency (a web order may be in another than the ledger's).
  const cells = { exponent: invoiceExponent(invoice.currency, ctx.cells) };

  const lines: DocumentLine[] = [];
  if (invoice.orderId !== '') {
    const table = readHeaderTable(wb, ORDER_LINES, ctx.tabs);
    const rows = readFoundRows(wb, table, findRows(wb, table, 'Order ID', invoice.orderId));
    const line = (r: (typeof rows)[number]) => {
      const n = parseInt_(table.get(r, 'Line'), 'Line');
      return n.ok ? n.value : r.rowNumber;
    };
    for (const r of [...rows].sort((a, b) => line(a) - line(b))) {
      const qty = parseInt_(table.get(r, 'Qty'), 'Qty');
      const rate = parseVatRate(table.get(r, 'VAT %'), 'VAT %');
      lines.push({
        name: parseText(table.get(r, 'Name')),
        sku: parseText(table.get(r, 'SKU')),
        qty: qty.ok ? qty.value : Number.NaN,
        unitPrice: money(table.get(r, 'Unit price'), cells),
        discount: money(table.get(r, 'Discount'), cells),
        vatRate: rate.ok ? rate.value : Number.NaN,
        total: money(table.get(r, 'Total'), cells),
      });
    }
  }

  // A full invoice carries its buyer as invoiced; other invoices show the customer's name now.
  let customerName = invoice.customerName ?? '';
  if (customerName === '' && invoice.customerId !== '' && ctx.tabs.includes(CUSTOMERS.name)) {
    const customers = readHeaderTable(wb, CUSTOMERS, ctx.tabs);
    const rows = readFoundRows(wb, customers, findRows(wb, customers, 'Customer ID', invoice.customerId));
    if (rows.length > 0) customerName = parseText(customers.get(rows[0], 'Name'));
  }

  const html = renderInvoiceDocument({
    seller: { name: ctx.settings.sellerName, taxId: ctx.settings.sellerTaxId },
    currency: invoice.currency || ctx.settings.currency,
    timeZone: ctx.settings.timeZone,
    invoice: { ...invoice, customerName },
    lines,
  });
  return { invoiceNo: invoice.invoiceNo, html };
}
