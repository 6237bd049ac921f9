/**
 * What the Shop settings dialog and its server functions (src/gas/shops.ts) pass each other
 * over google.script.run: plain data only, times as ISO strings, and never a saved secret.
 */

export type ShopPlatform = 'woocommerce' | 'shopify';

/** A connected shop as the dialog lists it. */
export interface ShopRow {
  name: string;
  platform: ShopPlatform;
  url: string;
  /** The last time its orders were checked (ISO), or null. */
  checkedAt: string | null;
  /** Why its last sync failed, in words (a refused key, an address that does not answer), or null. */
  error: string | null;
}

/** The form, as typed. Blank secret fields keep the saved ones when editing. */
export interface ShopInput {
  /** The name of the shop being edited; absent when adding one. */
  editing?: string;
  platform: string;
  url: string;
  /** Blank: the host of the URL. Fixed once saved (the ledger's orders carry it). */
  name?: string;
  /** WooCommerce consumer key, ck_… */
  key?: string;
  /** WooCommerce consumer secret, cs_… */
  secret?: string;
  /** Shopify Admin API access token, shpat_… */
  token?: string;
}

export interface ShopAnswer {
  ok: boolean;
  /** In words for the shop owner: what happened, or what to fix. */
  message: string;
  /** The shop's name, after a save. */
  name?: string;
}
