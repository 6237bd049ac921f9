/**
 * Click and collect and tracking: a paid web order to be picked up in the shop is "to collect"
 * (Orders › Fulfilment) until it is handed over at the counter; a shipped one gets its tracking
 * number. Hand-over is one commit under the lock: the goods leave the Store (from the order's
 * reservation when it was reserved there; a reservation elsewhere is released and the Store's
 * shelf stock goes instead) and Fulfilment becomes "collected". Its moves carry the order's own
 * step keys (<order key>:ship, :release), the ones the web import uses, so neither a retry nor
 * the next import moves the goods twice.
 */
import { Catalogue } from '../../core/catalogue';
import { mayHandOver } from '../../core/fulfilment';
import { currencyExponent, toMinor } from '../../core/money';
import { applyMoves, type Move, reservedAt } from '../../core/stock';
import { parseText } from '../../ledger/cells';
import { moveRecord } from '../../ledger/movements';
import { readProducts } from '../../ledger/products';
import { MOVEMENTS, ORDERS } from '../../ledger/schema';
import { readStock, writeBalances } from '../../ledger/stock-tab';
import { appendRows, findRows, readFoundRows, readHeaderTable, updateRows } from '../../ledger/table';
import type { Platform } from '../../platform/platform';
import type { Workbook } from '../../platform/workbook';
import { underLock } from '../commit';
import { type LedgerContext, loadContext } from '../ledger-context';
import { findOrder } from '../returns/find-order';
import type { Fulfilled, ToCollect } from '../returns/return-api-types';
import { refuse } from '../till/problems';

type Ports = Pick<Platform, 'workbook' | 'lock' | 'properties' | 'clock'>;

export type { Fulfilled, ToCollect };

function needsFulfilmentColumns(wb: Workbook, ctx: LedgerContext) {
  const orders = readHeaderTable(wb, ORDERS, ctx.tabs);
  if (!orders.has('Fulfilment') || !orders.has('Tracking')) {
    refuse(
      'bad-input',
      'The Orders tab has no Fulfilment and Tracking columns yet: run Extensions › Shop Ledger › Set up ledger (or shop-ledger init), which adds them.',
    );
  }
}

/** Refuses an order that is not paid (cancelled, refunded, pending): its goods are not to go out. */
function mustBePaid(orderNo: string, status: string, what: string): void {
  if (!mayHandOver(status)) {
    refuse(
      'bad-input',
      `${orderNo} is ${status || 'without a Status'}: only a paid order is ${what}. Check the order in the web shop; nothing was changed.`,
    );
  }
}

/**
 * Web orders waiting at the counter: one search of the Fulfilment column, less those no longer
 * paid (cancelled or refunded in the meantime). Each total in its own currency's minor units.
 */
export function ordersToCollect(wb: Workbook): ToCollect[] {
  const ctx = loadContext(wb);
  const orders = readHeaderTable(wb, ORDERS, ctx.tabs);
  if (!orders.has('Fulfilment')) return [];
  return readFoundRows(wb, orders, findRows(wb, orders, 'Fulfilment', 'to collect'))
    .filter((r) => mayHandOver(parseText(orders.get(r, 'Status'))))
    .map((r) => {
      const created = orders.get(r, 'Created');
      const total = orders.get(r, 'Total');
      const currency = parseText(orders.get(r, 'Currency')) || ctx.settings.currency;
      const exponent = currencyExponent(currency);
      return {
        orderId: parseText(orders.get(r, 'Order ID')),
        orderNo: parseText(orders.get(r, 'Order No')),
        shop: parseText(orders.get(r, 'Shop')),
        customerId: parseText(orders.get(r, 'Customer ID')),
        total: typeof total === 'number' ? toMinor(total, exponent) : 0,
        currency,
        exponent,
        created: created instanceof Date ? created.toISOString() : '',
      };
    });
}

export function handOver(p: Ports, input: { order: string }): Fulfilled {
  return underLock(p, () => {
    const wb = p.workbook;
    const ctx = loadContext(wb);
    needsFulfilmentColumns(wb, ctx);
    const found = findOrder(wb, ctx, input.order);
    const fulfilment = parseText(found.orders.get(found.row, 'Fulfilment'));
    const done = (replayed: boolean, skusChanged: string[] = []): Fulfilled => ({
      orderId: found.orderId,
      orderNo: found.orderNo,
      fulfilment: 'collected',
      tracking: parseText(found.orders.get(found.row, 'Tracking')),
      skusChanged,
      replayed,
    });
    if (fulfilment === 'collected') return done(true);
    mustBePaid(found.orderNo, found.status, 'handed over');
    if (fulfilment !== 'to collect') {
      refuse(
        'bad-input',
        `${found.orderNo} is not waiting to be collected (its Fulfilment is "${fulfilment || 'blank'}"): only paid click-and-collect orders are handed over.`,
      );
    }
    const movements = readHeaderTable(wb, MOVEMENTS, ctx.tabs);
    const key = found.key;
    const steps = readFoundRows(
      wb,
      movements,
      findRows(wb, movements, 'Key', [`${key}:reserve`, `${key}:ship`, `${key}:release`]),
    );
    const stepKeys = new Set(steps.map((r) => parseText(movements.get(r, 'Key'))));
    const now = p.clock.now();
    const moves: Move[] = [];
    const add = (
      sku: string,
      qty: number,
      from: string,
      to: string,
      suffix: string,
      reason: Move['reason'],
    ) =>
      moves.push({
        id: `${key}:${suffix}/${moves.filter((m) => m.key === `${key}:${suffix}`).length + 1}`,
        time: now,
        sku,
        qty,
        from,
        to,
        reason,
        reference: key,
        key: `${key}:${suffix}`,
      });
    if (!stepKeys.has(`${key}:ship`)) {
      const held = stepKeys.has(`${key}:reserve`) && !stepKeys.has(`${key}:release`);
      const reserved = steps.filter((r) => parseText(movements.get(r, 'Key')) === `${key}:reserve`);
      const catalogue = new Catalogue(readProducts(wb, ctx.cells, ctx.tabs).products);
      const goods = held
        ? reserved.map((r) => ({
            sku: parseText(movements.get(r, 'SKU')),
            qty: Number(movements.get(r, 'Qty')) || 0,
            at: parseText(movements.get(r, 'From')),
          }))
        : found.sold
            .filter((l) => l.sku && catalogue.sku(l.sku))
            .map((l) => ({ sku: catalogue.sku(l.sku)?.sku ?? l.sku, qty: l.qty, at: '' }));
      for (const g of goods) {
        if (g.at === 'Store') {
          add(g.sku, g.qty, reservedAt('Store'), 'Customer', 'ship', 'sale');
        } else {
          if (g.at) add(g.sku, g.qty, reservedAt(g.at), g.at, 'release', 'reservation release');
          add(g.sku, g.qty, 'Store', 'Customer', 'ship', 'sale');
        }
      }
      if (moves.length > 0) {
        const stock = readStock(wb, ctx.cells, ctx.tabs);
        appendRows(wb, movements, moves.map(moveRecord));
        const reorder = (sku: string) => catalogue.sku(sku)?.reorderPoint ?? null;
        writeBalances(wb, stock, applyMoves(stock.balances, moves, ctx.settings.locations), reorder);
      }
    }
    updateRows(wb, found.orders, [{ row: found.row, values: { Fulfilment: 'collected' } }]);
    return done(false, [...new Set(moves.map((m) => m.sku))]);
  });
}

/** Marks a web order shipped with the carrier's tracking number (typed or scanned at the counter). */
export function setTracking(p: Ports, input: { order: string; tracking: string }): Fulfilled {
  const tracking = String(input.tracking ?? '').trim();
  if (tracking === '' || tracking.length > 100)
    refuse('bad-input', 'Type or scan the tracking number (up to 100 characters).');
  return underLock(p, () => {
    const wb = p.workbook;
    const ctx = loadContext(wb);
    needsFulfilmentColumns(wb, ctx);
    const found = findOrder(wb, ctx, input.order);
    if (found.channel === 'Store') {
      refuse(
        'bad-input',
        `${found.orderNo} is a till sale: its goods were handed over at the counter, so there is nothing to track. Scan the web order's number.`,
      );
    }
    const was = parseText(found.orders.get(found.row, 'Fulfilment'));
    // A cancelled or unpaid order is not sent; one refunded after it was sent may still get its number.
    if (found.status === 'cancelled' || found.status === 'pending')
      mustBePaid(found.orderNo, found.status, 'sent');
    const fulfilment = was === 'returned' || was === 'collected' ? was : 'shipped';
    const same = parseText(found.orders.get(found.row, 'Tracking')) === tracking && was === fulfilment;
    if (!same)
      updateRows(wb, found.orders, [
        { row: found.row, values: { Fulfilment: fulfilment, Tracking: tracking } },
      ]);
    return {
      orderId: found.orderId,
      orderNo: found.orderNo,
      fulfilment,
      tracking,
      skusChanged: [],
      replayed: same,
    };
  });
}
