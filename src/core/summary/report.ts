/**
 * The figures of `shop-ledger report --json`: per channel, per web shop and per payment method,
 * for today, this month (in the ledger's time zone) and all time, plus the VAT summary. Amounts
 * are decimal numbers in the ledger's currency (toDecimal), read from the live summary.
 */
import { currencyExponent, toDecimal } from '../money';
import { dayOf, monthOfDay } from './calendar';
import type { Channel } from './facts';
import type { Summary } from './incremental';
import type { PaymentFigures } from './payments-by-method';
import { type SalesFigures, type SalesGroup, salesKeyString, sumSalesFigures } from './sales-by-channel';
import { vatRows } from './vat-summary';

/** F: one channel's or shop's figures over a period. */
export interface ReportFigures {
  /** Sales orders (returns are not counted here; their amounts are). */
  orders: number;
  /** Units sold less units returned. */
  units: number;
  /** Sum of Total, returns included as negatives. */
  total: number;
  net: number;
  vat: number;
  /** The returns' totals: 0 or negative. */
  refunds: number;
  /** net − cost of goods; null when the cost of any order in the period is unknown. */
  margin: number | null;
}

/**
 * F for a payment method: orders is the number of payments (refunds paid back included), total
 * their net amount and refunds the refunds paid back. Payments carry no units, net, VAT or cost,
 * so those are null rather than a misleading 0.
 */
export interface MethodFigures {
  orders: number;
  units: null;
  total: number;
  net: null;
  vat: null;
  refunds: number;
  margin: null;
}

/** P. */
export interface ReportPeriods<F> {
  today: F;
  month: F;
  all: F;
}

export interface Report {
  currency: string;
  byChannel: Record<Channel, ReportPeriods<ReportFigures>>;
  byShop: Record<string, ReportPeriods<ReportFigures>>;
  byMethod: Record<string, ReportPeriods<MethodFigures>>;
  vat: { month: string; rate: number | null; base: number; vat: number }[];
  /** Orders that would count but are in another currency, left out of every sum above. */
  otherCurrency: ReportPeriods<number>;
}

/** Own property even for a name like "__proto__" (a shop or method is text from people). */
function put<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The report at `now` (epoch ms): "today" and "month" are the day and month that `now` falls on
 * in the summary's time zone.
 */
export function buildReport(summary: Summary, now: number): Report {
  const { currency, timeZone } = summary.options;
  const exponent = currencyExponent(currency);
  const money = (minor: number) => toDecimal(minor, exponent);
  const today = dayOf(now, timeZone);
  const month = monthOfDay(today);

  const figuresOf = (sums: SalesFigures): ReportFigures => ({
    orders: sums.orders,
    units: sums.units,
    total: money(sums.gross),
    net: money(sums.net),
    vat: money(sums.vat),
    refunds: money(sums.refunds),
    margin: sums.costUnknown === 0 ? money(sums.net - sums.cost) : null,
  });

  const zero = sumSalesFigures([]);
  const salesAt = (view: 'day' | 'month', period: string, group: SalesGroup): SalesFigures =>
    summary.sales[view].get(salesKeyString({ period, group }))?.figures ?? zero;

  // All time, per group, from the month rows.
  const allTime = new Map<string, { group: SalesGroup; months: SalesFigures[] }>();
  for (const bucket of summary.sales.month.values()) {
    const id = JSON.stringify([bucket.dims.group.kind, bucket.dims.group.name]);
    const entry = allTime.get(id) ?? { group: bucket.dims.group, months: [] };
    entry.months.push(bucket.figures);
    allTime.set(id, entry);
  }
  const periodsOf = (group: SalesGroup): ReportPeriods<SalesFigures> => ({
    today: salesAt('day', today, group),
    month: salesAt('month', month, group),
    all: sumSalesFigures(allTime.get(JSON.stringify([group.kind, group.name]))?.months ?? []),
  });
  const reportPeriods = (periods: ReportPeriods<SalesFigures>): ReportPeriods<ReportFigures> => ({
    today: figuresOf(periods.today),
    month: figuresOf(periods.month),
    all: figuresOf(periods.all),
  });

  const store = periodsOf({ kind: 'channel', name: 'Store' });
  const web = periodsOf({ kind: 'channel', name: 'Web' });
  const byChannel = { Store: reportPeriods(store), Web: reportPeriods(web) };

  const byShop: Record<string, ReportPeriods<ReportFigures>> = {};
  const shops = [...allTime.values()]
    .filter((entry) => entry.group.kind === 'shop')
    .map((entry) => entry.group.name)
    .sort();
  for (const name of shops) put(byShop, name, reportPeriods(periodsOf({ kind: 'shop', name })));

  // Methods across both channels.
  const methods = new Map<string, ReportPeriods<PaymentFigures>>();
  const zeroPayments = (): PaymentFigures => ({ count: 0, amount: 0, refundCount: 0, refunds: 0 });
  const addPayments = (into: PaymentFigures, from: Readonly<PaymentFigures>) => {
    into.count += from.count;
    into.amount += from.amount;
    into.refundCount += from.refundCount;
    into.refunds += from.refunds;
  };
  const methodEntry = (method: string) => {
    let entry = methods.get(method);
    if (!entry) {
      entry = { today: zeroPayments(), month: zeroPayments(), all: zeroPayments() };
      methods.set(method, entry);
    }
    return entry;
  };
  for (const bucket of summary.payments.month.values()) {
    const entry = methodEntry(bucket.dims.method);
    addPayments(entry.all, bucket.figures);
    if (bucket.dims.period === month) addPayments(entry.month, bucket.figures);
  }
  for (const bucket of summary.payments.day.values()) {
    if (bucket.dims.period === today) addPayments(methodEntry(bucket.dims.method).today, bucket.figures);
  }
  const methodFigures = (sums: PaymentFigures): MethodFigures => ({
    orders: sums.count,
    units: null,
    total: money(sums.amount),
    net: null,
    vat: null,
    refunds: money(sums.refunds),
    margin: null,
  });
  const byMethod: Record<string, ReportPeriods<MethodFigures>> = {};
  for (const name of [...methods.keys()].sort()) {
    const entry = methods.get(name) as ReportPeriods<PaymentFigures>;
    put(byMethod, name, {
      today: methodFigures(entry.today),
      month: methodFigures(entry.month),
      all: methodFigures(entry.all),
    });
  }

  const vat = vatRows(summary.vat).map((row) => ({
    month: row.month,
    rate: row.rate,
    base: money(row.base),
    vat: money(row.vat),
  }));

  const other = (periods: ReportPeriods<SalesFigures>[]): ReportPeriods<number> => ({
    today: periods.reduce((n, p) => n + p.today.otherCurrency, 0),
    month: periods.reduce((n, p) => n + p.month.otherCurrency, 0),
    all: periods.reduce((n, p) => n + p.all.otherCurrency, 0),
  });

  return { currency, byChannel, byShop, byMethod, vat, otherCurrency: other([store, web]) };
}
