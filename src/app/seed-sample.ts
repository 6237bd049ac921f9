/**
 * `init --sample`: a realistic catalogue with opening stock in Store and Warehouse, so a new
 * user has something to sell. Refused on a ledger that already has products.
 */
import { sampleCatalogue } from '../core/sample-catalogue';
import { computeBalances, type Move, nextId } from '../core/stock';
import { moveRecord, readMoves } from '../ledger/movements';
import { LedgerError } from '../ledger/problem';
import { productRecord } from '../ledger/product-record';
import { readProducts } from '../ledger/products';
import { readStock, writeBalances } from '../ledger/stock-tab';
import { appendRows } from '../ledger/table';
import type { Platform } from '../platform/platform';
import { underLock } from './commit';
import { loadContext } from './ledger-context';

export interface SampleReport {
  products: number;
  moves: number;
}

export function seedSample(p: Pick<Platform, 'workbook' | 'lock' | 'clock'>): SampleReport {
  const wb = p.workbook;
  return underLock(p, () => {
    const ctx = loadContext(wb);
    const products = readProducts(wb, ctx.cells, ctx.tabs);
    if (products.table.rows.length > 0) {
      throw new LedgerError(
        `The ledger already has ${products.table.rows.length} products, so the sample catalogue was not added. Use --sample only on a new ledger.`,
      );
    }
    const moves = readMoves(wb, ctx.cells, ctx.tabs);
    const stock = readStock(wb, ctx.cells, ctx.tabs);
    const items = sampleCatalogue();
    const id = nextId(
      'M',
      moves.moves.map((m) => m.id),
    );
    const time = p.clock.now();
    const opening: Move[] = items.flatMap(({ product, opening }) =>
      (['Store', 'Warehouse'] as const).map((location) => ({
        id: id(),
        time,
        sku: product.sku,
        qty: opening[location],
        from: 'Count',
        to: location,
        reason: 'count' as const,
        reference: 'Opening stock',
        key: `opening:${product.sku}:${location}`,
      })),
    );
    appendRows(
      wb,
      products.table,
      items.map((i) => productRecord(i.product, ctx.cells)),
    );
    appendRows(wb, moves.table, opening.map(moveRecord));
    const reorder = new Map(items.map((i) => [i.product.sku, i.product.reorderPoint]));
    writeBalances(
      wb,
      stock,
      computeBalances([...moves.moves, ...opening], ctx.settings.locations),
      (sku) => reorder.get(sku) ?? null,
    );
    return { products: items.length, moves: opening.length };
  });
}
