/**
 * Loading the till, the 60-second refresh and the queue's 15-second retry: what keeps the
 * sidebar's catalogue, stock, session and pending sales up to date while it stays open.
 */
import type { Receipt, TillRefresh, TillSessionInfo, TillState } from '../../app/till/api-types';
import { newKey } from '../shared/key';
import { call, reason } from './api';
import { type CartLine, followCatalogue } from './cart';
import { clock, money, setCurrency } from './format';
import { setLang, t } from './i18n';
import { ProductIndex } from './lookup';
import { SaleQueue } from './queue';
import { changed, emptySale, focusNext, saveTillName, say, state } from './state';

export const REFRESH_MS = 60_000;
export const QUEUE_RETRY_MS = 15_000;

export const queue = new SaleQueue();

export async function loadTill(): Promise<void> {
  state.loading = true;
  state.loadError = null;
  changed();
  try {
    const data = await call('tillState', state.till);
    useTillState(data);
  } catch (error) {
    state.loadError = t.loadFailed(reason(error));
  } finally {
    state.loading = false;
    state.pending = queue.size;
    changed();
  }
  if (state.data) void sendQueue();
}

function useTillState(data: TillState): void {
  setLang(data.lang);
  setCurrency(data.currency, data.exponent);
  state.data = data;
  sessionVersion += 1;
  state.index = new ProductIndex(data.products);
  state.refreshedAt = data.refreshedAt;
  state.refreshFailed = false;
  if (!state.sale.key) state.sale = emptySale(newKey());
  focusNext(data.session ? 'scan' : 'float');
}

let refreshing = false;
let refreshAgain = false;
/**
 * Counts the session changes made here (a sale counted, cash in or out, open, close). A refresh
 * that set off before one of them read the session as it was before: its session is not used.
 */
let sessionVersion = 0;

/**
 * The 60-second refresh: catalogue (prices, stock), session and today's takings. Asked for while
 * one is running (a sale was just recorded), it runs once more when that one is done: the answer
 * in flight may predate the sale.
 */
export async function refreshTill(): Promise<void> {
  if (!state.data) return;
  if (refreshing) {
    refreshAgain = true;
    return;
  }
  refreshing = true;
  try {
    do {
      refreshAgain = false;
      const version = sessionVersion;
      applyRefresh(await call('tillRefresh', state.till), version);
    } while (refreshAgain && state.data);
  } catch {
    // Offline for now: the header says so and the last stock stays on screen.
    state.refreshFailed = true;
    changed();
  } finally {
    refreshing = false;
    refreshAgain = false;
  }
  void sendQueue();
}

/** `version`: sessionVersion when the refresh set off; a session changed here since is kept. */
export function applyRefresh(update: TillRefresh, version = sessionVersion): void {
  const data = state.data;
  if (!data) return;
  const before = state.index;
  data.products = update.products;
  state.index = new ProductIndex(data.products);
  followPrices(before);
  if (version === sessionVersion) data.session = update.session;
  data.today = update.today;
  state.refreshedAt = update.refreshedAt;
  state.refreshFailed = false;
  changed();
}

/**
 * The cart's lines take the refreshed catalogue's price, VAT and name, so the total and the cash
 * asked for are what the server will charge; staff are told which lines changed. A line whose
 * product is no longer sold stays (the customer holds it) with a word to take it off; it is said
 * once, when the product leaves the catalogue.
 */
function followPrices(before: ProductIndex): void {
  // A sale or exchange sent (or perhaps recorded, unanswered) keeps the figures it was sent with.
  if (state.sale.committing || state.sale.unanswered || state.sale.cart.length === 0) return;
  const change = followCatalogue(state.sale.cart, (sku) => state.index.sku(sku));
  state.sale.cart = change.cart;
  const names = (lines: CartLine[]) => lines.map((line) => line.name).join(', ');
  if (change.repriced.length > 0) say(t.pricesChanged(names(change.repriced)), 'warn');
  const left = change.gone.filter((line) => before.sku(line.sku));
  if (left.length > 0) say(t.noLongerSold(names(left)), 'warn', true);
}

/** The session as the server just said it is (opened, cash in or out, closed): shown at once. */
export function setSession(session: TillSessionInfo | null): void {
  if (!state.data) return;
  state.data.session = session;
  sessionVersion += 1;
  changed();
}

/**
 * A sale the server recorded: the session card counts it at once, from the receipt, and the
 * refresh that follows reads the server's own figures (and the stock just sold).
 * A replayed receipt does not say its session (sessionId ''): only the refresh counts it.
 */
export function countSale(receipt: Receipt): void {
  const session = state.data?.session;
  if (session && receipt.sessionId !== '' && receipt.sessionId === session.sessionId) {
    const cash = receipt.payments.reduce((sum, p) => sum + (p.method === 'cash' ? p.amount : 0), 0);
    setSession({
      ...session,
      salesCount: session.salesCount + 1,
      salesTotal: session.salesTotal + receipt.total,
      expectedCash: session.expectedCash + cash,
    });
  }
  void refreshTill();
}

/** Sends the waiting sales, oldest first, one at a time; says what became of each. */
export async function sendQueue(): Promise<void> {
  if (queue.size === 0) {
    if (state.pending !== 0) {
      state.pending = 0;
      changed();
    }
    return;
  }
  await queue.drain(
    (draft) => call('recordSale', draft),
    (event) => {
      const time = clock(event.sale.queued.at);
      if (event.kind === 'sent') {
        say(t.queueSent(time, event.receipt.orderNo), 'notice');
        // The provisional receipt still on screen becomes the real, numbered one.
        if (state.receipt?.provisional && state.receipt.key === event.sale.key) {
          state.receipt = {
            key: event.sale.key,
            receipt: event.receipt,
            provisional: false,
            fromQueue: true,
          };
        }
        countSale(event.receipt);
      } else if (event.kind === 'refused') {
        // Named by time, items and total: staff must recognise which customer's sale it was.
        const items = event.sale.lines
          .map((line) => `${line.qty} × ${state.index.sku(line.sku)?.name ?? line.sku}`)
          .join(', ');
        say(
          t.queueRefused(time, money(event.sale.queued.total), items, event.problem.message),
          'error',
          true,
        );
      }
      state.pending = queue.size;
      changed();
    },
  );
  state.pending = queue.size;
  changed();
}

/** Another till name: saved for this computer, and the till reloaded. */
export function changeTill(name: string): boolean {
  const till = name.trim();
  if (!till || till === state.till) return true;
  if (state.sale.cart.length > 0) {
    say(t.tillChangeBlocked);
    return false;
  }
  state.till = till;
  saveTillName(till);
  state.data = null;
  void loadTill();
  return true;
}
