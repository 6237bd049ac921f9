/**
 * The one state of the sidebar. Actions change it and call changed(); the views read it and
 * redraw. Everything the screen shows can be told from this object.
 */
import type { CustomerSummary, Receipt, TillProblem, TillState, ZReport } from '../../app/till/api-types';
import { readText, writeText } from '../shared/storage';
import type { Cart } from './cart';
import type { ExchangeCredit, ExchangeDone } from './exchange';
import { ProductIndex } from './lookup';
import type { Payments } from './payments';

export const TILL_KEY = 'shop-ledger:till';
export const DEFAULT_TILL = 'Till 1';

/** A payment being typed: the method chosen and the amount field's text. */
export interface PaymentEntry {
  method: 'cash' | 'card' | 'credit';
  text: string;
}

export interface SaleState {
  /** Made once per sale: every send of this sale, retries included, carries it. */
  key: string;
  cart: Cart;
  customer: CustomerSummary | null;
  payments: Payments;
  entry: PaymentEntry | null;
  /** recordSale is in flight: Complete is disabled so a double click sends nothing new. */
  committing: boolean;
  /** The server said stock is short and the policy lets staff confirm: the question on screen. */
  oversell: TillProblem | null;
  /** Goods taken back from the Return panel to pay for this sale: an exchange (exchange.ts). */
  exchange: ExchangeCredit | null;
  /**
   * recordExchange went out and got no answer: the exchange may be recorded (under its key), so it
   * cannot be cancelled into a plain sale until a retry is answered (exchange-actions.ts).
   */
  unanswered: boolean;
}

/** A receipt on screen: from the server, or made here for a sale waiting in the queue. */
export interface ShownReceipt {
  /** The sale's key: a queued sale's receipt is swapped for the real one when it is sent. */
  key: string;
  receipt: Receipt;
  provisional: boolean;
  /** Sent by the offline queue, not by staff pressing Complete sale: the receipt says so. */
  fromQueue?: boolean;
  /** The sale was the new half of an exchange: its return's R and the difference. */
  exchange?: ExchangeDone;
}

export type MessageKind = 'error' | 'warn' | 'notice';

/** Sticky messages (a queued sale that was refused) stay until dismissed; others give way to the next. */
export interface Message {
  id: number;
  text: string;
  kind: MessageKind;
  sticky: boolean;
}

/** The web shops' orders, as the last syncFromTill said (shown beside "Updated HH:MM"). */
export interface WebOrdersState {
  /** The oldest of the shops' last checks (ISO), null before the first one. */
  checkedAt: string | null;
  /** Why the last check failed for a shop, in words; null when it did not. */
  error: string | null;
  /** The last call got no answer: the time shown may be old. */
  unanswered: boolean;
}

/** Where the keyboard goes after the next redraw. */
export type FocusTarget = 'scan' | 'entry' | 'commit' | 'float';

export interface AppState {
  till: string;
  loading: boolean;
  loadError: string | null;
  data: TillState | null;
  index: ProductIndex;
  sale: SaleState;
  receipt: ShownReceipt | null;
  zReport: ZReport | null;
  pending: number;
  refreshedAt: string | null;
  refreshFailed: boolean;
  /** Null when no web shop is connected (or the server has no syncFromTill, as in the playground). */
  web: WebOrdersState | null;
  messages: Message[];
  focus: FocusTarget | null;
  /** Server actions in flight by name ('open', 'close', 'cash', 'goods', 'customer'): their buttons wait. */
  busy: Set<string>;
}

export function emptySale(key: string): SaleState {
  return {
    key,
    cart: [],
    customer: null,
    payments: [],
    entry: null,
    committing: false,
    oversell: null,
    exchange: null,
    unanswered: false,
  };
}

export const state: AppState = {
  till: readText(TILL_KEY)?.trim() || DEFAULT_TILL,
  loading: true,
  loadError: null,
  data: null,
  index: new ProductIndex([]),
  sale: emptySale(''),
  receipt: null,
  zReport: null,
  pending: 0,
  refreshedAt: null,
  refreshFailed: false,
  web: null,
  messages: [],
  focus: null,
  busy: new Set(),
};

export function saveTillName(name: string): void {
  writeText(TILL_KEY, name);
}

let redraw: () => void = () => {};
let scheduled = false;

export function onChange(fn: () => void): void {
  redraw = fn;
}

/** Redraws once after the current burst of changes. */
export function changed(): void {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(() => {
    scheduled = false;
    redraw();
  });
}

let lastMessageId = 0;

export function say(text: string, kind: MessageKind = 'error', sticky = false): void {
  state.messages = [...state.messages.filter((m) => m.sticky), { id: ++lastMessageId, text, kind, sticky }];
  changed();
}

/** Clears the passing messages, after an action that worked. */
export function clearMessages(): void {
  if (state.messages.some((m) => !m.sticky)) {
    state.messages = state.messages.filter((m) => m.sticky);
    changed();
  }
}

export function dismiss(id: number): void {
  state.messages = state.messages.filter((m) => m.id !== id);
  changed();
}

export function focusNext(target: FocusTarget): void {
  state.focus = target;
  changed();
}
