/**
 * The shops connected to this ledger, kept in document properties: their names and addresses in
 * one value, and each shop's credentials in a value of its own. Never in cells, never in logs,
 * never in script properties (those are shared by every user of the add-on).
 */
import type { KeyValue } from '../../platform/key-value';

export type Platform = 'woocommerce' | 'shopify';

export interface ShopConfig {
  /** Shown in the Shop column; unique. Defaults to the host of the URL (with its port). */
  name: string;
  platform: Platform;
  /** The site's root: https://shop.example.com, or https://STORE.myshopify.com. */
  url: string;
}

export type ShopSecret =
  | { platform: 'woocommerce'; key: string; secret: string }
  | { platform: 'shopify'; token: string };

const SHOPS = 'shops';
const secretKey = (name: string) => `shop-secret:${name}`;

export function defaultShopName(url: string): string {
  const m = /^https?:\/\/([^/?#]+)/i.exec(url.trim());
  return m ? m[1].toLowerCase() : url.trim();
}

/** Checks what a person typed into the shop settings; returns a message or null. */
export function shopConfigError(
  c: Partial<ShopConfig>,
  secret: Partial<Record<string, string>>,
): string | null {
  if (c.platform !== 'woocommerce' && c.platform !== 'shopify') return 'Choose WooCommerce or Shopify.';
  const url = String(c.url ?? '').trim();
  const loopback = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/i.test(url);
  if (!/^https:\/\/[^/?#\s]+/i.test(url) && !loopback) {
    return `"${url}" is not the shop's address: write it like https://shop.example.com${c.platform === 'shopify' ? ' (for Shopify, https://STORE.myshopify.com)' : ''}.`;
  }
  if (c.platform === 'woocommerce' && (!secret.key?.startsWith('ck_') || !secret.secret?.startsWith('cs_'))) {
    return 'The WooCommerce consumer key starts with ck_ and the secret with cs_: copy both from WooCommerce › Settings › Advanced › REST API.';
  }
  if (c.platform === 'shopify' && !secret.token?.trim()) {
    return 'Paste the Shopify Admin API access token (it starts with shpat_).';
  }
  return null;
}

export function listShops(props: KeyValue): ShopConfig[] {
  const raw = props.get(SHOPS);
  if (!raw) return [];
  try {
    const parsed = JSON.parse(raw) as ShopConfig[];
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

export function shopSecret(props: KeyValue, name: string): ShopSecret | null {
  const raw = props.get(secretKey(name));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as ShopSecret;
  } catch {
    return null;
  }
}

export function saveShop(props: KeyValue, config: ShopConfig, secret: ShopSecret): void {
  const shops = listShops(props).filter((s) => s.name !== config.name);
  props.set(
    SHOPS,
    JSON.stringify([
      ...shops,
      { name: config.name, platform: config.platform, url: config.url.replace(/\/+$/, '') },
    ]),
  );
  props.set(secretKey(config.name), JSON.stringify(secret));
}

export function removeShop(props: KeyValue, name: string): void {
  props.set(SHOPS, JSON.stringify(listShops(props).filter((s) => s.name !== name)));
  props.delete(secretKey(name));
  // The exact keys: a prefix would also catch a shop named "127.0.0.1:8080" when removing "127.0.0.1".
  for (const part of ['since', 'cursor', 'walk', 'checked', 'failed']) props.delete(`sync:${name}:${part}`);
}
