/**
 * What staff do to an exchange: "Exchange instead" in the Return panel puts the chosen goods on
 * the sale as a credit; Complete sends one recordExchange with the sale's key (a retry, a double
 * click or "Sell anyway" replays it); Cancel drops the credit and keeps the cart. An exchange is
 * never queued offline: a call that fails keeps it on screen, with its key, to send again, and
 * cannot be cancelled until a retry is answered.
 */
import type { ExchangeReceipt, RefundMethod } from '../../app/returns/return-api-types';
import type { Result } from '../../app/till/api-types';
import { newKey } from '../shared/key';
import { call, reason } from './api';
import { exchangeCredit, exchangeDone, exchangeDraft } from './exchange';
import { t } from './i18n';
import { currentQuote, newReturn, returning } from './returns';
import { saleFigures } from './sale';
import { changed, clearMessages, emptySale, focusNext, say, state } from './state';
import { refreshTill } from './till-data';
import { checkWebOrders } from './web-orders';

/** The Return panel's chosen lines become the sale's credit; the cashier then scans the new goods. */
export function startExchange(): void {
  const order = returning.order;
  if (!order || !state.data?.session || state.sale.committing) return;
  // The credit is only ever the server's quote for these lines: without it (still to come, or
  // refused) there is no exchange, as the sidebar's own prices may be out of date.
  const quote = currentQuote();
  if (!quote) {
    say(t.exchangeNeedsQuote);
    return;
  }
  const credit = exchangeCredit(order, returning.choices, returning.refund, quote);
  if (!credit) {
    say(t.returnNothing);
    return;
  }
  // A sale already paid in part cannot become an exchange: its payments were for another total.
  if (state.sale.payments.length > 0 || state.sale.exchange) {
    say(t.exchangeFinishSale);
    return;
  }
  state.receipt = null;
  state.sale = { ...state.sale, exchange: credit, entry: null, oversell: null };
  newReturn();
  clearMessages();
  focusNext('scan');
}

export function cancelExchange(): void {
  if (state.sale.committing || !state.sale.exchange) return;
  // The exchange may be recorded as <key>:return and <key>:sale: cancelled, the cart would go out
  // as a plain sale under the bare key and the goods be sold twice. A retry's answer settles it.
  if (state.sale.unanswered) {
    say(t.exchangeCancelUnanswered);
    return;
  }
  state.sale = { ...state.sale, exchange: null, payments: [], entry: null, oversell: null };
  focusNext('scan');
}

/** How the difference is given back when the new goods cost less. */
export function chooseExchangeRefund(method: RefundMethod): void {
  if (!state.sale.exchange || state.sale.committing) return;
  state.sale.exchange = { ...state.sale.exchange, refund: method };
  changed();
}

export async function completeExchange(confirmOversell = false): Promise<void> {
  const data = state.data;
  const sale = state.sale;
  if (!data || !sale.exchange || sale.committing) return;
  if (!saleFigures(sale, data, t.badDiscount).canComplete) return;
  const draft = exchangeDraft(sale, data, confirmOversell);
  sale.committing = true;
  sale.oversell = null;
  clearMessages();
  changed();
  let result: Result<ExchangeReceipt>;
  try {
    result = await call('recordExchange', draft);
  } catch (error) {
    // The outcome is unknown: the same key goes with the next press, which replays if it was recorded.
    sale.committing = false;
    sale.unanswered = true;
    say(t.exchangeNotSent(reason(error)));
    focusNext('commit');
    return;
  }
  sale.committing = false;
  sale.unanswered = false;
  if (result.ok) {
    const x = result.value;
    state.receipt = { key: sale.key, receipt: x.sale, provisional: false, exchange: exchangeDone(x) };
    state.sale = emptySale(newKey());
    focusNext('scan');
    // The session card and today's totals count a sale and a return: read them again.
    void refreshTill();
    // Stock moved both ways: the web shops are told now, as after a sale.
    void checkWebOrders(true);
  } else if (result.problem.code === 'stock-short' && data.oversellPolicy === 'warn') {
    sale.oversell = result.problem;
    changed();
  } else {
    say(result.problem.message);
    focusNext('scan');
  }
}
