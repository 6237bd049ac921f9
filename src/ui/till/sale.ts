/**
 * What follows from the sale in progress: its prices, what is left to pay, the change, and
 * whether it can be completed. Plain functions of the state, recomputed on every redraw.
 */
import type { Receipt, SaleDraft, TillState } from '../../app/till/api-types';
import { parseMoney } from '../../core/money';
import { type CartPrice, priceCart, type QtyProblem, qtyProblem, toSaleLines } from './cart';
import { exchangeSplit } from './exchange';
import { changeDue, paymentsComplete, previewChange, remaining } from './payments';
import type { SaleState } from './state';

export interface SaleFigures {
  price: CartPrice;
  /** Null while a line cannot be priced. */
  total: number | null;
  /** Left to pay; negative when overpaid. */
  due: number;
  /** Change for the cash taken, plus what the cash being typed would give. */
  change: number;
  /** The amount typed in the payment being entered; null when it is not an amount. */
  entryAmount: number | null;
  qtyProblems: Map<string, QtyProblem>;
  /** A line has a problem: no payment can be taken until it is fixed. */
  blocked: boolean;
  canComplete: boolean;
  /** An exchange: the returned goods' value, taken off the total (0 for a plain sale). */
  credit: number;
  /** An exchange whose new goods cost less: the money to give back. */
  giveBack: number;
}

export function saleFigures(sale: SaleState, data: TillState, badDiscount: string): SaleFigures {
  const price = priceCart(sale.cart, data, badDiscount);
  const qtyProblems = new Map<string, QtyProblem>();
  for (const line of sale.cart) {
    const problem = qtyProblem(line);
    if (problem) qtyProblems.set(line.sku, problem);
  }
  const total = price.priced ? price.priced.total : null;
  // An exchange pays for the new goods with the returned ones: only the difference is to pay.
  const credit = sale.exchange?.value ?? 0;
  const split = total === null ? null : exchangeSplit(total, credit);
  const toPay = split === null ? null : split.toPay;
  const due = toPay === null ? 0 : remaining(toPay, sale.payments);
  const entryAmount = sale.entry ? parseMoney(sale.entry.text, data.exponent) : null;
  const entryChange = sale.entry?.method === 'cash' ? previewChange(entryAmount, due) : 0;
  const blocked = price.priced === null || qtyProblems.size > 0;
  const canComplete =
    !blocked &&
    toPay !== null &&
    sale.cart.length > 0 &&
    data.session !== null &&
    paymentsComplete(toPay, sale.payments) &&
    !sale.committing;
  return {
    price,
    total,
    due,
    change: changeDue(sale.payments) + entryChange,
    entryAmount,
    qtyProblems,
    blocked,
    canComplete,
    credit,
    giveBack: split?.giveBack ?? 0,
  };
}

export function saleDraft(sale: SaleState, data: TillState, confirmOversell = false): SaleDraft {
  const draft: SaleDraft = {
    key: sale.key,
    till: data.till,
    location: data.location,
    lines: toSaleLines(sale.cart, data.exponent),
    payments: sale.payments.map((p) => ({ ...p })),
  };
  if (sale.customer) draft.customerId = sale.customer.customerId;
  if (confirmOversell) draft.confirmOversell = true;
  return draft;
}

/**
 * The receipt of a sale that waits in the queue: the same prices (core pricing), no number
 * yet. The server gives the number when the sale reaches it.
 */
export function provisionalReceipt(sale: SaleState, data: TillState, at: string): Receipt | null {
  const priced = priceCart(sale.cart, data, '').priced;
  if (!priced) return null;
  const tendered = sale.payments.reduce((sum, p) => sum + (p.tendered ?? 0), 0);
  return {
    orderId: '',
    orderNo: '',
    invoiceNo: '',
    created: at,
    till: data.till,
    sessionId: data.session?.sessionId ?? '',
    lines: sale.cart.map((line, i) => ({
      sku: line.sku,
      name: line.name,
      qty: line.qty,
      unitPrice: line.unitPrice,
      discount: priced.lines[i].discount,
      vatRate: line.vatRate,
      total: priced.lines[i].total,
    })),
    net: priced.net,
    vat: priced.vat,
    total: priced.total,
    breakdown: priced.breakdown.map((row) => ({ ...row })),
    payments: sale.payments.map((p) => ({ method: p.method, amount: p.amount })),
    tendered,
    change: changeDue(sale.payments),
    customer: sale.customer ? { customerId: sale.customer.customerId, name: sale.customer.name } : null,
    currency: data.currency,
    exponent: data.exponent,
    replayed: false,
  };
}
