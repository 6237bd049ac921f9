/**
 * A stock count: the quantity found per SKU at one location. The difference to On hand becomes
 * a move Count → location (more was found) or location → Count (some is missing), reason
 * "count", all under one reference like CT-000001. A SKU whose count matches gets no move.
 *
 * A retry with the same key returns the first count's moves and writes nothing. A count that
 * found no difference at all wrote nothing, so its retry counts again against the stock as it
 * is then: which is what a count means.
 */
import { Catalogue } from '../../core/catalogue';
import { applyMoves, balanceKey, type Move } from '../../core/stock';
import { moveRecord } from '../../ledger/movements';
import { readProducts } from '../../ledger/products';
import { MOVEMENTS } from '../../ledger/schema';
import { readStock, writeBalances } from '../../ledger/stock-tab';
import { appendRows, readHeaderTable } from '../../ledger/table';
import { underLock } from '../commit';
import { loadContext } from '../ledger-context';
import { checkCounts, checkKey, checkLocation, resolveSkus, type StockPorts } from './stock-input';
import { checkStockRows, movesOfKey, newReference, reorderPoints } from './stock-moves';

export interface CountStockInput {
  key: string;
  location: string;
  lines: { sku: string; counted: number }[];
}

export interface CountAdjustment {
  sku: string;
  /** Counted minus On hand: positive when more was found. */
  difference: number;
  /** On hand before the count and the quantity counted; null when a retry replays the first count. */
  before: number | null;
  counted: number | null;
}

export interface CountStockResult {
  /** CT-000001, or null when nothing differed (and nothing was written). */
  reference: string | null;
  location: string;
  adjustments: CountAdjustment[];
  /** SKUs whose count matched On hand. */
  unchanged: string[];
  repeated: boolean;
}

export function countStock(p: StockPorts, input: CountStockInput): CountStockResult {
  const key = checkKey(input?.key);
  const counts = checkCounts(input?.lines);
  return underLock(p, () => {
    const wb = p.workbook;
    const ctx = loadContext(wb);
    const movements = readHeaderTable(wb, MOVEMENTS, ctx.tabs);
    const earlier = movesOfKey(wb, movements, key, ctx.cells, { reasons: ['count'], prefix: 'CT' });
    if (earlier.length > 0) {
      const location = earlier[0].from === 'Count' ? earlier[0].to : earlier[0].from;
      return {
        reference: earlier[0].reference,
        location,
        adjustments: earlier.map((m) => ({
          sku: m.sku,
          difference: m.from === 'Count' ? m.qty : -m.qty,
          before: null,
          counted: null,
        })),
        unchanged: [],
        repeated: true,
      };
    }

    const location = checkLocation(input.location, ctx.settings.locations, 'count stock at');
    const catalogue = new Catalogue(readProducts(wb, ctx.cells, ctx.tabs).products);
    const lines = resolveSkus(counts, catalogue);
    const stock = readStock(wb, ctx.cells, ctx.tabs);
    checkStockRows(
      stock,
      lines.map((l) => ({ sku: l.sku, location })),
    );
    const adjustments: CountAdjustment[] = [];
    const unchanged: string[] = [];
    for (const l of lines) {
      const before = stock.balances.get(balanceKey(l.sku, location))?.onHand ?? 0;
      if (l.qty === before) unchanged.push(l.sku);
      else adjustments.push({ sku: l.sku, difference: l.qty - before, before, counted: l.qty });
    }
    if (adjustments.length === 0)
      return { reference: null, location, adjustments, unchanged, repeated: false };

    const reference = newReference(p, movements, 'CT');
    const time = p.clock.now();
    const moves: Move[] = adjustments.map((a, i) => ({
      id: `${reference}/${i + 1}`,
      time,
      sku: a.sku,
      qty: Math.abs(a.difference),
      from: a.difference > 0 ? 'Count' : location,
      to: a.difference > 0 ? location : 'Count',
      reason: 'count',
      reference,
      key,
    }));
    appendRows(wb, movements, moves.map(moveRecord));
    writeBalances(
      wb,
      stock,
      applyMoves(stock.balances, moves, ctx.settings.locations),
      reorderPoints(catalogue),
    );
    return { reference, location, adjustments, unchanged, repeated: false };
  });
}
