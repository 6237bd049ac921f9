/**
 * Web codes: a single-use discount code in the web shop worth a customer's store credit, so the
 * credit can be spent online. What the loyalty use case needs from a shop, whatever its platform;
 * WooCommerce makes a coupon (woocommerce/coupons.ts), Shopify a basic code discount
 * (shopify/discount-codes.ts). Every call throws ShopError when the shop fails or refuses.
 */
import type { ShopConfig, ShopSecret } from '../app/sync/shop-config';
import type { Minor } from '../core/money';
import { type ShopIo, savedSecret } from './connector-for';
import { shopifyClient } from './shopify/api';
import { shopifyWebCodes } from './shopify/discount-codes';
import { wooWebCodes } from './woocommerce/coupons';
import { wooHttp } from './woocommerce/site';

export interface WebCodeRequest {
  code: string;
  /** Minor units of the ledger's currency, which the shop is taken to sell in. */
  amount: Minor;
  /** Decimals of that currency (2 for EUR). */
  exponent: number;
  /**
   * The highest VAT % the code may be spent at (the catalogue's top rate). A shop that takes the
   * code off prices before tax (WooCommerce with prices entered without tax) gets the amount net
   * of it, so the customer never saves more than the credit.
   */
  vatRate: number;
  /** The customer's email: WooCommerce accepts the coupon only from this billing email. */
  email: string;
  /** The shop's own customer id ('' when unknown): Shopify restricts the code to that customer. */
  customerRef: string;
  /** ms since the epoch. */
  startsAt: number;
  expiresAt: number;
  /** A note for the shop's admin: whose credit it is. */
  title: string;
}

export interface ShopCode {
  /** The shop's id of the coupon or discount (what disable needs). */
  ref: string;
  /** Times used as the shop counts them; null when it does not say. */
  usageCount: number | null;
}

export interface WebCodeShop {
  readonly platform: 'WooCommerce' | 'Shopify';
  /** Makes the code; a code that is already there (a retry after a lost answer) is found instead. */
  create(request: WebCodeRequest): ShopCode;
  /** The code as the shop has it, or null when it has none by that code. */
  find(code: string): ShopCode | null;
  /** Stops the code being used (deleted or deactivated); a code already gone gives usageCount null. */
  disable(ref: string): ShopCode;
}

export function webCodesFor(config: ShopConfig, saved: ShopSecret | null, io: ShopIo): WebCodeShop {
  const secret = savedSecret(config, saved);
  if (secret.platform === 'woocommerce') {
    return wooWebCodes(wooHttp(io.http, io.wait), {
      url: config.url,
      consumerKey: secret.key,
      consumerSecret: secret.secret,
    });
  }
  return shopifyWebCodes(
    shopifyClient({ url: config.url, token: secret.token, http: io.http, wait: io.wait }),
  );
}
