/**
 * Reading a page of WooCommerce orders changed since a time: the request, its paging, and the
 * page as WebOrders (each order is read by parseOrder in order.ts).
 *
 * GET /wp-json/wc/v3/orders?modified_after=…&dates_are_gmt=true&orderby=modified&order=asc
 *     &per_page=100&page=N
 * - dates_are_gmt=true makes modified_after compare with the GMT column, so the site's time zone
 *   does not matter; the time is sent as WooCommerce writes its *_gmt dates (UTC, no offset).
 * - orderby=modified&order=asc walks from the oldest change (WooCommerce adds the id as a
 *   tie-breaker), so a run stopped by its time budget resumes from its saved page.
 * - The cursor is the page number as text; the next page exists while page < X-WP-TotalPages.
 *
 * Race that remains, and how the importer covers it: pages are offsets into a list sorted by
 * modification time. An order changed during a walk jumps to the end of the list (it is read
 * again on a later page), and the orders after its old place move up one, so the first order
 * of the next page can be missed in this walk. So when any order read in a walk was modified
 * after the walk began (its `updated` is later than the first page's read, less a few minutes
 * for clock skew), the importer keeps the walk's `modified_after` and walks again next time;
 * otherwise it moves the mark to the greatest `updated` read, less a few minutes of overlap.
 * Re-reading an order is harmless: the import is an idempotent upsert.
 */

import type { OrdersPage, WebOrder, WebOrderProblem } from '../../core/web-order';
import type { HttpRequest, HttpResponse } from '../../platform/http';
import { json, type ShopHttp, send } from '../shop-http';
import { parseOrder } from './order';
import { gmtTime, toGmtText } from './read';
import { expectList, nextPage, pageFromCursor, query, WOO_PAGE_SIZE, type WooShop, wooRequest } from './site';

/** A time for `modified_after`: milliseconds since 1970, or an ISO-8601 text (UTC when it has no offset). */
export type Since = number | string;

function sinceText(since: Since): string {
  const time = typeof since === 'number' ? since : gmtTime(since);
  if (time === null || !Number.isFinite(time)) {
    throw new RangeError(`"${since}" is not a date and time to read WooCommerce orders from.`);
  }
  return toGmtText(time);
}

/** The request for one page of orders modified after `since`; cursor null is the first page. */
export function ordersRequest(shop: WooShop, since: Since, cursor: string | null): HttpRequest {
  const params = query([
    ['modified_after', sinceText(since)],
    ['dates_are_gmt', 'true'],
    ['orderby', 'modified'],
    ['order', 'asc'],
    ['per_page', WOO_PAGE_SIZE],
    ['page', pageFromCursor(cursor)],
  ]);
  return wooRequest(shop, 'GET', `/orders?${params}`);
}

/** The orders of one page (the response to ordersRequest with the same cursor). */
export function readOrdersPage(
  res: HttpResponse,
  cursor: string | null,
  url = 'the orders list',
): OrdersPage {
  const items = expectList(json({ platform: 'WooCommerce' }, res, url), 'orders', url);
  const orders: WebOrder[] = [];
  const problems: WebOrderProblem[] = [];
  for (const item of items) {
    const parsed = parseOrder(item);
    if (parsed.order !== null) orders.push(parsed.order);
    problems.push(...parsed.problems);
  }
  const next = nextPage(res, pageFromCursor(cursor), items.length);
  return { orders, problems, next: next === null ? null : String(next) };
}

/** Fetches and reads one page: one HTTP call (plus retries on 429/5xx). Throws ShopError. */
export function fetchOrdersPage(
  io: ShopHttp,
  shop: WooShop,
  since: Since,
  cursor: string | null,
): OrdersPage {
  const req = ordersRequest(shop, since, cursor);
  return readOrdersPage(send(io, req), cursor, req.url);
}
