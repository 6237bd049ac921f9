/**
 * Low stock: each active product whose available stock at a real location is at or below its
 * reorder point, as the Stock tab's Low column marks it. A location with no Stock row for the
 * product counts as 0 available there. Read-only: one read each of Settings, Products and Stock.
 */
import { balanceKey, isLow } from '../../core/stock';
import { readProducts } from '../../ledger/products';
import { readStock } from '../../ledger/stock-tab';
import type { Workbook } from '../../platform/workbook';
import { loadContext } from '../ledger-context';

export interface LowStockLine {
  sku: string;
  name: string;
  location: string;
  available: number;
  reorderPoint: number;
}

export function lowStock(p: { workbook: Workbook }): LowStockLine[] {
  const wb = p.workbook;
  const ctx = loadContext(wb);
  const products = readProducts(wb, ctx.cells, ctx.tabs).products;
  const stock = readStock(wb, ctx.cells, ctx.tabs);
  const low: LowStockLine[] = [];
  for (const product of [...products].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))) {
    if (!product.active || product.reorderPoint === null) continue;
    for (const location of ctx.settings.locations) {
      const available = stock.balances.get(balanceKey(product.sku, location))?.available ?? 0;
      if (isLow(available, product.reorderPoint)) {
        low.push({
          sku: product.sku,
          name: product.name,
          location,
          available,
          reorderPoint: product.reorderPoint,
        });
      }
    }
  }
  return low;
}
