/**
 * Pushing stock to Shopify without overwriting what the shop changed meanwhile.
 *
 * Shopify keeps a quantity per inventory item (one per variant) and location. We find each SKU's
 * inventory item and its current `available` quantity at the configured location with
 * `inventoryItems(query: "sku:'…' OR …")`, 50 SKUs per call: that query is documented with a `sku`
 * filter (research notes §2.5) and needs only the inventory scope the push needs anyway
 * (write_inventory), where `productVariants` would also need read_products. Then each SKU is set
 * with `inventorySetQuantities` (name "available", reason "correction"), which from API 2026-04
 * requires an `@idempotent` key and `changeFromQuantity`, a compare-and-set against the quantity
 * we read (research notes §2.6; fixtures inventory-set-quantities-*.json).
 *
 * When the compare fails (userErrors code CHANGE_FROM_QUANTITY_STALE), something sold or changed
 * on Shopify between our read and our write: an online order the ledger has not imported yet. We
 * re-read, and keep that change instead of overwriting it: the new target is what the ledger wants
 * plus what Shopify moved since our first read (never below 0), compared against the new reading.
 * The import will bring the order into the ledger, and the next push then agrees with Shopify.
 * This is retried a bounded number of times; a SKU whose stock keeps moving is reported as failed
 * and stays queued. One mutation per SKU, so each SKU has its own outcome and idempotency key.
 */
import { ShopError } from '../shop-error';
import { graphql, mutate, type ShopifyClient, ShopifyUserErrors } from './api';
import { gidNumber, list, obj, str, text } from './fields';

export const PRIMARY_LOCATION_QUERY = 'query ShopLedgerLocation { location { id } }';

export const INVENTORY_BY_SKU_QUERY = `query ShopLedgerInventory($first: Int!, $after: String, $search: String!, $locationId: ID!) {
  inventoryItems(first: $first, after: $after, query: $search) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id sku tracked
      inventoryLevel(locationId: $locationId) { quantities(names: ["available"]) { name quantity } }
    }
  }
}`;

export const SET_QUANTITIES_MUTATION = `mutation ShopLedgerSetStock($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) {
    inventoryAdjustmentGroup { reason referenceDocumentUri changes { name delta quantityAfterChange } }
    userErrors { code field message }
  }
}`;

/** SKUs looked up per call. */
export const SKUS_PER_LOOKUP = 50;
/** Items per page of a lookup: room for SKU searches that also match longer SKUs (cost ≈ 2 + 100 × 3). */
const ITEMS_PER_PAGE = 100;
/** Pages read per lookup batch before giving up on the SKUs still unseen. */
const MAX_LOOKUP_PAGES = 5;

/**
 * The shop's primary location (the Admin API's `location` query with no id returns it), as a GID.
 * Resolve it once and store it; only `Location.id` is read, which the inventory scopes allow.
 */
export function primaryLocationId(client: ShopifyClient): string {
  const data = graphql(client, PRIMARY_LOCATION_QUERY);
  const id = str(obj(data.location)?.id);
  if (!id || gidNumber(id) === null) {
    throw new ShopError('malformed', "Shopify did not say which location is the shop's primary one.");
  }
  return id;
}

/** A location as configured (`gid://shopify/Location/487838322` or `487838322`), as a GID. */
export function locationGid(configured: string): string {
  const value = configured.trim();
  if (/^\d+$/.test(value)) return `gid://shopify/Location/${value}`;
  if (/^gid:\/\/shopify\/Location\/\d+$/.test(value)) return value;
  throw new RangeError(
    `"${configured}" is not a Shopify location id (like gid://shopify/Location/487838322).`,
  );
}

/** A SKU as a term of Shopify's search syntax: quoted, with \ and ' escaped. */
function skuTerm(sku: string): string {
  return `sku:'${sku.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function skuSearch(skus: readonly string[]): string {
  return skus.map(skuTerm).join(' OR ');
}

export interface InventoryLookup {
  sku: string;
  /** The inventory item's GID; '' when there is no single one. */
  inventoryItemId: string;
  /** `available` at the location; null when unknown. */
  available: number | null;
  /** Why this SKU cannot be pushed, in the shop owner's words; '' when it can. */
  problem: string;
}

interface Found {
  id: string;
  tracked: boolean;
  level: boolean;
  available: number | null;
}

function readItems(nodes: unknown[], wanted: Set<string>, found: Map<string, Found[]>): void {
  for (const raw of nodes) {
    const node = obj(raw);
    const sku = text(node?.sku);
    const id = str(node?.id);
    if (!node || !id || !wanted.has(sku)) continue; // the search also matches longer SKUs
    const level = obj(node.inventoryLevel);
    const available = list(level?.quantities)
      .map((q) => obj(q))
      .find((q) => q?.name === 'available')?.quantity;
    const entry: Found = {
      id,
      tracked: node.tracked !== false,
      level: level !== null,
      available: typeof available === 'number' && Number.isInteger(available) ? available : null,
    };
    found.set(sku, [...(found.get(sku) ?? []).filter((f) => f.id !== id), entry]);
  }
}

function lookupOf(sku: string, matches: Found[], locationId: string): InventoryLookup {
  const none = { sku, inventoryItemId: '', available: null };
  if (matches.length === 0) {
    return {
      ...none,
      problem: `No Shopify product has the SKU "${sku}": add it in Shopify, or stop selling it there.`,
    };
  }
  if (matches.length > 1) {
    return {
      ...none,
      problem: `${matches.length} Shopify products share the SKU "${sku}": give each its own SKU in Shopify. Its stock was not pushed.`,
    };
  }
  const [item] = matches;
  const base = { sku, inventoryItemId: item.id, available: item.available };
  if (!item.tracked) {
    return {
      ...base,
      problem: `Shopify does not track stock for "${sku}": turn on "Track quantity" for it in Shopify.`,
    };
  }
  if (!item.level) {
    return {
      ...base,
      problem: `"${sku}" is not stocked at the Shopify location ${locationId}: stock it at that location in Shopify first.`,
    };
  }
  if (item.available === null) {
    return { ...base, problem: `Shopify gave no available quantity for "${sku}".` };
  }
  return { ...base, problem: '' };
}

/**
 * Each SKU's inventory item and `available` quantity at the location: one call per 50 SKUs (more
 * only when a search also matches many longer SKUs). Store the ids as the SKU's mapping.
 */
export function findInventory(
  client: ShopifyClient,
  locationId: string,
  skus: readonly string[],
): Map<string, InventoryLookup> {
  const unique = [...new Set(skus.map((s) => s.trim()).filter((s) => s !== ''))];
  const found = new Map<string, Found[]>();
  for (let start = 0; start < unique.length; start += SKUS_PER_LOOKUP) {
    const batch = unique.slice(start, start + SKUS_PER_LOOKUP);
    const wanted = new Set(batch);
    let after: string | null = null;
    for (let page = 0; page < MAX_LOOKUP_PAGES; page++) {
      const data = graphql(client, INVENTORY_BY_SKU_QUERY, {
        first: ITEMS_PER_PAGE,
        after,
        search: skuSearch(batch),
        locationId,
      });
      const connection = obj(data.inventoryItems);
      if (!connection) {
        throw new ShopError('malformed', 'Shopify answered the inventory query without an inventory list.');
      }
      readItems(list(connection.nodes), wanted, found);
      const pageInfo = obj(connection.pageInfo);
      after = pageInfo?.hasNextPage === true ? str(pageInfo.endCursor) : null;
      if (!after) break;
    }
  }
  return new Map(unique.map((sku) => [sku, lookupOf(sku, found.get(sku) ?? [], locationId)]));
}

export interface StockPush {
  sku: string;
  /** The quantity Shopify should offer: the ledger's available minus any buffer, already ≥ 0. */
  quantity: number;
  /** The ledger revision this quantity comes from (part of the idempotency key). */
  revision: string | number;
}

/**
 * 'pushed': written. 'stale-retried': written after Shopify's stock moved under us and was re-read.
 * 'unchanged': Shopify already had that quantity; nothing written. 'failed': see `reason`.
 */
export type StockPushStatus = 'pushed' | 'stale-retried' | 'unchanged' | 'failed';

export interface StockPushOutcome {
  sku: string;
  status: StockPushStatus;
  /** Why it failed, in the shop owner's words; '' otherwise. */
  reason: string;
  /** The inventory item's GID (to store as the SKU's mapping); '' when not found. */
  inventoryItemId: string;
  /** Shopify's available quantity as first read; null when unknown. */
  before: number | null;
  /** Shopify's available quantity now, as far as we know; null when the push failed. */
  after: number | null;
  /** Re-reads after CHANGE_FROM_QUANTITY_STALE. */
  staleRetries: number;
}

export interface PushStockOptions {
  /** Re-reads after a stale compare before giving up on a SKU (default 3). */
  maxStaleRetries?: number;
}

/**
 * The idempotency key of one write: the SKU and ledger revision, as the design asks, plus the
 * location, the quantity compared against and the stale-retry number. Shopify treats a request
 * with the same key as a duplicate of the first (safe to resend after a lost answer: shop-http
 * resends the same body) and wants a new key for a distinct request
 * (https://shopify.dev/docs/api/usage/implementing-idempotency): a write after a stale refusal is
 * a new request, so it gets a new key even if the re-read quantity happens to be the same.
 */
export function stockIdempotencyKey(
  sku: string,
  revision: string | number,
  locationId: string,
  changeFromQuantity: number,
  staleRetry = 0,
): string {
  const location = gidNumber(locationId) ?? locationId;
  return `shop-ledger:${location}:${sku}:r${revision}:from${changeFromQuantity}${staleRetry > 0 ? `:retry${staleRetry}` : ''}`;
}

/** The variables of one inventorySetQuantities call, in the shape of the shopify.dev example. */
export function setQuantityVariables(
  push: StockPush,
  inventoryItemId: string,
  locationId: string,
  quantity: number,
  changeFromQuantity: number,
  staleRetry = 0,
): Record<string, unknown> {
  return {
    input: {
      name: 'available',
      reason: 'correction',
      referenceDocumentUri: `shop-ledger://ledger/revision/${encodeURIComponent(String(push.revision))}`,
      quantities: [{ inventoryItemId, locationId, quantity, changeFromQuantity }],
    },
    idempotencyKey: stockIdempotencyKey(push.sku, push.revision, locationId, changeFromQuantity, staleRetry),
  };
}

function failed(sku: string, reason: string, from: Partial<StockPushOutcome> = {}): StockPushOutcome {
  return {
    sku,
    status: 'failed',
    reason,
    inventoryItemId: '',
    before: null,
    after: null,
    staleRetries: 0,
    ...from,
  };
}

function pushOne(
  client: ShopifyClient,
  locationId: string,
  push: StockPush,
  lookup: InventoryLookup,
  maxStaleRetries: number,
): StockPushOutcome {
  const first = lookup.available ?? 0;
  const outcome: StockPushOutcome = {
    sku: push.sku,
    status: 'pushed',
    reason: '',
    inventoryItemId: lookup.inventoryItemId,
    before: lookup.available,
    after: null,
    staleRetries: 0,
  };
  let current = first;
  let target = push.quantity;
  for (;;) {
    if (target === current) return { ...outcome, status: 'unchanged', after: current };
    try {
      mutate(
        client,
        SET_QUANTITIES_MUTATION,
        setQuantityVariables(push, lookup.inventoryItemId, locationId, target, current, outcome.staleRetries),
        'inventorySetQuantities',
      );
      return { ...outcome, status: outcome.staleRetries > 0 ? 'stale-retried' : 'pushed', after: target };
    } catch (e) {
      if (!(e instanceof ShopifyUserErrors)) throw e;
      if (!e.userErrors.some((u) => u.code === 'CHANGE_FROM_QUANTITY_STALE')) {
        return { ...outcome, status: 'failed', reason: e.message };
      }
      if (outcome.staleRetries >= maxStaleRetries) {
        return {
          ...outcome,
          status: 'failed',
          reason: `Shopify's stock of "${push.sku}" kept changing while it was written (${outcome.staleRetries + 1} tries); it will be pushed again on the next sync.`,
        };
      }
      outcome.staleRetries++;
      const again = findInventory(client, locationId, [push.sku]).get(push.sku);
      if (again?.problem !== '' || again.available === null) {
        return {
          ...outcome,
          status: 'failed',
          reason: again?.problem || `Shopify's stock of "${push.sku}" could not be re-read.`,
        };
      }
      // Keep what Shopify moved since our first read (an online sale we have not imported yet).
      target = Math.max(0, push.quantity + (again.available - first));
      current = again.available;
    }
  }
}

/**
 * Sets each SKU's available quantity at the location, never overwriting a change made on Shopify
 * meanwhile (see the header). Returns one outcome per SKU, in order. A refused access token is
 * thrown (nothing can be pushed; the run reports it); any other failure to reach Shopify fails the
 * SKU it happened on and every SKU after it (not tried), so they stay queued for the next sync.
 */
export function pushStock(
  client: ShopifyClient,
  locationId: string,
  pushes: readonly StockPush[],
  options: PushStockOptions = {},
): StockPushOutcome[] {
  const maxStaleRetries = options.maxStaleRetries ?? 3;
  const valid = pushes.filter((p) => Number.isInteger(p.quantity) && p.quantity >= 0 && p.sku.trim() !== '');
  let lookups: Map<string, InventoryLookup>;
  try {
    lookups = findInventory(
      client,
      locationId,
      valid.map((p) => p.sku),
    );
  } catch (e) {
    if (!(e instanceof ShopError) || e.kind === 'auth') throw e;
    return pushes.map((p) => failed(p.sku, e.message));
  }
  const outcomes: StockPushOutcome[] = [];
  let stopped: string | null = null;
  for (const push of pushes) {
    const sku = push.sku.trim();
    if (!valid.includes(push)) {
      outcomes.push(
        failed(
          push.sku,
          `The stock of "${push.sku}" to push must be a whole number of 0 or more, not ${push.quantity}.`,
        ),
      );
      continue;
    }
    const lookup = lookups.get(sku);
    if (stopped !== null) {
      outcomes.push(
        failed(push.sku, `Not pushed: ${stopped}`, { inventoryItemId: lookup?.inventoryItemId ?? '' }),
      );
      continue;
    }
    if (lookup?.problem !== '') {
      outcomes.push(
        failed(push.sku, lookup?.problem ?? `"${sku}" was not looked up.`, {
          inventoryItemId: lookup?.inventoryItemId ?? '',
          before: lookup?.available ?? null,
        }),
      );
      continue;
    }
    try {
      outcomes.push(pushOne(client, locationId, { ...push, sku }, lookup, maxStaleRetries));
    } catch (e) {
      if (!(e instanceof ShopError) || e.kind === 'auth') throw e;
      stopped = e.message;
      outcomes.push(
        failed(push.sku, e.message, { inventoryItemId: lookup.inventoryItemId, before: lookup.available }),
      );
    }
  }
  return outcomes;
}
