/**
 * `shop-ledger report`: what the shop owner and the accountant read. The sales per channel, per web
 * shop and per payment method for today, this month and all time (in the ledger's time zone), the
 * VAT summary, and the products low on stock. With --rebuild the summary tabs (Sales by Channel,
 * Payments by Method, VAT Summary) are rewritten first; without it the file is only read.
 */
import type { Command } from 'commander';
import { type LowStockLine, lowStock } from '../../app/stock/low-stock';
import { computeSummary, rebuildSummaries } from '../../app/summaries/rebuild-summaries';
import { buildReport, type ReportFigures, type Report as SalesReport } from '../../core/summary/report';
import { describeProblem, type Problem } from '../../ledger/problem';
import { withLedgerFile } from '../ledger-file';
import type { Io } from './stock-common';

export interface Report extends SalesReport {
  lowStock: LowStockLine[];
}

export interface ReportRun {
  report: Report;
  /** Rows left out of the figures because of a bad cell. */
  problems: Problem[];
  /** Set when --rebuild rewrote the summary tabs. */
  rebuilt?: { salesRows: number; paymentRows: number; vatRows: number };
}

export async function report(opts: { ledger: string; rebuild?: boolean; now?: number }): Promise<ReportRun> {
  const now = opts.now ?? Date.now();
  return withLedgerFile(opts.ledger, { create: false }, (wb, lock) => {
    if (opts.rebuild) {
      const r = rebuildSummaries({ workbook: wb, lock });
      return {
        report: { ...buildReport(r.summary, now), lowStock: lowStock({ workbook: wb }) },
        problems: r.problems,
        rebuilt: { salesRows: r.salesRows, paymentRows: r.paymentRows, vatRows: r.vatRows },
      };
    }
    const read = computeSummary(wb);
    return {
      report: { ...buildReport(read.summary, now), lowStock: lowStock({ workbook: wb }) },
      problems: read.problems,
    };
  });
}

function amount(n: number | null): string {
  return n === null ? '—' : n.toFixed(2);
}

function figures(f: ReportFigures): string {
  return `${f.orders} orders, ${f.units} units, total ${amount(f.total)} (net ${amount(f.net)}, VAT ${amount(f.vat)}), refunds ${amount(f.refunds)}, margin ${amount(f.margin)}`;
}

function describeLowStock(lines: readonly LowStockLine[]): string[] {
  if (lines.length === 0) return ['Low stock: none. Every product is above its reorder point.'];
  return [
    `Low stock: ${lines.length} (available at or below the reorder point)`,
    ...lines.map(
      (l) =>
        `  ${l.sku}  ${l.name} — ${l.location}: ${l.available} available, reorder point ${l.reorderPoint}`,
    ),
  ];
}

export function describeReport(run: ReportRun): string {
  const r = run.report;
  const out: string[] = [];
  if (run.rebuilt) {
    out.push(
      `Rebuilt the summary tabs: Sales by Channel ${run.rebuilt.salesRows} rows, Payments by Method ${run.rebuilt.paymentRows} rows, VAT Summary ${run.rebuilt.vatRows} rows.`,
    );
  }
  for (const [period, title] of [
    ['today', 'Today'],
    ['month', 'This month'],
    ['all', 'All time'],
  ] as const) {
    out.push(`${title} (${r.currency}):`);
    for (const [name, p] of Object.entries(r.byChannel)) out.push(`  ${name}: ${figures(p[period])}`);
    for (const [name, p] of Object.entries(r.byShop)) out.push(`  Shop ${name}: ${figures(p[period])}`);
    for (const [name, p] of Object.entries(r.byMethod)) {
      const f = p[period];
      out.push(`  Paid by ${name}: ${f.orders} payments, ${amount(f.total)} (refunds ${amount(f.refunds)})`);
    }
    if (r.otherCurrency[period] > 0) {
      out.push(`  ${r.otherCurrency[period]} orders in another currency are left out of these sums.`);
    }
  }
  const marginUnknown = (['today', 'month', 'all'] as const).some((period) =>
    [...Object.values(r.byChannel), ...Object.values(r.byShop)].some((p) => p[period].margin === null),
  );
  if (marginUnknown) {
    out.push(
      'Margin — : an order in that line sold a product whose cost is unknown (a SKU not in Products, or no Cost there). Give it a Cost in Products, then rebuild the summaries (shop-ledger report --rebuild).',
    );
  }
  if (run.problems.length > 0) {
    out.push(`${run.problems.length} rows were left out of the figures because of a bad cell:`);
    for (const problem of run.problems.slice(0, 20)) out.push(`  ${describeProblem(problem)}`);
    if (run.problems.length > 20)
      out.push(`  … and ${run.problems.length - 20} more (run shop-ledger check).`);
  }
  out.push(...describeLowStock(r.lowStock));
  return out.join('\n');
}

export function registerReport(root: Command, io: Io): void {
  root
    .command('report')
    .description(
      'Report on the shop: sales per channel, web shop and payment method for today, this month and all time, the VAT summary, and the products at or below their reorder point.',
    )
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .option('--rebuild', 'rewrite the Sales by Channel, Payments by Method and VAT Summary tabs first')
    .option(
      '--json',
      'print {"currency", "byChannel", "byShop", "byMethod", "vat", "otherCurrency", "lowStock"}; amounts are decimals in the ledger currency',
    )
    .action(async (o: { ledger: string; json?: boolean; rebuild?: boolean }) => {
      const r = await report(o);
      io.out(o.json ? JSON.stringify(r.report) : describeReport(r));
    });
}
