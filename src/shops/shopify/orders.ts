/**
 * Incremental order import from Shopify: one page of the `orders` query, sorted by UPDATED_AT and
 * filtered with `updated_at:>'…'`, mapped to WebOrders. The caller keeps the cursor between pages
 * (and between runs, in document properties) and must ask every page of one pass with the same
 * `since`: a Shopify cursor belongs to the query it came from.
 *
 * Query cost. Shopify prices a query before running it, by the most it could return: nested
 * connections multiply (orders × line items × …), and one request may not cost more than the
 * single-query limit (1,000 points; https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits).
 * The nested page sizes below are kept small for that reason, and an order with more than they
 * allow is listed as a problem. When Shopify refuses a page as too costly (MAX_COST_EXCEEDED) the
 * page is made smaller from the cost Shopify reports and asked again; the size that worked is
 * returned so the caller can start there next time.
 */
import type { OrdersPage } from '../../core/web-order';
import { ShopError } from '../shop-error';
import { graphql, type ShopifyClient, ShopifyQueryCostError } from './api';
import { connectionNodes, list, obj, str } from './fields';
import { mapShopifyOrder, type NestedLimits } from './order-mapping';

/** Orders per page unless told otherwise; Shopify allows at most 250. */
export const DEFAULT_ORDERS_PAGE_SIZE = 100;
export const MAX_ORDERS_PAGE_SIZE = 250;

/** Nested items asked for per order (see the cost note above); more are flagged, never dropped silently. */
export const ORDER_LIMITS: NestedLimits & { fulfillments: number; trackingNumbers: number } = {
  lineItems: 40,
  shippingLines: 3,
  refunds: 4,
  refundLineItems: 15,
  fulfillments: 3,
  trackingNumbers: 3,
};

const MONEY = 'shopMoney { amount currencyCode }';
const TAX_LINES = `taxLines { ratePercentage priceSet { ${MONEY} } }`;

/**
 * The orders query. Every field is one the importer maps (order-mapping.ts); field names follow
 * the Admin API reference for Order, LineItem, ShippingLine, Refund and RefundLineItem, and the
 * shopify.dev `orders` examples (fixtures orders-graphql.json, orders-graphql-page.json).
 */
export const ORDERS_QUERY = `query ShopLedgerOrders($first: Int!, $after: String, $search: String!) {
  orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $search) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name createdAt updatedAt cancelledAt
      currencyCode taxesIncluded displayFinancialStatus displayFulfillmentStatus
      email phone discountCodes
      customer { id email firstName lastName phone }
      shippingAddress { name phone }
      totalPriceSet { ${MONEY} }
      totalTaxSet { ${MONEY} }
      paymentGatewayNames
      lineItems(first: ${ORDER_LIMITS.lineItems}) {
        pageInfo { hasNextPage }
        nodes {
          id sku name quantity
          originalUnitPriceSet { ${MONEY} }
          discountAllocations { allocatedAmountSet { ${MONEY} } discountApplication { ... on DiscountCodeApplication { code } } }
          ${TAX_LINES}
          variant { id inventoryItem { id } }
        }
      }
      shippingLines(first: ${ORDER_LIMITS.shippingLines}) {
        pageInfo { hasNextPage }
        nodes {
          id title code
          originalPriceSet { ${MONEY} }
          discountedPriceSet { ${MONEY} }
          ${TAX_LINES}
        }
      }
      refunds(first: ${ORDER_LIMITS.refunds}) {
        id createdAt note
        totalRefundedSet { ${MONEY} }
        refundLineItems(first: ${ORDER_LIMITS.refundLineItems}) {
          pageInfo { hasNextPage }
          nodes {
            lineItem { id sku }
            quantity restockType
            subtotalSet { ${MONEY} }
            totalTaxSet { ${MONEY} }
          }
        }
      }
      fulfillments(first: ${ORDER_LIMITS.fulfillments}) { trackingInfo(first: ${ORDER_LIMITS.trackingNumbers}) { number } }
    }
  }
}`;

/**
 * The search filter for orders updated after `since` (any date Date.parse reads), in UTC and to
 * the second, rounded down so an order is never missed: `updated_at:>'2026-11-01T10:00:00Z'`.
 */
export function updatedSinceFilter(since: string): string {
  const ms = Date.parse(since);
  if (!Number.isFinite(ms)) {
    throw new RangeError(`"${since}" is not a date to import Shopify orders from (use e.g. 2026-11-01).`);
  }
  const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `updated_at:>'${iso}'`;
}

export interface ShopifyOrdersRequest {
  /** Import orders updated after this instant (ISO 8601). The same for every page of one pass. */
  since: string;
  /** The `next` of the previous page; null or absent for the first page. */
  cursor?: string | null;
  /** Orders per page (1–250, default 100). Pass back the `pageSize` of the last page. */
  pageSize?: number;
}

export interface ShopifyOrdersPage extends OrdersPage {
  /** The page size that Shopify accepted (smaller than asked when a page was too costly). */
  pageSize: number;
}

/** A smaller page after MAX_COST_EXCEEDED: scaled by the reported cost, else halved; always smaller. */
function smallerPage(first: number, e: ShopifyQueryCostError): number {
  let next = Math.floor(first / 2);
  if (e.cost !== null && e.maxCost !== null && e.cost > e.maxCost && e.cost > 2) {
    // A connection costs about 2 + first × (cost of one order).
    const perOrder = (e.cost - 2) / first;
    next = Math.floor((e.maxCost - 2) / perOrder);
  }
  return Math.max(1, Math.min(first - 1, next));
}

function readPage(data: Record<string, unknown>, pageSize: number): ShopifyOrdersPage {
  const connection = obj(data.orders);
  if (!connection) {
    throw new ShopError('malformed', 'Shopify answered the orders query without an orders list.');
  }
  const page: ShopifyOrdersPage = { orders: [], problems: [], next: null, pageSize };
  for (const node of connectionNodes(connection)) {
    const { order, problems } = mapShopifyOrder(node, ORDER_LIMITS);
    if (order) page.orders.push(order);
    page.problems.push(...problems);
  }
  const pageInfo = obj(connection.pageInfo);
  if (pageInfo?.hasNextPage === true) {
    const edges = list(connection.edges);
    const lastEdgeCursor = str(obj(edges[edges.length - 1])?.cursor);
    page.next = str(pageInfo.endCursor) ?? lastEdgeCursor;
    if (!page.next) {
      throw new ShopError('malformed', 'Shopify said more orders follow but gave no cursor to ask for them.');
    }
  }
  return page;
}

/**
 * One page of orders updated after `since`. Throws ShopError when Shopify cannot be reached, refuses
 * the token, or keeps throttling; unreadable orders and lines are problems in the page instead.
 */
export function fetchShopifyOrders(client: ShopifyClient, request: ShopifyOrdersRequest): ShopifyOrdersPage {
  const search = updatedSinceFilter(request.since);
  let first = Math.trunc(request.pageSize ?? DEFAULT_ORDERS_PAGE_SIZE);
  if (!(first >= 1)) first = DEFAULT_ORDERS_PAGE_SIZE;
  first = Math.min(first, MAX_ORDERS_PAGE_SIZE);
  for (;;) {
    try {
      const data = graphql(client, ORDERS_QUERY, { first, after: request.cursor ?? null, search });
      return readPage(data, first);
    } catch (e) {
      if (!(e instanceof ShopifyQueryCostError) || first === 1) throw e;
      first = smallerPage(first, e);
    }
  }
}
