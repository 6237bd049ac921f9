/**
 * The details of an order's refunds: the order listing gives only each refund's id, reason and
 * total, so an importer that needs the refunded lines (to move stock back, to write a corrective
 * invoice) reads GET /orders/{id}/refunds for the orders that have refunds.
 *
 * A refund's `amount` is positive; its line_items have negative quantity, subtotal and total, and
 * point back at the order line they refund with the meta `_refunded_item_id`.
 *
 * Restock: whether WooCommerce put the goods back is not part of a refund as read. `api_restock`
 * is a write-only flag of POST …/refunds; it is honoured when a version or extension echoes it,
 * and otherwise every refunded line reads `restock: false`, so the ledger asks for each line's
 * disposition (restock, damaged, lost) rather than guessing.
 */
import { currencyExponent } from '../../core/money';
import type { WebOrder, WebOrderProblem, WebRefund, WebRefundLine } from '../../core/web-order';
import type { HttpRequest, HttpResponse } from '../../platform/http';
import { json, type ShopHttp, send } from '../shop-http';
import { mapOrderStatus } from './order';
import { decimal, get, gmtTime, isAbsent, list, money, text, wholeId } from './read';
import { expectList, nextPage, query, WOO_PAGE_SIZE, WOO_PLATFORM, type WooShop, wooRequest } from './site';

/** What a refund needs to know of its order. */
export type RefundOrder = Pick<WebOrder, 'externalId' | 'currency'>;

export interface ParsedRefunds {
  refunds: WebRefund[];
  problems: WebOrderProblem[];
}

/** GET /orders/{id}/refunds, one page of up to 100. */
export function refundsRequest(shop: WooShop, orderExternalId: string, page = 1): HttpRequest {
  if (!/^\d+$/.test(orderExternalId)) {
    throw new RangeError(`"${orderExternalId}" is not a WooCommerce order id.`);
  }
  return wooRequest(
    shop,
    'GET',
    `/orders/${orderExternalId}/refunds?${query([
      ['per_page', WOO_PAGE_SIZE],
      ['page', page],
    ])}`,
  );
}

function refundedItemId(item: unknown): string {
  const direct = text(get(item, 'refunded_item_id')).trim();
  if (direct !== '' && direct !== '0') return direct;
  const meta = list(item, 'meta_data').find((entry) => text(get(entry, 'key')) === '_refunded_item_id');
  return text(get(meta, 'value')).trim();
}

/** One refund of GET /orders/{id}/refunds[/{refund_id}] as a WebRefund. */
export function parseRefund(
  raw: unknown,
  order: RefundOrder,
): { refund: WebRefund | null; problems: WebOrderProblem[] } {
  const problems: WebOrderProblem[] = [];
  const report = (line: string, sku: string, problem: string) =>
    problems.push({ externalId: order.externalId, line, sku, problem });
  const exponent = currencyExponent(order.currency);
  const id = wholeId(get(raw, 'id'));
  const amount = money(get(raw, 'amount'), exponent);
  const created = gmtTime(get(raw, 'date_created_gmt'));
  if (id === null || amount === null || created === null) {
    report(
      '',
      '',
      `A refund of this order could not be read (id ${JSON.stringify(get(raw, 'id') ?? null)}, amount ${JSON.stringify(get(raw, 'amount') ?? null)}, date ${JSON.stringify(get(raw, 'date_created_gmt') ?? null)}): check the order's refunds in WooCommerce.`,
    );
    return { refund: null, problems };
  }
  const restock = get(raw, 'api_restock') === true;
  const lines: WebRefundLine[] = [];
  for (const item of list(raw, 'line_items')) {
    const sku = text(get(item, 'sku')).trim();
    const qty = decimal(get(item, 'quantity'));
    const total = money(get(item, 'total'), exponent);
    const tax = isAbsent(get(item, 'total_tax')) ? 0 : money(get(item, 'total_tax'), exponent);
    const lineId = text(get(item, 'id'));
    if (qty === null || total === null || tax === null) {
      report(
        lineId,
        sku,
        `Refund ${id}, line ${lineId || '?'}: its quantity ${JSON.stringify(get(item, 'quantity') ?? null)} or amounts (total ${JSON.stringify(get(item, 'total') ?? null)}, tax ${JSON.stringify(get(item, 'total_tax') ?? null)}) are not numbers, so the line was left out: check the refund in WooCommerce.`,
      );
      continue;
    }
    const orderLine = refundedItemId(item);
    if (orderLine === '') {
      report(
        lineId,
        sku,
        `Refund ${id}, line ${lineId || '?'} does not say which order line it refunds: set its disposition by hand.`,
      );
    }
    lines.push({
      externalLineId: orderLine,
      sku,
      qty: Math.abs(qty),
      amount: Math.abs(total + tax),
      restock,
    });
  }
  return {
    refund: {
      refundId: String(id),
      created,
      amount: Math.abs(amount),
      reason: text(get(raw, 'reason')).trim(),
      lines,
    },
    problems,
  };
}

/** The refunds of one page (the response to refundsRequest), and the next page if there is one. */
export function readRefundsPage(
  res: HttpResponse,
  order: RefundOrder,
  page = 1,
  url = 'the refunds list',
): ParsedRefunds & { next: number | null } {
  const items = expectList(json({ platform: WOO_PLATFORM }, res, url), 'refunds', url);
  const refunds: WebRefund[] = [];
  const problems: WebOrderProblem[] = [];
  for (const item of items) {
    const parsed = parseRefund(item, order);
    if (parsed.refund !== null) refunds.push(parsed.refund);
    problems.push(...parsed.problems);
  }
  return { refunds, problems, next: nextPage(res, page, items.length) };
}

/** Every refund of an order: one HTTP call per 100 refunds. Throws ShopError. */
export function fetchRefunds(io: ShopHttp, shop: WooShop, order: RefundOrder): ParsedRefunds {
  const refunds: WebRefund[] = [];
  const problems: WebOrderProblem[] = [];
  for (let page: number | null = 1; page !== null; ) {
    const req = refundsRequest(shop, order.externalId, page);
    const read = readRefundsPage(send(io, req), order, page, req.url);
    refunds.push(...read.refunds);
    problems.push(...read.problems);
    page = read.next;
  }
  return { refunds, problems };
}

/**
 * The order with its refunds' details: each refund from the listing is replaced by its detailed
 * twin (same id); a refund made since the listing was read is added. The status follows the
 * refunded total again, by the same rule as parseOrder.
 */
export function withRefundDetails(order: WebOrder, details: readonly WebRefund[]): WebOrder {
  const byId = new Map(details.map((refund) => [refund.refundId, refund]));
  const refunds = order.refunds.map((refund) => byId.get(refund.refundId) ?? refund);
  const known = new Set(order.refunds.map((refund) => refund.refundId));
  refunds.push(...details.filter((refund) => !known.has(refund.refundId)));
  const refunded = refunds.reduce((acc, refund) => acc + refund.amount, 0);
  return {
    ...order,
    refunds,
    status: mapOrderStatus(order.shopStatus, order.total, refunded) ?? order.status,
  };
}
