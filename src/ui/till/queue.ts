/**
 * Sales that could not reach the server (no network, a server error) wait here, in
 * localStorage 'shop-ledger:queue', until they are sent: oldest first, one at a time, each with
 * the key it was made with, so a sale the server did record before the line dropped is only
 * replayed, never doubled. A sale leaves the queue only when the server answers for it.
 */
import type { Receipt, Result, SaleDraft, TillProblem } from '../../app/till/api-types';
import { readJson, writeJson } from '../shared/storage';

export const QUEUE_KEY = 'shop-ledger:queue';

/** The draft exactly as it will be sent, plus what staff need to recognise it in a message. */
export interface QueuedSale extends SaleDraft {
  queued: { at: string; total: number };
}

export type QueueEvent =
  | { kind: 'sent'; sale: QueuedSale; receipt: Receipt }
  | { kind: 'refused'; sale: QueuedSale; problem: TillProblem }
  | { kind: 'failed'; sale: QueuedSale; error: unknown };

export interface QueueStorage {
  load(): unknown;
  /** False when the browser would not store it. */
  save(sales: QueuedSale[]): boolean;
}

export const localQueueStorage: QueueStorage = {
  load: () => readJson<unknown>(QUEUE_KEY, []),
  save: (sales) => writeJson(QUEUE_KEY, sales),
};

function isQueuedSale(x: unknown): x is QueuedSale {
  const sale = x as QueuedSale;
  return (
    typeof sale === 'object' &&
    sale !== null &&
    typeof sale.key === 'string' &&
    Array.isArray(sale.lines) &&
    Array.isArray(sale.payments)
  );
}

/** What goes to recordSale: the draft without the queue's own note. */
export function draftOf(sale: QueuedSale): SaleDraft {
  const { queued: _note, ...draft } = sale;
  return draft;
}

export class SaleQueue {
  /** Sales the browser refused to store: kept here so this page still sends them. */
  private unsaved: QueuedSale[] = [];
  /** Keys the server has answered for: never sent again, even if storage failed to forget them. */
  private readonly answered = new Set<string>();
  private draining = false;

  constructor(private readonly storage: QueueStorage = localQueueStorage) {}

  /** Oldest first. Re-read each time: another sidebar on this computer may have sent some. */
  list(): QueuedSale[] {
    const loaded = this.storage.load();
    const stored = Array.isArray(loaded) ? loaded.filter(isQueuedSale) : [];
    const keys = new Set(stored.map((sale) => sale.key));
    return [...stored, ...this.unsaved.filter((sale) => !keys.has(sale.key))].filter(
      (sale) => !this.answered.has(sale.key),
    );
  }

  get size(): number {
    return this.list().length;
  }

  /** Adds a sale (once per key). False when it is only in memory: staff must keep the page open. */
  add(draft: SaleDraft, total: number, at: string): boolean {
    const sales = this.list().filter((sale) => sale.key !== draft.key);
    sales.push({ ...draft, queued: { at, total } });
    return this.save(sales);
  }

  remove(key: string): void {
    this.answered.add(key);
    this.unsaved = this.unsaved.filter((sale) => sale.key !== key);
    this.save(this.list().filter((sale) => sale.key !== key));
  }

  private save(sales: QueuedSale[]): boolean {
    const saved = this.storage.save(sales);
    this.unsaved = saved ? [] : sales;
    return saved;
  }

  /**
   * Sends the queue oldest first, one sale at a time, and stops at the first failure (the
   * network is still down: the order is kept for next time). A refusal removes the sale, as
   * it will never be accepted as it is, except 'busy', which only means "try again later".
   * Returns at once when a drain is already running.
   */
  async drain(send: (draft: SaleDraft) => Promise<Result<Receipt>>, report: (event: QueueEvent) => void) {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let sale = this.list()[0]; sale; sale = this.list()[0]) {
        let result: Result<Receipt>;
        try {
          result = await send(draftOf(sale));
        } catch (error) {
          report({ kind: 'failed', sale, error });
          return;
        }
        if (!result.ok && result.problem.code === 'busy') {
          report({ kind: 'failed', sale, error: new Error(result.problem.message) });
          return;
        }
        this.remove(sale.key);
        report(
          result.ok
            ? { kind: 'sent', sale, receipt: result.value }
            : { kind: 'refused', sale, problem: result.problem },
        );
      }
    } finally {
      this.draining = false;
    }
  }
}
