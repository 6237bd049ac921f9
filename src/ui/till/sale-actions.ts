/**
 * What staff do to a sale: scan, change lines, take payments, complete it. Each action changes
 * the state, says what went wrong in words for the counter, and sends the keyboard back to #scan.
 */
import type { CustomerSummary, Receipt, Result, TillProduct } from '../../app/till/api-types';
import { normalizeBarcode } from '../../core/barcode';
import { formatDecimal } from '../../core/money';
import { newKey } from '../shared/key';
import { call, reason } from './api';
import * as cart from './cart';
import { completeExchange } from './exchange-actions';
import { barcodeProblem, lang, t } from './i18n';
import { looksLikeBarcode } from './lookup';
import { cardPayment, cashPayment, creditPayment, removePayment } from './payments';
import { RECEIPT_NUMBER, returnFromScan } from './returns';
import { provisionalReceipt, saleDraft, saleFigures } from './sale';
import { changed, clearMessages, emptySale, focusNext, type SaleState, say, state } from './state';
import { countSale, queue } from './till-data';
import { checkWebOrders } from './web-orders';

/** The sale, if one can be changed now (the till is open and the sale is not being sent). */
function editableSale(): SaleState | null {
  if (!state.data?.session) {
    say(t.needsSession);
    return null;
  }
  if (state.sale.committing) return null;
  return state.sale;
}

/**
 * A changed cart changes the total: a payment half-typed for the old total and a pending
 * "Sell anyway?" question no longer apply. Payments already taken stay; "To pay" follows.
 */
function updateCart(next: cart.Cart): void {
  state.sale.cart = next;
  state.sale.oversell = null;
  state.sale.entry = null;
  changed();
}

/** Returns false when the product could not be added now (the till is closed, or a sale is being sent). */
export function addToCart(product: TillProduct): boolean {
  if (state.sale.committing) {
    // The sale on screen is being sent; the scan stays in the field to add once it is done.
    say(t.waitForSale, 'warn');
    return false;
  }
  if (state.receipt) newSale();
  if (!editableSale()) return false;
  updateCart(cart.addProduct(state.sale.cart, product));
  clearMessages();
  focusNext('scan');
  return true;
}

/**
 * Enter in #scan. Digits are a barcode (or a numeric SKU); a receipt number (R-000003, its
 * barcode) opens the Return panel on that order; a highlighted search result is added; an exact
 * SKU is added. An empty Enter starts a cash payment, or a new sale after a
 * receipt. Returns true when the field should be cleared.
 */
export function scanEnter(text: string, highlighted: TillProduct | null): boolean {
  const typed = text.trim();
  if (typed === '') {
    if (state.receipt) newSale();
    else if (state.data && saleFigures(state.sale, state.data, t.badDiscount).canComplete)
      focusNext('commit');
    else if (state.sale.cart.length > 0) startPayment('cash');
    return true;
  }
  if (!state.data?.session) {
    say(t.needsSession);
    return false;
  }
  // A receipt's barcode scanned here: the customer is bringing goods back, so the Return panel
  // opens on that order (a product whose SKU looks like a receipt number still sells).
  if (RECEIPT_NUMBER.test(typed) && !state.index.sku(typed)) {
    returnFromScan(typed);
    return true;
  }
  if (looksLikeBarcode(typed)) {
    const product = state.index.sku(typed) ?? state.index.barcode(typed);
    if (product) return addToCart(product);
    // The cart is kept either way: a bad scan only costs a rescan.
    say(barcodeProblem(typed) ?? t.noBarcode(normalizeBarcode(typed)));
    focusNext('scan');
    return true;
  }
  const product = highlighted ?? state.index.sku(typed);
  if (product) return addToCart(product);
  say(state.index.search(typed, 1).length > 0 ? t.pickFromList : t.noMatch(typed));
  return false;
}

export function typeQty(sku: string, text: string): void {
  if (!editableSale()) return;
  updateCart(cart.setQtyText(state.sale.cart, sku, text));
  const line = cart.lineOf(state.sale.cart, sku);
  const problem = line ? cart.qtyProblem(line) : null;
  if (problem) say(t.qtyProblem[problem]);
  else clearMessages();
}

/** Leaving a refused quantity puts back the last one accepted; the message stays. */
export function leaveQty(sku: string): void {
  const line = cart.lineOf(state.sale.cart, sku);
  if (line && cart.qtyProblem(line)) updateCart(cart.resetQtyText(state.sale.cart, sku));
}

export function stepQty(sku: string, delta: number): void {
  if (!editableSale()) return;
  updateCart(cart.stepQty(state.sale.cart, sku, delta));
  clearMessages();
  focusNext('scan');
}

export function typeDiscount(sku: string, text: string): void {
  if (!editableSale()) return;
  updateCart(cart.setDiscountText(state.sale.cart, sku, text));
}

export function removeLine(sku: string): void {
  if (!editableSale()) return;
  updateCart(cart.removeLine(state.sale.cart, sku));
  focusNext('scan');
}

export function clearSale(): void {
  if (state.sale.committing) return;
  state.sale = emptySale(newKey());
  clearMessages();
  focusNext('scan');
}

export function setCustomer(customer: CustomerSummary | null): void {
  // Store credit taken was the customer's own money: another customer (or none) cannot spend it.
  const before = state.sale.customer?.customerId ?? null;
  const credit = state.sale.payments.some((p) => p.method === 'credit');
  state.sale.customer = customer;
  if (credit && (customer?.customerId ?? null) !== before) {
    state.sale.payments = state.sale.payments.filter((p) => p.method !== 'credit');
    state.sale.entry = null;
    say(t.creditDropped, 'warn');
  }
  changed();
  focusNext('scan');
}

/** Amounts typed in the sidebar's language: 12.50 or 12,50. */
function amountText(minor: number, exponent: number): string {
  const text = formatDecimal(minor, exponent);
  return lang === 'es' ? text.replace('.', ',') : text;
}

export function startPayment(method: 'cash' | 'card' | 'credit'): void {
  const data = state.data;
  if (!data || !editableSale()) return;
  const figures = saleFigures(state.sale, data, t.badDiscount);
  if (figures.blocked || figures.total === null) {
    say(t.fixLines);
    return;
  }
  if (figures.due <= 0) {
    say(figures.due < 0 ? t.overpaid(amountText(-figures.due, data.exponent)) : t.nothingToPay, 'warn');
    return;
  }
  // An exchange's difference is paid in cash or by card (recordExchange takes no store credit).
  if (state.sale.exchange && method === 'credit') {
    say(t.exchangePayWhole);
    return;
  }
  // Store credit offers what the customer holds, up to what is due.
  const balance = state.sale.customer?.balance ?? 0;
  const offer = method === 'credit' ? Math.min(figures.due, balance) : figures.due;
  state.sale.entry = { method, text: amountText(offer, data.exponent) };
  focusNext('entry');
}

export function typeEntry(text: string): void {
  if (state.sale.entry) {
    state.sale.entry.text = text;
    changed();
  }
}

export function cancelEntry(): void {
  state.sale.entry = null;
  focusNext('scan');
}

/** Adds the payment being typed. Cash over what is due becomes change. */
export function confirmEntry(): void {
  const data = state.data;
  const entry = state.sale.entry;
  if (!data || !entry || !editableSale()) return;
  const figures = saleFigures(state.sale, data, t.badDiscount);
  if (figures.entryAmount === null) {
    say(t.badAmount);
    return;
  }
  const payment =
    entry.method === 'cash'
      ? cashPayment(figures.entryAmount, figures.due)
      : entry.method === 'credit'
        ? creditPayment(figures.entryAmount, figures.due, state.sale.customer?.balance ?? 0)
        : cardPayment(figures.entryAmount, figures.due);
  // An exchange's difference is one payment: the whole of it, by card or in cash (with change).
  if (state.sale.exchange && typeof payment !== 'string' && payment.amount !== figures.due) {
    say(t.exchangePayWhole);
    return;
  }
  if (typeof payment === 'string') {
    if (payment === 'nothing-due') say(t.nothingToPay, 'warn');
    else if (payment === 'over-balance')
      say(t.creditTooMuch(amountText(state.sale.customer?.balance ?? 0, data.exponent)));
    else if (payment === 'too-much') say(t.cardTooMuch(amountText(figures.due, data.exponent)));
    else say(t.badAmount);
    return;
  }
  state.sale.payments = [...state.sale.payments, payment];
  state.sale.entry = null;
  clearMessages();
  const after = saleFigures(state.sale, data, t.badDiscount);
  focusNext(after.canComplete ? 'commit' : 'scan');
}

export function dropPayment(index: number): void {
  if (!editableSale()) return;
  state.sale.payments = removePayment(state.sale.payments, index);
  state.sale.oversell = null;
  focusNext('scan');
}

/**
 * Records the sale. The key was made when the sale began, so a retry, a double click or a
 * "Sell anyway" resend all carry the same one. A call that fails (network, server error)
 * queues the sale and frees the till for the next customer, except a sale paid with store credit,
 * which stays on screen to send again; a refusal keeps the cart.
 */
export async function completeSale(confirmOversell = false): Promise<void> {
  const data = state.data;
  const sale = state.sale;
  if (!data || sale.committing) return;
  if (sale.exchange) return completeExchange(confirmOversell);
  const figures = saleFigures(sale, data, t.badDiscount);
  if (!figures.canComplete || figures.total === null) return;
  const draft = saleDraft(sale, data, confirmOversell);
  sale.committing = true;
  sale.oversell = null;
  clearMessages();
  changed();
  let result: Result<Receipt>;
  try {
    result = await call('recordSale', draft);
  } catch (error) {
    sale.committing = false;
    // Only the server can check a store-credit balance (another till may spend it meanwhile), so
    // such a sale is never queued: it stays on screen with its key, to send again when online.
    if (draft.payments.some((p) => p.method === 'credit')) {
      say(t.creditNotSent(reason(error)));
      focusNext('commit');
      return;
    }
    const at = new Date().toISOString();
    const stored = queue.add(draft, figures.total, at);
    const receipt = provisionalReceipt(sale, data, at);
    if (receipt) state.receipt = { key: sale.key, receipt, provisional: true };
    state.pending = queue.size;
    state.sale = emptySale(newKey());
    if (!stored) say(t.storageFull, 'error', true);
    focusNext('scan');
    return;
  }
  sale.committing = false;
  if (result.ok) {
    state.receipt = { key: sale.key, receipt: result.value, provisional: false };
    state.sale = emptySale(newKey());
    focusNext('scan');
    // The session card counts the sale now; the stock just sold is read now, not in a minute.
    countSale(result.value);
    void checkWebOrders(true);
  } else if (result.problem.code === 'stock-short' && data.oversellPolicy === 'warn') {
    sale.oversell = result.problem;
    changed();
  } else {
    say(result.problem.message);
    focusNext('scan');
  }
}

export function cancelOversell(): void {
  state.sale.oversell = null;
  focusNext('scan');
}

/** Closes the receipt; the sale itself was already reset when it was recorded or queued. */
export function newSale(): void {
  state.receipt = null;
  clearMessages();
  focusNext('scan');
}
