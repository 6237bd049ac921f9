/**
 * "Rebuild summaries" (menu, and `shop-ledger report --rebuild`): under the document lock, reads
 * Orders, Order Lines, Payments and Products once each, recomputes the summaries in core and
 * rewrites Sales by Channel, Payments by Method and VAT Summary: one write per tab, over the
 * data block, with any rows left over from a longer earlier build blanked in the same write.
 *
 * Each commit (a till sale, a web import) also updates the rows it touches (update-summaries.ts);
 * this puts the tabs right from the ledger when they were edited by hand or built before that.
 */
import type { Summary } from '../../core/summary/incremental';
import { rebuild } from '../../core/summary/incremental';
import { paymentsRows } from '../../core/summary/payments-by-method';
import { salesRows } from '../../core/summary/sales-by-channel';
import { vatRows } from '../../core/summary/vat-summary';
import { type CellContext, moneyCell } from '../../ledger/cells';
import type { Problem } from '../../ledger/problem';
import { PAYMENTS_BY_METHOD, SALES_BY_CHANNEL, type TabSpec, VAT_SUMMARY } from '../../ledger/schema';
import { readSummaryFacts } from '../../ledger/summary-facts';
import { readHeaderTable } from '../../ledger/table';
import type { Platform } from '../../platform/platform';
import type { CellValue, Workbook } from '../../platform/workbook';
import { underLock } from '../commit';
import { loadContext } from '../ledger-context';
import { placeSalesChart } from './sales-chart';

type Ports = Pick<Platform, 'workbook' | 'lock'>;

export interface SummaryRead {
  summary: Summary;
  /** Orders, lines and payments left out because of a bad cell, each naming it. */
  problems: Problem[];
}

/** The summary of the whole ledger, computed in core from one read of each tab it needs. */
export function computeSummary(wb: Workbook): SummaryRead {
  const ctx = loadContext(wb);
  const read = readSummaryFacts(wb, ctx.tabs, ctx.cells);
  const summary = rebuild(read.facts, { currency: ctx.settings.currency, timeZone: ctx.settings.timeZone });
  return { summary, problems: [...ctx.settingProblems, ...read.problems] };
}

export interface RebuildSummariesReport {
  /** Orders the summaries were built from (pending and cancelled included, though they add nothing). */
  orders: number;
  /** Rows written per tab (day and month rows together). */
  salesRows: number;
  paymentRows: number;
  vatRows: number;
  problems: Problem[];
  summary: Summary;
}

type Record_ = Record<string, CellValue>;

/** Overwrites a tab's data block with `records` in one write, blanking rows left from before; returns its width. */
function rewriteTab(
  wb: Workbook,
  tabs: readonly string[],
  spec: TabSpec,
  records: readonly Record_[],
): number {
  const table = readHeaderTable(wb, spec, tabs);
  const cols = spec.columns.map((c) => table.col(c.header));
  const from = Math.min(...cols);
  const to = Math.max(...cols);
  const blank = (): CellValue[] => Array.from({ length: to - from + 1 }, () => '');
  const rows = records.map((record) => {
    const cells = blank();
    for (const [header, value] of Object.entries(record)) cells[table.col(header) - from] = value;
    return cells;
  });
  const leftover = wb.lastRow(spec.name) - 1 - rows.length;
  for (let i = 0; i < leftover; i++) rows.push(blank());
  if (rows.length > 0) wb.write(spec.name, 2, from + 1, rows);
  return table.width;
}

/** The three tabs' rows, as cells. */
export function summaryRecords(
  summary: Summary,
  ctx: CellContext,
): { sales: Record_[]; payments: Record_[]; vat: Record_[] } {
  const money = (minor: number | null): CellValue => (minor === null ? '' : moneyCell(minor, ctx));
  const sales = (['day', 'month'] as const).flatMap((view) =>
    salesRows(summary.sales, view).map(
      (row): Record_ => ({
        Period: view,
        Day: row.period,
        Channel: row.channel,
        Orders: row.orders,
        Units: row.units,
        Gross: money(row.gross),
        Net: money(row.net),
        VAT: money(row.vat),
        Discounts: money(row.discounts),
        Refunds: money(row.refunds),
        'Average ticket': money(row.averageTicket),
        'Cost of goods': money(row.cost),
        Margin: money(row.margin),
      }),
    ),
  );
  const payments = (['day', 'month'] as const).flatMap((view) =>
    paymentsRows(summary.payments, view).map(
      (row): Record_ => ({
        Period: view,
        Day: row.period,
        Channel: row.channel,
        Method: row.method,
        Count: row.count,
        Amount: money(row.amount),
      }),
    ),
  );
  const vat = vatRows(summary.vat).map(
    (row): Record_ => ({
      Month: row.month,
      'VAT %': row.rate ?? '',
      Base: money(row.base),
      VAT: money(row.vat),
    }),
  );
  return { sales, payments, vat };
}

export function rebuildSummaries(p: Ports): RebuildSummariesReport {
  const wb = p.workbook;
  return underLock(p, () => {
    const ctx = loadContext(wb);
    const read = readSummaryFacts(wb, ctx.tabs, ctx.cells);
    const summary = rebuild(read.facts, { currency: ctx.settings.currency, timeZone: ctx.settings.timeZone });
    const records = summaryRecords(summary, ctx.cells);
    const salesWidth = rewriteTab(wb, ctx.tabs, SALES_BY_CHANNEL, records.sales);
    rewriteTab(wb, ctx.tabs, PAYMENTS_BY_METHOD, records.payments);
    rewriteTab(wb, ctx.tabs, VAT_SUMMARY, records.vat);
    placeSalesChart(wb, records.sales, salesWidth);
    return {
      orders: read.facts.length,
      salesRows: records.sales.length,
      paymentRows: records.payments.length,
      vatRows: records.vat.length,
      problems: [...ctx.settingProblems, ...read.problems],
      summary,
    };
  });
}

export function describeRebuildSummaries(r: RebuildSummariesReport): string {
  const lines = [
    `Rebuilt the summaries from ${r.orders} orders: Sales by Channel ${r.salesRows} rows, Payments by Method ${r.paymentRows} rows, VAT Summary ${r.vatRows} rows.`,
  ];
  if (r.problems.length > 0) {
    lines.push(`${r.problems.length} rows were left out because of a bad cell:`);
    for (const problem of r.problems.slice(0, 20)) {
      lines.push(`  ${problem.tab}!${problem.cell}: ${problem.message}`);
    }
    if (r.problems.length > 20) lines.push(`  … and ${r.problems.length - 20} more (run Check ledger).`);
  }
  return lines.join('\n');
}
