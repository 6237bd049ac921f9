/**
 * What the sync needs from a shop, whatever its platform. The WooCommerce and Shopify modules
 * implement it over the Http port; the sync use case never sees platform JSON.
 */
import type { OrdersPage } from '../core/web-order';

export interface ShopStockLevel {
  sku: string;
  /** The shop's id of the product, variation or inventory item. */
  ref: string;
  /** What the shop says it has now; null when it does not track stock for this product. */
  quantity: number | null;
}

export interface StockWrite {
  sku: string;
  ref: string;
  quantity: number;
  /** What we believe the shop has now (last read), for compare-and-set where the platform has it. */
  expected: number | null;
  /** Idempotency key of this write: SKU + ledger revision. */
  key: string;
}

export interface StockWriteOutcome {
  sku: string;
  ok: boolean;
  /** What the shop holds after the write, when known. */
  quantity?: number;
  error?: string;
}

export interface ShopConnector {
  readonly platform: 'WooCommerce' | 'Shopify';
  /** A cheap authenticated call, for "Test connection". Throws ShopError. */
  ping(): string;
  /** One page of orders modified after `since` (ISO), from `cursor` (null: the first page). */
  fetchOrders(since: string, cursor: string | null): OrdersPage;
  /** The shop's products for these SKUs, found by SKU; SKUs it does not sell are left out. */
  readStock(skus: readonly string[]): ShopStockLevel[];
  writeStock(writes: readonly StockWrite[]): StockWriteOutcome[];
}
