/**
 * The order a customer brings back, as the till's Return flow shows it: each line with what was
 * sold, what earlier returns took back and what may still come back. Units returned are matched to
 * the order's lines by SKU, the first line first, as planReturn matches them.
 */
import type { Workbook } from '../../platform/workbook';
import { loadContext } from '../ledger-context';
import { findOrder } from './find-order';
import type { ReturnableOrder } from './return-api-types';

export function returnableOrder(wb: Workbook, query: string): ReturnableOrder {
  const ctx = loadContext(wb);
  const found = findOrder(wb, ctx, query);
  const back = new Map<string, number>();
  for (const e of found.earlier)
    for (const l of e.lines) back.set(l.sku.toUpperCase(), (back.get(l.sku.toUpperCase()) ?? 0) + l.qty);
  return {
    orderId: found.orderId,
    orderNo: found.orderNo,
    channel: found.channel,
    shop: found.shop,
    status: found.status,
    created: found.created ? new Date(found.created).toISOString() : '',
    invoiceNo: found.invoiceNo,
    total: found.total,
    lines: found.sold
      .filter((l) => l.sku !== '' && l.qty > 0)
      .map((l) => {
        const sku = l.sku.toUpperCase();
        const returned = Math.min(l.qty, back.get(sku) ?? 0);
        back.set(sku, (back.get(sku) ?? 0) - returned);
        return {
          sku: l.sku,
          name: l.name,
          sold: l.qty,
          returned,
          returnable: l.qty - returned,
          unitPrice: l.unitPrice,
        };
      }),
    currency: ctx.settings.currency,
    exponent: ctx.cells.exponent,
  };
}
