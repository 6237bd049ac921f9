/**
 * The plain facts the accountant's summaries are made of: one order row with its lines and its
 * payments, as the ledger's Orders, Order Lines and Payments tabs hold them. The ledger reads
 * the tabs into these; everything in src/core/summary is pure arithmetic on them.
 *
 * Amounts are integer minor units in the order's currency; a return is its own order of type
 * 'return' whose amounts (and units, and cost) are negative, as the Orders contract says.
 */
import type { Minor } from '../money';
import type { WebOrderStatus } from '../web-order';

export type Channel = 'Store' | 'Web';
export type OrderType = 'sale' | 'return';
/** The Orders tab's Status: one lifecycle for both channels. */
export type OrderStatus = WebOrderStatus;

export const SUMMARY_CHANNELS: readonly Channel[] = ['Store', 'Web'];

/** One row of Orders. */
export interface OrderFact {
  orderId: string;
  type: OrderType;
  channel: Channel;
  /** The web shop's name; '' for an order that belongs to no shop (a till sale). */
  shop: string;
  status: OrderStatus;
  /** Epoch milliseconds. */
  created: number;
  /** ISO 4217 code; '' means the ledger's currency (the Currency column may be left empty). */
  currency: string;
  net: Minor;
  vat: Minor;
  /** Negative for returns. */
  total: Minor;
  /** Discounts given on the order (sum of the lines' Discount), in the same sign as its amounts. */
  discount: Minor;
  /** Units (sum of the lines' Qty); negative for returns. */
  units: number;
  /**
   * Cost of goods at the time of sale (each line's Cost × Qty, summed over the lines), negative
   * for returns; null when the cost of any line is unknown.
   */
  cost: Minor | null;
}

/** One row of Order Lines, as far as VAT is concerned. */
export interface LineFact {
  orderId: string;
  /** Percent (21 means 21 %); null when the line has no rate (a shop that did not say). */
  vatRate: number | null;
  /** Taxable base; negative on a return. */
  net: Minor;
  vat: Minor;
}

/** One row of Payments. */
export interface PaymentFact {
  orderId: string;
  /** Epoch milliseconds. */
  time: number;
  channel: Channel;
  method: string;
  /** Negative for a refund paid back. */
  amount: Minor;
}

/** An order with its lines and payments: what one commit writes, and what applyOrder takes. */
export interface OrderFacts {
  order: OrderFact;
  lines: readonly LineFact[];
  payments: readonly PaymentFact[];
}

export interface SummaryOptions {
  /** The ledger's currency (Settings › Currency). */
  currency: string;
  /** The ledger's IANA time zone (Settings › Time zone): days and months are counted there. */
  timeZone: string;
}

/** Revenue per the Orders contract: every row whose Status is neither pending nor cancelled. */
export function countsAsRevenue(status: OrderStatus): boolean {
  return status !== 'pending' && status !== 'cancelled';
}

/** How an order enters the summaries. */
export type Inclusion = 'counted' | 'other-currency' | 'left-out';

export function sameCurrency(orderCurrency: string, ledgerCurrency: string): boolean {
  const code = orderCurrency.trim().toUpperCase();
  return code === '' || code === ledgerCurrency.trim().toUpperCase();
}

/**
 * 'counted' when the order is revenue in the ledger's currency; 'other-currency' when it would
 * be revenue but is in another currency (left out of the sums, counted under otherCurrency);
 * 'left-out' when its status is pending or cancelled. Its lines and payments follow the order.
 */
export function inclusion(order: OrderFact, ledgerCurrency: string): Inclusion {
  if (!countsAsRevenue(order.status)) return 'left-out';
  return sameCurrency(order.currency, ledgerCurrency) ? 'counted' : 'other-currency';
}

function integerError(what: string, value: unknown): string | null {
  return typeof value === 'number' && Number.isSafeInteger(value)
    ? null
    : `${what} must be a whole number of minor units, not ${String(value)}.`;
}

function timeError(what: string, value: unknown): string | null {
  return typeof value === 'number' && Number.isFinite(value)
    ? null
    : `${what} is not a date (${String(value)}).`;
}

/** Why these facts cannot enter a summary, in words; null when they can. */
export function orderFactsError(facts: OrderFacts): string | null {
  const { order } = facts;
  const id = order.orderId;
  if (typeof id !== 'string' || id.trim() === '') return 'An order without an Order ID cannot be summed up.';
  if (order.type !== 'sale' && order.type !== 'return')
    return `Order ${id} has an unknown Type "${order.type}".`;
  if (order.channel !== 'Store' && order.channel !== 'Web') {
    return `Order ${id} has an unknown Channel "${order.channel}".`;
  }
  const problems = [
    timeError(`The Created of order ${id}`, order.created),
    integerError(`The Net of order ${id}`, order.net),
    integerError(`The VAT of order ${id}`, order.vat),
    integerError(`The Total of order ${id}`, order.total),
    integerError(`The discount of order ${id}`, order.discount),
    integerError(`The units of order ${id}`, order.units),
    order.cost === null ? null : integerError(`The cost of order ${id}`, order.cost),
  ];
  for (const line of facts.lines) {
    if (line.orderId !== id) return `A line of order ${line.orderId} was given with order ${id}.`;
    problems.push(integerError(`A line's Net on order ${id}`, line.net));
    problems.push(integerError(`A line's VAT on order ${id}`, line.vat));
    if (line.vatRate !== null && (typeof line.vatRate !== 'number' || !Number.isFinite(line.vatRate))) {
      problems.push(`A line of order ${id} has a VAT rate that is not a number (${String(line.vatRate)}).`);
    }
  }
  for (const payment of facts.payments) {
    if (payment.orderId !== id) return `A payment of order ${payment.orderId} was given with order ${id}.`;
    problems.push(timeError(`The Time of a payment of order ${id}`, payment.time));
    problems.push(integerError(`A payment's Amount on order ${id}`, payment.amount));
    if (payment.channel !== 'Store' && payment.channel !== 'Web') {
      problems.push(`A payment of order ${id} has an unknown Channel "${payment.channel}".`);
    }
  }
  for (const problem of problems) if (problem !== null) return problem;
  return null;
}

/**
 * Groups the rows of the three tabs by order, for rebuild. Lines and payments whose order is not
 * in `orders` are returned as orphans (a hand-deleted order), never silently summed.
 */
export function groupFacts(
  orders: readonly OrderFact[],
  lines: readonly LineFact[],
  payments: readonly PaymentFact[],
): { facts: OrderFacts[]; orphanLines: LineFact[]; orphanPayments: PaymentFact[] } {
  const byId = new Map<string, { order: OrderFact; lines: LineFact[]; payments: PaymentFact[] }>();
  for (const order of orders) {
    if (byId.has(order.orderId)) throw new Error(`Order ${order.orderId} appears twice in Orders.`);
    byId.set(order.orderId, { order, lines: [], payments: [] });
  }
  const orphanLines: LineFact[] = [];
  const orphanPayments: PaymentFact[] = [];
  for (const line of lines) {
    const entry = byId.get(line.orderId);
    if (entry) entry.lines.push(line);
    else orphanLines.push(line);
  }
  for (const payment of payments) {
    const entry = byId.get(payment.orderId);
    if (entry) entry.payments.push(payment);
    else orphanPayments.push(payment);
  }
  return { facts: [...byId.values()], orphanLines, orphanPayments };
}
