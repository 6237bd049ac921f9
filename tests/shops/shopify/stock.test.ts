import type { HttpResponse } from '../../../src/platform/http';
import { ShopError } from '../../../src/shops/shop-error';
import {
  findInventory,
  INVENTORY_BY_SKU_QUERY,
  locationGid,
  PRIMARY_LOCATION_QUERY,
  primaryLocationId,
  pushStock,
  SET_QUANTITIES_MUTATION,
  SKUS_PER_LOOKUP,
  type StockPush,
  setQuantityVariables,
  skuSearch,
  stockIdempotencyKey,
} from '../../../src/shops/shopify/stock';
import { type Answer, fakeShopify, fixture, ok, reply, type Sent } from './fake-shopify';

// The item, its stock and the location of Shopify's own examples (inventory-item.json, variant.json,
// location.json), as the GraphQL Admin API names them.
const item = fixture('inventory-item.json').inventory_item;
const variant = fixture('variant.json').variant;
const LOCATION: string = fixture('location.json').location.admin_graphql_api_id;
const ITEM: string = item.admin_graphql_api_id;
const SKU: string = item.sku;
const AVAILABLE: number = variant.inventory_quantity;

interface ItemReply {
  id: string;
  sku: string;
  tracked?: boolean;
  /** undefined: not stocked at the location (inventoryLevel null). */
  available?: number;
}

function inventoryNode(i: ItemReply) {
  return {
    id: i.id,
    sku: i.sku,
    tracked: i.tracked ?? true,
    inventoryLevel:
      i.available === undefined ? null : { quantities: [{ name: 'available', quantity: i.available }] },
  };
}

function inventory(items: ItemReply[], next: string | null = null): HttpResponse {
  return ok({
    inventoryItems: {
      pageInfo: { hasNextPage: next !== null, endCursor: next },
      nodes: items.map(inventoryNode),
    },
  });
}

const setOk = () => ok(fixture('inventory-set-quantities-response.json'));

const stale = () =>
  ok({
    inventorySetQuantities: {
      inventoryAdjustmentGroup: null,
      userErrors: [
        {
          code: 'CHANGE_FROM_QUANTITY_STALE',
          field: ['input', 'quantities', '0', 'changeFromQuantity'],
          message: 'The specified compare quantity does not match the current quantity.',
        },
      ],
    },
  });

/** The keys and value types of a JSON value, to compare shapes. */
function shape(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(shape);
  if (x !== null && typeof x === 'object') {
    return Object.fromEntries(
      Object.entries(x)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shape(v)]),
    );
  }
  return typeof x;
}

const mutations = (sent: Sent[]) => sent.filter((s) => s.body.query === SET_QUANTITIES_MUTATION);

describe('the location', () => {
  it("asks for the shop's primary location once and returns its GID", () => {
    const shop = fakeShopify([ok({ location: { id: LOCATION } })]);
    expect(primaryLocationId(shop.client)).toBe('gid://shopify/Location/487838322');
    expect(shop.sent.map((s) => s.body.query)).toEqual([PRIMARY_LOCATION_QUERY]);
  });

  it('calls a reply without a location malformed', () => {
    const shop = fakeShopify([ok({ location: null })]);
    expect(() => primaryLocationId(shop.client)).toThrow(expect.objectContaining({ kind: 'malformed' }));
  });

  it('reads a configured location as a number or a GID', () => {
    expect(locationGid('487838322')).toBe(LOCATION);
    expect(locationGid(` ${LOCATION} `)).toBe(LOCATION);
    expect(() => locationGid('Main street')).toThrow(RangeError);
  });
});

describe('finding inventory items by SKU', () => {
  it('quotes SKUs for the search syntax', () => {
    expect(skuSearch(['IPOD2008PINK', "it's", 'back\\slash', 'two words'])).toBe(
      "sku:'IPOD2008PINK' OR sku:'it\\'s' OR sku:'back\\\\slash' OR sku:'two words'",
    );
  });

  it('reads the inventory item and its available quantity at the location (one call)', () => {
    const shop = fakeShopify([inventory([{ id: ITEM, sku: SKU, available: AVAILABLE }])]);
    const found = findInventory(shop.client, LOCATION, [SKU]);
    expect(found.get(SKU)).toEqual({ sku: SKU, inventoryItemId: ITEM, available: 10, problem: '' });
    expect(shop.sent).toHaveLength(1);
    expect(shop.sent[0].body).toEqual({
      query: INVENTORY_BY_SKU_QUERY,
      variables: { first: 100, after: null, search: "sku:'IPOD2008PINK'", locationId: LOCATION },
    });
  });

  it(`looks up ${SKUS_PER_LOOKUP} SKUs per call`, () => {
    const skus = Array.from({ length: 120 }, (_, i) => `SKU-${String(i).padStart(3, '0')}`);
    const answer: Answer = (s) => {
      const wanted = [...String(s.body.variables.search).matchAll(/sku:'([^']+)'/g)].map((m) => m[1]);
      return inventory(
        wanted.map((sku, i) => ({ id: `gid://shopify/InventoryItem/${i + 1}`, sku, available: 1 })),
      );
    };
    const shop = fakeShopify([answer, answer, answer]);
    const found = findInventory(shop.client, LOCATION, skus);
    expect(shop.client.calls).toBe(3);
    expect(shop.sent.map((s) => String(s.body.variables.search).split(' OR ').length)).toEqual([50, 50, 20]);
    expect([...found.values()].every((f) => f.problem === '' && f.available === 1)).toBe(true);
    expect(found.size).toBe(120);
  });

  it('keeps only exact SKU matches, and follows the page cursor', () => {
    const shop = fakeShopify([
      inventory([{ id: 'gid://shopify/InventoryItem/1', sku: 'IPOD2008PINK-XL', available: 3 }], 'next-page'),
      inventory([{ id: ITEM, sku: SKU, available: 10 }]),
    ]);
    const found = findInventory(shop.client, LOCATION, [SKU]);
    expect(found.get(SKU)?.inventoryItemId).toBe(ITEM);
    expect(found.has('IPOD2008PINK-XL')).toBe(false);
    expect(shop.sent[1].body.variables.after).toBe('next-page');
  });

  it('says why a SKU cannot be pushed', () => {
    const shop = fakeShopify([
      inventory([
        { id: 'gid://shopify/InventoryItem/1', sku: 'TWICE', available: 1 },
        { id: 'gid://shopify/InventoryItem/2', sku: 'TWICE', available: 1 },
        { id: 'gid://shopify/InventoryItem/3', sku: 'UNTRACKED', tracked: false, available: 0 },
        { id: 'gid://shopify/InventoryItem/4', sku: 'ELSEWHERE' },
      ]),
    ]);
    const found = findInventory(shop.client, LOCATION, ['MISSING', 'TWICE', 'UNTRACKED', 'ELSEWHERE']);
    expect(found.get('MISSING')?.problem).toMatch(/^No Shopify product has the SKU "MISSING"/);
    expect(found.get('TWICE')?.problem).toMatch(/^2 Shopify products share the SKU "TWICE"/);
    expect(found.get('UNTRACKED')?.problem).toMatch(/does not track stock for "UNTRACKED"/);
    expect(found.get('ELSEWHERE')?.problem).toMatch(/"ELSEWHERE" is not stocked at the Shopify location/);
  });
});

describe('pushing stock with inventorySetQuantities', () => {
  const push: StockPush = { sku: SKU, quantity: 7, revision: 41 };

  it('sends the variables in the shape of the shopify.dev example, comparing against what it read', () => {
    const shop = fakeShopify([inventory([{ id: ITEM, sku: SKU, available: AVAILABLE }]), setOk()]);
    const outcomes = pushStock(shop.client, LOCATION, [push]);

    expect(outcomes).toEqual([
      {
        sku: SKU,
        status: 'pushed',
        reason: '',
        inventoryItemId: ITEM,
        before: 10,
        after: 7,
        staleRetries: 0,
      },
    ]);
    expect(shop.client.calls).toBe(2);
    const [mutation] = mutations(shop.sent);
    const example = fixture('inventory-set-quantities-variables.json');
    expect(shape(mutation.body.variables)).toEqual(shape(example));
    expect(mutation.body.variables).toEqual({
      input: {
        name: 'available',
        reason: 'correction',
        referenceDocumentUri: 'shop-ledger://ledger/revision/41',
        quantities: [{ inventoryItemId: ITEM, locationId: LOCATION, quantity: 7, changeFromQuantity: 10 }],
      },
      idempotencyKey: 'shop-ledger:487838322:IPOD2008PINK:r41:from10',
    });
    const text = mutation.body.query.replace(/\s+/g, ' ');
    expect(text).toContain('inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey)');
    expect(text).toContain('userErrors { code field message }');
  });

  it('builds the same idempotency key for the same write, and a new one for a new write', () => {
    const key = (revision: number, from: number, retry = 0) =>
      stockIdempotencyKey(SKU, revision, LOCATION, from, retry);
    expect(key(41, 10)).toBe(key(41, 10));
    expect(new Set([key(41, 10), key(42, 10), key(41, 9), key(41, 10, 1)]).size).toBe(4);
    expect(stockIdempotencyKey('OTHER', 41, LOCATION, 10)).not.toBe(key(41, 10));
    expect(setQuantityVariables(push, ITEM, LOCATION, 7, 10).idempotencyKey).toBe(key(41, 10));
  });

  it('writes nothing when Shopify already has the quantity', () => {
    const shop = fakeShopify([inventory([{ id: ITEM, sku: SKU, available: 7 }])]);
    expect(pushStock(shop.client, LOCATION, [push])[0]).toMatchObject({
      status: 'unchanged',
      before: 7,
      after: 7,
    });
    expect(shop.client.calls).toBe(1);
  });

  it('re-reads after CHANGE_FROM_QUANTITY_STALE and retries, keeping the sale Shopify made meanwhile', () => {
    const shop = fakeShopify([
      inventory([{ id: ITEM, sku: SKU, available: 10 }]),
      stale(),
      inventory([{ id: ITEM, sku: SKU, available: 9 }]), // one sold online between our read and our write
      setOk(),
    ]);
    const [outcome] = pushStock(shop.client, LOCATION, [push]);

    expect(outcome).toEqual({
      sku: SKU,
      status: 'stale-retried',
      reason: '',
      inventoryItemId: ITEM,
      before: 10,
      after: 6,
      staleRetries: 1,
    });
    expect(shop.client.calls).toBe(4);
    expect(shop.sent[2].body).toEqual({
      query: INVENTORY_BY_SKU_QUERY,
      variables: { first: 100, after: null, search: "sku:'IPOD2008PINK'", locationId: LOCATION },
    });
    const [first, retry] = mutations(shop.sent).map(
      (m) => m.body.variables as { input: { quantities: unknown[] }; idempotencyKey: string },
    );
    expect(first.input.quantities).toEqual([
      { inventoryItemId: ITEM, locationId: LOCATION, quantity: 7, changeFromQuantity: 10 },
    ]);
    expect(retry.input.quantities).toEqual([
      { inventoryItemId: ITEM, locationId: LOCATION, quantity: 6, changeFromQuantity: 9 },
    ]);
    expect(retry.idempotencyKey).not.toBe(first.idempotencyKey);
  });

  it('never goes below 0 when Shopify sold more than we want to offer', () => {
    const shop = fakeShopify([
      inventory([{ id: ITEM, sku: SKU, available: 10 }]),
      stale(),
      inventory([{ id: ITEM, sku: SKU, available: 2 }]),
      setOk(),
    ]);
    const [outcome] = pushStock(shop.client, LOCATION, [{ ...push, quantity: 3 }]);
    expect(outcome).toMatchObject({ status: 'stale-retried', after: 0 });
    expect(mutations(shop.sent)[1].body.variables).toMatchObject({
      input: { quantities: [{ quantity: 0, changeFromQuantity: 2 }] },
    });
  });

  it('gives up on a SKU whose stock keeps changing, after the bounded retries', () => {
    const answers: Answer[] = [inventory([{ id: ITEM, sku: SKU, available: 10 }])];
    for (let i = 1; i <= 3; i++)
      answers.push(stale(), inventory([{ id: ITEM, sku: SKU, available: 10 - i }]));
    answers.push(stale());
    const shop = fakeShopify(answers);
    const [outcome] = pushStock(shop.client, LOCATION, [push]);
    expect(outcome).toMatchObject({ status: 'failed', staleRetries: 3, after: null });
    expect(outcome.reason).toMatch(/kept changing while it was written \(4 tries\)/);
    expect(mutations(shop.sent)).toHaveLength(4);
  });

  it('fails a SKU that Shopify refuses for another reason, and goes on with the next', () => {
    const shop = fakeShopify([
      inventory([
        { id: ITEM, sku: SKU, available: 10 },
        { id: 'gid://shopify/InventoryItem/2', sku: 'B', available: 1 },
      ]),
      ok({
        inventorySetQuantities: {
          inventoryAdjustmentGroup: null,
          userErrors: [
            {
              code: 'INVALID_INVENTORY_ITEM',
              field: ['input'],
              message: 'The inventory item could not be found.',
            },
          ],
        },
      }),
      setOk(),
    ]);
    const outcomes = pushStock(shop.client, LOCATION, [push, { sku: 'B', quantity: 2, revision: 41 }]);
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'pushed']);
    expect(outcomes[0].reason).toMatch(/The inventory item could not be found/);
  });

  it('fails SKUs it cannot look up or push, without writing them', () => {
    const shop = fakeShopify([inventory([])]);
    const outcomes = pushStock(shop.client, LOCATION, [push, { sku: 'NEG', quantity: -1, revision: 41 }]);
    expect(outcomes).toEqual([
      expect.objectContaining({
        sku: SKU,
        status: 'failed',
        reason: expect.stringMatching(/No Shopify product has the SKU/),
      }),
      expect.objectContaining({
        sku: 'NEG',
        status: 'failed',
        reason: expect.stringMatching(/whole number of 0 or more/),
      }),
    ]);
    expect(shop.sent).toHaveLength(1);
    expect(shop.sent[0].body.variables.search).toBe("sku:'IPOD2008PINK'");
  });

  it('stops at the first SKU Shopify cannot take (server down) and leaves the rest not tried', () => {
    const down = reply('', 500);
    const shop = fakeShopify([
      inventory([
        { id: ITEM, sku: SKU, available: 10 },
        { id: 'gid://shopify/InventoryItem/2', sku: 'B', available: 1 },
      ]),
      down,
      down,
      down,
      down,
    ]);
    const outcomes = pushStock(shop.client, LOCATION, [push, { sku: 'B', quantity: 2, revision: 41 }]);
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'failed']);
    expect(outcomes[0].reason).toMatch(/HTTP 500/);
    expect(outcomes[1].reason).toMatch(/^Not pushed: Shopify had an error \(HTTP 500\)/);
    expect(shop.client.calls).toBe(5);
  });

  it('throws a refused token, so the run reports it', () => {
    const shop = fakeShopify([reply({ errors: '[API] Invalid API key or access token' }, 401)]);
    let error: unknown;
    try {
      pushStock(shop.client, LOCATION, [push]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ShopError);
    expect((error as ShopError).kind).toBe('auth');
  });
});
