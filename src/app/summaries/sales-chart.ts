/**
 * The chart of sales by channel over time, embedded in the Sales by Channel tab: gross per month,
 * one column per channel (Store, Web). Placed by Set up ledger and by every Rebuild summaries,
 * found again by its title, so there is only ever one.
 *
 * Why a "Chart data" tab: Sales by Channel is long-format (one row per period × channel, day and
 * month rows together), which a chart cannot read as series. The chart reads a small pivot
 * instead, one row per month and one column per channel, rewritten whole (one write) each time
 * the chart is placed. It is by month, not day, so it stays readable over years. Web shops are not
 * series of their own: they are inside Web, and a stacked or side-by-side view would count them
 * twice. Live commits do not rewrite it: the chart follows Rebuild summaries.
 */
import { SALES_BY_CHANNEL } from '../../ledger/schema';
import type { CellValue, Workbook } from '../../platform/workbook';

export const CHART_DATA_TAB = 'Chart data';
export const SALES_CHART_TITLE = 'Gross sales by channel, per month';
const SERIES = ['Store', 'Web'] as const;

/** A row of Sales by Channel as far as the chart cares. */
export type ChartSource = Readonly<Partial<Record<'Period' | 'Day' | 'Channel' | 'Gross', CellValue>>>;

/** The pivot: header, then one row per month (oldest first) with each channel's gross. */
export function chartBlock(rows: readonly ChartSource[]): CellValue[][] {
  const byMonth = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const channel = String(row.Channel ?? '').trim();
    if (String(row.Period ?? '').trim() !== 'month' || !(SERIES as readonly string[]).includes(channel))
      continue;
    const month = String(row.Day ?? '').trim();
    const gross = typeof row.Gross === 'number' ? row.Gross : 0;
    const cells = byMonth.get(month) ?? new Map<string, number>();
    cells.set(channel, (cells.get(channel) ?? 0) + gross);
    byMonth.set(month, cells);
  }
  const months = [...byMonth.keys()].sort();
  return [
    ['Month', ...SERIES],
    ...months.map((month) => [month, ...SERIES.map((s) => byMonth.get(month)?.get(s) ?? 0)]),
  ];
}

/** Writes the pivot (blanking rows left from a longer one) and embeds or updates the chart. */
export function placeSalesChart(
  wb: Workbook,
  rows: readonly ChartSource[],
  /** Sales by Channel's header width, when the caller has read it already. */
  headerWidth?: number,
): void {
  const tabs = wb.tabNames();
  if (!tabs.includes(SALES_BY_CHANNEL.name)) return;
  if (!tabs.includes(CHART_DATA_TAB)) wb.addTab(CHART_DATA_TAB);
  const block = chartBlock(rows);
  const width = block[0].length;
  const cells = [...block];
  for (let i = block.length; i < wb.lastRow(CHART_DATA_TAB); i++) cells.push(Array(width).fill(''));
  wb.write(CHART_DATA_TAB, 1, 1, cells);
  // To the right of the tab's columns, so it never covers a figure.
  const tabWidth = headerWidth ?? wb.readHeader(SALES_BY_CHANNEL.name).length;
  wb.chart(SALES_BY_CHANNEL.name, {
    title: SALES_CHART_TITLE,
    type: 'column',
    source: { tab: CHART_DATA_TAB, row: 1, col: 1, rows: block.length, cols: width },
    anchor: { row: 2, col: Math.max(tabWidth, SALES_BY_CHANNEL.columns.length) + 2 },
  });
}
