/**
 * Loyalty on imported web orders, inside the import's commit: an order matched to a customer
 * earns when it is first imported as paid, if Settings › Loyalty on web orders says so. The
 * entry's key is the order's key + ":earn", so a re-import never earns twice.
 */
import { earnAmount } from '../../core/loyalty';
import type { Table } from '../../ledger/table';
import type { LedgerContext } from '../ledger-context';
import { type LoyaltyPorts, postLoyalty } from './post-entries';
import { earnRules, expiresFrom } from './till-credit';

export interface PaidWebOrder {
  customerId: string;
  orderId: string;
  /** The order's key in the ledger (shop:external id). */
  key: string;
  net: number;
  total: number;
  currency: string;
}

/** `customers` is the Customers table the import read whole and has written its changes to. */
export function earnOnImport(
  p: LoyaltyPorts,
  ctx: LedgerContext,
  orders: readonly PaidWebOrder[],
  now: number,
  customers: Table,
): number {
  if (!ctx.settings.loyalty.onWebOrders) return 0;
  const drafts = orders
    .filter((o) => o.customerId !== '' && o.currency === ctx.settings.currency)
    .map((o) => ({
      customerId: o.customerId,
      amount: earnAmount({ net: o.net, total: o.total, paidWithCredit: 0 }, earnRules(ctx)),
      kind: 'earn' as const,
      orderId: o.orderId,
      expires: expiresFrom(ctx, now),
      key: `${o.key}:earn`,
    }));
  return postLoyalty(p, ctx, drafts, now, customers).entries.length;
}
