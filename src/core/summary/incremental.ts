/**
 * The three summaries kept live: each commit calls applyOrder with the order it wrote (a sale, an
 * import, a status change, a refund), and only the rows that order touches change. An order the
 * summary has seen before is applied as "take the old facts out, put the new ones in", so a
 * pending order that is paid, a re-import that changes a total, or a currency fixed by hand all
 * land exactly. rebuild() computes the same summary from every order at once.
 */
import { dayOf } from './calendar';
import { type OrderFacts, orderFactsError, type SummaryOptions } from './facts';
import {
  applyPayments,
  emptyPaymentsByMethod,
  type PaymentsByMethod,
  type PaymentsKey,
} from './payments-by-method';
import { applySales, emptySalesByChannel, type SalesByChannel, type SalesKey } from './sales-by-channel';
import { applyVat, emptyVatSummary, type VatKey, type VatSummary } from './vat-summary';

export interface Summary {
  options: Readonly<SummaryOptions>;
  /** The facts each order was last applied with, by Order ID: what applyOrder takes out. */
  orders: Map<string, OrderFacts>;
  sales: SalesByChannel;
  payments: PaymentsByMethod;
  vat: VatSummary;
}

/** The rows one applyOrder touched, by view: read each back with salesRowAt, paymentsRowAt, vatRowAt (null: the row goes). */
export interface SummaryChanges {
  sales: { day: SalesKey[]; month: SalesKey[] };
  payments: { day: PaymentsKey[]; month: PaymentsKey[] };
  vat: VatKey[];
}

export function emptySummary(options: SummaryOptions): Summary {
  if (typeof options.currency !== 'string' || options.currency.trim() === '') {
    throw new RangeError('The summaries need the ledger’s currency (Settings › Currency).');
  }
  dayOf(0, options.timeZone); // a clear error now for an unknown time zone, not halfway through an order
  return {
    options: { currency: options.currency.trim().toUpperCase(), timeZone: options.timeZone },
    orders: new Map(),
    sales: emptySalesByChannel(),
    payments: emptyPaymentsByMethod(),
    vat: emptyVatSummary(),
  };
}

/** A copy, so that a caller changing its objects later cannot change what we take out. */
function copyFacts(facts: OrderFacts): OrderFacts {
  return {
    order: { ...facts.order },
    lines: facts.lines.map((line) => ({ ...line })),
    payments: facts.payments.map((payment) => ({ ...payment })),
  };
}

interface ChangeMaps {
  sales: { day: Map<string, SalesKey>; month: Map<string, SalesKey> };
  payments: { day: Map<string, PaymentsKey>; month: Map<string, PaymentsKey> };
  vat: Map<string, VatKey>;
}

function newChangeMaps(): ChangeMaps {
  return {
    sales: { day: new Map(), month: new Map() },
    payments: { day: new Map(), month: new Map() },
    vat: new Map(),
  };
}

function changesOf(maps: ChangeMaps): SummaryChanges {
  return {
    sales: { day: [...maps.sales.day.values()], month: [...maps.sales.month.values()] },
    payments: { day: [...maps.payments.day.values()], month: [...maps.payments.month.values()] },
    vat: [...maps.vat.values()],
  };
}

function applyAll(summary: Summary, facts: OrderFacts, sign: 1 | -1, changes?: ChangeMaps): void {
  applySales(summary.sales, facts.order, sign, summary.options, changes?.sales);
  applyPayments(summary.payments, facts, sign, summary.options, changes?.payments);
  applyVat(summary.vat, facts, sign, summary.options, changes?.vat);
}

/**
 * Puts an order (with all its lines and payments, as they now stand) into the summary, in place:
 * the order's previous facts, if any, are taken out first. Throws, changing nothing, when the
 * facts are not well formed. Returns the rows it touched.
 */
export function applyOrder(summary: Summary, facts: OrderFacts): SummaryChanges {
  const problem = orderFactsError(facts);
  if (problem !== null) throw new RangeError(problem);
  const changes = newChangeMaps();
  const id = facts.order.orderId;
  const previous = summary.orders.get(id);
  if (previous) applyAll(summary, previous, -1, changes);
  const kept = copyFacts(facts);
  applyAll(summary, kept, 1, changes);
  summary.orders.set(id, kept);
  return changesOf(changes);
}

/** Takes an order out of the summary (an order row deleted); nothing happens for an unknown ID. */
export function removeOrder(summary: Summary, orderId: string): SummaryChanges {
  const changes = newChangeMaps();
  const previous = summary.orders.get(orderId);
  if (previous) {
    applyAll(summary, previous, -1, changes);
    summary.orders.delete(orderId);
  }
  return changesOf(changes);
}

/** The summary of every order, from scratch ("Rebuild summaries"). An Order ID given twice is an error. */
export function rebuild(allFacts: Iterable<OrderFacts>, options: SummaryOptions): Summary {
  const summary = emptySummary(options);
  for (const facts of allFacts) {
    if (summary.orders.has(facts.order.orderId)) {
      throw new Error(
        `Order ${facts.order.orderId} appears twice; each Order ID must be on one row of Orders.`,
      );
    }
    applyOrder(summary, facts);
  }
  return summary;
}
