/**
 * The fake shop's Shopify GraphQL Admin API: POST /admin/api/{version}/graphql.json with the
 * X-Shopify-Access-Token header (401 with Shopify's body otherwise). It answers the operations the
 * connector sends (src/shops/shopify), recognised by their root field:
 * - `orders(first, after, sortKey: UPDATED_AT, query: "updated_at:>'…'")`, cursor paged;
 * - `location { id }` (the primary location);
 * - `inventoryItems(query: "sku:'A' OR sku:'B'") { … inventoryLevel(locationId) { quantities } }`;
 * - `inventorySetQuantities` with `@idempotent(key:)` (required from API 2026-04) and
 *   changeFromQuantity per quantity: a value that is not the current one is refused with the
 *   userError CHANGE_FROM_QUANTITY_STALE and nothing changes; a repeated idempotency key gets the
 *   first answer again without changing anything.
 * Every reply carries `extensions.cost` with a throttleStatus. The cost is a flat estimate (2 + 3
 * per node asked for), not Shopify's calculator, so the fake never refuses a query as too costly
 * (MAX_COST_EXCEEDED is covered by the connector's own tests).
 */
import { type FakeCode, shopifyCodes } from './codes';
import { type FakeShopResponse, jsonResponse } from './http-types';
import type { FakeOrder, FakeProduct } from './model';
import { fromGid, inventoryItemGid, LOCATION_GID, shopifyOrderNode } from './shopify-json';

export const SHOPIFY_PATH = /^\/admin\/api\/([^/]+)\/graphql\.json$/;

export interface InventoryWrite {
  sku: string;
  quantity: number;
  /** What the caller believed Shopify had; null when it asked for no compare (a blind write). */
  changeFromQuantity: number | null;
  outcome: 'set' | 'stale' | 'replayed';
}

export interface ShopifyState {
  token: string;
  orders: FakeOrder[];
  products: FakeProduct[];
  /** The next inventorySetQuantities finds the stock changed by an online sale of `sold` units (of `sku`, or of the SKU written). */
  staleOnce: { sku: string | null; sold: number } | null;
  inventoryWrites: InventoryWrite[];
  /** Answers already given per idempotency key. */
  idempotent: Map<string, unknown>;
  /** Discount codes and WooCommerce coupons (codes.ts). */
  codes: FakeCode[];
}

const MAX_AVAILABLE = 2000;

function withCost(data: unknown, requested: number, actual: number): FakeShopResponse {
  return jsonResponse(200, {
    data,
    extensions: {
      cost: {
        requestedQueryCost: requested,
        actualQueryCost: actual,
        throttleStatus: {
          maximumAvailable: MAX_AVAILABLE,
          currentlyAvailable: MAX_AVAILABLE - actual,
          restoreRate: 100,
        },
      },
    },
  });
}

function graphqlError(message: string, code: string): FakeShopResponse {
  return jsonResponse(200, { errors: [{ message, extensions: { code } }] });
}

export function shopifyAuthFailure(
  state: ShopifyState,
  headers: Record<string, string>,
): FakeShopResponse | null {
  if (headers['x-shopify-access-token'] === state.token) return null;
  return jsonResponse(401, {
    errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
  });
}

/** The operation a GraphQL document runs, by its root field. */
export function shopifyOperation(query: string): string {
  for (const op of ['discountCodeBasicCreate', 'codeDiscountNodeByCode', 'discountCodeDeactivate']) {
    if (new RegExp(`\\b${op}\\s*\\(`).test(query)) return op;
  }
  if (/\binventorySetQuantities\s*\(/.test(query)) return 'inventorySetQuantities';
  if (/\binventoryItems\s*\(/.test(query)) return 'inventoryItems';
  if (/\borders\s*\(/.test(query)) return 'orders';
  if (/\blocation\s*[{(]/.test(query)) return 'location';
  if (/\bshop\s*\{/.test(query)) return 'shop';
  return 'unknown';
}

interface Cursor {
  updated: number;
  id: number;
}

function encodeCursor(order: FakeOrder): string {
  return Buffer.from(JSON.stringify({ last_id: order.id, last_value: order.modified })).toString('base64');
}

function decodeCursor(cursor: unknown): Cursor | null {
  if (typeof cursor !== 'string') return null;
  try {
    const raw = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as Record<string, unknown>;
    if (typeof raw.last_id === 'number' && typeof raw.last_value === 'number') {
      return { id: raw.last_id, updated: raw.last_value };
    }
  } catch {
    // falls through
  }
  return null;
}

/** `updated_at:>'2026-11-01T10:00:00Z'` (or >=, quoted or not) as a filter on the modification time. */
function updatedFilter(search: unknown): ((o: FakeOrder) => boolean) | null {
  if (search === undefined || search === null || search === '') return () => true;
  const m = /updated_at:(>=?)'?([^'\s]+)'?/.exec(String(search));
  if (!m) return null;
  const time = Date.parse(m[2]);
  if (!Number.isFinite(time)) return null;
  return m[1] === '>=' ? (o) => o.modified >= time : (o) => o.modified > time;
}

function orders(state: ShopifyState, variables: Record<string, unknown>): FakeShopResponse {
  const first = variables.first;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > 250) {
    return graphqlError(
      `Variable $first must be between 1 and 250 (got ${JSON.stringify(first)}).`,
      'BAD_REQUEST',
    );
  }
  const filter = updatedFilter(variables.search);
  if (!filter)
    return graphqlError(`Invalid search query: ${JSON.stringify(variables.search)}`, 'BAD_REQUEST');
  const sorted = state.orders.filter(filter).sort((a, b) => a.modified - b.modified || a.id - b.id);
  let from = 0;
  if (variables.after !== null && variables.after !== undefined) {
    const cursor = decodeCursor(variables.after);
    if (!cursor) return graphqlError('Invalid cursor for current pagination sort.', 'BAD_REQUEST');
    from = sorted.findIndex(
      (o) => o.modified > cursor.updated || (o.modified === cursor.updated && o.id > cursor.id),
    );
    if (from < 0) from = sorted.length;
  }
  const page = sorted.slice(from, from + first);
  const hasNextPage = from + first < sorted.length;
  const last = page[page.length - 1];
  return withCost(
    {
      orders: {
        pageInfo: { hasNextPage, endCursor: last ? encodeCursor(last) : null },
        nodes: page.map(shopifyOrderNode),
      },
    },
    2 + first * 3,
    2 + page.length * 3,
  );
}

/** The SKUs of a search like `sku:'A' OR sku:'B\'s'`. */
function searchedSkus(search: unknown): string[] {
  const skus: string[] = [];
  const pattern = /sku:'((?:\\.|[^'\\])*)'/g;
  for (let m = pattern.exec(String(search ?? '')); m !== null; m = pattern.exec(String(search ?? ''))) {
    skus.push(m[1].replace(/\\(.)/g, '$1'));
  }
  return skus;
}

function stocked(state: ShopifyState): FakeProduct[] {
  return state.products.filter((p) => p.type !== 'variable');
}

function inventoryItems(state: ShopifyState, variables: Record<string, unknown>): FakeShopResponse {
  const wanted = new Set(searchedSkus(variables.search));
  const first = typeof variables.first === 'number' ? variables.first : 50;
  // The cursor is the offset of the next item, as opaque text.
  const from =
    typeof variables.after === 'string'
      ? Number(Buffer.from(variables.after, 'base64').toString('utf8')) || 0
      : 0;
  const items = stocked(state).filter((p) => wanted.has(p.sku));
  const page = items.slice(from, from + first);
  const hasNextPage = from + first < items.length;
  const atLocation = variables.locationId === LOCATION_GID;
  return withCost(
    {
      inventoryItems: {
        pageInfo: {
          hasNextPage,
          endCursor: page.length > 0 ? Buffer.from(String(from + page.length)).toString('base64') : null,
        },
        nodes: page.map((p) => ({
          id: inventoryItemGid(p),
          sku: p.sku,
          tracked: p.stock !== null,
          inventoryLevel: atLocation ? { quantities: [{ name: 'available', quantity: p.stock ?? 0 }] } : null,
        })),
      },
    },
    2 + first * 3,
    2 + page.length * 3,
  );
}

interface QuantityInput {
  inventoryItemId?: unknown;
  locationId?: unknown;
  quantity?: unknown;
  changeFromQuantity?: unknown;
}

function setQuantities(
  state: ShopifyState,
  query: string,
  variables: Record<string, unknown>,
): FakeShopResponse {
  const keyName = /@idempotent\s*\(\s*key:\s*\$(\w+)\s*\)/.exec(query)?.[1];
  const key = keyName ? variables[keyName] : undefined;
  if (typeof key !== 'string' || key === '') {
    return graphqlError(
      'The @idempotent directive with a key is required for inventorySetQuantities from API version 2026-04.',
      'BAD_REQUEST',
    );
  }
  const input = (variables.input ?? {}) as { name?: unknown; quantities?: QuantityInput[] };
  const quantities = Array.isArray(input.quantities) ? input.quantities : [];
  const skuOf = (q: QuantityInput) => {
    const id = fromGid(q.inventoryItemId, 'InventoryItem');
    return stocked(state).find((p) => p.id === id) ?? null;
  };
  const seen = state.idempotent.get(key);
  if (seen !== undefined) {
    for (const q of quantities) {
      state.inventoryWrites.push({
        sku: skuOf(q)?.sku ?? '',
        quantity: Number(q.quantity),
        changeFromQuantity: typeof q.changeFromQuantity === 'number' ? q.changeFromQuantity : null,
        outcome: 'replayed',
      });
    }
    return withCost(seen, 10, 10);
  }
  const userErrors: { code: string; field: string[]; message: string }[] = [];
  const changes: { name: string; delta: number; quantityAfterChange: null }[] = [];
  if (input.name !== 'available' && input.name !== 'on_hand') {
    userErrors.push({
      code: 'INVALID_NAME',
      field: ['input', 'name'],
      message: 'The quantity name must be available or on_hand.',
    });
  }
  quantities.forEach((q, i) => {
    const product = skuOf(q);
    const field = (name: string) => ['input', 'quantities', String(i), name];
    if (!product) {
      userErrors.push({
        code: 'INVALID_INVENTORY_ITEM',
        field: field('inventoryItemId'),
        message: 'The specified inventory item could not be found.',
      });
      return;
    }
    if (q.locationId !== LOCATION_GID) {
      userErrors.push({
        code: 'INVALID_LOCATION',
        field: field('locationId'),
        message: 'The specified location could not be found.',
      });
      return;
    }
    if (state.staleOnce && (state.staleOnce.sku === null || state.staleOnce.sku === product.sku)) {
      // An online sale lands between the caller's read and this write.
      product.stock = (product.stock ?? 0) - state.staleOnce.sold;
      state.staleOnce = null;
    }
    const quantity = q.quantity;
    const from = typeof q.changeFromQuantity === 'number' ? q.changeFromQuantity : null;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity)) {
      userErrors.push({
        code: 'INVALID_QUANTITY',
        field: field('quantity'),
        message: 'The quantity must be a whole number.',
      });
      return;
    }
    if (from !== null && from !== product.stock) {
      state.inventoryWrites.push({ sku: product.sku, quantity, changeFromQuantity: from, outcome: 'stale' });
      userErrors.push({
        code: 'CHANGE_FROM_QUANTITY_STALE',
        field: field('changeFromQuantity'),
        message: 'The specified compare quantity does not match the current quantity.',
      });
      return;
    }
    state.inventoryWrites.push({ sku: product.sku, quantity, changeFromQuantity: from, outcome: 'set' });
    changes.push({ name: 'available', delta: quantity - (product.stock ?? 0), quantityAfterChange: null });
    product.stock = quantity;
  });
  const payload = {
    inventorySetQuantities: {
      inventoryAdjustmentGroup:
        userErrors.length > 0
          ? null
          : {
              reason: String((input as Record<string, unknown>).reason ?? ''),
              referenceDocumentUri: null,
              changes,
            },
      userErrors,
    },
  };
  if (userErrors.length === 0) state.idempotent.set(key, payload);
  return withCost(payload, 10, 10);
}

/** Answers a GraphQL POST (auth already checked). */
export function handleShopify(
  state: ShopifyState,
  method: string,
  body: string | undefined,
): FakeShopResponse {
  if (method.toUpperCase() !== 'POST')
    return jsonResponse(406, { errors: 'Not Acceptable: use POST for GraphQL.' });
  let request: { query?: unknown; variables?: unknown };
  try {
    request = JSON.parse(body ?? '') as typeof request;
  } catch {
    return jsonResponse(400, { errors: { query: 'Required parameter missing or invalid' } });
  }
  const query = typeof request.query === 'string' ? request.query : '';
  const variables = (
    typeof request.variables === 'object' && request.variables !== null ? request.variables : {}
  ) as Record<string, unknown>;
  switch (shopifyOperation(query)) {
    case 'orders':
      return orders(state, variables);
    case 'inventoryItems':
      return inventoryItems(state, variables);
    case 'inventorySetQuantities':
      return setQuantities(state, query, variables);
    case 'location':
      return withCost({ location: { id: LOCATION_GID } }, 1, 1);
    case 'shop':
      return withCost({ shop: { name: 'Fake Coffee & Tea', currencyCode: 'EUR' } }, 1, 1);
    default:
      return (
        shopifyCodes(state.codes, query, variables) ??
        graphqlError("Field doesn't exist on type 'QueryRoot'", 'undefinedField')
      );
  }
}
