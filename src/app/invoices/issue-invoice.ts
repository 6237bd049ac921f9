/**
 * Issuing an invoice INSIDE a commit that already holds the document lock (a till sale, a web
 * import): the number is taken and the row written in that same commit, so two executions never
 * take the same number and a failed commit leaves no number behind.
 *
 * Its Sheets cost is constant, however many invoices the tab holds: one header read, the tab's
 * last row (lastRow + one row read) for the previous hash, one search of the Series column for its
 * last match (rows are appended in issue order, so the series' last row holds its highest number;
 * Workbook.findLastRow stops there, so the search costs the same with 10 or 10,000 matches) and
 * one read of that row (skipped when it is the last row), and one append.
 */
import { hashInvoice, type Sha256Digest } from '../../core/invoice/chain';
import { nextNumber } from '../../core/invoice/numbering';
import { type InvoiceRow, invoiceOfRow, invoiceRecord, isoWithOffset } from '../../ledger/invoices';
import { LedgerError } from '../../ledger/problem';
import { INVOICES } from '../../ledger/schema';
import { appendRows, findLastRow, type Record_, readFoundRows, readHeaderTable } from '../../ledger/table';
import type { Workbook } from '../../platform/workbook';
import type { LedgerContext } from '../ledger-context';

export interface InvoiceDraft {
  /** The series code: T, W, F or R (or one configured in Settings). */
  series: string;
  /** simplified, full or corrective. */
  type: string;
  orderId: string;
  customerId: string;
  taxId: string;
  net: number;
  vat: number;
  total: number;
  breakdown: readonly { rate: number; base: number; vat: number }[];
  /** The invoice number this one corrects, '' when none. */
  corrects: string;
}

type Context = Pick<LedgerContext, 'tabs' | 'cells'> & {
  settings: Pick<LedgerContext['settings'], 'invoiceSeries' | 'timeZone'>;
};

/** Issues one invoice and returns its number. The caller holds the lock. */
export function issueInvoice(
  wb: Workbook,
  ctx: Context,
  digest: Sha256Digest,
  draft: InvoiceDraft,
  now: number,
): string {
  return issueInvoices(wb, ctx, digest, [draft], now)[0];
}

/**
 * Issues several invoices in order, in one append, and returns their numbers. A draft may be a
 * function called at its turn with the numbers issued so far in the batch, so it can cite one
 * (a refund correcting the web order imported with it). Per series in the batch: one search and one
 * row read; for the chain: one lastRow and one row read; then one append.
 */
export function issueInvoices(
  wb: Workbook,
  ctx: Context,
  digest: Sha256Digest,
  drafts: readonly (InvoiceDraft | ((issued: readonly string[]) => InvoiceDraft))[],
  now: number,
): string[] {
  if (drafts.length === 0) return [];
  const table = readHeaderTable(wb, INVOICES, ctx.tabs);
  const issued = isoWithOffset(now, ctx.settings.timeZone);
  const year = Number(issued.slice(0, 4));
  const last = wb.lastRow(INVOICES.name);
  const tail = last >= 2 ? readFoundRows(wb, table, [last]) : [];
  let previousHash = tail.length > 0 ? invoiceOfRow(table, tail[0], ctx.cells).hash : '';
  /** The highest number issued per series code, as { invoiceNo } for nextNumber. */
  const highest = new Map<string, { invoiceNo: string }[]>();
  const records: Record_[] = [];
  const numbers: string[] = [];

  for (const one of drafts) {
    const draft = typeof one === 'function' ? one(numbers) : one;
    const series = ctx.settings.invoiceSeries.find((s) => s.code === draft.series);
    if (!series) {
      throw new LedgerError(
        `There is no invoice series ${draft.series} in Settings › Invoice series (${ctx.settings.invoiceSeries.map((s) => s.code).join(', ')}): add it, or empty the value for the default series.`,
      );
    }
    let before = highest.get(series.code);
    if (before === undefined) {
      // Rows are appended in issue order, so the last row of the series holds its highest number.
      const found = findLastRow(wb, table, 'Series', series.code);
      const lastOfSeries = found > 0 ? found : null;
      const rows =
        lastOfSeries === null ? [] : lastOfSeries === last ? tail : readFoundRows(wb, table, [lastOfSeries]);
      before = rows.map((r) => ({ invoiceNo: invoiceOfRow(table, r, ctx.cells).invoiceNo }));
    }
    const { invoiceNo } = nextNumber(before, series, year);
    highest.set(series.code, [{ invoiceNo }]);

    const invoice: InvoiceRow = {
      invoiceNo,
      series: series.code,
      type: draft.type,
      issued,
      orderId: draft.orderId,
      customerId: draft.customerId,
      taxId: draft.taxId,
      net: draft.net,
      vat: draft.vat,
      total: draft.total,
      breakdown: draft.breakdown.map((b) => ({ rate: b.rate, base: b.base, vat: b.vat })),
      corrects: draft.corrects,
      hash: '',
      previousHash,
    };
    invoice.hash = hashInvoice(digest, invoice, previousHash, ctx.cells.exponent);
    previousHash = invoice.hash;
    records.push(invoiceRecord(invoice, ctx.cells));
    numbers.push(invoiceNo);
  }
  appendRows(wb, table, records);
  return numbers;
}
