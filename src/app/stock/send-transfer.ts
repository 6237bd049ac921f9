/**
 * Sending a transfer between real locations (warehouse → store): a Transfers row (TR-000001,
 * in transit) and one move From → Transit per SKU. The sending location's On hand drops at
 * once and the destination's In transit rises, in the same commit. Sending more than is
 * available at the source is refused. A retry with the same key (found by the spreadsheet in the
 * Transfers tab's Key column) returns the first result and writes nothing.
 */
import { Catalogue } from '../../core/catalogue';
import { applyMoves, type Move, shortages, TRANSIT } from '../../core/stock';
import { moveRecord } from '../../ledger/movements';
import { LedgerError } from '../../ledger/problem';
import { readProducts } from '../../ledger/products';
import { MOVEMENTS, TRANSFERS } from '../../ledger/schema';
import { readStock, writeBalances } from '../../ledger/stock-tab';
import { appendRows, findRows, readFoundRows, readHeaderTable, validateRow } from '../../ledger/table';
import { type Transfer, transferOf, transferRecord } from '../../ledger/transfers';
import { underLock } from '../commit';
import { loadContext } from '../ledger-context';
import { takeIds } from '../sequence';
import {
  checkKey,
  checkLocation,
  checkQuantities,
  NOTHING_WRITTEN,
  resolveSkus,
  type StockLine,
  type StockPorts,
} from './stock-input';
import { checkStockRows, linesOf, movesOfKey, reorderPoints } from './stock-moves';

export interface SendTransferInput {
  key: string;
  from: string;
  to: string;
  lines: StockLine[];
}

export interface SendTransferResult {
  transferId: string;
  from: string;
  to: string;
  /** ISO time it was sent. */
  sent: string;
  lines: StockLine[];
  repeated: boolean;
}

export function sendTransfer(p: StockPorts, input: SendTransferInput): SendTransferResult {
  const key = checkKey(input?.key);
  const wanted = checkQuantities(input?.lines);
  return underLock(p, () => {
    const wb = p.workbook;
    const ctx = loadContext(wb);
    const transfers = readHeaderTable(wb, TRANSFERS, ctx.tabs);
    const movements = readHeaderTable(wb, MOVEMENTS, ctx.tabs);
    const sentBefore = findRows(wb, transfers, 'Key', key);
    if (sentBefore.length > 0) {
      const [row] = readFoundRows(wb, transfers, sentBefore.slice(0, 1));
      const problems = validateRow(transfers, row, ctx.cells);
      if (problems.length > 0) {
        throw new LedgerError(
          `The transfer sent earlier with the key "${key}" has bad cells: ${problems.map((x) => `Transfers!${x.cell}: ${x.message}`).join(' ')} Fix them, then try again. ${NOTHING_WRITTEN}`,
          problems,
        );
      }
      const transfer = transferOf(transfers, row);
      const moves = movesOfKey(wb, movements, key, ctx.cells, { reasons: ['transfer-out'], prefix: 'TR' });
      return resultOf(transfer, moves, true);
    }
    // The key may not belong to another command either.
    movesOfKey(wb, movements, key, ctx.cells, null);

    const locations = ctx.settings.locations;
    const from = checkLocation(input.from, locations, 'send a transfer from');
    const to = checkLocation(input.to, locations, 'send a transfer to');
    if (from === to) {
      throw new LedgerError(
        `A transfer goes from one location to another, but both are ${from}. Choose two different locations. ${NOTHING_WRITTEN}`,
      );
    }
    const catalogue = new Catalogue(readProducts(wb, ctx.cells, ctx.tabs).products);
    const lines = resolveSkus(wanted, catalogue);
    const stock = readStock(wb, ctx.cells, ctx.tabs);
    checkStockRows(stock, [
      ...lines.map((l) => ({ sku: l.sku, location: from })),
      ...lines.map((l) => ({ sku: l.sku, location: to })),
    ]);
    const short = shortages(stock.balances, from, lines);
    if (short.length > 0) {
      const list = short
        .map(
          (s) =>
            `${s.sku} (${catalogue.sku(s.sku)?.name ?? s.sku}): ${s.requested} to send, ${s.available} available`,
        )
        .join('; ');
      throw new LedgerError(
        `Not enough stock in ${from} to send: ${list}. Send less, or receive or count the stock at ${from} first. ${NOTHING_WRITTEN}`,
      );
    }

    const [transferId] = takeIds(p, transfers, 'Transfer ID', 'TR');
    const time = p.clock.now();
    const transfer: Transfer = {
      id: transferId,
      sent: time,
      from,
      to,
      status: 'in transit',
      received: null,
      key,
    };
    const moves: Move[] = lines.map((l, i) => ({
      id: `${transferId}/${i + 1}`,
      time,
      sku: l.sku,
      qty: l.qty,
      from,
      to: TRANSIT,
      reason: 'transfer-out',
      reference: transferId,
      key,
    }));
    appendRows(wb, transfers, [transferRecord(transfer)]);
    appendRows(wb, movements, moves.map(moveRecord));
    writeBalances(
      wb,
      stock,
      applyMoves(stock.balances, moves, locations, [{ id: transferId, from, to }]),
      reorderPoints(catalogue),
    );
    return resultOf(transfer, moves, false);
  });
}

function resultOf(t: Transfer, moves: readonly Move[], repeated: boolean): SendTransferResult {
  return {
    transferId: t.id,
    from: t.from,
    to: t.to,
    sent: new Date(t.sent).toISOString(),
    lines: linesOf(moves),
    repeated,
  };
}
