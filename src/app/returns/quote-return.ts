/**
 * A return's amount before Confirm: the till's Return panel and its Exchange instead show the
 * server's figures (a discounted line's share, store credit spent on the order going back as
 * credit), not qty × price. It runs recordReturn's own prepareReturn, so what is quoted is what is
 * recorded; it only reads, so it takes no lock and flushes nothing.
 */
import type { Platform } from '../../platform/platform';
import { loadContext } from '../ledger-context';
import { checkReturnRequest, prepareReturn } from './record-return';
import type { ReturnQuote, ReturnQuoteDraft } from './return-api-types';

export function quoteReturn(p: Pick<Platform, 'workbook'>, draft: ReturnQuoteDraft): ReturnQuote {
  checkReturnRequest(draft);
  const ctx = loadContext(p.workbook);
  // No key: nothing is replayed, the quote prices what may still come back.
  const ready = prepareReturn(p, ctx, { ...draft, key: '' }, '');
  if ('replay' in ready) throw new Error('A quote has no key, so it cannot replay a return.');
  const { plan, found } = ready;
  return {
    orderId: found.orderId,
    orderNo: found.orderNo,
    lines: plan.lines.map((l) => ({ sku: l.sku, name: l.name, qty: l.qty, total: l.total })),
    net: plan.net,
    vat: plan.vat,
    total: plan.total,
    method: draft.refund,
    refund: ready.payBack,
    givenBack: ready.givenBack,
    currency: ctx.settings.currency,
    exponent: ctx.cells.exponent,
  };
}
