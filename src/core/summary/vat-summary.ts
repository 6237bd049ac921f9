/**
 * VAT Summary: one row per month × VAT rate, with the taxable base and the VAT, from the order
 * lines of the orders that count (status neither pending nor cancelled, ledger's currency).
 * Returns (the corrective side) are their own orders with negative lines, so they come in as
 * negatives in the month of the return. Dated by the order's Created in the ledger's time zone.
 */
import type { Minor } from '../money';
import { addToBucket, type Buckets, noteChange } from './buckets';
import { monthOf } from './calendar';
import { inclusion, type OrderFacts, type SummaryOptions } from './facts';

export interface VatKey {
  /** 'YYYY-MM'. */
  month: string;
  /** Percent; null for lines without a rate. */
  rate: number | null;
}

export type VatFigureName = 'base' | 'vat';

export type VatSummary = Buckets<VatKey, VatFigureName>;

export interface VatRow {
  month: string;
  rate: number | null;
  base: Minor;
  vat: Minor;
}

export function emptyVatSummary(): VatSummary {
  return new Map();
}

export function vatKeyString(key: VatKey): string {
  return JSON.stringify([key.month, key.rate]);
}

/** Adds (sign 1) or takes out (sign -1) the lines of one order. */
export function applyVat(
  state: VatSummary,
  facts: OrderFacts,
  sign: 1 | -1,
  options: SummaryOptions,
  changes?: Map<string, VatKey>,
): void {
  if (inclusion(facts.order, options.currency) !== 'counted' || facts.lines.length === 0) return;
  const month = monthOf(facts.order.created, options.timeZone);
  for (const line of facts.lines) {
    // -0 and 0 are one rate.
    const key: VatKey = { month, rate: line.vatRate === null ? null : line.vatRate + 0 };
    const text = vatKeyString(key);
    addToBucket(state, text, key, { base: line.net, vat: line.vat }, sign);
    if (changes) noteChange(changes, text, key);
  }
}

export function buildVatSummary(all: Iterable<OrderFacts>, options: SummaryOptions): VatSummary {
  const state = emptyVatSummary();
  for (const facts of all) applyVat(state, facts, 1, options);
  return state;
}

export function vatRowAt(state: VatSummary, key: VatKey): VatRow | null {
  const bucket = state.get(vatKeyString(key));
  return bucket ? { ...bucket.dims, ...bucket.figures } : null;
}

/** Every row, by month, then rate (lines without a rate last). */
export function vatRows(state: VatSummary): VatRow[] {
  return [...state.values()]
    .sort((a, b) => {
      if (a.dims.month !== b.dims.month) return a.dims.month < b.dims.month ? -1 : 1;
      if (a.dims.rate === b.dims.rate) return 0;
      if (a.dims.rate === null) return 1;
      if (b.dims.rate === null) return -1;
      return a.dims.rate - b.dims.rate;
    })
    .map((bucket) => ({ ...bucket.dims, ...bucket.figures }));
}
