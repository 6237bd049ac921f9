/**
 * Where an order's goods are, next to its Status (which is about the money): the Orders tab's
 * Fulfilment column.
 *   unfulfilled  not sent or handed over yet (a web order being prepared, or not paid yet)
 *   to collect   a paid web order to be picked up in the shop (click and collect)
 *   shipped      sent to the customer (tracking number in Tracking, when known)
 *   collected    a click-and-collect order handed over at the counter
 *   returned     every unit came back
 * Till sales leave it blank: their goods leave at the sale, and nothing waits to be sent.
 * It only moves forward: an import never takes an order back from "collected" to "to collect"
 * because the web shop has not heard of the hand-over yet. The one step back is "to collect" →
 * "unfulfilled" when the shop cancels the order (or it falls back to pending) before the customer
 * came: there is nothing to hand over any more.
 */
import type { WebOrderStatus } from './web-order';

export const FULFILMENTS = ['unfulfilled', 'to collect', 'shipped', 'collected', 'returned'] as const;
export type Fulfilment = (typeof FULFILMENTS)[number];

const RANK: Record<Fulfilment, number> = {
  unfulfilled: 0,
  'to collect': 1,
  shipped: 2,
  collected: 2,
  returned: 3,
};

const SENT = new Set<WebOrderStatus>(['fulfilled', 'partially refunded', 'refunded']);

/** What a web order's status and shipping method say of its goods. */
export function webFulfilment(o: { status: WebOrderStatus; localPickup: boolean }): Fulfilment {
  if (SENT.has(o.status)) return o.localPickup ? 'collected' : 'shipped';
  if (o.status === 'paid' && o.localPickup) return 'to collect';
  return 'unfulfilled';
}

export function isFulfilment(x: string): x is Fulfilment {
  return (FULFILMENTS as readonly string[]).includes(x);
}

/** The ledger's value unless the shop's is further on: fulfilment never goes back. */
export function laterFulfilment(ledger: string, shop: Fulfilment): Fulfilment {
  if (!isFulfilment(ledger)) return shop;
  return RANK[shop] > RANK[ledger] ? shop : ledger;
}

/** An order's Status under which its goods may be handed over or sent: it is paid. */
const HANDED_OVER_WHEN = new Set(['paid', 'fulfilled']);

export function mayHandOver(status: string): boolean {
  return HANDED_OVER_WHEN.has(status);
}

/**
 * What an import writes to a web order already in the ledger: laterFulfilment, except that an
 * order no longer paid (cancelled, or back to pending) is no longer waiting to be collected.
 */
export function importedFulfilment(
  ledger: string,
  o: { status: WebOrderStatus; localPickup: boolean },
): Fulfilment {
  const shop = webFulfilment(o);
  if (ledger === 'to collect' && (o.status === 'cancelled' || o.status === 'pending')) return shop;
  return laterFulfilment(ledger, shop);
}

/** The original order's Status after a return: refunded once every unit is back. */
export function statusAfterReturn(allReturned: boolean): 'refunded' | 'partially refunded' {
  return allReturned ? 'refunded' : 'partially refunded';
}
