/**
 * The till's Return flow: find the order the customer brings back, choose what comes back (qty and
 * disposition per line) and how the money goes back, then one recordReturn. Its state lives here,
 * apart from the sale's, so a return never touches the cart. After a return that put goods back in
 * stock, the web shops are told at once, as after a sale.
 *
 * Before Confirm the server quotes the choice (quoteReturn: the discount's share, store credit going
 * back as credit), a moment after the last change; Confirm and Exchange instead wait for that answer.
 */
import type {
  Disposition,
  RefundMethod,
  ReturnableOrder,
  ReturnReceipt,
} from '../../app/returns/return-api-types';
import { call, reason } from './api';
import { withBusy } from './busy';
import { commandAnswered, commandKey } from './command-keys';
import { refreshChosenBalance } from './customer-card';
import { t } from './i18n';
import { answerFor, chosenLines, draftKey, type Quoted, quoteDraft } from './return-quote';
import { changed, say, state } from './state';
import { refreshTill } from './till-data';
import { checkWebOrders } from './web-orders';

export interface ReturnChoice {
  qty: number;
  disposition: Disposition;
}

export const returning: {
  order: ReturnableOrder | null;
  /** By the order's line index. */
  choices: ReturnChoice[];
  refund: RefundMethod;
  receipt: ReturnReceipt | null;
  /** The server's figures for the latest choice asked about (return-quote.ts). */
  quoted: Quoted | null;
  /** A receipt number scanned into #scan: the panel opens and shows it (views/returns.ts clears it). */
  asked: string | null;
} = { order: null, choices: [], refund: 'cash', receipt: null, quoted: null, asked: null };

/** A receipt number as the till prints it and its barcode carries: R-000003. */
export const RECEIPT_NUMBER = /^R-\d{6}$/i;

/** A receipt scanned into #scan: the customer has brought something back, so the Return panel opens on it. */
export function returnFromScan(text: string): void {
  const number = text.trim().toUpperCase();
  returning.asked = number;
  void findReturnable(number);
}

/** Quiet time after the last change before the server is asked for the amount. */
export const QUOTE_DELAY_MS = 300;
let quoteTimer: ReturnType<typeof setTimeout> | undefined;

function currentDraft() {
  return quoteDraft(returning.order, returning.choices, returning.refund, state.till, state.data?.location);
}

/** True while the amount on screen is not yet the server's for what is chosen. */
export function quotePending(): boolean {
  const draft = currentDraft();
  return draft !== null && answerFor(returning.quoted, draft) === null;
}

/** The server's quote for what is chosen now, once it has answered. */
export function currentQuote() {
  return answerFor(returning.quoted, currentDraft())?.quote ?? null;
}

/** Why the server would not quote what is chosen now (Confirm would be refused alike); null otherwise. */
export function quoteProblem(): string | null {
  return answerFor(returning.quoted, currentDraft())?.problem ?? null;
}

/** Asks for the amount a moment after the last change (typing 12 asks once, not for 1 then 12). */
export function requestQuote(): void {
  if (quoteTimer !== undefined) clearTimeout(quoteTimer);
  quoteTimer = undefined;
  if (!quotePending()) return;
  quoteTimer = setTimeout(() => {
    quoteTimer = undefined;
    void quoteNow();
  }, QUOTE_DELAY_MS);
}

/** quoteReturn for what is chosen now; an answer for a choice changed meanwhile is dropped. */
export async function quoteNow(): Promise<void> {
  const draft = currentDraft();
  if (!draft) return;
  const key = draftKey(draft);
  let answer: Quoted;
  try {
    const result = await call('quoteReturn', draft);
    answer = result.ok
      ? { key, quote: result.value, problem: null }
      : { key, quote: null, problem: result.problem.message };
  } catch (error) {
    answer = { key, quote: null, problem: t.serverFailed(reason(error)) };
  }
  if (draftKey(currentDraft()) !== key) return;
  returning.quoted = answer;
  changed();
}

export function chooseRefund(method: RefundMethod): void {
  returning.refund = method;
  changed();
  requestQuote();
}

export async function findReturnable(query: string): Promise<void> {
  if (query.trim() === '') return;
  await withBusy('return', async () => {
    const result = await call('findReturnable', query.trim());
    if (!result.ok) {
      say(result.problem.message);
      return;
    }
    returning.order = result.value;
    returning.choices = result.value.lines.map(() => ({ qty: 0, disposition: 'restock' }));
    returning.receipt = null;
    returning.quoted = null;
  });
}

export function chooseLine(index: number, choice: Partial<ReturnChoice>): void {
  const line = returning.order?.lines[index];
  if (!line) return;
  const next = { ...returning.choices[index], ...choice };
  next.qty = Math.max(0, Math.min(line.returnable, Math.floor(Number(next.qty) || 0)));
  returning.choices[index] = next;
  changed();
  requestQuote();
}

/** One recordReturn for what was chosen; its key is kept until the server answers, so a retry replays. */
export async function sendReturn(): Promise<void> {
  const order = returning.order;
  if (!order || state.busy.has('return')) return;
  const lines = chosenLines(order, returning.choices);
  if (lines.length === 0) {
    say(t.returnNothing);
    return;
  }
  // One key per return, kept while its answer is unknown: a retry of this order's return replays
  // it, another order's return gets its own (the server refuses a key used for another order).
  const command = `return:${order.orderId}`;
  await withBusy('return', async () => {
    const result = await call('recordReturn', {
      key: commandKey(command),
      order: order.orderId,
      lines,
      refund: returning.refund,
      location: state.data?.location,
      till: state.till,
    });
    commandAnswered(command);
    if (!result.ok) {
      say(result.problem.message);
      return;
    }
    returning.receipt = result.value;
    returning.order = null;
    returning.choices = [];
    returning.quoted = null;
    void refreshTill();
    if (result.value.loyalty) void refreshChosenBalance();
    if (result.value.skusChanged.length > 0) void checkWebOrders(true);
  });
}

export function newReturn(): void {
  returning.order = null;
  returning.choices = [];
  returning.receipt = null;
  returning.quoted = null;
  returning.asked = null;
  changed();
}
