/**
 * What a fake shop is set up with, and the commands that change it while it runs: faults to answer
 * with, an online sale between a stock read and a write, an order changed between two syncs. Plain
 * JSON, so the same commands reach a shop in this process or in the forked server.
 */
import type { OrderWithCode } from './codes';
import type { FakeOrderStatus } from './model';

/** Credentials the fake accepts unless the scenario names others (the demo uses these). */
export const FAKE_WOO_KEY = 'ck_fake0000000000000000000000000000000000';
export const FAKE_WOO_SECRET = 'cs_fake0000000000000000000000000000000000';
export const FAKE_SHOPIFY_TOKEN = 'shpat_fake00000000000000000000000000';

/** How the next request to the shop's API fails. */
export type FakeFault =
  /** Too many requests, with a Retry-After header in seconds. */
  | { status: 429; retryAfter?: number }
  /** A server error: WordPress's critical-error page, or Shopify's error JSON. */
  | { status: 500 | 502 | 503 }
  /** The key (or token) refused, whatever was sent. */
  | { status: 401 }
  /** 200 with a body that is not the JSON asked for (a PHP notice before it, a cut-off reply). */
  | { malformed: true }
  /** Shopify's GraphQL THROTTLED error inside a 200. */
  | { throttled: true };

export interface FakeShopScenario {
  /** The shop's "now" in ms: its orders are dated in the ten days before it. Default: when it is made. */
  now?: number;
  /** How many orders it has (at least 7: the story orders). Default 240: three WooCommerce pages. */
  orders?: number;
  woocommerce?: { key: string; secret: string };
  shopify?: { token: string };
  /** WooCommerce's "Prices entered with tax" (woocommerce_prices_include_tax); default true. */
  wooPricesIncludeTax?: boolean;
  /** WooCommerce refuses this SKU's stock update inside its 200 batch answer. */
  refuseStockOf?: string;
  /** Faults for the first requests, in order. */
  failNext?: FakeFault | FakeFault[];
}

export interface OrderChanges {
  status?: FakeOrderStatus;
  /** A refund of `qty` units of the line with this SKU. */
  refund?: { sku: string; qty: number; restock?: boolean; reason?: string };
  note?: string;
}

export interface FakeShopLogEntry {
  platform: 'woocommerce' | 'shopify' | 'other';
  method: string;
  /** The path without the query. */
  path: string;
  query: string;
  /** 'GET /orders', 'POST /products/batch', or the GraphQL root field: 'orders', 'inventorySetQuantities'… */
  operation: string;
  /** A GraphQL request's variables (Shopify). */
  variables?: Record<string, unknown>;
  status: number;
}

export type FakeShopCommand =
  | { op: 'failNext'; fault: FakeFault; times?: number }
  | { op: 'staleOnce'; sku?: string; sold?: number }
  | { op: 'updateOrder'; id: number; changes: OrderChanges }
  | { op: 'requests' }
  | { op: 'clearRequests' }
  | { op: 'stock' }
  | { op: 'inventoryWrites' }
  | { op: 'stockWrites' }
  | { op: 'orderWithCode'; order: OrderWithCode };
