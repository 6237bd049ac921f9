import { HttpUnreachableError } from '../../../src/platform/http';
import { ShopError } from '../../../src/shops/shop-error';
import {
  graphql,
  mutate,
  readCost,
  SHOPIFY_API_VERSION,
  ShopifyQueryCostError,
  ShopifyUserErrors,
  shopifyEndpoint,
  throttleDelayMs,
} from '../../../src/shops/shopify/api';
import { fakeShopify, fixture, fixtureText, ok, reply } from './fake-shopify';

const throttled = (requested: number, available: number, restoreRate: number) =>
  reply({
    errors: [
      {
        message: 'Throttled',
        extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
      },
    ],
    extensions: {
      cost: {
        requestedQueryCost: requested,
        actualQueryCost: null,
        throttleStatus: { maximumAvailable: 1000, currentlyAvailable: available, restoreRate },
      },
    },
  });

function caught(run: () => unknown): ShopError {
  try {
    run();
  } catch (e) {
    if (e instanceof ShopError) return e;
    throw e;
  }
  throw new Error('expected a ShopError');
}

describe('the pinned API version and the endpoint', () => {
  it('is 2026-04 or later', () => {
    expect(SHOPIFY_API_VERSION).toMatch(/^\d{4}-\d{2}$/);
    expect(SHOPIFY_API_VERSION >= '2026-04').toBe(true);
  });

  it.each([
    ['https://shop.example.com', 'https://shop.example.com'],
    ['https://shop.example.com/', 'https://shop.example.com'],
    ['  shop.example.com ', 'https://shop.example.com'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://localhost:3000/', 'http://localhost:3000'],
    ['http://[::1]:9000', 'http://[::1]:9000'],
  ])('%s → %s/admin/api/VERSION/graphql.json', (url, root) => {
    expect(shopifyEndpoint(url)).toBe(`${root}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`);
  });

  it.each(['http://shop.example.com', 'http://10.0.0.5:8080', 'http://127.0.0.1.example.com'])(
    'refuses plain http to %s, which would send the token in clear text',
    (url) => {
      const e = caught(() => shopifyEndpoint(url));
      expect(e.message).toMatch(/https:\/\//);
    },
  );

  it('refuses what is not a shop address', () => {
    expect(caught(() => shopifyEndpoint('https://')).message).toMatch(/not a Shopify shop address/);
  });
});

describe('graphql()', () => {
  it('POSTs {query, variables} with the access token to the pinned endpoint and returns data', () => {
    const shop = fakeShopify([reply(fixtureText('graphql-response-with-cost.json'))]);
    const data = graphql(shop.client, 'query Q($id: ID!) { product(id: $id) { id title handle } }', {
      id: 'gid://shopify/Product/7608002183224',
    });
    expect(data).toEqual(fixture('graphql-response-with-cost.json').data);
    expect(shop.sent).toHaveLength(1);
    const { req, body } = shop.sent[0];
    expect(req.method).toBe('POST');
    expect(req.url).toBe(`https://shop.example.com/admin/api/${SHOPIFY_API_VERSION}/graphql.json`);
    expect(req.headers?.['X-Shopify-Access-Token']).toBe('shpat_test_token');
    expect(req.headers?.['Content-Type']).toBe('application/json');
    expect(body).toEqual({
      query: 'query Q($id: ID!) { product(id: $id) { id title handle } }',
      variables: { id: 'gid://shopify/Product/7608002183224' },
    });
    expect(shop.client.calls).toBe(1);
  });

  it('reads extensions.cost as the fixture gives it', () => {
    const shop = fakeShopify([reply(fixtureText('graphql-response-with-cost.json'))]);
    graphql(shop.client, '{ product { id } }');
    expect(shop.client.lastCost).toEqual({
      requestedQueryCost: 1,
      actualQueryCost: 1,
      maximumAvailable: 1000,
      currentlyAvailable: 999,
      restoreRate: 50,
    });
    expect(readCost({ data: {} })).toBeNull();
  });

  it('waits out THROTTLED for (requestedQueryCost − currentlyAvailable) / restoreRate, then retries', () => {
    const shop = fakeShopify([throttled(502, 2, 50), ok({ shop: { name: 'x' } })]);
    expect(graphql(shop.client, '{ shop { name } }')).toEqual({ shop: { name: 'x' } });
    expect(shop.waits).toEqual([10_000]); // (502 − 2) / 50 points per second = 10 s
    expect(shop.sent).toHaveLength(2);
    expect(shop.sent[1].body).toEqual(shop.sent[0].body);
  });

  it('computes the throttle delay from the cost, with fallbacks', () => {
    const cost = {
      requestedQueryCost: 752,
      actualQueryCost: null,
      maximumAvailable: 1000,
      currentlyAvailable: 2,
      restoreRate: 100,
    };
    expect(throttleDelayMs(cost, 0)).toBe(7500);
    expect(throttleDelayMs({ ...cost, currentlyAvailable: 900 }, 0)).toBe(100);
    expect(throttleDelayMs(null, 2)).toBe(4000);
    expect(throttleDelayMs({ ...cost, restoreRate: 0 }, 1)).toBe(2000);
  });

  it('never waits longer than maxWaitMs in one go', () => {
    const shop = fakeShopify([throttled(1000, 0, 10), ok({ ok: true })]); // 100 s needed
    graphql(shop.client, '{ ok }');
    expect(shop.waits).toEqual([20_000]);
  });

  it('gives up after the bounded tries with a "throttled" ShopError', () => {
    const shop = fakeShopify([
      throttled(100, 0, 50),
      throttled(100, 0, 50),
      throttled(100, 0, 50),
      throttled(100, 0, 50),
    ]);
    const e = caught(() => graphql(shop.client, '{ ok }'));
    expect(e.kind).toBe('throttled');
    expect(shop.sent).toHaveLength(4);
    expect(shop.waits).toEqual([2000, 2000, 2000]);
  });

  it('does not wait when the bucket can never hold the query', () => {
    const shop = fakeShopify([throttled(1500, 1000, 50)]);
    const e = caught(() => graphql(shop.client, '{ ok }'));
    expect(e).toBeInstanceOf(ShopifyQueryCostError);
    expect(shop.waits).toEqual([]);
  });

  it('turns HTTP 401 into an "auth" ShopError that says to check the token, without retrying', () => {
    const shop = fakeShopify([
      reply({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' }, 401),
    ]);
    const e = caught(() => graphql(shop.client, '{ shop { name } }'));
    expect(e.kind).toBe('auth');
    expect(e.status).toBe(401);
    expect(e.message).toMatch(/access token/);
    expect(shop.sent).toHaveLength(1);
  });

  it('retries a 429 with Retry-After and a 503 through shop-http', () => {
    const shop = fakeShopify([reply('', 429, { 'retry-after': '2.0' }), reply('', 503), ok({ ok: true })]);
    expect(graphql(shop.client, '{ ok }')).toEqual({ ok: true });
    expect(shop.waits).toEqual([2000, 2000]);
  });

  it('turns a timeout into a "timeout" ShopError after the bounded tries', () => {
    const timeout = () => {
      throw new HttpUnreachableError('Request timed out');
    };
    const shop = fakeShopify([timeout, timeout, timeout, timeout]);
    expect(caught(() => graphql(shop.client, '{ ok }')).kind).toBe('timeout');
  });

  it('turns GraphQL errors into a ShopError that quotes them', () => {
    const shop = fakeShopify([
      reply({
        errors: [
          {
            message: "Field 'nope' doesn't exist on type 'QueryRoot'",
            locations: [{ line: 1, column: 3 }],
            path: ['query', 'nope'],
            extensions: { code: 'undefinedField', typeName: 'QueryRoot', fieldName: 'nope' },
          },
        ],
      }),
    ]);
    const e = caught(() => graphql(shop.client, '{ nope }'));
    expect(e.kind).toBe('server');
    expect(e.message).toContain("Field 'nope' doesn't exist on type 'QueryRoot'");
    expect(shop.sent).toHaveLength(1);
  });

  it('treats a reply with both data and errors as failed', () => {
    const shop = fakeShopify([reply({ data: { orders: null }, errors: [{ message: 'boom' }] })]);
    expect(caught(() => graphql(shop.client, '{ orders { id } }')).message).toMatch(/boom/);
  });

  it('turns ACCESS_DENIED into an "auth" ShopError naming the scopes', () => {
    const shop = fakeShopify([
      reply({
        data: null,
        errors: [{ message: 'Access denied for orders field.', extensions: { code: 'ACCESS_DENIED' } }],
      }),
    ]);
    const e = caught(() => graphql(shop.client, '{ orders(first: 1) { nodes { id } } }'));
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(/read_orders and write_inventory/);
  });

  it('reads MAX_COST_EXCEEDED with its cost and limit', () => {
    const shop = fakeShopify([
      reply({
        errors: [
          {
            message: 'Query cost is 4012, which exceeds the single query max cost limit (1000).',
            extensions: { code: 'MAX_COST_EXCEEDED', cost: 4012, maxCost: 1000 },
          },
        ],
      }),
    ]);
    const e = caught(() => graphql(shop.client, '{ x }'));
    expect(e).toBeInstanceOf(ShopifyQueryCostError);
    expect((e as ShopifyQueryCostError).cost).toBe(4012);
    expect((e as ShopifyQueryCostError).maxCost).toBe(1000);
  });

  it.each([
    ['not JSON', reply('<html>Bad gateway</html>'), 'malformed'],
    ['no data', reply({ extensions: {} }), 'malformed'],
    ['an array', reply([1, 2]), 'malformed'],
  ])('calls a reply with %s malformed', (_what, answer, kind) => {
    const shop = fakeShopify([answer]);
    expect(caught(() => graphql(shop.client, '{ ok }')).kind).toBe(kind);
  });
});

describe('mutate()', () => {
  it('returns the payload when there are no userErrors (inventorySetQuantities fixture)', () => {
    const shop = fakeShopify([ok(fixture('inventory-set-quantities-response.json'))]);
    const payload = mutate(
      shop.client,
      'mutation { inventorySetQuantities { userErrors { code } } }',
      {},
      'inventorySetQuantities',
    );
    expect(payload).toEqual(fixture('inventory-set-quantities-response.json').inventorySetQuantities);
  });

  it('throws userErrors as ShopifyUserErrors with their codes and a readable message', () => {
    const shop = fakeShopify([
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
      }),
    ]);
    const e = caught(() => mutate(shop.client, 'mutation { x }', {}, 'inventorySetQuantities'));
    expect(e).toBeInstanceOf(ShopifyUserErrors);
    expect((e as ShopifyUserErrors).userErrors).toEqual([
      {
        code: 'CHANGE_FROM_QUANTITY_STALE',
        field: ['input', 'quantities', '0', 'changeFromQuantity'],
        message: 'The specified compare quantity does not match the current quantity.',
      },
    ]);
    expect(e.message).toMatch(
      /^Shopify refused inventorySetQuantities: The specified compare quantity .*CHANGE_FROM_QUANTITY_STALE/,
    );
  });

  it('calls a reply without the payload malformed', () => {
    const shop = fakeShopify([ok({})]);
    expect(caught(() => mutate(shop.client, 'mutation { x }', {}, 'inventorySetQuantities')).kind).toBe(
      'malformed',
    );
  });
});
