/**
 * Receiving a transfer: moves Transit → destination for what arrived (transfer-in) and
 * Transit → Loss for what is written off (adjustment). By default everything still in transit
 * arrives. A partial receipt leaves the rest in transit, visible in the destination's In transit
 * on the Stock tab; once nothing is left, the Transfers row becomes "received".
 *
 * The transfer's row and its earlier moves are found by the spreadsheet (Transfer ID, and the
 * moves' Reference), never by reading the whole tab. A retry with the same key returns the first
 * result and writes nothing.
 */
import { Catalogue } from '../../core/catalogue';
import { applyMoves, type Move, parseId, TRANSIT } from '../../core/stock';
import { moveRecord } from '../../ledger/movements';
import { LedgerError } from '../../ledger/problem';
import { readProducts } from '../../ledger/products';
import { MOVEMENTS, TRANSFERS } from '../../ledger/schema';
import { readStock, writeBalances } from '../../ledger/stock-tab';
import {
  appendRows,
  findRows,
  type Row,
  readFoundRows,
  readHeaderTable,
  type Table,
  updateRows,
  validateRow,
} from '../../ledger/table';
import { type Transfer, transferOf } from '../../ledger/transfers';
import type { Workbook } from '../../platform/workbook';
import { underLock } from '../commit';
import { type LedgerContext, loadContext } from '../ledger-context';
import { checkKey, checkQuantities, NOTHING_WRITTEN, type StockLine, type StockPorts } from './stock-input';
import { checkStockRows, foundMoves, linesOf, movesOfKey, reorderPoints } from './stock-moves';

export interface ReceiveTransferInput {
  key: string;
  /** TR-000001. */
  transferId: string;
  /** What arrived; by default everything still in transit (less what is lost). */
  lines?: StockLine[];
  /** What is written off to Loss. */
  lost?: StockLine[];
}

export interface ReceiveTransferResult {
  transferId: string;
  from: string;
  to: string;
  /** Moved into the destination by this receipt. */
  received: StockLine[];
  /** Written off to Loss by this receipt. */
  lost: StockLine[];
  /** Still in transit after it. */
  remaining: StockLine[];
  status: 'in transit' | 'received';
  repeated: boolean;
}

export function receiveTransfer(p: StockPorts, input: ReceiveTransferInput): ReceiveTransferResult {
  const key = checkKey(input?.key);
  const given = input.lines === undefined ? null : checkQuantities(input.lines, 'line', true);
  const lost = checkQuantities(input.lost, 'lost line', true);
  return underLock(p, () => {
    const wb = p.workbook;
    const ctx = loadContext(wb);
    const movements = readHeaderTable(wb, MOVEMENTS, ctx.tabs);
    const transfers = readHeaderTable(wb, TRANSFERS, ctx.tabs);
    const earlier = movesOfKey(wb, movements, key, ctx.cells, {
      reasons: ['transfer-in', 'adjustment'],
      prefix: 'TR',
    });
    if (earlier.length > 0) {
      const id = earlier[0].reference;
      const { transfer } = findTransfer(wb, transfers, id, ctx);
      const moves = foundMoves(wb, movements, 'Reference', id, ctx.cells);
      return resultOf(transfer, earlier, inTransit(moves), true);
    }

    const id = String(input.transferId ?? '')
      .trim()
      .toUpperCase();
    const { transfer, row } = findTransfer(wb, transfers, id, ctx);
    if (!ctx.settings.locations.includes(transfer.to)) {
      throw new LedgerError(
        `${id} goes to "${transfer.to}", which is not one of the Locations (${ctx.settings.locations.join(', ')}). Add it back to Locations on the Settings tab, then receive the transfer. ${NOTHING_WRITTEN}`,
      );
    }
    const before = foundMoves(wb, movements, 'Reference', id, ctx.cells);
    const remaining = inTransit(before);
    if (remaining.length === 0) {
      throw new LedgerError(
        `${id} has already been received in full: nothing of it is in transit. ${NOTHING_WRITTEN}`,
      );
    }
    const spell = (line: StockLine, what: string): StockLine => {
      const match = remaining.find((r) => r.sku.toUpperCase() === line.sku.toUpperCase());
      if (!match) {
        throw new LedgerError(
          `${line.sku} (${what}) is not in transit on ${id}, which holds ${remaining.map((r) => `${r.qty} × ${r.sku}`).join(', ')}. ${NOTHING_WRITTEN}`,
        );
      }
      return { sku: match.sku, qty: line.qty };
    };
    const writtenOff = lost.map((l) => spell(l, 'lost'));
    const received =
      given?.map((l) => spell(l, 'received')) ??
      remaining
        .map((r) => ({ sku: r.sku, qty: r.qty - (writtenOff.find((l) => l.sku === r.sku)?.qty ?? 0) }))
        .filter((l) => l.qty > 0);
    if (received.length === 0 && writtenOff.length === 0) {
      throw new LedgerError(
        `Say what arrived from ${id} (a line per SKU), or what was lost; leave the lines out to receive everything in transit. ${NOTHING_WRITTEN}`,
      );
    }
    for (const r of remaining) {
      const got = received.find((l) => l.sku === r.sku)?.qty ?? 0;
      const gone = writtenOff.find((l) => l.sku === r.sku)?.qty ?? 0;
      if (got + gone > r.qty) {
        throw new LedgerError(
          `${id} has ${r.qty} of ${r.sku} in transit, but ${got} received${gone ? ` and ${gone} lost` : ''} make ${got + gone}. Receive at most what is in transit. ${NOTHING_WRITTEN}`,
        );
      }
    }

    const catalogue = new Catalogue(readProducts(wb, ctx.cells, ctx.tabs).products);
    const stock = readStock(wb, ctx.cells, ctx.tabs);
    checkStockRows(
      stock,
      received.map((l) => ({ sku: l.sku, location: transfer.to })),
    );
    const time = p.clock.now();
    let n = Math.max(0, ...before.map((m) => Number(m.id.split('/')[1]) || 0));
    const move = (l: StockLine, to: string, reason: Move['reason']): Move => ({
      id: `${id}/${++n}`,
      time,
      sku: l.sku,
      qty: l.qty,
      from: TRANSIT,
      to,
      reason,
      reference: id,
      key,
    });
    const moves = [
      ...received.map((l) => move(l, transfer.to, 'transfer-in')),
      ...writtenOff.map((l) => move(l, 'Loss', 'adjustment')),
    ];
    appendRows(wb, movements, moves.map(moveRecord));
    writeBalances(
      wb,
      stock,
      applyMoves(stock.balances, moves, ctx.settings.locations, [
        { id, from: transfer.from, to: transfer.to },
      ]),
      reorderPoints(catalogue),
    );
    const left = inTransit([...before, ...moves]);
    if (left.length === 0) {
      transfer.status = 'received';
      transfer.received = time;
      updateRows(wb, transfers, [{ row, values: { Status: 'received', Received: new Date(time) } }]);
    }
    return resultOf(transfer, moves, left, false);
  });
}

function findTransfer(
  wb: Workbook,
  transfers: Table,
  id: string,
  ctx: LedgerContext,
): { transfer: Transfer; row: Row } {
  const rows = id === '' ? [] : findRows(wb, transfers, 'Transfer ID', id);
  if (rows.length === 0) {
    const hint = parseId('TR', id) === null ? ' A transfer ID looks like TR-000001.' : '';
    throw new LedgerError(
      `No transfer "${id}" on the Transfers tab.${hint} Check the ID that "transfer send" printed. ${NOTHING_WRITTEN}`,
    );
  }
  const [row] = readFoundRows(wb, transfers, rows.slice(0, 1));
  const problems = validateRow(transfers, row, ctx.cells);
  if (problems.length > 0) {
    throw new LedgerError(
      `The row of ${id} on the Transfers tab has bad cells: ${problems.map((x) => `Transfers!${x.cell}: ${x.message}`).join(' ')} Fix them, then try again. ${NOTHING_WRITTEN}`,
      problems,
    );
  }
  return { transfer: transferOf(transfers, row), row };
}

/** What is still in Transit from these moves of one transfer, per SKU in the order sent. */
function inTransit(moves: readonly Move[]): StockLine[] {
  const left = new Map<string, number>();
  for (const m of moves) {
    if (m.to === TRANSIT) left.set(m.sku, (left.get(m.sku) ?? 0) + m.qty);
    if (m.from === TRANSIT) left.set(m.sku, (left.get(m.sku) ?? 0) - m.qty);
  }
  return [...left].filter(([, qty]) => qty > 0).map(([sku, qty]) => ({ sku, qty }));
}

function resultOf(
  t: Transfer,
  moves: readonly Move[],
  remaining: StockLine[],
  repeated: boolean,
): ReceiveTransferResult {
  return {
    transferId: t.id,
    from: t.from,
    to: t.to,
    received: linesOf(moves.filter((m) => m.reason === 'transfer-in')),
    lost: linesOf(moves.filter((m) => m.reason === 'adjustment')),
    remaining,
    status: remaining.length === 0 ? 'received' : 'in transit',
    repeated,
  };
}
