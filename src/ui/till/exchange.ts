/**
 * An exchange at the till as plain data: the goods chosen in the Return panel become a credit on
 * the normal sale, the cashier scans what the customer takes instead, and only the difference is
 * paid (cash or card, in one go, as recordExchange takes it) or given back. No DOM here, so the
 * rules can be tested alone; exchange-actions.ts sends it.
 *
 * The credit is always the server's quote of the return (quoteReturn: a line discount's share
 * taken off, store credit spent on the original going back as credit, not to this sale): Exchange
 * instead waits for it. The difference the cashier collects goes to the server with the exchange,
 * which refuses it when its own difference is another (the sidebar's prices may be out of date).
 */
import type {
  Disposition,
  ExchangeDraft,
  ExchangeReceipt,
  RefundMethod,
  ReturnableOrder,
  ReturnQuote,
} from '../../app/returns/return-api-types';
import type { TillState } from '../../app/till/api-types';
import { allocate } from '../../core/money';
import { toSaleLines } from './cart';
import type { SaleState } from './state';

export interface ExchangeCredit {
  /** The order the goods came from. */
  orderId: string;
  orderNo: string;
  lines: {
    sku: string;
    name: string;
    qty: number;
    disposition: Disposition;
    /** The line's worth as the server quoted it (positive). */
    value: number;
  }[];
  /** What the returned goods pay toward the new ones (positive): the quote's refund. */
  value: number;
  /** Store credit spent on the original that goes back as credit, not to this sale (from the quote). */
  givenBack: number;
  /** How money is given back when the new goods cost less. */
  refund: RefundMethod;
}

/** What the receipt of an exchange says beside the sale: the return's R and the difference. */
export interface ExchangeDone {
  returnNo: string;
  /** The corrective invoice (R-…); '' when the original had none. */
  returnInvoiceNo: string;
  /** The returned goods' value (positive). */
  returned: number;
  /** > 0 the customer paid it, < 0 it was given back, 0 even. */
  difference: number;
  method: string;
  /** Cash the customer handed over for the difference (0 when not cash). */
  handed: number;
}

/**
 * The lines chosen in the Return panel as the credit of an exchange, at the server's quote for
 * exactly that choice; null when none was chosen.
 */
export function exchangeCredit(
  order: ReturnableOrder,
  choices: readonly { qty: number; disposition: Disposition }[],
  refund: RefundMethod,
  quote: ReturnQuote,
): ExchangeCredit | null {
  const chosen = order.lines.flatMap((line, i) => {
    const choice = choices[i];
    const qty = Math.min(line.returnable, choice?.qty ?? 0);
    return qty > 0
      ? [
          {
            sku: line.sku,
            name: line.name,
            qty,
            disposition: choice.disposition,
            weight: qty * line.unitPrice,
          },
        ]
      : [];
  });
  if (chosen.length === 0) return null;
  const values = quotedValues(chosen, quote);
  return {
    orderId: order.orderId,
    orderNo: order.orderNo,
    lines: chosen.map(({ weight: _, ...l }, i) => ({ ...l, value: values[i] })),
    // What the returned goods pay toward the sale is the money the return gives back.
    value: quote.refund,
    givenBack: quote.givenBack,
    refund,
  };
}

/**
 * Each chosen line's worth from the quote, by line, not by SKU (an order may sell one SKU on two
 * lines at two prices). Both lists are in the order's line order, so the n-th chosen line of a SKU
 * is the n-th quoted line of it. The server takes a SKU's units from its first lines first, so when
 * it spread them otherwise, the SKU's quoted worth is shared over its chosen lines by qty × price.
 */
function quotedValues(chosen: readonly { sku: string; weight: number }[], quote: ReturnQuote): number[] {
  const sku = (s: string) => s.trim().toUpperCase();
  const bySku = new Map<string, number[]>();
  for (const l of quote.lines) bySku.set(sku(l.sku), [...(bySku.get(sku(l.sku)) ?? []), -l.total]);
  const values: number[] = [];
  for (const [key, quoted] of bySku) {
    const at = chosen.flatMap((l, i) => (sku(l.sku) === key ? [i] : []));
    if (at.length === 0) continue;
    const parts =
      quoted.length === at.length
        ? quoted
        : allocate(
            quoted.reduce((s, v) => s + v, 0),
            at.map((i) => chosen[i].weight),
          );
    at.forEach((i, n) => {
      values[i] = parts[n];
    });
  }
  return chosen.map((_, i) => values[i] ?? 0);
}

/** What the customer pays for the new goods once the credit is taken off, and what they get back. */
export function exchangeSplit(total: number, credit: number): { toPay: number; giveBack: number } {
  return { toPay: Math.max(0, total - credit), giveBack: Math.max(0, credit - total) };
}

/**
 * The exchange as recordExchange takes it, with the sale's key: one key for both halves, so a
 * retry or a double click replays the exchange. Call only when the sale can be completed.
 */
export function exchangeDraft(sale: SaleState, data: TillState, confirmOversell = false): ExchangeDraft {
  const x = sale.exchange;
  if (!x) throw new Error('exchangeDraft needs a sale with an exchange');
  const draft: ExchangeDraft = {
    key: sale.key,
    order: x.orderId,
    lines: x.lines.map((l) => ({ sku: l.sku, qty: l.qty, disposition: l.disposition })),
    sell: toSaleLines(sale.cart, data.exponent),
    till: data.till,
    location: data.location,
    refund: x.refund,
  };
  // The difference is paid in one payment (cash: what was handed over, for the change).
  const paid = sale.payments[0];
  // With the amount collected: the server refuses it if its own difference is another.
  if (paid && (paid.method === 'cash' || paid.method === 'card'))
    draft.pay =
      paid.method === 'cash'
        ? { method: 'cash', amount: paid.amount, tendered: paid.tendered ?? paid.amount }
        : { method: 'card', amount: paid.amount };
  if (confirmOversell) draft.confirmOversell = true;
  return draft;
}

export function exchangeDone(x: ExchangeReceipt): ExchangeDone {
  return {
    returnNo: x.return.returnId,
    returnInvoiceNo: x.return.invoiceNo,
    returned: -x.return.total,
    difference: x.difference,
    method: x.method,
    handed: x.method === 'cash' && x.difference > 0 ? x.difference + x.sale.change : 0,
  };
}
