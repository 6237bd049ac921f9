/**
 * Loading the till, the 60-second refresh and the queue's 15-second retry: what keeps the
 * sidebar's stock, session and pending sales up to date while it stays open.
 */
import type { TillRefresh, TillState } from '../../app/till/api-types';
import { newKey } from '../shared/key';
import { call, reason } from './api';
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
  state.index = new ProductIndex(data.products);
  state.refreshedAt = data.refreshedAt;
  state.refreshFailed = false;
  if (!state.sale.key) state.sale = emptySale(newKey());
  focusNext(data.session ? 'scan' : 'float');
}

let refreshing = false;

/** The 60-second refresh: stock and session. Skipped while the previous one is still running. */
export async function refreshTill(): Promise<void> {
  if (refreshing || !state.data) return;
  refreshing = true;
  try {
    applyRefresh(await call('tillRefresh', state.till));
  } catch {
    // Offline for now: the header says so and the last stock stays on screen.
    state.refreshFailed = true;
    changed();
  } finally {
    refreshing = false;
  }
  void sendQueue();
}

export function applyRefresh(update: TillRefresh): void {
  const data = state.data;
  if (!data) return;
  const stock = new Map(update.stock.map((s) => [s.sku, s]));
  data.products = data.products.map((p) => {
    const s = stock.get(p.sku);
    return s ? { ...p, available: s.available, low: s.low } : p;
  });
  data.session = update.session;
  state.index = new ProductIndex(data.products);
  state.refreshedAt = update.refreshedAt;
  state.refreshFailed = false;
  changed();
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
          state.receipt = { key: event.sale.key, receipt: event.receipt, provisional: false };
        }
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
