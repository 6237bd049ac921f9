/**
 * Web codes in WooCommerce: a coupon for a fixed amount off the cart, usable once, by one email.
 * Request shapes from the REST API v3 docs, "Coupons"
 * (https://woocommerce.github.io/woocommerce-rest-api-docs/#coupons, and the route's arguments in
 * the API index, fixture api-index-wc-v3.json):
 * - create: POST /coupons with code, discount_type "fixed_cart", amount (a decimal string),
 *   individual_use, usage_limit 1, usage_limit_per_user 1, email_restrictions [email],
 *   date_expires_gmt; the answer is the coupon with its `id` and `usage_count`;
 * - find:   GET /coupons?code=CODE (a list);
 * - delete: DELETE /coupons/<id>?force=true (coupons cannot be trashed through the API); the
 *   answer is the coupon as it was, so its `usage_count` says whether it was used meanwhile.
 * A duplicate code is refused with 400 `woocommerce_rest_coupon_code_already_exists`: that is a
 * retry after an answer was lost, and the coupon already there is used.
 */
import { formatDecimal } from '../../core/money';
import { ShopError } from '../shop-error';
import { json, type ShopHttp, send } from '../shop-http';
import type { ShopCode, WebCodeRequest, WebCodeShop } from '../web-codes';
import { get, isObject, text, wholeId } from './read';
import { expectList, query, type WooShop, wooRequest } from './site';

/** WooCommerce's *_gmt date text: UTC without an offset, to the second. */
function gmtDate(time: number): string {
  return new Date(Math.floor(time / 1000) * 1000).toISOString().slice(0, 19);
}

export function couponBody(r: WebCodeRequest): Record<string, unknown> {
  return {
    code: r.code,
    discount_type: 'fixed_cart',
    amount: formatDecimal(r.amount, r.exponent),
    description: r.title,
    individual_use: true,
    usage_limit: 1,
    usage_limit_per_user: 1,
    email_restrictions: [r.email],
    date_expires_gmt: gmtDate(r.expiresAt),
  };
}

function shopCode(body: unknown, what: string): ShopCode {
  const id = wholeId(get(body, 'id'));
  if (id === null) {
    throw new ShopError(
      'malformed',
      `WooCommerce answered ${what} without a coupon id: ${String(JSON.stringify(body)).slice(0, 120)}`,
    );
  }
  const used = get(body, 'usage_count');
  return { ref: String(id), usageCount: typeof used === 'number' && Number.isInteger(used) ? used : null };
}

export function wooWebCodes(io: ShopHttp, shop: WooShop): WebCodeShop {
  const find = (code: string): ShopCode | null => {
    const req = wooRequest(shop, 'GET', `/coupons?${query([['code', code]])}`);
    const found = expectList(json<unknown>(io, send(io, req), req.url), 'coupons', req.url);
    // WooCommerce compares coupon codes without case.
    const match = found.find((c) => isObject(c) && text(get(c, 'code')).toLowerCase() === code.toLowerCase());
    return match ? shopCode(match, 'the coupon search') : null;
  };
  return {
    platform: 'WooCommerce',
    find,
    create(r) {
      const req = wooRequest(shop, 'POST', '/coupons', couponBody(r));
      try {
        return shopCode(json<unknown>(io, send(io, req), req.url), 'the new coupon');
      } catch (e) {
        if (e instanceof ShopError && e.status === 400 && /already_exists/.test(e.message)) {
          const there = find(r.code);
          if (there) return there;
        }
        throw e;
      }
    },
    disable(ref) {
      const req = wooRequest(shop, 'DELETE', `/coupons/${encodeURIComponent(ref)}?force=true`);
      try {
        return shopCode(json<unknown>(io, send(io, req), req.url), 'the deleted coupon');
      } catch (e) {
        // Deleted already (by hand, or by a run whose answer was lost): nothing left to stop.
        if (e instanceof ShopError && e.status === 404) return { ref, usageCount: null };
        throw e;
      }
    },
  };
}
