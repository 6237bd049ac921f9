import type { HttpRequest } from '../../../src/platform/http';
import {
  CatalogueBuilder,
  productsRequest,
  readCatalogue,
  variationsRequest,
  type WooCatalogue,
  type WooStockEntry,
} from '../../../src/shops/woocommerce/catalogue';
import {
  checkShopStock,
  planStockPush,
  pushStock,
  readStockBatchResponse,
  type StockBatch,
  stockBatchRequest,
  stockTarget,
} from '../../../src/shops/woocommerce/stock';
import {
  copy,
  fakeShop,
  fixture,
  fixtureText,
  type Loose,
  queryOf,
  response,
  SHOP,
  scriptedShop,
} from './helpers';

const product = fixture<Loose>('product.json');
const variation = fixture<Loose>('product-variation.json');

// Written by us from the docs' product 794 and variation 732: the same objects with SKUs and stock.
function simple(id: number, sku: string, stock: number | null): Loose {
  return { ...copy(product), id, sku, manage_stock: stock !== null, stock_quantity: stock };
}
function variable(id: number, variationIds: number[], stock: number | null = null): Loose {
  return {
    ...copy(product),
    id,
    type: 'variable',
    sku: '',
    manage_stock: stock !== null,
    stock_quantity: stock,
    variations: variationIds,
  };
}
function variant(id: number, sku: string, manageStock: boolean | 'parent', stock: number | null): Loose {
  return { ...copy(variation), id, sku, manage_stock: manageStock, stock_quantity: stock };
}

function catalogueOf(entries: WooStockEntry[]): WooCatalogue {
  return { bySku: new Map(entries.map((e) => [e.sku, e])), ambiguous: new Map(), problems: [], calls: 0 };
}
function entry(
  sku: string,
  productId: number,
  variationId: number | null,
  manageStock: boolean | 'parent' = true,
) {
  return {
    sku,
    productId,
    variationId,
    manageStock,
    stockQuantity: 5,
    ref: variationId === null ? `${productId}` : `${productId}/${variationId}`,
  };
}

function bodyOf(req: HttpRequest): {
  update: Array<{ id: number; manage_stock: boolean; stock_quantity: number }>;
} {
  return JSON.parse(req.body ?? '');
}

/** A shop that accepts every stock write and answers each item with what it was sent. */
function acceptingShop() {
  return fakeShop((req) => {
    const update = bodyOf(req).update.map((item) => ({ ...item }));
    return response(200, { update });
  });
}

describe('reading the catalogue', () => {
  it('asks for products and variations 100 a page, stock fields only', () => {
    expect(queryOf(productsRequest(SHOP, 2).url)).toEqual([
      ['per_page', '100'],
      ['page', '2'],
      ['_fields', 'id,type,sku,manage_stock,stock_quantity,variations'],
    ]);
    expect(variationsRequest(SHOP, 22, 1).url).toBe(
      'https://example.com/wp-json/wc/v3/products/22/variations?per_page=100&page=1&_fields=id%2Csku%2Cmanage_stock%2Cstock_quantity',
    );
  });

  it('maps each SKU to its product or variation with one call per page and per variable product', () => {
    const shop = fakeShop((req) => {
      const url = new URL(req.url);
      const page = url.searchParams.get('page');
      if (url.pathname === '/wp-json/wc/v3/products' && page === '1') {
        return response(200, [simple(794, 'TEE-1', 5), product], { 'x-wp-totalpages': '2' });
      }
      if (url.pathname === '/wp-json/wc/v3/products' && page === '2') {
        return response(200, [variable(22, [732, 733], 9), variable(40, [])], { 'x-wp-totalpages': '2' });
      }
      if (url.pathname === '/wp-json/wc/v3/products/22/variations') {
        return response(200, [variant(732, 'SHIP-BLK', true, 3), variant(733, 'SHIP-GRN', 'parent', null)], {
          'x-wp-totalpages': '1',
        });
      }
      return response(404, fixtureText('error-wp-rest-no-route.json'));
    });
    const catalogue = readCatalogue(shop.io, SHOP);
    // 2 pages of products + 1 variable product with variations (product 40 has none: no call).
    expect(catalogue.calls).toBe(3);
    expect(shop.requests).toHaveLength(3);
    expect([...catalogue.bySku.values()]).toEqual([
      { sku: 'TEE-1', productId: 794, variationId: null, manageStock: true, stockQuantity: 5, ref: '794' },
      {
        sku: 'SHIP-BLK',
        productId: 22,
        variationId: 732,
        manageStock: true,
        stockQuantity: 3,
        ref: '22/732',
      },
      {
        sku: 'SHIP-GRN',
        productId: 22,
        variationId: 733,
        manageStock: 'parent',
        stockQuantity: 9,
        ref: '22/733',
      },
    ]);
    expect(catalogue.problems).toEqual([]);
  });

  it('reads the docs\u2019 product (no SKU, stock not managed) as nothing to map', () => {
    const builder = new CatalogueBuilder();
    expect(builder.addProduct(product)).toBeNull();
    builder.addVariation(22, variation);
    expect(builder.result().bySku.size).toBe(0);
  });

  it('reads a product that does not manage stock as having no count', () => {
    const builder = new CatalogueBuilder();
    builder.addProduct({ ...simple(794, 'TEE-1', null), stock_quantity: 12 });
    expect(builder.result().bySku.get('TEE-1')).toMatchObject({ manageStock: false, stockQuantity: null });
  });

  it('sets aside a SKU that is on two products, and says so', () => {
    const builder = new CatalogueBuilder();
    builder.addProduct(simple(794, 'TEE-1', 5));
    builder.addProduct(simple(795, 'TEE-1', 2));
    const catalogue = builder.result();
    expect(catalogue.bySku.has('TEE-1')).toBe(false);
    expect(catalogue.ambiguous.get('TEE-1')).toEqual(['794', '795']);
    expect(catalogue.problems[0].problem).toMatch(
      /SKU TEE-1 is on more than one product in WooCommerce \(794 and 795\)/,
    );
    expect(planStockPush(catalogue, [{ sku: 'TEE-1', quantity: 4 }]).failures[0].problem).toMatch(
      /make it unique/,
    );
  });
});

describe('checkShopStock: WooCommerce has no compare-and-set', () => {
  it('lets the write go when WooCommerce still counts what the ledger last pushed, or nothing was pushed yet', () => {
    expect(checkShopStock('TEE-1', 5, 5)).toEqual({ inStep: true });
    expect(checkShopStock('TEE-1', 12, null)).toEqual({ inStep: true });
    expect(checkShopStock('TEE-1', null, null)).toEqual({ inStep: true });
  });

  it('asks to import first when WooCommerce sold some since the last push', () => {
    expect(checkShopStock('TEE-1', 4, 5)).toEqual({
      inStep: false,
      reason: expect.stringMatching(
        /^online sale not yet imported: WooCommerce shows 4 of TEE-1 but the ledger last pushed 5/,
      ),
    });
  });

  it('asks to import first when the count went up or tracking was turned off', () => {
    expect(checkShopStock('TEE-1', 7, 5)).toMatchObject({
      inStep: false,
      reason: expect.stringMatching(/not yet imported/),
    });
    expect(checkShopStock('TEE-1', null, 5)).toMatchObject({
      inStep: false,
      reason: expect.stringMatching(/no longer tracks the stock of TEE-1/),
    });
  });
});

describe('planStockPush', () => {
  it('splits simple products into calls of at most 100, and variations by parent', () => {
    const simples = Array.from({ length: 250 }, (_, i) => entry(`S${i}`, 1000 + i, null));
    const variations = [entry('V1', 22, 732), entry('V2', 22, 733), entry('W1', 30, 31)];
    const plan = planStockPush(
      catalogueOf([...simples, ...variations]),
      [...simples, ...variations].map((e, i) => ({ sku: e.sku, quantity: i % 7 })),
    );
    expect(plan.failures).toEqual([]);
    expect(plan.batches.map((b) => [b.parentId, b.items.length])).toEqual([
      [null, 100],
      [null, 100],
      [null, 50],
      [22, 2],
      [30, 1],
    ]);
    expect(plan.batches[3].items).toEqual([
      { sku: 'V1', id: 732, quantity: 250 % 7 },
      { sku: 'V2', id: 733, quantity: 251 % 7 },
    ]);
  });

  it('writes a variation whose parent manages its stock to the parent product', () => {
    const parentManaged = entry('SHIP-GRN', 22, 733, 'parent');
    expect(stockTarget(parentManaged)).toEqual({ productId: 22, variationId: null });
    const plan = planStockPush(catalogueOf([parentManaged]), [{ sku: 'SHIP-GRN', quantity: 6 }]);
    expect(plan.batches).toEqual([{ parentId: null, items: [{ sku: 'SHIP-GRN', id: 22, quantity: 6 }] }]);
  });

  it('refuses SKUs that share their parent\u2019s stock, since one figure would overwrite the other', () => {
    const plan = planStockPush(catalogueOf([entry('A', 22, 732, 'parent'), entry('B', 22, 733, 'parent')]), [
      { sku: 'A', quantity: 1 },
      { sku: 'B', quantity: 2 },
    ]);
    expect(plan.batches).toEqual([]);
    expect(plan.failures.map((f) => f.sku)).toEqual(['A', 'B']);
    expect(plan.failures[0].problem).toMatch(/SKUs A, B share one stock in WooCommerce/);
  });

  it('fails unknown SKUs and impossible figures, and keeps the last figure given for a SKU', () => {
    const plan = planStockPush(catalogueOf([entry('A', 1, null), entry('B', 2, null)]), [
      { sku: 'A', quantity: 3 },
      { sku: 'A', quantity: 4 },
      { sku: 'B', quantity: -1 },
      { sku: 'C', quantity: 1 },
      { sku: 'B', quantity: 2.5 },
    ]);
    expect(plan.batches).toEqual([{ parentId: null, items: [{ sku: 'A', id: 1, quantity: 4 }] }]);
    expect(plan.failures).toEqual([
      { sku: 'B', problem: 'The stock figure 2.5 for B is not a whole number of 0 or more.' },
      { sku: 'C', problem: expect.stringMatching(/^No product or variation in WooCommerce has the SKU C/) },
    ]);
  });
});

describe('stockBatchRequest', () => {
  it('updates manage_stock and stock_quantity by id, as POST /products/batch', () => {
    const req = stockBatchRequest(SHOP, { parentId: null, items: [{ sku: 'TEE-1', id: 799, quantity: 4 }] });
    expect(req.method).toBe('POST');
    expect(req.url).toBe('https://example.com/wp-json/wc/v3/products/batch');
    expect(req.headers).toMatchObject({
      Authorization: 'Basic Y2tfNGYxYzpjc185YTdl',
      'Content-Type': 'application/json',
    });
    expect(bodyOf(req)).toEqual({ update: [{ id: 799, manage_stock: true, stock_quantity: 4 }] });
    // The same envelope as the docs' batch request: an `update` list of objects with a numeric id.
    const docs = fixture<{ update: Loose[] }>('products-batch-request.json');
    expect(typeof docs.update[0].id).toBe('number');
    expect(Object.keys(bodyOf(req)).every((key) => key in docs)).toBe(true);
  });

  it('writes variations through their parent\u2019s variations/batch', () => {
    const req = stockBatchRequest(SHOP, { parentId: 22, items: [{ sku: 'SHIP-BLK', id: 733, quantity: 0 }] });
    expect(req.url).toBe('https://example.com/wp-json/wc/v3/products/22/variations/batch');
    expect(bodyOf(req)).toEqual({ update: [{ id: 733, manage_stock: true, stock_quantity: 0 }] });
  });

  it('never sends more than 100 items in one call', () => {
    const items = Array.from({ length: 101 }, (_, i) => ({ sku: `S${i}`, id: i + 1, quantity: 1 }));
    expect(() => stockBatchRequest(SHOP, { parentId: null, items })).toThrow(/at most 100 items/);
  });
});

describe('reading batch answers', () => {
  it('counts the docs\u2019 products batch answer as done for the product it updated', () => {
    const batch: StockBatch = { parentId: null, items: [{ sku: 'TEE-1', id: 799, quantity: 4 }] };
    expect(readStockBatchResponse(batch, response(200, fixtureText('products-batch-response.json')))).toEqual(
      {
        pushed: [{ sku: 'TEE-1', quantity: 4, shopQuantity: null }],
        failures: [],
      },
    );
  });

  it('counts the docs\u2019 variations batch answer as done for the variation it updated', () => {
    const batch: StockBatch = { parentId: 22, items: [{ sku: 'SHIP-GRN', id: 733, quantity: 2 }] };
    const answer = response(200, fixtureText('product-variations-batch-response.json'));
    expect(readStockBatchResponse(batch, answer).pushed.map((p) => p.sku)).toEqual(['SHIP-GRN']);
  });

  it('fails only the items that carry an error inside a 200 answer', () => {
    const batch: StockBatch = {
      parentId: null,
      items: [
        { sku: 'TEE-1', id: 799, quantity: 4 },
        { sku: 'GONE', id: 999, quantity: 1 },
        { sku: 'MUG', id: 801, quantity: 0 },
      ],
    };
    // Written by us in the documented per-item error shape ({"id", "error": {code, message, data}}).
    const answer = response(200, {
      update: [
        { id: 799, sku: 'TEE-1', manage_stock: true, stock_quantity: 4 },
        {
          id: 999,
          error: {
            code: 'woocommerce_rest_product_invalid_id',
            message: 'Invalid ID.',
            data: { status: 400 },
          },
        },
        { id: 801, sku: 'MUG', manage_stock: true, stock_quantity: 0 },
      ],
    });
    expect(readStockBatchResponse(batch, answer)).toEqual({
      pushed: [
        { sku: 'TEE-1', quantity: 4, shopQuantity: 4 },
        { sku: 'MUG', quantity: 0, shopQuantity: 0 },
      ],
      failures: [
        {
          sku: 'GONE',
          problem:
            'WooCommerce refused the stock of GONE (product 999): Invalid ID. (woocommerce_rest_product_invalid_id).',
        },
      ],
    });
  });

  it('matches an error without an id by its place, and fails items the answer leaves out', () => {
    const batch: StockBatch = {
      parentId: 22,
      items: [
        { sku: 'A', id: 732, quantity: 1 },
        { sku: 'B', id: 733, quantity: 2 },
      ],
    };
    const answer = response(200, { update: [{ error: { code: 'x', message: 'Sorry.' } }] });
    expect(readStockBatchResponse(batch, answer).failures).toEqual([
      { sku: 'A', problem: 'WooCommerce refused the stock of A (variation 732 of product 22): Sorry. (x).' },
      { sku: 'B', problem: expect.stringMatching(/^WooCommerce did not confirm the stock of B/) },
    ]);
  });

  it('fails an item whose answered stock is not what was written', () => {
    const batch: StockBatch = { parentId: null, items: [{ sku: 'TEE-1', id: 799, quantity: 4 }] };
    const answer = response(200, { update: [{ id: 799, manage_stock: true, stock_quantity: 3 }] });
    expect(readStockBatchResponse(batch, answer).failures[0].problem).toMatch(
      /answered 3 of TEE-1 after the ledger wrote 4/,
    );
  });
});

describe('pushStock over the Http port', () => {
  it('sends 250 SKUs in 3 calls of at most 100 items', () => {
    const entries = Array.from({ length: 250 }, (_, i) => entry(`S${i}`, 1000 + i, null));
    const plan = planStockPush(
      catalogueOf(entries),
      entries.map((e) => ({ sku: e.sku, quantity: 3 })),
    );
    const shop = acceptingShop();
    const result = pushStock(shop.io, SHOP, plan);
    expect(result.calls).toBe(3);
    expect(shop.requests.map((req) => bodyOf(req).update.length)).toEqual([100, 100, 50]);
    expect(new Set(shop.requests.flatMap((req) => bodyOf(req).update.map((item) => item.id))).size).toBe(250);
    expect(result.pushed).toHaveLength(250);
    expect(result.failures).toEqual([]);
  });

  it('pushes a "parent" variation to its parent product', () => {
    // The variation 2783 of product 846 reads "manage_stock": "parent" (the shape of the GPL WooCommerce
    // iOS fixture, not copied); the answer below is written by us, minimal: the parent with its new stock.
    const builder = new CatalogueBuilder();
    builder.addProduct(variable(846, [2783], 16));
    builder.addVariation(846, variant(2783, '87%-strawberry-marble', 'parent', 16));
    const plan = planStockPush(builder.result(), [{ sku: '87%-strawberry-marble', quantity: 11 }]);
    const shop = scriptedShop([
      response(200, '{"update":[{"id":846,"manage_stock":true,"stock_quantity":11}]}'),
    ]);
    const result = pushStock(shop.io, SHOP, plan);
    expect(shop.requests[0].url).toBe('https://example.com/wp-json/wc/v3/products/batch');
    expect(bodyOf(shop.requests[0])).toEqual({
      update: [{ id: 846, manage_stock: true, stock_quantity: 11 }],
    });
    expect(result.pushed).toEqual([{ sku: '87%-strawberry-marble', quantity: 11, shopQuantity: 11 }]);
  });

  it('fails the SKUs of a call that fails as a whole, and still sends the other calls', () => {
    const plan = planStockPush(catalogueOf([entry('A', 1, null), entry('B', 22, 732), entry('C', 9, null)]), [
      { sku: 'A', quantity: 1 },
      { sku: 'B', quantity: 2 },
      { sku: 'C', quantity: 0 },
    ]);
    const shop = fakeShop((req) =>
      req.url.endsWith('/products/22/variations/batch')
        ? response(503, 'Service Unavailable')
        : response(200, { update: bodyOf(req).update }),
    );
    const io = { ...shop.io, attempts: 2 };
    const result = pushStock(io, SHOP, plan);
    expect(result.pushed.map((p) => p.sku)).toEqual(['A', 'C']);
    expect(result.failures).toEqual([
      { sku: 'B', problem: expect.stringMatching(/WooCommerce had an error \(HTTP 503\)/) },
    ]);
    expect(result.calls).toBe(2);
    expect(shop.requests).toHaveLength(3); // the variations call was tried twice
    expect(shop.waits).toEqual([1000]);
  });

  it('fails every SKU with "check the key" words when the key may not write', () => {
    const plan = planStockPush(catalogueOf([entry('A', 1, null)]), [{ sku: 'A', quantity: 1 }]);
    const shop = scriptedShop([response(401, { code: 'woocommerce_rest_cannot_edit', message: 'Sorry.' })]);
    const result = pushStock(shop.io, SHOP, plan);
    expect(result.failures).toEqual([{ sku: 'A', problem: expect.stringMatching(/check the key/) }]);
  });

  it('includes the plan\u2019s own failures', () => {
    const plan = planStockPush(catalogueOf([]), [{ sku: 'NOPE', quantity: 1 }]);
    const result = pushStock(acceptingShop().io, SHOP, plan);
    expect(result.failures.map((f) => f.sku)).toEqual(['NOPE']);
    expect(result.calls).toBe(0);
  });
});
