/**
 * Where each SKU's stock lives in a WooCommerce shop: every product, and every variation of a
 * variable product, read once per run and keyed by SKU. Looking SKUs up one by one
 * (GET /products?sku=…) would cost one call per SKU; reading the catalogue costs
 *   ⌈products / 100⌉ + Σ over variable products ⌈variations / 100⌉ calls,
 * e.g. 3 + 40 = 43 calls for 300 products of which 40 have variations. `_fields` asks only for
 * the stock fields (WordPress core honours it on every REST route), keeping each page small.
 * The same read gives each SKU's current stock_quantity, which the stock push checks first.
 */
import type { HttpRequest } from '../../platform/http';
import { json, type ShopHttp, send } from '../shop-http';
import { decimal, get, isAbsent, text, wholeId } from './read';
import { expectList, nextPage, query, WOO_PAGE_SIZE, WOO_PLATFORM, type WooShop, wooRequest } from './site';

export interface WooStockEntry {
  sku: string;
  productId: number;
  /** Null for a product that is not a variation. */
  variationId: number | null;
  /** As WooCommerce says: a variation reads "parent" when its parent product manages its stock. */
  manageStock: boolean | 'parent';
  /** The stock WooCommerce counts now (the parent's when "parent"); null when it does not track it. */
  stockQuantity: number | null;
  /** The same text as WebOrderLine.productRef: "93" or "22/23". */
  ref: string;
}

export interface CatalogueProblem {
  sku: string;
  problem: string;
}

export interface WooCatalogue {
  bySku: Map<string, WooStockEntry>;
  /** SKUs found on more than one product or variation: no stock is pushed for them. */
  ambiguous: Map<string, string[]>;
  problems: CatalogueProblem[];
  /** HTTP calls made, not counting retries. */
  calls: number;
}

const PRODUCT_FIELDS = 'id,type,sku,manage_stock,stock_quantity,variations';
const VARIATION_FIELDS = 'id,sku,manage_stock,stock_quantity';

/** GET /products, one page of 100, stock fields only. */
export function productsRequest(shop: WooShop, page: number): HttpRequest {
  return wooRequest(
    shop,
    'GET',
    `/products?${query([
      ['per_page', WOO_PAGE_SIZE],
      ['page', page],
      ['_fields', PRODUCT_FIELDS],
    ])}`,
  );
}

/** GET /products/{id}/variations, one page of 100, stock fields only. */
export function variationsRequest(shop: WooShop, productId: number, page: number): HttpRequest {
  return wooRequest(
    shop,
    'GET',
    `/products/${productId}/variations?${query([
      ['per_page', WOO_PAGE_SIZE],
      ['page', page],
      ['_fields', VARIATION_FIELDS],
    ])}`,
  );
}

function manageStockOf(value: unknown): boolean | 'parent' {
  if (value === true) return true;
  return value === 'parent' ? 'parent' : false;
}

function quantityOf(value: unknown): number | null {
  return isAbsent(value) ? null : decimal(value);
}

/** Builds a catalogue from products and variations as read; pure, so it is tested on its own. */
export class CatalogueBuilder {
  private readonly catalogue: WooCatalogue = {
    bySku: new Map(),
    ambiguous: new Map(),
    problems: [],
    calls: 0,
  };
  private readonly productStock = new Map<number, number | null>();

  /** Adds a product; returns its id when it is a variable product whose variations must be read. */
  addProduct(raw: unknown): number | null {
    const id = wholeId(get(raw, 'id'));
    if (id === null) return null;
    const manageStock = manageStockOf(get(raw, 'manage_stock'));
    const stockQuantity = manageStock === true ? quantityOf(get(raw, 'stock_quantity')) : null;
    this.productStock.set(id, stockQuantity);
    this.add({
      sku: text(get(raw, 'sku')).trim(),
      productId: id,
      variationId: null,
      manageStock,
      stockQuantity,
      ref: `${id}`,
    });
    const variations = get(raw, 'variations');
    const variable = text(get(raw, 'type')) === 'variable';
    return variable && (!Array.isArray(variations) || variations.length > 0) ? id : null;
  }

  /** Adds a variation of a product added before. */
  addVariation(productId: number, raw: unknown): void {
    const id = wholeId(get(raw, 'id'));
    if (id === null) return;
    const manageStock = manageStockOf(get(raw, 'manage_stock'));
    const own = quantityOf(get(raw, 'stock_quantity'));
    // A "parent" variation reports its parent's count; the parent's own read is the source.
    let stockQuantity: number | null = null;
    if (manageStock === true) stockQuantity = own;
    else if (manageStock === 'parent') stockQuantity = this.productStock.get(productId) ?? own;
    this.add({
      sku: text(get(raw, 'sku')).trim(),
      productId,
      variationId: id,
      manageStock,
      stockQuantity,
      ref: `${productId}/${id}`,
    });
  }

  countCall(): void {
    this.catalogue.calls++;
  }

  result(): WooCatalogue {
    return this.catalogue;
  }

  private add(entry: WooStockEntry): void {
    if (entry.sku === '') return;
    const { bySku, ambiguous, problems } = this.catalogue;
    const refs = ambiguous.get(entry.sku);
    if (refs) {
      refs.push(entry.ref);
      return;
    }
    const first = bySku.get(entry.sku);
    if (!first) {
      bySku.set(entry.sku, entry);
      return;
    }
    bySku.delete(entry.sku);
    ambiguous.set(entry.sku, [first.ref, entry.ref]);
    problems.push({
      sku: entry.sku,
      problem: `SKU ${entry.sku} is on more than one product in WooCommerce (${first.ref} and ${entry.ref}): its stock is not pushed until the SKU is made unique there.`,
    });
  }
}

/** Reads every product and variation's SKU and stock. Throws ShopError when the shop cannot be read. */
export function readCatalogue(io: ShopHttp, shop: WooShop): WooCatalogue {
  const builder = new CatalogueBuilder();
  const variable: number[] = [];
  for (let page: number | null = 1; page !== null; ) {
    const req = productsRequest(shop, page);
    const res = send(io, req);
    builder.countCall();
    const items = expectList(json({ platform: WOO_PLATFORM }, res, req.url), 'products', req.url);
    for (const item of items) {
      const parent = builder.addProduct(item);
      if (parent !== null) variable.push(parent);
    }
    page = nextPage(res, page, items.length);
  }
  for (const productId of variable) {
    for (let page: number | null = 1; page !== null; ) {
      const req = variationsRequest(shop, productId, page);
      const res = send(io, req);
      builder.countCall();
      const items = expectList(json({ platform: WOO_PLATFORM }, res, req.url), 'variations', req.url);
      for (const item of items) builder.addVariation(productId, item);
      page = nextPage(res, page, items.length);
    }
  }
  return builder.result();
}
