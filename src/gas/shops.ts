/**
 * The Shop settings dialog and its server functions. Credentials go from the dialog's form to
 * document properties and nowhere else: never to a cell, a log or a toast, and never back to
 * the browser (the list shows name, platform, address and last check only; when editing, blank
 * secret fields keep the saved ones).
 */
import {
  defaultShopName,
  listShops,
  removeShop,
  type ShopConfig,
  type Platform as ShopPlatform,
  type ShopSecret,
  saveShop,
  shopConfigError,
  shopSecret,
} from '../app/sync/shop-config';
import { failedKey, shopFailure } from '../app/sync/sync-all';
import { syncKeys } from '../app/sync/sync-shop';
import type { KeyValue } from '../platform/key-value';
import { LockTimeoutError } from '../platform/lock';
import type { Platform } from '../platform/platform';
import { connectorFor, type ShopIo } from '../shops/connector-for';
import { ShopError } from '../shops/shop-error';
import type { ShopAnswer, ShopInput, ShopRow } from '../ui/shops/api-types';
import { appsScriptPlatform } from './platform';

const SAVE_LOCK_MS = 10_000;
const MAX_NAME = 60;

/** The connectors' way out: the platform's Http port, and Utilities.sleep to wait. */
export function shopIo(platform: Platform): ShopIo {
  return { http: platform.http, wait: (ms) => Utilities.sleep(Math.max(0, Math.round(ms))) };
}

export function menuShopSettings(): void {
  const html = HtmlService.createHtmlOutputFromFile('shops').setWidth(480).setHeight(560);
  SpreadsheetApp.getUi().showModalDialog(html, 'Shop settings');
}

export function shopsList(): ShopRow[] {
  const props = appsScriptPlatform().properties;
  return listShops(props).map((s) => ({
    name: s.name,
    platform: s.platform,
    url: s.url,
    checkedAt: props.get(syncKeys(s.name).checked),
    error: shopFailure(props, s.name),
  }));
}

/** Builds the connector from the form's values, without saving them, and asks the shop. */
export function shopTest(input: ShopInput): ShopAnswer {
  const platform = appsScriptPlatform();
  const form = readForm(platform.properties, input);
  if ('error' in form) return { ok: false, message: form.error };
  try {
    const message = connectorFor(form.config, form.secret, shopIo(platform)).ping();
    return { ok: true, message };
  } catch (e) {
    if (e instanceof ShopError) return { ok: false, message: e.message };
    return { ok: false, message: `The test could not run: ${(e as Error)?.message ?? String(e)}` };
  }
}

export function shopSave(input: ShopInput): ShopAnswer {
  const platform = appsScriptPlatform();
  return withLock(platform, () => {
    const form = readForm(platform.properties, input);
    if ('error' in form) return { ok: false, message: form.error };
    saveShop(platform.properties, form.config, form.secret);
    // New details deserve a try at the till's next check, not after its 15-minute back-off.
    platform.properties.delete(failedKey(form.config.name));
    return {
      ok: true,
      name: form.config.name,
      message: input.editing
        ? `Saved the changes to ${form.config.name}.`
        : `Connected ${form.config.name}. Its orders come in with Sync now, the hourly sync, and while the till is open.`,
    };
  });
}

export function shopRemove(name: string): { ok: boolean; message?: string } {
  const platform = appsScriptPlatform();
  return withLock(platform, () => {
    removeShop(platform.properties, String(name ?? ''));
    return { ok: true };
  });
}

function withLock<T extends { ok: boolean; message?: string }>(
  platform: Platform,
  work: () => T,
): T | ShopAnswer {
  try {
    platform.lock.acquire(SAVE_LOCK_MS);
  } catch (e) {
    if (e instanceof LockTimeoutError) return { ok: false, message: e.message };
    throw e;
  }
  try {
    return work();
  } finally {
    platform.lock.release();
  }
}

type Form = { config: ShopConfig; secret: ShopSecret } | { error: string };

/** The form's values checked, with the saved secrets filled in where the form left them blank. */
function readForm(props: KeyValue, input: ShopInput): Form {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const platform = text(input?.platform) as ShopPlatform;
  const shops = listShops(props);
  const editing = text(input?.editing);
  const current = editing ? shops.find((s) => s.name === editing) : undefined;
  if (editing && !current)
    return { error: `${editing} is no longer connected: close and reopen Shop settings.` };

  const url = siteRoot(platform, text(input?.url));
  const name = current ? current.name : text(input?.name) || defaultShopName(url);
  const saved = current ? shopSecret(props, current.name) : null;
  const keep = saved && saved.platform === platform ? saved : null;
  const fields = {
    key: text(input?.key) || (keep?.platform === 'woocommerce' ? keep.key : ''),
    secret: text(input?.secret) || (keep?.platform === 'woocommerce' ? keep.secret : ''),
    token: text(input?.token) || (keep?.platform === 'shopify' ? keep.token : ''),
  };
  const problem = shopConfigError({ platform, url, name }, fields) ?? nameError(name, shops, current);
  if (problem) return { error: problem };
  const config: ShopConfig = { name, platform, url };
  const secret: ShopSecret =
    platform === 'woocommerce'
      ? { platform, key: fields.key, secret: fields.secret }
      : { platform: 'shopify', token: fields.token };
  return { config, secret };
}

function nameError(name: string, shops: ShopConfig[], current: ShopConfig | undefined): string | null {
  if (name.length > MAX_NAME) return `Keep the shop's name to ${MAX_NAME} characters or fewer.`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a name with control characters is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) return "The shop's name has a character that cannot be shown.";
  const taken = shops.find((s) => s !== current && s.name.toLowerCase() === name.toLowerCase());
  if (taken) {
    return `A shop named ${taken.name} is already connected: edit it from the list, or give this one another name.`;
  }
  return null;
}

/**
 * The site's root from what was typed or pasted: https:// added when there is no scheme, and
 * the admin pages people copy from their browser taken back to the root (…/wp-admin/…, a
 * Shopify admin.shopify.com/store/NAME address, or STORE.myshopify.com/admin).
 */
export function siteRoot(platform: string, typed: string): string {
  let url = typed.trim();
  if (url !== '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) url = `https://${url}`;
  if (platform === 'shopify') {
    const admin = /^https:\/\/admin\.shopify\.com\/store\/([a-z0-9][a-z0-9-]*)/i.exec(url);
    if (admin) return `https://${admin[1].toLowerCase()}.myshopify.com`;
    url = url.replace(/^(https?:\/\/[^/?#]+)\/admin(?:[/?#].*)?$/i, '$1');
  }
  if (platform === 'woocommerce') url = url.replace(/\/wp-admin(?:[/?#].*)?$/i, '');
  return url.replace(/\/+$/, '');
}
