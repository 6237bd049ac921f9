/** The connector for a configured shop, over the shell's Http port and its way of waiting. */
import type { ShopConfig, ShopSecret } from '../app/sync/shop-config';
import type { Http } from '../platform/http';
import type { ShopConnector } from './connector';
import { ShopError } from './shop-error';
import { shopifyConnector } from './shopify/connector';
import { wooConnector } from './woocommerce/connector';
import { wooHttp } from './woocommerce/site';

export interface ShopIo {
  http: Http;
  /** Blocks for ms milliseconds: Utilities.sleep in Apps Script, a blocking sleep in Node. */
  wait: (ms: number) => void;
}

/** The shop's saved credentials for its platform; a ShopError('auth') saying where to add them when there are none. */
export function savedSecret(config: ShopConfig, secret: ShopSecret | null): ShopSecret {
  if (!secret || secret.platform !== config.platform) {
    throw new ShopError(
      'auth',
      `${config.name} has no saved credentials: add them in Extensions › Shop Ledger › Shop settings.`,
    );
  }
  return secret;
}

export function connectorFor(config: ShopConfig, saved: ShopSecret | null, io: ShopIo): ShopConnector {
  const secret = savedSecret(config, saved);
  if (secret.platform === 'woocommerce') {
    return wooConnector(wooHttp(io.http, io.wait), {
      url: config.url,
      consumerKey: secret.key,
      consumerSecret: secret.secret,
    });
  }
  return shopifyConnector({ url: config.url, token: secret.token, http: io.http, wait: io.wait });
}
