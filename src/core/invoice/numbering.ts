/**
 * Invoice numbering read from the Invoices tab itself, never from a separate counter: the next
 * number is one after the highest issued in the series and year, so a number can never be
 * skipped by a counter that moved while its row failed to be written. The ledger takes the
 * number and writes the row under the document lock, so two executions never take the same one.
 *
 * numberingProblems is the check: every gap, duplicate, out-of-order and unreadable number.
 */
import { DEFAULT_SERIES, formatInvoiceNo, parseInvoiceNo, type Series } from './series';

/** The next number of a series in a year, from the invoices already issued (in any order). */
export function nextNumber(
  issued: readonly { invoiceNo: string }[],
  series: Series,
  year: number,
): { n: number; invoiceNo: string } {
  let highest = 0;
  for (const { invoiceNo } of issued) {
    const parsed = parseInvoiceNo(invoiceNo, [series]);
    if (parsed !== null && parsed.year === year && parsed.n > highest) highest = parsed.n;
  }
  const n = highest + 1;
  return { n, invoiceNo: formatInvoiceNo(series, year, n) };
}

export type NumberingProblemKind = 'unreadable' | 'duplicate' | 'gap' | 'out-of-order';

export interface NumberingProblem {
  kind: NumberingProblemKind;
  /** The sheet rows concerned, ascending. */
  rows: number[];
  message: string;
}

interface Numbered {
  row: number;
  invoiceNo: string;
  n: number;
}

function range(series: Series, year: number, from: number, to: number): string {
  const first = formatInvoiceNo(series, year, from);
  return from === to ? first : `${first} to ${formatInvoiceNo(series, year, to)}`;
}

/**
 * Every numbering problem in the Invoices tab's rows (given in sheet order), each naming the
 * row(s), sorted by first row:
 * - unreadable: an Invoice No that is not a number of any series;
 * - duplicate: the same number on several rows (one problem naming them all);
 * - gap: numbers missing within a series and year (numbering starts at 1 each year), named by
 *   the rows either side of the gap;
 * - out-of-order: a row whose number is lower than one on an earlier row of its series and year.
 */
export function numberingProblems(
  rows: readonly { row: number; invoiceNo: string }[],
  series: readonly Series[] = DEFAULT_SERIES,
): NumberingProblem[] {
  const problems: NumberingProblem[] = [];
  const groups = new Map<string, { series: Series; year: number; entries: Numbered[] }>();
  for (const { row, invoiceNo } of rows) {
    const parsed = parseInvoiceNo(invoiceNo, series);
    if (parsed === null) {
      const shown = String(invoiceNo ?? '').trim();
      problems.push({
        kind: 'unreadable',
        rows: [row],
        message:
          shown === ''
            ? `Row ${row} has no invoice number.`
            : `Row ${row}: '${shown}' is not an invoice number of any series.`,
      });
      continue;
    }
    const key = `${parsed.series} ${parsed.year}`;
    const group = groups.get(key) ?? {
      series: series.find((s) => s.code === parsed.series) as Series,
      year: parsed.year,
      entries: [],
    };
    group.entries.push({ row, invoiceNo: invoiceNo.trim(), n: parsed.n });
    groups.set(key, group);
  }

  for (const { series: one, year, entries } of groups.values()) {
    // Out of order: lower than the highest number on an earlier row.
    let highest: Numbered | null = null;
    for (const entry of entries) {
      if (highest !== null && entry.n < highest.n) {
        problems.push({
          kind: 'out-of-order',
          rows: [highest.row, entry.row].sort((a, b) => a - b),
          message: `Row ${entry.row}: ${entry.invoiceNo} comes after ${highest.invoiceNo} (row ${highest.row}); numbers must rise down the tab.`,
        });
      }
      if (highest === null || entry.n > highest.n) highest = entry;
    }

    const byNumber = new Map<number, Numbered[]>();
    for (const entry of entries) {
      const same = byNumber.get(entry.n) ?? [];
      same.push(entry);
      byNumber.set(entry.n, same);
    }
    const numbers = [...byNumber.keys()].sort((a, b) => a - b);
    for (const n of numbers) {
      const same = byNumber.get(n) as Numbered[];
      if (same.length > 1) {
        const rowsOf = same.map((entry) => entry.row).sort((a, b) => a - b);
        problems.push({
          kind: 'duplicate',
          rows: rowsOf,
          message: `${same[0].invoiceNo} is on ${rowsOf.length} rows: ${rowsOf.join(', ')}.`,
        });
      }
    }
    let previous = 0;
    for (const n of numbers) {
      if (n > previous + 1) {
        const missing = range(one, year, previous + 1, n - 1);
        const after = (byNumber.get(n) as Numbered[])[0];
        const before = previous === 0 ? null : (byNumber.get(previous) as Numbered[])[0];
        const rowsOf = before === null ? [after.row] : [before.row, after.row].sort((a, b) => a - b);
        const where =
          before === null
            ? `before ${after.invoiceNo} (row ${after.row})`
            : `between ${before.invoiceNo} (row ${before.row}) and ${after.invoiceNo} (row ${after.row})`;
        problems.push({
          kind: 'gap',
          rows: rowsOf,
          message: `${missing} ${n - previous - 1 === 1 ? 'is' : 'are'} missing, ${where}.`,
        });
      }
      previous = n;
    }
  }
  return problems.sort((a, b) => a.rows[0] - b.rows[0]);
}
