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
import {
  type InvoiceRow,
  invoiceExponent,
  invoiceOfRow,
  invoiceRecord,
  isoWithOffset,
} from '../../ledger/invoices';
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
  /** The invoice number this one corrects (a full invoice: the one it replaces), '' when none. */
  corrects: string;
  /** The amounts' currency; the ledger's when absent. */
  currency?: string;
  /** The buyer on a full invoice. */
  customerName?: string;
  customerAddress?: string;
  /** The idempotency key of the request (full invoices). */
  key?: string;
}

type Context = Pick<LedgerContext, 'tabs' | 'cells'> & {
  settings: Pick<LedgerContext['settings'], 'invoiceSeries' | 'timeZone'> &
    Partial<Pick<LedgerContext['settings'], 'currency'>>;
};

/** The new columns a draft needs that the tab lacks (a ledger not set up again since). */
function missingFor(
  draft: InvoiceDraft,
  table: { has(header: string): boolean },
  ledgerCurrency: string,
): string[] {
  const foreign = (draft.currency ?? '') !== '' && draft.currency !== ledgerCurrency;
  const needs: [string, string | undefined][] = [
    ['Currency', foreign ? draft.currency : ''],
    ['Customer name', draft.customerName],
    ['Customer address', draft.customerAddress],
    ['Key', draft.key],
  ];
  return needs.filter(([h, v]) => (v ?? '') !== '' && !table.has(h)).map(([h]) => h);
}

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
    const missing = missingFor(draft, table, ctx.settings.currency ?? '');
    if (missing.length > 0) {
      throw new LedgerError(
        `The Invoices tab has no ${missing.join(', ')} column: run Extensions › Shop Ledger › Set up ledger (or shop-ledger init), which adds them without touching your data, then try again.`,
      );
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
      // Hashed only as stored: without the column (not set up yet) the row says no currency.
      currency: table.has('Currency') ? (draft.currency ?? ctx.settings.currency ?? '') : '',
      customerName: draft.customerName ?? '',
      customerAddress: draft.customerAddress ?? '',
      key: draft.key ?? '',
      hash: '',
      previousHash,
    };
    invoice.hash = hashInvoice(digest, invoice, previousHash, invoiceExponent(invoice.currency, ctx.cells));
    previousHash = invoice.hash;
    records.push(invoiceRecord(invoice, ctx.cells));
    numbers.push(invoiceNo);
  }
  appendRows(wb, table, records);
  return numbers;
}
