/**
 * Sales by Channel: one row per day (or month) × channel, where a channel is Store, Web, or a
 * web shop by name. A web order with a shop counts in both Web and its shop's row.
 *
 * Only orders whose Status is neither pending nor cancelled count (the Orders contract); an
 * order in another currency than the ledger's is left out of the sums and counted in its row's
 * otherCurrency. Returns are their own orders with negative amounts, so gross, net, VAT, units
 * and cost are net of returns, and refunds is the (negative) sum of the returns' totals.
 */
import { type Minor, mulDivRound } from '../money';
import { addToBucket, type Bucket, type Buckets, noteChange } from './buckets';
import { dayOf, monthOfDay } from './calendar';
import { type Channel, inclusion, type OrderFact, type SummaryOptions } from './facts';

export type SalesView = 'day' | 'month';

/** Store or Web; or one web shop by its name. */
export type SalesGroup = { kind: 'channel'; name: Channel } | { kind: 'shop'; name: string };

export interface SalesKey {
  /** 'YYYY-MM-DD' for the day view, 'YYYY-MM' for the month view, in the ledger's time zone. */
  period: string;
  group: SalesGroup;
}

const SALES_FIGURES = [
  'orders',
  'returns',
  'units',
  'gross',
  'net',
  'vat',
  'discounts',
  'refunds',
  'salesTotal',
  'cost',
  'costUnknown',
  'otherCurrency',
] as const;
export type SalesFigureName = (typeof SALES_FIGURES)[number];

/** The sums a row keeps; all additive, so an order can be taken out exactly. */
export type SalesFigures = Record<SalesFigureName, number>;

export interface SalesByChannel {
  day: Buckets<SalesKey, SalesFigureName>;
  month: Buckets<SalesKey, SalesFigureName>;
}

/** One row of the Sales by Channel tab (or its month view). Amounts in minor units. */
export interface SalesRow {
  period: string;
  kind: 'channel' | 'shop';
  /** 'Store', 'Web', or the shop's name. */
  channel: string;
  /** Sales orders (not returns). */
  orders: number;
  /** Return orders. */
  returns: number;
  /** Units sold less units returned. */
  units: number;
  /** Sum of Total, returns included as negatives. */
  gross: Minor;
  net: Minor;
  vat: Minor;
  discounts: Minor;
  /** Sum of the returns' totals: 0 or negative. */
  refunds: Minor;
  /** Sales total / sales count (returns left out), rounded half away from zero; null with no sales. */
  averageTicket: Minor | null;
  /** Cost of goods, returns included as negatives; null when the cost of any order is unknown. */
  cost: Minor | null;
  /** net − cost; null when the cost of any order in the row is unknown. */
  margin: Minor | null;
  /** Orders of this row left out because they are in another currency than the ledger's. */
  otherCurrency: number;
}

export function emptySalesByChannel(): SalesByChannel {
  return { day: new Map(), month: new Map() };
}

export function salesKeyString(key: SalesKey): string {
  return JSON.stringify([key.period, key.group.kind, key.group.name]);
}

function zero(): SalesFigures {
  const figures = {} as SalesFigures;
  for (const name of SALES_FIGURES) figures[name] = 0;
  return figures;
}

/** What one order adds to each of its rows; null when it adds nothing (pending or cancelled). */
export function salesDelta(order: OrderFact, options: SummaryOptions): SalesFigures | null {
  const how = inclusion(order, options.currency);
  if (how === 'left-out') return null;
  const delta = zero();
  if (how === 'other-currency') {
    delta.otherCurrency = 1;
    return delta;
  }
  const sale = order.type === 'sale';
  delta.orders = sale ? 1 : 0;
  delta.returns = sale ? 0 : 1;
  delta.units = order.units;
  delta.gross = order.total;
  delta.net = order.net;
  delta.vat = order.vat;
  delta.discounts = order.discount;
  delta.refunds = sale ? 0 : order.total;
  delta.salesTotal = sale ? order.total : 0;
  delta.cost = order.cost ?? 0;
  delta.costUnknown = order.cost === null ? 1 : 0;
  return delta;
}

function groupsOf(order: OrderFact): SalesGroup[] {
  const groups: SalesGroup[] = [{ kind: 'channel', name: order.channel }];
  const shop = order.shop.trim();
  if (shop !== '') groups.push({ kind: 'shop', name: shop });
  return groups;
}

export interface SalesChanges {
  day: Map<string, SalesKey>;
  month: Map<string, SalesKey>;
}

/** Adds (sign 1) or takes out (sign -1) one order, noting the rows it touched in `changes`. */
export function applySales(
  state: SalesByChannel,
  order: OrderFact,
  sign: 1 | -1,
  options: SummaryOptions,
  changes?: SalesChanges,
): void {
  const delta = salesDelta(order, options);
  if (delta === null) return;
  const day = dayOf(order.created, options.timeZone);
  for (const group of groupsOf(order)) {
    for (const view of ['day', 'month'] as const) {
      const key: SalesKey = { period: view === 'day' ? day : monthOfDay(day), group };
      const text = salesKeyString(key);
      addToBucket(state[view], text, key, delta, sign);
      if (changes) noteChange(changes[view], text, key);
    }
  }
}

/** The summary of these orders, from scratch. */
export function buildSalesByChannel(orders: Iterable<OrderFact>, options: SummaryOptions): SalesByChannel {
  const state = emptySalesByChannel();
  for (const order of orders) applySales(state, order, 1, options);
  return state;
}

/** Adds up figures (for "all time", or several rows). */
export function sumSalesFigures(list: Iterable<Readonly<SalesFigures>>): SalesFigures {
  const total = zero();
  for (const figures of list) for (const name of SALES_FIGURES) total[name] += figures[name];
  return total;
}

export function salesRowOf(key: SalesKey, figures: Readonly<SalesFigures>): SalesRow {
  const costKnown = figures.costUnknown === 0;
  return {
    period: key.period,
    kind: key.group.kind,
    channel: key.group.name,
    orders: figures.orders,
    returns: figures.returns,
    units: figures.units,
    gross: figures.gross,
    net: figures.net,
    vat: figures.vat,
    discounts: figures.discounts,
    refunds: figures.refunds,
    averageTicket: figures.orders === 0 ? null : mulDivRound(figures.salesTotal, 1, figures.orders),
    cost: costKnown ? figures.cost : null,
    margin: costKnown ? figures.net - figures.cost : null,
    otherCurrency: figures.otherCurrency,
  };
}

/** The row at a key, or null when no order feeds it (any more): the tab's row goes. */
export function salesRowAt(state: SalesByChannel, view: SalesView, key: SalesKey): SalesRow | null {
  const bucket = state[view].get(salesKeyString(key));
  return bucket ? salesRowOf(bucket.dims, bucket.figures) : null;
}

function compareKeys(a: SalesKey, b: SalesKey): number {
  if (a.period !== b.period) return a.period < b.period ? -1 : 1;
  if (a.group.kind !== b.group.kind) return a.group.kind === 'channel' ? -1 : 1;
  if (a.group.name === b.group.name) return 0;
  return a.group.name < b.group.name ? -1 : 1;
}

/** Every row of a view, by period, then Store, Web, then shops by name. */
export function salesRows(state: SalesByChannel, view: SalesView): SalesRow[] {
  return [...state[view].values()]
    .sort((a: Bucket<SalesKey, SalesFigureName>, b) => compareKeys(a.dims, b.dims))
    .map((bucket) => salesRowOf(bucket.dims, bucket.figures));
}
