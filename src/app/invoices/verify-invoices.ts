/**
 * The invoice checks, one function for "Check ledger" and "Verify invoices": the Invoices tab's
 * cells, its numbering (gaps, duplicates, order) and its hash chain (rows edited by hand, rows
 * deleted, inserted or moved), each problem naming its row. Read-only: nothing is renumbered.
 */
import { verifyChain } from '../../core/invoice/chain';
import { numberingProblems } from '../../core/invoice/numbering';
import { DEFAULT_SERIES, type Series } from '../../core/invoice/series';
import type { CellContext } from '../../ledger/cells';
import { chainRow } from '../../ledger/invoices';
import { LedgerError, type Problem } from '../../ledger/problem';
import { INVOICES } from '../../ledger/schema';
import { readTable, type Table, validateTable } from '../../ledger/table';
import type { Digest } from '../../platform/digest';
import type { Workbook } from '../../platform/workbook';
import { loadContext } from '../ledger-context';

/** The problems of an Invoices tab already read; the chain only when a digest is given. */
export function invoiceTabProblems(
  invoices: Table,
  series: readonly Series[],
  cells: CellContext,
  digest?: Pick<Digest, 'sha256Hex'>,
): Problem[] {
  const problems = validateTable(invoices, cells);
  const at = (row: number) => ({ tab: INVOICES.name, cell: `A${row}` });
  const numbered = invoices.rows.map((r) => ({
    row: r.rowNumber,
    invoiceNo: String(invoices.get(r, 'Invoice No')).trim(),
  }));
  for (const x of numberingProblems(numbered, series)) {
    problems.push({ ...at(x.rows[0]), message: x.message });
  }
  if (digest) {
    const chain = invoices.rows.map((r) => chainRow(invoices, r, cells));
    for (const x of verifyChain(digest, chain, cells.exponent)) {
      problems.push({ ...at(x.row), message: x.message });
    }
  }
  return problems;
}

export interface InvoiceVerification {
  ok: boolean;
  /** How many invoice rows were checked. */
  invoices: number;
  problems: Problem[];
}

/** "Verify invoices": only the invoice checks. A bad Settings value is reported with them. */
export function verifyInvoices(wb: Workbook, digest: Pick<Digest, 'sha256Hex'>): InvoiceVerification {
  const problems: Problem[] = [];
  let series: readonly Series[] = DEFAULT_SERIES;
  let cells: CellContext = { exponent: 2 };
  try {
    const ctx = loadContext(wb);
    series = ctx.settings.invoiceSeries;
    cells = ctx.cells;
    // The settings invoices depend on: their series and number formats, the currency.
    const about = /^(Invoice series|Currency|Time zone):/;
    problems.push(...ctx.settingProblems.filter((p) => about.test(p.message)));
  } catch (e) {
    if (!(e instanceof LedgerError)) throw e;
    problems.push(...(e.problems.length ? e.problems : [{ tab: 'Settings', cell: '', message: e.message }]));
  }
  let table: Table;
  try {
    table = readTable(wb, INVOICES);
  } catch (e) {
    if (!(e instanceof LedgerError)) throw e;
    problems.push(
      ...(e.problems.length ? e.problems : [{ tab: INVOICES.name, cell: '', message: e.message }]),
    );
    return { ok: false, invoices: 0, problems };
  }
  problems.push(...invoiceTabProblems(table, series, cells, digest));
  return { ok: problems.length === 0, invoices: table.rows.length, problems };
}

/** The verification in words, for an alert: a summary line, then each problem by row. */
export function describeVerification(v: InvoiceVerification, max = 20): string {
  if (v.ok) {
    return `The ${v.invoices} invoice(s) are in order: numbers consecutive per series and year, no duplicates, no row edited, the hash chain unbroken.`;
  }
  const lines = v.problems
    .slice(0, max)
    .map((p) => (p.cell ? `${p.tab}!${p.cell}: ${p.message}` : p.message));
  const more =
    v.problems.length > max ? [`… and ${v.problems.length - max} more (Check ledger lists them all).`] : [];
  return [`${v.problems.length} problem(s) in the invoices:`, ...lines, ...more].join('\n');
}
