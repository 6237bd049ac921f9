/**
 * Pushing the ledger's stock figures to WooCommerce.
 *
 * WooCommerce has no compare-and-set: a write overwrites whatever it counted since. So a push is
 *   1. readCatalogue (catalogue.ts): every SKU's product or variation and its current stock;
 *   2. checkShopStock per SKU: if WooCommerce's count is not what the ledger last pushed, an
 *      online sale (or refund, or edit) has not been imported yet: the caller imports first,
 *      recomputes the figure, and then writes it without reading again;
 *   3. planStockPush + pushStock: POST /products/batch and POST /products/{id}/variations/batch,
 *      at most 100 items per call, `{"update":[{"id", "manage_stock": true, "stock_quantity"}]}`.
 * Calls: ⌈SKUs on products / 100⌉ + Σ per parent product ⌈its variations / 100⌉.
 *
 * The race that remains: a sale in WooCommerce after the import's last read (or after the
 * catalogue read, when no import was needed) and before the write is overwritten. WooCommerce
 * then shows that sale's units as still for sale until the ledger imports the order and pushes
 * again (the next sync: about a minute while the till is open, an hour at most). The window is
 * the seconds between reading and writing in one run, which is why the three steps run
 * back to back.
 *
 * A variation whose `manage_stock` reads "parent" has no stock of its own: its parent product
 * counts it, so the figure is written to the parent (through /products/batch).
 */
import type { HttpRequest, HttpResponse } from '../../platform/http';
import { ShopError } from '../shop-error';
import { json, type ShopHttp, send } from '../shop-http';
import type { WooCatalogue, WooStockEntry } from './catalogue';
import { decimal, get, isObject, list, text, wholeId } from './read';
import { WOO_PAGE_SIZE, WOO_PLATFORM, type WooShop, wooRequest } from './site';

export interface StockToPush {
  sku: string;
  /** The figure to show online: a whole number, 0 or more. */
  quantity: number;
}

export interface StockWriteItem {
  sku: string;
  /** The product or variation id written. */
  id: number;
  quantity: number;
}

export interface StockBatch {
  /** Null: POST /products/batch. A product id: POST /products/{id}/variations/batch. */
  parentId: number | null;
  items: StockWriteItem[];
}

export interface StockPushFailure {
  sku: string;
  problem: string;
}

export interface StockPushPlan {
  batches: StockBatch[];
  failures: StockPushFailure[];
}

export interface PushedStock {
  sku: string;
  quantity: number;
  /** The stock_quantity WooCommerce answered; null when its answer did not say. */
  shopQuantity: number | null;
}

export interface StockPushResult {
  pushed: PushedStock[];
  failures: StockPushFailure[];
  /** HTTP calls made, not counting retries. */
  calls: number;
}

/** Where a SKU's stock is written: the variation itself, or its parent when the parent manages it. */
export function stockTarget(entry: WooStockEntry): { productId: number; variationId: number | null } {
  return entry.manageStock === 'parent' || entry.variationId === null
    ? { productId: entry.productId, variationId: null }
    : { productId: entry.productId, variationId: entry.variationId };
}

export type ShopStockCheck = { inStep: true } | { inStep: false; reason: string };

/**
 * Whether WooCommerce still counts what the ledger last pushed for a SKU, so a write loses
 * nothing. `current` is its stock_quantity now (null when it does not track the SKU's stock),
 * `lastPushed` the ledger's last figure for it (null when it never pushed one: then there is
 * nothing to compare, and the first push sets it).
 */
export function checkShopStock(
  sku: string,
  current: number | null,
  lastPushed: number | null,
): ShopStockCheck {
  if (lastPushed === null || current === lastPushed) return { inStep: true };
  if (current === null) {
    return {
      inStep: false,
      reason: `WooCommerce no longer tracks the stock of ${sku} (the ledger last pushed ${lastPushed}): import its orders first; the push turns tracking back on.`,
    };
  }
  if (current < lastPushed) {
    return {
      inStep: false,
      reason: `online sale not yet imported: WooCommerce shows ${current} of ${sku} but the ledger last pushed ${lastPushed}; import orders first, then push.`,
    };
  }
  return {
    inStep: false,
    reason: `WooCommerce shows ${current} of ${sku} but the ledger last pushed ${lastPushed}: a refund, cancellation or edit in WooCommerce not yet imported; import orders first, then push.`,
  };
}

/**
 * Which calls write the given figures, in batches of at most 100. The last figure given for a SKU
 * wins. Fails, per SKU: a figure that is not a whole number ≥ 0, a SKU WooCommerce does not have
 * (or has twice), and SKUs that share one stock (variations counted by their parent, or the parent
 * and its variations), since the ledger counts them apart and one figure would overwrite another.
 */
export function planStockPush(catalogue: WooCatalogue, items: readonly StockToPush[]): StockPushPlan {
  const failures: StockPushFailure[] = [];
  const latest = new Map<string, number>();
  for (const item of items) latest.set(item.sku, item.quantity);

  const byTarget = new Map<
    string,
    { parentId: number | null; id: number; skus: string[]; quantity: number }
  >();
  for (const [sku, quantity] of latest) {
    if (!Number.isSafeInteger(quantity) || quantity < 0) {
      failures.push({
        sku,
        problem: `The stock figure ${quantity} for ${sku} is not a whole number of 0 or more.`,
      });
      continue;
    }
    const refs = catalogue.ambiguous.get(sku);
    if (refs) {
      failures.push({
        sku,
        problem: `SKU ${sku} is on more than one product in WooCommerce (${refs.join(', ')}): make it unique there.`,
      });
      continue;
    }
    const entry = catalogue.bySku.get(sku);
    if (!entry) {
      failures.push({
        sku,
        problem: `No product or variation in WooCommerce has the SKU ${sku}: give it that SKU there, or stop selling it online.`,
      });
      continue;
    }
    const target = stockTarget(entry);
    const key = `${target.productId}/${target.variationId ?? ''}`;
    const existing = byTarget.get(key);
    if (existing) existing.skus.push(sku);
    else {
      byTarget.set(key, {
        parentId: target.variationId === null ? null : target.productId,
        id: target.variationId ?? target.productId,
        skus: [sku],
        quantity,
      });
    }
  }

  const groups = new Map<number | null, StockWriteItem[]>();
  for (const target of byTarget.values()) {
    if (target.skus.length > 1) {
      for (const sku of target.skus) {
        failures.push({
          sku,
          problem: `SKUs ${target.skus.join(', ')} share one stock in WooCommerce (product ${target.id} counts it for its variations), but the ledger counts them apart: set "Manage stock" on each variation in WooCommerce.`,
        });
      }
      continue;
    }
    const group = groups.get(target.parentId) ?? [];
    group.push({ sku: target.skus[0], id: target.id, quantity: target.quantity });
    groups.set(target.parentId, group);
  }

  const batches: StockBatch[] = [];
  for (const [parentId, group] of groups) {
    for (let i = 0; i < group.length; i += WOO_PAGE_SIZE) {
      batches.push({ parentId, items: group.slice(i, i + WOO_PAGE_SIZE) });
    }
  }
  return { batches, failures };
}

/** The batch call that writes one StockBatch. */
export function stockBatchRequest(shop: WooShop, batch: StockBatch): HttpRequest {
  if (batch.items.length > WOO_PAGE_SIZE) {
    throw new RangeError(
      `A WooCommerce batch takes at most ${WOO_PAGE_SIZE} items, not ${batch.items.length}.`,
    );
  }
  const path = batch.parentId === null ? '/products/batch' : `/products/${batch.parentId}/variations/batch`;
  return wooRequest(shop, 'POST', path, {
    update: batch.items.map((item) => ({ id: item.id, manage_stock: true, stock_quantity: item.quantity })),
  });
}

function where(batch: StockBatch, item: StockWriteItem): string {
  return batch.parentId === null ? `product ${item.id}` : `variation ${item.id} of product ${batch.parentId}`;
}

/**
 * The outcome per SKU of a batch call that answered 200. WooCommerce reports a refused item inside
 * the 200 as `{"id": …, "error": {"code", "message", "data"}}`: only that SKU fails.
 */
export function readStockBatchResponse(
  batch: StockBatch,
  res: HttpResponse,
  url = 'the stock batch',
): { pushed: PushedStock[]; failures: StockPushFailure[] } {
  const body = json({ platform: WOO_PLATFORM }, res, url);
  const answers = list(body, 'update');
  const pushed: PushedStock[] = [];
  const failures: StockPushFailure[] = [];
  batch.items.forEach((item, index) => {
    // Matched by id; an answer without an id (some errors) is matched by its place.
    const answer =
      answers.find((candidate) => wholeId(get(candidate, 'id')) === item.id) ??
      (isObject(answers[index]) && wholeId(get(answers[index], 'id')) === null ? answers[index] : undefined);
    if (answer === undefined) {
      failures.push({
        sku: item.sku,
        problem: `WooCommerce did not confirm the stock of ${item.sku} (${where(batch, item)}): it is pushed again on the next sync.`,
      });
      return;
    }
    const error = get(answer, 'error');
    if (isObject(error)) {
      const code = text(get(error, 'code'));
      failures.push({
        sku: item.sku,
        problem: `WooCommerce refused the stock of ${item.sku} (${where(batch, item)}): ${text(get(error, 'message')) || 'no reason given'}${code ? ` (${code})` : ''}.`,
      });
      return;
    }
    const shopQuantity = decimal(get(answer, 'stock_quantity'));
    if (shopQuantity !== null && shopQuantity !== item.quantity) {
      failures.push({
        sku: item.sku,
        problem: `WooCommerce answered ${shopQuantity} of ${item.sku} after the ledger wrote ${item.quantity} (${where(batch, item)}): a sale in between or an extension changed it; it is checked again on the next sync.`,
      });
      return;
    }
    pushed.push({ sku: item.sku, quantity: item.quantity, shopQuantity });
  });
  return { pushed, failures };
}

/**
 * Sends every batch of the plan. A batch call that fails as a whole (after send's retries) fails
 * its SKUs with the reason and the other batches still go; the plan's own failures are included.
 */
export function pushStock(io: ShopHttp, shop: WooShop, plan: StockPushPlan): StockPushResult {
  const result: StockPushResult = { pushed: [], failures: [...plan.failures], calls: 0 };
  for (const batch of plan.batches) {
    const req = stockBatchRequest(shop, batch);
    try {
      result.calls++;
      const read = readStockBatchResponse(batch, send(io, req), req.url);
      result.pushed.push(...read.pushed);
      result.failures.push(...read.failures);
    } catch (error) {
      if (!(error instanceof ShopError)) throw error;
      for (const item of batch.items) result.failures.push({ sku: item.sku, problem: error.message });
    }
  }
  return result;
}
