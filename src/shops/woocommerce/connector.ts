/**
 * The WooCommerce shop as the sync use case sees it (ShopConnector): orders with their refunds'
 * details, stock read from the catalogue, and stock written in batches.
 *
 * HTTP calls: fetchOrders is one call per page, plus one per order on the page that has refunds
 * (their lines are not in the listing). readStock reads the whole catalogue (catalogue.ts gives
 * the count); writeStock reuses the last catalogue read to find where each SKU's stock lives
 * (a "parent" variation is written to its parent), at most 100 items per call.
 * `expected` and `key` of a StockWrite are not sent: WooCommerce has neither compare-and-set nor
 * idempotency keys. The check against the last pushed figure is made before (readStock), and
 * a set is absolute, so a retried write cannot double anything.
 */
import type { OrdersPage } from '../../core/web-order';
import type { ShopConnector, ShopStockLevel, StockWrite, StockWriteOutcome } from '../connector';
import { originOf, type ShopHttp, send } from '../shop-http';
import { readCatalogue, type WooCatalogue } from './catalogue';
import { fetchOrdersPage } from './orders';
import { fetchRefunds, withRefundDetails } from './refunds';
import { query, type WooShop, wooApiRoot, wooRequest } from './site';
import { planStockPush, pushStock } from './stock';

export function wooConnector(io: ShopHttp, shop: WooShop): ShopConnector {
  let catalogue: WooCatalogue | null = null;
  return {
    platform: 'WooCommerce',

    ping(): string {
      const res = send(
        io,
        wooRequest(
          shop,
          'GET',
          `/orders?${query([
            ['per_page', 1],
            ['_fields', 'id'],
          ])}`,
        ),
      );
      const total = res.headers['x-wp-total'];
      return `WooCommerce at ${originOf(wooApiRoot(shop.url))} accepted the key${total ? ` (${total} orders)` : ''}.`;
    },

    fetchOrders(since: string, cursor: string | null): OrdersPage {
      const page = fetchOrdersPage(io, shop, since, cursor);
      const problems = [...page.problems];
      const orders = page.orders.map((order) => {
        if (order.refunds.length === 0) return order;
        const details = fetchRefunds(io, shop, order);
        problems.push(...details.problems);
        return withRefundDetails(order, details.refunds);
      });
      return { orders, problems, next: page.next };
    },

    readStock(skus: readonly string[]): ShopStockLevel[] {
      catalogue = readCatalogue(io, shop);
      const levels: ShopStockLevel[] = [];
      for (const sku of skus) {
        const entry = catalogue.bySku.get(sku);
        if (entry) levels.push({ sku, ref: entry.ref, quantity: entry.stockQuantity });
      }
      return levels;
    },

    writeStock(writes: readonly StockWrite[]): StockWriteOutcome[] {
      const known = catalogue ?? readCatalogue(io, shop);
      // The figures it holds are out of date once written: the next write reads again.
      catalogue = null;
      const result = pushStock(io, shop, planStockPush(known, writes));
      return [
        ...result.pushed.map((p) => ({ sku: p.sku, ok: true, quantity: p.shopQuantity ?? p.quantity })),
        ...result.failures.map((f) => ({ sku: f.sku, ok: false, error: f.problem })),
      ];
    },
  };
}
