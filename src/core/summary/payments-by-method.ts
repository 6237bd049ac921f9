/**
 * Payments by Method: one row per day (or month) × channel × method, with the count and the
 * amount of payments, refunds paid back included as negatives, so till and gateway money sit in
 * one place. A payment counts when its order counts (status neither pending nor cancelled, in
 * the ledger's currency); it is dated by its own Time, not by the order's.
 */
import type { Minor } from '../money';
import { addToBucket, type Buckets, noteChange } from './buckets';
import { dayOf, monthOfDay } from './calendar';
import { type Channel, inclusion, type OrderFacts, type SummaryOptions } from './facts';

export type PaymentsView = 'day' | 'month';

export interface PaymentsKey {
  period: string;
  channel: Channel;
  method: string;
}

const PAYMENT_FIGURES = ['count', 'amount', 'refundCount', 'refunds'] as const;
export type PaymentFigureName = (typeof PAYMENT_FIGURES)[number];
export type PaymentFigures = Record<PaymentFigureName, number>;

export interface PaymentsByMethod {
  day: Buckets<PaymentsKey, PaymentFigureName>;
  month: Buckets<PaymentsKey, PaymentFigureName>;
}

export interface PaymentsRow {
  period: string;
  channel: Channel;
  method: string;
  /** Payments, refunds paid back included. */
  count: number;
  /** Net amount: payments less refunds paid back. */
  amount: Minor;
  /** Of which refunds paid back: how many, and their (negative) sum. */
  refundCount: number;
  refunds: Minor;
}

export interface PaymentsChanges {
  day: Map<string, PaymentsKey>;
  month: Map<string, PaymentsKey>;
}

export function emptyPaymentsByMethod(): PaymentsByMethod {
  return { day: new Map(), month: new Map() };
}

export function paymentsKeyString(key: PaymentsKey): string {
  return JSON.stringify([key.period, key.channel, key.method]);
}

/** Adds (sign 1) or takes out (sign -1) the payments of one order. */
export function applyPayments(
  state: PaymentsByMethod,
  facts: OrderFacts,
  sign: 1 | -1,
  options: SummaryOptions,
  changes?: PaymentsChanges,
): void {
  if (inclusion(facts.order, options.currency) !== 'counted') return;
  for (const payment of facts.payments) {
    const refund = payment.amount < 0;
    const delta: PaymentFigures = {
      count: 1,
      amount: payment.amount,
      refundCount: refund ? 1 : 0,
      refunds: refund ? payment.amount : 0,
    };
    const day = dayOf(payment.time, options.timeZone);
    const method = payment.method.trim();
    for (const view of ['day', 'month'] as const) {
      const key: PaymentsKey = {
        period: view === 'day' ? day : monthOfDay(day),
        channel: payment.channel,
        method,
      };
      const text = paymentsKeyString(key);
      addToBucket(state[view], text, key, delta, sign);
      if (changes) noteChange(changes[view], text, key);
    }
  }
}

export function buildPaymentsByMethod(all: Iterable<OrderFacts>, options: SummaryOptions): PaymentsByMethod {
  const state = emptyPaymentsByMethod();
  for (const facts of all) applyPayments(state, facts, 1, options);
  return state;
}

function rowOf(key: PaymentsKey, figures: Readonly<PaymentFigures>): PaymentsRow {
  return { period: key.period, channel: key.channel, method: key.method, ...figures };
}

export function paymentsRowAt(
  state: PaymentsByMethod,
  view: PaymentsView,
  key: PaymentsKey,
): PaymentsRow | null {
  const bucket = state[view].get(paymentsKeyString(key));
  return bucket ? rowOf(bucket.dims, bucket.figures) : null;
}

function compare(a: PaymentsKey, b: PaymentsKey): number {
  if (a.period !== b.period) return a.period < b.period ? -1 : 1;
  if (a.channel !== b.channel) return a.channel < b.channel ? -1 : 1;
  if (a.method === b.method) return 0;
  return a.method < b.method ? -1 : 1;
}

/** Every row of a view, by period, channel, method. */
export function paymentsRows(state: PaymentsByMethod, view: PaymentsView): PaymentsRow[] {
  return [...state[view].values()]
    .sort((a, b) => compare(a.dims, b.dims))
    .map((bucket) => rowOf(bucket.dims, bucket.figures));
}
