/**
 * Pushing stock to a shop: for each SKU the shop sells, what the web may sell is the sum of
 * Available over Settings › Web stock locations, less Stock buffer, never below 0. Only SKUs
 * whose figure differs from what was last pushed are written, so the queue is derived from the
 * ledger itself and a failed push is simply tried again next time. The HTTP calls happen outside
 * the document lock; the lock is held only to read the figures and to record what was pushed.
 *
 * WooCommerce has no compare-and-set: when the shop's quantity is not what we last pushed, an
 * online sale has not been imported yet, so the caller imports first, then we write. The window
 * that remains is the seconds between that import and the write. Shopify compares and sets.
 */
import { balanceKey } from '../../core/stock';
import { parseText } from '../../ledger/cells';
import { readProducts } from '../../ledger/products';
import { MOVEMENTS, SHOP_STOCK } from '../../ledger/schema';
import { readStock } from '../../ledger/stock-tab';
import {
  appendRows,
  type Record_,
  type Row,
  type RowChange,
  readTable,
  updateRows,
} from '../../ledger/table';
import type { Platform } from '../../platform/platform';
import type { ShopConnector, StockWrite, StockWriteOutcome } from '../../shops/connector';
import { ShopError } from '../../shops/shop-error';
import { underLock } from '../commit';
import { loadContext } from '../ledger-context';
import type { ShopConfig } from './shop-config';

type Ports = Pick<Platform, 'workbook' | 'lock' | 'clock'>;

const DAY = 86_400_000;

export interface PushReport {
  /** SKUs written to the shop in this run. */
  pushed: string[];
  failed: { sku: string; error: string }[];
  /** SKUs whose shop figure had moved since our last push (an online sale not yet imported). */
  outOfStep: string[];
}

interface Plan {
  desired: Map<string, number>;
  pushedBefore: Map<string, { row: Row; ref: string; qty: number | null; at: number }>;
  revision: number;
}

function plan(p: Ports, shop: string): Plan {
  return underLock(p, () => {
    const wb = p.workbook;
    const ctx = loadContext(wb);
    const products = readProducts(wb, ctx.cells, ctx.tabs).products.filter((x) => x.active);
    const stock = readStock(wb, ctx.cells, ctx.tabs);
    const desired = new Map<string, number>();
    for (const product of products) {
      const available = ctx.settings.webStockLocations.reduce(
        (sum, loc) => sum + (stock.balances.get(balanceKey(product.sku, loc))?.available ?? 0),
        0,
      );
      desired.set(product.sku, Math.max(0, available - ctx.settings.stockBuffer));
    }
    const table = readTable(wb, SHOP_STOCK, ctx.tabs);
    const pushedBefore = new Map<string, { row: Row; ref: string; qty: number | null; at: number }>();
    for (const row of table.rows) {
      if (parseText(table.get(row, 'Shop')) !== shop) continue;
      const qty = table.get(row, 'Pushed qty');
      const at = table.get(row, 'Pushed at');
      pushedBefore.set(parseText(table.get(row, 'SKU')), {
        row,
        ref: parseText(table.get(row, 'Shop product')),
        qty: typeof qty === 'number' ? qty : null,
        at: at instanceof Date ? at.getTime() : 0,
      });
    }
    return { desired, pushedBefore, revision: wb.lastRow(MOVEMENTS.name) };
  });
}

export function pushStock(
  p: Ports,
  shop: ShopConfig,
  connector: ShopConnector,
  options: { importFirst?: () => void } = {},
): PushReport {
  let current = plan(p, shop.name);
  const now = p.clock.now();
  // A SKU the shop was found not to sell is looked for again once a day, not on every run.
  const notSold = (sku: string) => {
    const before = current.pushedBefore.get(sku);
    return before !== undefined && before.ref === '' && now - before.at < DAY;
  };
  const candidates = [...current.desired.keys()].filter(
    (sku) => !notSold(sku) && current.pushedBefore.get(sku)?.qty !== current.desired.get(sku),
  );
  const report: PushReport = { pushed: [], failed: [], outOfStep: [] };
  if (candidates.length === 0) return report;

  let levels = connector.readStock(candidates);
  report.outOfStep = levels
    .filter((l) => {
      const before = current.pushedBefore.get(l.sku)?.qty;
      return before !== null && before !== undefined && l.quantity !== null && l.quantity !== before;
    })
    .map((l) => l.sku);
  if (report.outOfStep.length > 0 && options.importFirst) {
    options.importFirst();
    current = plan(p, shop.name);
    levels = connector.readStock(candidates);
  }

  const writes: StockWrite[] = levels
    .filter((l) => l.quantity !== current.desired.get(l.sku))
    .map((l) => ({
      sku: l.sku,
      ref: l.ref,
      quantity: current.desired.get(l.sku) ?? 0,
      expected: l.quantity,
      key: `${l.sku}:${current.revision}`,
    }));
  let outcomes: StockWriteOutcome[] = [];
  try {
    outcomes = writes.length > 0 ? connector.writeStock(writes) : [];
  } catch (e) {
    if (!(e instanceof ShopError)) throw e;
    outcomes = writes.map((w) => ({ sku: w.sku, ok: false, error: e.message }));
  }
  const outcomeOf = new Map(outcomes.map((o) => [o.sku, o]));

  // Record what the shop now holds: the pushed figure, or the figure it already had.
  underLock(p, () => {
    const wb = p.workbook;
    const ctx = loadContext(wb);
    const table = readTable(wb, SHOP_STOCK, ctx.tabs);
    const rowOf = new Map(
      table.rows
        .filter((r) => parseText(table.get(r, 'Shop')) === shop.name)
        .map((r) => [parseText(table.get(r, 'SKU')), r]),
    );
    const now = new Date(p.clock.now());
    const added: Record_[] = [];
    const changes: RowChange[] = [];
    const found = new Set(levels.map((l) => l.sku));
    for (const sku of candidates) {
      if (found.has(sku)) continue;
      const values: Record_ = {
        'Shop product': '',
        'Pushed qty': '',
        'Pushed at': new Date(now),
        'Last error': 'not sold in this shop',
      };
      const row = rowOf.get(sku);
      if (row) changes.push({ row, values });
      else added.push({ Shop: shop.name, SKU: sku, ...values });
    }
    for (const level of levels) {
      const outcome = outcomeOf.get(level.sku);
      const wanted = current.desired.get(level.sku) ?? 0;
      const values: Record_ = outcome
        ? outcome.ok
          ? {
              'Shop product': level.ref,
              'Pushed qty': outcome.quantity ?? wanted,
              'Pushed at': new Date(now),
              'Last error': '',
            }
          : { 'Shop product': level.ref, 'Last error': outcome.error ?? 'failed' }
        : {
            'Shop product': level.ref,
            'Pushed qty': level.quantity ?? '',
            'Pushed at': new Date(now),
            'Last error': '',
          };
      if (outcome?.ok) report.pushed.push(level.sku);
      if (outcome && !outcome.ok) report.failed.push({ sku: level.sku, error: outcome.error ?? 'failed' });
      const row = rowOf.get(level.sku);
      if (row) changes.push({ row, values });
      else added.push({ Shop: shop.name, SKU: level.sku, ...values });
    }
    updateRows(wb, table, changes, { oneBlock: true });
    appendRows(wb, table, added);
  });
  return report;
}
