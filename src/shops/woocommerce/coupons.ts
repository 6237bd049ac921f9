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
 *
 * Tax: WooCommerce always takes a coupon off before tax, from the prices as they were entered
 * (WC_Discounts: an item's price is its subtotal, plus its subtotal tax only when the order's
 * prices include tax). With prices entered WITH tax, a fixed_cart coupon of 25.00 takes 25.00 off
 * what the customer pays. With prices entered WITHOUT tax, it takes 25.00 off the net and the tax
 * on it too: the customer would save 25.00 + VAT. So the shop's setting is read first
 * (GET /settings/tax/woocommerce_prices_include_tax, "yes"/"no"), and in the second case the coupon
 * is made for the amount net of the request's top VAT rate, rounded down: at that rate it takes
 * the credit off, at a lower rate somewhat less. Either way the order's coupon_lines say what it
 * really took off (discount + discount_tax), and the settlement takes exactly that from the hold;
 * the rest comes back to the customer.
 */
import { formatDecimal, type Minor } from '../../core/money';
import { ShopError } from '../shop-error';
import { json, type ShopHttp, send } from '../shop-http';
import type { ShopCode, WebCodeRequest, WebCodeShop } from '../web-codes';
import { get, isObject, text, wholeId } from './read';
import { expectList, query, type WooShop, wooRequest } from './site';

/** WooCommerce's *_gmt date text: UTC without an offset, to the second. */
function gmtDate(time: number): string {
  return new Date(Math.floor(time / 1000) * 1000).toISOString().slice(0, 19);
}

/** What the coupon is made for: the credit, or the credit net of the top rate when it comes off before tax. */
export function couponAmount(amount: Minor, vatRate: number, pricesIncludeTax: boolean): Minor {
  if (pricesIncludeTax || !(vatRate > 0)) return amount;
  return Math.floor((amount * 100) / (100 + vatRate));
}

export function couponBody(r: WebCodeRequest, pricesIncludeTax = true): Record<string, unknown> {
  return {
    code: r.code,
    discount_type: 'fixed_cart',
    amount: formatDecimal(couponAmount(r.amount, r.vatRate, pricesIncludeTax), r.exponent),
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
  /** The shop's "Prices entered with tax": only "yes" means yes, as wc_prices_include_tax() reads it. */
  const pricesIncludeTax = (): boolean => {
    const req = wooRequest(shop, 'GET', '/settings/tax/woocommerce_prices_include_tax');
    return text(get(json<unknown>(io, send(io, req), req.url), 'value')) === 'yes';
  };
  return {
    platform: 'WooCommerce',
    find,
    create(r) {
      const req = wooRequest(shop, 'POST', '/coupons', couponBody(r, pricesIncludeTax()));
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
