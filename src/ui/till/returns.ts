/**
 * The till's Return flow: find the order the customer brings back, choose what comes back (qty and
 * disposition per line) and how the money goes back, then one recordReturn. Its state lives here,
 * apart from the sale's, so a return never touches the cart. After a return that put goods back in
 * stock, the web shops are told at once, as after a sale.
 */
import type {
  Disposition,
  RefundMethod,
  ReturnableOrder,
  ReturnReceipt,
} from '../../app/returns/return-api-types';
import { call, reason } from './api';
import { commandAnswered, commandKey } from './command-keys';
import { refreshChosenBalance } from './customer-card';
import { t } from './i18n';
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
} = { order: null, choices: [], refund: 'cash', receipt: null };

export async function findReturnable(query: string): Promise<void> {
  if (query.trim() === '' || state.busy.has('return')) return;
  state.busy.add('return');
  changed();
  try {
    const result = await call('findReturnable', query.trim());
    if (!result.ok) {
      say(result.problem.message);
      return;
    }
    returning.order = result.value;
    returning.choices = result.value.lines.map(() => ({ qty: 0, disposition: 'restock' }));
    returning.receipt = null;
  } catch (error) {
    say(t.serverFailed(reason(error)));
  } finally {
    state.busy.delete('return');
    changed();
  }
}

export function chooseLine(index: number, choice: Partial<ReturnChoice>): void {
  const line = returning.order?.lines[index];
  if (!line) return;
  const next = { ...returning.choices[index], ...choice };
  next.qty = Math.max(0, Math.min(line.returnable, Math.floor(Number(next.qty) || 0)));
  returning.choices[index] = next;
  changed();
}

/** One recordReturn for what was chosen; its key is kept until the server answers, so a retry replays. */
export async function sendReturn(): Promise<void> {
  const order = returning.order;
  if (!order || state.busy.has('return')) return;
  const lines = order.lines
    .map((l, i) => ({
      sku: l.sku,
      qty: returning.choices[i]?.qty ?? 0,
      disposition: returning.choices[i]?.disposition,
    }))
    .filter((l) => l.qty > 0)
    .map((l) => ({ sku: l.sku, qty: l.qty, disposition: l.disposition ?? 'restock' }));
  if (lines.length === 0) {
    say(t.returnNothing);
    return;
  }
  state.busy.add('return');
  changed();
  try {
    const result = await call('recordReturn', {
      key: commandKey('return'),
      order: order.orderId,
      lines,
      refund: returning.refund,
      location: state.data?.location,
      till: state.till,
    });
    commandAnswered('return');
    if (!result.ok) {
      say(result.problem.message);
      return;
    }
    returning.receipt = result.value;
    returning.order = null;
    returning.choices = [];
    void refreshTill();
    if (result.value.loyalty) void refreshChosenBalance();
    if (result.value.skusChanged.length > 0) void checkWebOrders(true);
  } catch (error) {
    say(t.serverFailed(reason(error)));
  } finally {
    state.busy.delete('return');
    changed();
  }
}

export function newReturn(): void {
  returning.order = null;
  returning.choices = [];
  returning.receipt = null;
  changed();
}
