/**
 * The live summaries: called inside a commit (a till sale, a web import, a status change, a
 * refund) with the facts of the orders that commit wrote or changed, it updates only the rows
 * of Sales by Channel, Payments by Method and VAT Summary those orders touch (day and month
 * rows). Each tab is read once (they hold one row per day × channel, not per order) and written
 * with at most one in-place write (updateRows, oneBlock) and one append, so the cost of a commit
 * does not grow with the number of orders in the ledger.
 *
 * An order the commit changed (a re-import whose status or total moved) is passed with the
 * facts it had before, in `previous`: those are taken out first. Derived figures (Average
 * ticket, Margin) are recomputed from the row's own sums.
 *
 * A tab that cannot be read (a header or a cell edited by hand) is left as it is: a commit never
 * fails because of a summary.
 *
 * Limits (the tab does not hold every sum the core keeps; "Rebuild summaries" is exact):
 * - a row whose Cost of goods is blank (an order of unknown cost) stays blank until a rebuild;
 * - a row that an order is taken out of and whose figures all come back to zero is blanked (the
 *   core keeps it if other orders that cancel out, or orders in another currency, still feed it);
 * - the tabs are only as complete as they were: run Rebuild once on a ledger that had orders
 *   before the live summaries.
 */
import { mulDivRound } from '../../core/money';
import { dayOf, monthOf, monthOfDay } from '../../core/summary/calendar';
import { inclusion, type OrderFacts, type SummaryOptions } from '../../core/summary/facts';
import { salesDelta } from '../../core/summary/sales-by-channel';
import { type CellContext, isBlank, moneyCell, parseMoney, parseVatRate } from '../../ledger/cells';
import { PAYMENTS_BY_METHOD, SALES_BY_CHANNEL, type TabSpec, VAT_SUMMARY } from '../../ledger/schema';
import { readSummaryFacts } from '../../ledger/summary-facts';
import {
  appendRows,
  findRows,
  type Record_,
  type Row,
  type RowChange,
  readFoundRows,
  readTable,
  type Table,
  updateRows,
} from '../../ledger/table';
import type { CellValue, Workbook } from '../../platform/workbook';
import type { LedgerContext } from '../ledger-context';

type Figures = Record<string, number>;

interface Affected {
  /** The key columns' values, as written in a new row. */
  dims: Record_;
  delta: Figures;
  /** How many facts with an unknown cost were added (sales only). */
  unknownAdded: number;
  /** Whether a fact was taken out of the row: only then can it lose its last fact and go. */
  removed: boolean;
}

function add(map: Map<string, Affected>, key: string, dims: Record_, delta: Figures, sign: 1 | -1): void {
  let entry = map.get(key);
  if (!entry) {
    entry = { dims, delta: {}, unknownAdded: 0, removed: false };
    map.set(key, entry);
  }
  for (const [name, value] of Object.entries(delta)) {
    entry.delta[name] = (entry.delta[name] ?? 0) + sign * value;
  }
  if (sign > 0 && (delta.costUnknown ?? 0) > 0) entry.unknownAdded += delta.costUnknown;
  if (sign < 0) entry.removed = true;
}

function salesAffected(
  facts: OrderFacts,
  sign: 1 | -1,
  options: SummaryOptions,
  out: Map<string, Affected>,
): void {
  const delta = salesDelta(facts.order, options);
  if (delta === null) return;
  const day = dayOf(facts.order.created, options.timeZone);
  const groups = [facts.order.channel as string];
  const shop = facts.order.shop.trim();
  if (shop !== '') groups.push(shop);
  for (const channel of groups) {
    for (const view of ['day', 'month'] as const) {
      const period = view === 'day' ? day : monthOfDay(day);
      add(
        out,
        JSON.stringify([view, period, channel]),
        { Period: view, Day: period, Channel: channel },
        delta,
        sign,
      );
    }
  }
}

function paymentsAffected(
  facts: OrderFacts,
  sign: 1 | -1,
  options: SummaryOptions,
  out: Map<string, Affected>,
): void {
  if (inclusion(facts.order, options.currency) !== 'counted') return;
  for (const payment of facts.payments) {
    const day = dayOf(payment.time, options.timeZone);
    const method = payment.method.trim();
    for (const view of ['day', 'month'] as const) {
      const period = view === 'day' ? day : monthOfDay(day);
      add(
        out,
        JSON.stringify([view, period, payment.channel, method]),
        { Period: view, Day: period, Channel: payment.channel, Method: method },
        { count: 1, amount: payment.amount },
        sign,
      );
    }
  }
}

function vatAffected(
  facts: OrderFacts,
  sign: 1 | -1,
  options: SummaryOptions,
  out: Map<string, Affected>,
): void {
  if (inclusion(facts.order, options.currency) !== 'counted' || facts.lines.length === 0) return;
  const month = monthOf(facts.order.created, options.timeZone);
  for (const line of facts.lines) {
    const rate = line.vatRate === null ? null : line.vatRate + 0;
    add(
      out,
      JSON.stringify([month, rate]),
      { Month: month, 'VAT %': rate ?? '' },
      { base: line.net, vat: line.vat },
      sign,
    );
  }
}

function text(table: Table, row: Row, header: string): string {
  return String(table.get(row, header)).trim();
}

/** A money cell in minor units: blank is 0 (null with `blankIsNull`); an unreadable cell throws. */
function money(table: Table, row: Row, header: string, ctx: CellContext, blankIsNull = false): number | null {
  const v = table.get(row, header);
  if (isBlank(v)) return blankIsNull ? null : 0;
  const parsed = parseMoney(v, header, ctx);
  if (!parsed.ok)
    throw new Error(`${table.spec.name}!${table.ref(row, header)}: ${parsed.message} Run Rebuild summaries.`);
  return parsed.value;
}

function int(table: Table, row: Row, header: string): number {
  const v = table.get(row, header);
  if (isBlank(v)) return 0;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    throw new Error(
      `${table.spec.name}!${table.ref(row, header)} is not a whole number. Run Rebuild summaries.`,
    );
  }
  return v;
}

function vatRateKey(v: CellValue): number | null | undefined {
  if (isBlank(v)) return null;
  const parsed = parseVatRate(v, 'VAT %');
  return parsed.ok ? parsed.value + 0 : undefined;
}

/**
 * Applies one tab's affected rows: `figuresOf` reads a row's sums, `recordOf` writes them back
 * (null: the row goes). One read, at most one in-place write and one append.
 */
function updateTab(
  wb: Workbook,
  ctx: LedgerContext,
  spec: TabSpec,
  affected: Map<string, Affected>,
  keyOf: (table: Table, row: Row) => string | null,
  figuresOf: (table: Table, row: Row | null) => { figures: Figures; costKnown: boolean },
  recordOf: (figures: Figures, costKnown: boolean) => Record_,
  /** Whether no fact feeds the row any more, asked only when a fact was taken out of it. */
  empty: (figures: Figures) => boolean,
): void {
  // A ledger set up before the summaries has no such tab: Set up ledger adds it, Rebuild fills it.
  if (affected.size === 0 || !ctx.tabs.includes(spec.name)) return;
  let table: Table;
  const changes: RowChange[] = [];
  const appended: Record_[] = [];
  try {
    table = readTable(wb, spec, ctx.tabs);
    const rowsByKey = new Map<string, Row>();
    for (const row of table.rows) {
      const key = keyOf(table, row);
      if (key !== null && !rowsByKey.has(key)) rowsByKey.set(key, row);
    }
    const blank = Object.fromEntries(spec.columns.map((c) => [c.header, ''])) as Record_;
    for (const [key, entry] of affected) {
      const row = rowsByKey.get(key) ?? null;
      const { figures, costKnown } = figuresOf(table, row);
      for (const [name, value] of Object.entries(entry.delta)) figures[name] = (figures[name] ?? 0) + value;
      const known = row === null ? (figures.costUnknown ?? 0) <= 0 : costKnown && entry.unknownAdded === 0;
      const record = entry.removed && empty(figures) ? null : recordOf(figures, known);
      if (row) changes.push({ row, values: record === null ? blank : { ...entry.dims, ...record } });
      else if (record !== null) appended.push({ ...entry.dims, ...record });
    }
  } catch {
    // A tab whose columns or cells were edited by hand so that they cannot be read: the sale or
    // import still commits, and this tab stays as it was until "Rebuild summaries".
    return;
  }
  if (changes.length > 0) updateRows(wb, table, changes, { oneBlock: true });
  if (appended.length > 0) appendRows(wb, table, appended);
}

const none = (): { figures: Figures; costKnown: boolean } => ({ figures: {}, costKnown: true });

const isZero = (figures: Figures, names: readonly string[]) => names.every((n) => (figures[n] ?? 0) === 0);

/**
 * Updates the three summary tabs for the orders one commit wrote or changed. `facts` are the
 * orders as they now stand; `previous` are the facts those of them that were already in the
 * ledger had before the commit (taken out first). Call it inside the commit, under the lock.
 */
export function updateSummaries(
  wb: Workbook,
  ctx: LedgerContext,
  facts: readonly OrderFacts[],
  previous: readonly OrderFacts[] = [],
): void {
  const options: SummaryOptions = {
    currency: ctx.settings.currency.trim().toUpperCase(),
    timeZone: ctx.settings.timeZone,
  };
  const cells = ctx.cells;
  const sales = new Map<string, Affected>();
  const payments = new Map<string, Affected>();
  const vat = new Map<string, Affected>();
  for (const [list, sign] of [
    [previous, -1],
    [facts, 1],
  ] as const) {
    for (const f of list) {
      salesAffected(f, sign, options, sales);
      paymentsAffected(f, sign, options, payments);
      vatAffected(f, sign, options, vat);
    }
  }
  const m = (minor: number) => moneyCell(minor, cells);

  updateTab(
    wb,
    ctx,
    SALES_BY_CHANNEL,
    sales,
    (t, r) => JSON.stringify([text(t, r, 'Period'), text(t, r, 'Day'), text(t, r, 'Channel')]),
    (t, r) => {
      if (r === null) return none();
      const gross = money(t, r, 'Gross', cells) ?? 0;
      const refunds = money(t, r, 'Refunds', cells) ?? 0;
      const cost = money(t, r, 'Cost of goods', cells, true);
      return {
        figures: {
          orders: int(t, r, 'Orders'),
          units: int(t, r, 'Units'),
          gross,
          net: money(t, r, 'Net', cells) ?? 0,
          vat: money(t, r, 'VAT', cells) ?? 0,
          discounts: money(t, r, 'Discounts', cells) ?? 0,
          refunds,
          salesTotal: gross - refunds,
          cost: cost ?? 0,
        },
        costKnown: cost !== null,
      };
    },
    (f, costKnown) => {
      return {
        Orders: f.orders,
        Units: f.units,
        Gross: m(f.gross),
        Net: m(f.net),
        VAT: m(f.vat),
        Discounts: m(f.discounts),
        Refunds: m(f.refunds),
        'Average ticket': f.orders === 0 ? '' : m(mulDivRound(f.salesTotal, 1, f.orders)),
        'Cost of goods': costKnown ? m(f.cost) : '',
        Margin: costKnown ? m(f.net - f.cost) : '',
      };
    },
    (f) => isZero(f, ['orders', 'units', 'gross', 'net', 'vat', 'discounts', 'refunds', 'cost']),
  );

  updateTab(
    wb,
    ctx,
    PAYMENTS_BY_METHOD,
    payments,
    (t, r) =>
      JSON.stringify([text(t, r, 'Period'), text(t, r, 'Day'), text(t, r, 'Channel'), text(t, r, 'Method')]),
    (t, r) =>
      r === null
        ? none()
        : {
            figures: { count: int(t, r, 'Count'), amount: money(t, r, 'Amount', cells) ?? 0 },
            costKnown: true,
          },
    (f) => ({ Count: f.count, Amount: m(f.amount) }),
    // Count is how many payments feed the row.
    (f) => f.count === 0,
  );

  updateTab(
    wb,
    ctx,
    VAT_SUMMARY,
    vat,
    (t, r) => {
      const rate = vatRateKey(t.get(r, 'VAT %'));
      return rate === undefined ? null : JSON.stringify([text(t, r, 'Month'), rate]);
    },
    (t, r) =>
      r === null
        ? none()
        : {
            figures: { base: money(t, r, 'Base', cells) ?? 0, vat: money(t, r, 'VAT', cells) ?? 0 },
            costKnown: true,
          },
    (f) => ({ Base: m(f.base), VAT: m(f.vat) }),
    (f) => isZero(f, ['base', 'vat']),
  );
}

/**
 * The orders a commit wrote, as it holds their rows: the Orders rows as they now stand (and, for
 * the rows it changed, as they stood before), with Order Lines and Payments found by Order ID
 * (one search and one read per run of rows, whatever the size of the ledger).
 */
export interface WrittenOrders {
  orders: Table;
  lines: Table;
  payments: Table;
  /** Orders rows as they now stand (appended or changed by the commit). */
  now: readonly CellValue[][];
  /** The changed rows as they stood before the commit. */
  before: readonly CellValue[][];
  /** Payment IDs the commit appended: not part of the orders' facts before it. */
  newPayments: ReadonlySet<string>;
  /** The Order Lines and Payments rows the commit appended, as written (no need to search for them). */
  appendedLines: readonly CellValue[][];
  appendedPayments: readonly CellValue[][];
}

/**
 * A workbook that reads the given rows for some tabs, and every other tab as it is (each read
 * once, in `cache`); it only reads: readSummaryFacts is all it serves.
 */
function viewOf(
  wb: Workbook,
  shown: Record<string, CellValue[][]>,
  cache: Map<string, CellValue[][]>,
): Workbook {
  const readOnly = (): never => {
    throw new Error('A summary view of the ledger only reads.');
  };
  return {
    timeZone: () => wb.timeZone(),
    locale: () => wb.locale(),
    tabNames: () => wb.tabNames(),
    read: (tab) => {
      const rows = shown[tab];
      if (rows) return rows;
      let values = cache.get(tab);
      if (!values) {
        values = wb.read(tab);
        cache.set(tab, values);
      }
      return values;
    },
    readHeader: (tab) => wb.readHeader(tab),
    readRows: (tab, fromRow, count) => wb.readRows(tab, fromRow, count),
    lastRow: (tab) => wb.lastRow(tab),
    findRows: (tab, col, text) => wb.findRows(tab, col, text),
    findLastRow: (tab, col, text) => wb.findLastRow(tab, col, text),
    gridCells: () => wb.gridCells(),
    write: readOnly,
    append: readOnly,
    addTab: readOnly,
    style: readOnly,
    chart: readOnly,
    flush: () => {},
  };
}

/** updateSummaries for the orders a commit wrote as rows (a web import): their facts before and after. */
export function updateSummariesForRows(wb: Workbook, ctx: LedgerContext, written: WrittenOrders): void {
  const idOf = (cells: readonly CellValue[], col: number) => String(cells[col] ?? '').trim();
  const idCol = written.orders.col('Order ID');
  const ids = [...new Set(written.now.map((cells) => idOf(cells, idCol)))].filter((id) => id !== '');
  if (ids.length === 0) return;
  // Orders new in this commit have only the lines and payments it appended, which are in hand;
  // only the orders that were there before are searched for (their lines, and any payment).
  const earlier = [...new Set(written.before.map((cells) => idOf(cells, idCol)))].filter((id) => id !== '');
  const known = new Set(earlier);
  const rowsOf = (table: Table, appended: readonly CellValue[][]) => {
    const col = table.col('Order ID');
    const found =
      earlier.length === 0
        ? []
        : readFoundRows(wb, table, findRows(wb, table, 'Order ID', earlier)).map((row) => row.cells);
    return [...found, ...appended.filter((cells) => !known.has(idOf(cells, col)))];
  };
  const lineRows = rowsOf(written.lines, written.appendedLines);
  const paymentRows = rowsOf(written.payments, written.appendedPayments);
  const paymentIdCol = written.payments.col('Payment ID');
  const oldPayments = paymentRows.filter(
    (cells) => !written.newPayments.has(String(cells[paymentIdCol] ?? '').trim()),
  );
  const cache = new Map<string, CellValue[][]>();
  const view = (orderRows: readonly CellValue[][], payments: CellValue[][]) =>
    viewOf(
      wb,
      {
        [written.orders.spec.name]: [written.orders.header, ...orderRows],
        [written.lines.spec.name]: [written.lines.header, ...lineRows],
        [written.payments.spec.name]: [written.payments.header, ...payments],
      },
      cache,
    );
  const after = readSummaryFacts(view(written.now, paymentRows), ctx.tabs, ctx.cells).facts;
  const before =
    written.before.length === 0
      ? []
      : readSummaryFacts(view(written.before, oldPayments), ctx.tabs, ctx.cells).facts;
  updateSummaries(wb, ctx, after, before);
}
