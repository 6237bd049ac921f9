/**
 * Goods in from a supplier: one move Supplier → location per SKU, all under one reference like
 * GR-000001, and the Stock rows they change, in one commit. A retry with the same key finds the
 * first commit's moves (the spreadsheet searches the Key column) and returns them, writing
 * nothing.
 */
import { Catalogue } from '../../core/catalogue';
import { applyMoves, type Move } from '../../core/stock';
import { moveRecord } from '../../ledger/movements';
import { readProducts } from '../../ledger/products';
import { MOVEMENTS } from '../../ledger/schema';
import { readStock, writeBalances } from '../../ledger/stock-tab';
import { appendRows, readHeaderTable } from '../../ledger/table';
import { underLock } from '../commit';
import { loadContext } from '../ledger-context';
import {
  checkKey,
  checkLocation,
  checkQuantities,
  resolveSkus,
  type StockLine,
  type StockPorts,
} from './stock-input';
import { checkStockRows, linesOf, movesOfKey, newReference, reorderPoints } from './stock-moves';

export interface ReceiveGoodsInput {
  /** Idempotency key: the same key again returns the first result and writes nothing. */
  key: string;
  /** A real location from Settings › Locations. */
  location: string;
  lines: StockLine[];
}

export interface ReceiveGoodsResult {
  /** GR-000001: the Reference of the moves. */
  reference: string;
  location: string;
  /** ISO time of the receipt. */
  time: string;
  lines: StockLine[];
  /** Moves written (or written by the first run, when repeated). */
  moves: number;
  /** True when this key had been recorded already, so nothing was written now. */
  repeated: boolean;
}

export function receiveGoods(p: StockPorts, input: ReceiveGoodsInput): ReceiveGoodsResult {
  const key = checkKey(input?.key);
  const wanted = checkQuantities(input?.lines);
  return underLock(p, () => {
    const wb = p.workbook;
    const ctx = loadContext(wb);
    const movements = readHeaderTable(wb, MOVEMENTS, ctx.tabs);
    const earlier = movesOfKey(wb, movements, key, ctx.cells, { reasons: ['receipt'], prefix: 'GR' });
    if (earlier.length > 0) return resultOf(earlier, true);

    const location = checkLocation(input.location, ctx.settings.locations, 'receive goods at');
    const catalogue = new Catalogue(readProducts(wb, ctx.cells, ctx.tabs).products);
    const lines = resolveSkus(wanted, catalogue);
    const stock = readStock(wb, ctx.cells, ctx.tabs);
    checkStockRows(
      stock,
      lines.map((l) => ({ sku: l.sku, location })),
    );

    const reference = newReference(p, movements, 'GR');
    const time = p.clock.now();
    const moves: Move[] = lines.map((l, i) => ({
      id: `${reference}/${i + 1}`,
      time,
      sku: l.sku,
      qty: l.qty,
      from: 'Supplier',
      to: location,
      reason: 'receipt',
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
    return resultOf(moves, false);
  });
}

function resultOf(moves: readonly Move[], repeated: boolean): ReceiveGoodsResult {
  return {
    reference: moves[0].reference,
    location: moves[0].to,
    time: new Date(moves[0].time).toISOString(),
    lines: linesOf(moves),
    moves: moves.length,
    repeated,
  };
}
