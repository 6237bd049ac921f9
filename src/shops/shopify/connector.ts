/**
 * The Shopify shop as the sync use case sees it (ShopConnector). The primary location is looked
 * up once per run, and only when stock is pushed; the page size Shopify accepts is kept for the
 * rest of the run (a costly page is shrunk by fetchShopifyOrders).
 */
import type { OrdersPage } from '../../core/web-order';
import type { ShopConnector, ShopStockLevel, StockWrite, StockWriteOutcome } from '../connector';
import { type ShopifyConnection, shopifyClient } from './api';
import { fetchShopifyOrders } from './orders';
import { findInventory, primaryLocationId, pushStock } from './stock';

export function shopifyConnector(connection: ShopifyConnection): ShopConnector {
  const client = shopifyClient(connection);
  let location: string | null = null;
  let pageSize: number | undefined;
  const locationId = () => {
    location ??= primaryLocationId(client);
    return location;
  };
  return {
    platform: 'Shopify',

    ping(): string {
      locationId();
      return `Shopify at ${connection.url} accepted the token.`;
    },

    fetchOrders(since: string, cursor: string | null): OrdersPage {
      const page = fetchShopifyOrders(client, { since, cursor, pageSize });
      pageSize = page.pageSize;
      return { orders: page.orders, problems: page.problems, next: page.next };
    },

    readStock(skus: readonly string[]): ShopStockLevel[] {
      const found = findInventory(client, locationId(), skus);
      return [...found.values()]
        .filter((f) => f.inventoryItemId !== '' && f.problem === '')
        .map((f) => ({ sku: f.sku, ref: f.inventoryItemId, quantity: f.available }));
    },

    writeStock(writes: readonly StockWrite[]): StockWriteOutcome[] {
      const outcomes = pushStock(
        client,
        locationId(),
        writes.map((w) => ({ sku: w.sku, quantity: w.quantity, revision: w.key })),
      );
      return outcomes.map((o) =>
        o.status === 'failed'
          ? { sku: o.sku, ok: false, error: o.reason }
          : { sku: o.sku, ok: true, quantity: o.after ?? undefined },
      );
    },
  };
}
