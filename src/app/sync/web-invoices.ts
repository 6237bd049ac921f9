/**
 * What an import needs to know of the Invoices tab, read only when it is needed, so a page with
 * nothing to invoice costs nothing more:
 * - whether the tab has its Currency column (a W in another currency than the ledger's is issued
 *   only when the row can say so; Set up ledger adds the column);
 * - for the refunds of orders invoiced earlier, each cited W's total and what the R invoices
 *   citing it already credit: two searches (Invoice No, Corrects) for the whole page.
 * creditRefusal then refuses an R that would credit more than its W (core overCreditError, the
 * rule correctiveInvoice applies), counting the Rs queued in the same commit.
 */
import { overCreditError } from '../../core/invoice/corrective';
import { FULL_TYPE } from '../../core/invoice/full-invoice';
import { invoiceExponent, invoiceOfRow } from '../../ledger/invoices';
import { INVOICES } from '../../ledger/schema';
import { findRows, readFoundRows, readHeaderTable, type Table } from '../../ledger/table';
import type { Workbook } from '../../platform/workbook';
import type { LedgerContext } from '../ledger-context';

export interface WebInvoiceLedger {
  /** True when the Invoices tab can record an invoice's currency. */
  hasCurrency(): boolean;
  /**
   * Why an R of `refund` (positive, minor units) against `w` would credit more than `w`; null when
   * it fits, and then it is counted for the next refund of the same W.
   */
  creditRefusal(
    w: { cited: string; queuedKey: string; total: number; currency: string },
    refund: number,
    /** The R's breakdown (negative), counted for what stands of the W. */
    breakdown?: readonly Rate[],
  ): string | null;
  /** The invoice an R must cite for `w`: the full invoice that replaced it at the customer's request, or `w`. */
  inForce(w: string): string;
  /**
   * What of `w` is still standing, per VAT rate, after the corrective invoices in the ledger and
   * those queued in this commit: what an R for its cancellation credits. Null when nothing is left
   * or `w` cannot be read.
   */
  standing(w: string): { net: number; vat: number; total: number; breakdown: Rate[] } | null;
}

type Rate = { rate: number; base: number; vat: number };

/** Adds `add` into `into`, rate by rate. */
function addRates(into: Map<number, Rate>, add: readonly Rate[]): void {
  for (const b of add) {
    const r = into.get(b.rate) ?? { rate: b.rate, base: 0, vat: 0 };
    r.base += b.base;
    r.vat += b.vat;
    into.set(b.rate, r);
  }
}

export function webInvoiceLedger(
  wb: Workbook,
  ctx: Pick<LedgerContext, 'tabs' | 'cells'>,
  /** The W numbers already in the ledger that this page's new refunds cite. */
  cited: () => readonly string[],
): WebInvoiceLedger {
  let table: Table | null = null;
  const tab = () => {
    table ??= readHeaderTable(wb, INVOICES, ctx.tabs);
    return table;
  };
  let known: Map<string, { total: number; credited: number; standing: Map<number, Rate> }> | null = null;
  /** W → the full invoice (F) that replaced it; the Rs citing the F credit the W too. */
  const replacedBy = new Map<string, string>();
  const ledger = () => {
    if (known) return known;
    known = new Map();
    const numbers = [...new Set(cited())];
    if (numbers.length === 0) return known;
    const t = tab();
    for (const r of readFoundRows(wb, t, findRows(wb, t, 'Invoice No', numbers))) {
      const inv = invoiceOfRow(t, r, ctx.cells);
      const standing = new Map<number, Rate>();
      addRates(standing, inv.breakdown);
      known.set(inv.invoiceNo, { total: inv.total, credited: 0, standing });
    }
    const credit = (corrects: string[], wOf: (cited: string) => string | undefined) => {
      for (const r of readFoundRows(wb, t, findRows(wb, t, 'Corrects', corrects))) {
        const inv = invoiceOfRow(t, r, ctx.cells);
        const type = inv.type.trim().toLowerCase();
        const wNo = wOf(inv.corrects);
        const w = wNo === undefined ? undefined : known?.get(wNo);
        // Only corrective invoices credit it; a full invoice replacing it is noted, not counted.
        if (w && type === 'corrective' && Number.isFinite(inv.total)) {
          w.credited += inv.total;
          addRates(w.standing, inv.breakdown);
        }
        if (wNo !== undefined && type === FULL_TYPE) replacedBy.set(wNo, inv.invoiceNo);
      }
    };
    credit(numbers, (cited) => cited);
    const fulls = new Map([...replacedBy].map(([w, f]) => [f, w]));
    if (fulls.size > 0) credit([...fulls.keys()], (cited) => fulls.get(cited));
    return known;
  };
  /** What the Rs queued in this commit credit, per W (its number, or the queued order's key). */
  const queued = new Map<string, number>();
  const queuedRates = new Map<string, Rate[]>();

  return {
    hasCurrency: () => tab().has('Currency'),
    inForce(w) {
      ledger();
      return replacedBy.get(w) ?? w;
    },
    standing(w) {
      const found = ledger().get(w);
      if (!found || !Number.isFinite(found.total)) return null;
      const rates = new Map([...found.standing].map(([k, r]) => [k, { ...r }]));
      addRates(rates, queuedRates.get(w) ?? []);
      const total = found.total + found.credited + (queued.get(w) ?? 0);
      if (total <= 0) return null;
      const breakdown = [...rates.values()]
        .filter((r) => r.base !== 0 || r.vat !== 0)
        .sort((a, b) => a.rate - b.rate);
      if (breakdown.some((r) => !Number.isFinite(r.base) || !Number.isFinite(r.vat))) return null;
      return {
        net: breakdown.reduce((t, r) => t + r.base, 0),
        vat: breakdown.reduce((t, r) => t + r.vat, 0),
        total,
        breakdown,
      };
    },
    creditRefusal(w, refund, breakdown) {
      const id = w.cited || `queued:${w.queuedKey}`;
      const found = w.cited ? ledger().get(w.cited) : { total: w.total, credited: 0 };
      if (!found || !Number.isFinite(found.total)) return null; // unreadable: check ledger reports the row
      const earlier = found.credited + (queued.get(id) ?? 0);
      const name = w.cited || 'its W invoice';
      const error = overCreditError(
        name,
        found.total,
        earlier,
        -refund,
        invoiceExponent(w.currency, ctx.cells),
      );
      if (error === null) {
        queued.set(id, (queued.get(id) ?? 0) - refund);
        if (breakdown) queuedRates.set(id, [...(queuedRates.get(id) ?? []), ...breakdown]);
      }
      return error;
    },
  };
}
