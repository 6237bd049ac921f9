/**
 * Where an order's goods are, next to its Status (which is about the money): the Orders tab's
 * Fulfilment column.
 *   unfulfilled  not sent or handed over yet (a web order being prepared, or not paid yet)
 *   to collect   a paid web order to be picked up in the shop (click and collect)
 *   shipped      sent to the customer (tracking number in Tracking, when known)
 *   collected    handed over at the counter: every till sale, and a click-and-collect order
 *   returned     every unit came back
 * It only moves forward: an import never takes an order back from "collected" to "to collect"
 * because the web shop has not heard of the hand-over yet.
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

/** The original order's Status after a return: refunded once every unit is back. */
export function statusAfterReturn(allReturned: boolean): 'refunded' | 'partially refunded' {
  return allReturned ? 'refunded' : 'partially refunded';
}
