/**
 * The Return panel's choice as the server takes it, and whether the server's quote on screen is
 * for that choice. No DOM and no calls here, so the rules are tested alone; returns.ts asks.
 */
import type {
  Disposition,
  RefundMethod,
  ReturnableOrder,
  ReturnLineDraft,
  ReturnQuote,
  ReturnQuoteDraft,
} from '../../app/returns/return-api-types';

/** What the server answered for one choice (`key`): its figures, or why it refused. */
export interface Quoted {
  key: string;
  quote: ReturnQuote | null;
  problem: string | null;
}

/** The lines chosen to come back (quantity above 0), in the order's line order. */
export function chosenLines(
  order: ReturnableOrder,
  choices: readonly { qty: number; disposition?: Disposition }[],
): ReturnLineDraft[] {
  return order.lines.flatMap((line, i) => {
    const qty = Math.min(line.returnable, choices[i]?.qty ?? 0);
    return qty > 0 ? [{ sku: line.sku, qty, disposition: choices[i]?.disposition ?? 'restock' }] : [];
  });
}

/** The return as quoteReturn takes it; null when nothing is chosen yet. */
export function quoteDraft(
  order: ReturnableOrder | null,
  choices: readonly { qty: number; disposition?: Disposition }[],
  refund: RefundMethod,
  till: string,
  location: string | undefined,
): ReturnQuoteDraft | null {
  if (!order) return null;
  const lines = chosenLines(order, choices);
  if (lines.length === 0) return null;
  return { order: order.orderId, lines, refund, till, ...(location ? { location } : {}) };
}

/** One string per choice: a quote answers the choice it was asked for, not a later one. */
export function draftKey(draft: ReturnQuoteDraft | null): string {
  return draft
    ? JSON.stringify([draft.order, draft.lines, draft.refund, draft.till, draft.location ?? ''])
    : '';
}

/** The answer for this choice, or null while it is still to come (Confirm waits for it). */
export function answerFor(quoted: Quoted | null, draft: ReturnQuoteDraft | null): Quoted | null {
  return draft && quoted && quoted.key === draftKey(draft) ? quoted : null;
}
