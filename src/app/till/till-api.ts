/**
 * The till's server API: the functions the sidebar calls through google.script.run. The Apps
 * Script entry points and the local playground's HTTP routes are one-line forwards to these,
 * so the browser tests exercise the code that runs in Sheets. Business refusals come back as
 * `{ ok: false, problem }`; only plain data crosses (no Date).
 */
import type { Platform } from '../../platform/platform';
import { webCodesFor } from '../../shops/web-codes';
import { customerCard } from '../customers/customer-card';
import { mergeCustomers } from '../customers/merge';
import { closeWebCode, issueWebCode } from '../loyalty/online-code';
import { handOver, ordersToCollect, setTracking } from '../orders/fulfil-order';
import { quoteReturn } from '../returns/quote-return';
import { recordExchange } from '../returns/record-exchange';
import { recordReturn } from '../returns/record-return';
import { returnableOrder } from '../returns/returnable-order';
import { receiveGoods } from '../stock/receive-goods';
import { listShops, type ShopConfig, shopSecret } from '../sync/shop-config';
import type { TillApi } from './api-types';
import { createCustomer, findCustomers } from './customers';
import { asResult, checkKey } from './problems';
import { recordSale } from './record-sale';
import { cashMove, closeTill, openTill } from './sessions';
import { tillRefresh, tillState } from './till-state';

/**
 * `wait` blocks between retries of a web-shop call (Utilities.sleep in Apps Script); the
 * playground's fake shop needs none.
 */
export function tillApi(platform: () => Platform, wait: (ms: number) => void = () => {}): TillApi {
  const shops = {
    list: (p: Pick<Platform, 'properties'>) => listShops(p.properties),
    codesFor: (config: ShopConfig) => {
      const p = platform();
      return webCodesFor(config, shopSecret(p.properties, config.name), { http: p.http, wait });
    },
  };
  return {
    tillState: (till) => tillState(platform(), till),
    tillRefresh: (till) => tillRefresh(platform(), till),
    findCustomers: (query) => asResult(() => findCustomers(platform().workbook, query)),
    createCustomer: (input) => asResult(() => createCustomer(platform(), input)),
    customerCard: (customerId) => asResult(() => customerCard(platform().workbook, customerId)),
    mergeCustomers: (input) => asResult(() => mergeCustomers(platform(), input ?? { from: '', into: '' })),
    recordSale: (draft) => asResult(() => recordSale(platform(), draft)),
    openTill: (input) => asResult(() => openTill(platform(), input)),
    cashMove: (input) => asResult(() => cashMove(platform(), input)),
    closeTill: (input) => asResult(() => closeTill(platform(), input)),
    receiveGoods: (input) => asResult(() => receiveGoods(platform(), input)),
    findReturnable: (query) => asResult(() => returnableOrder(platform().workbook, query)),
    quoteReturn: (draft) => asResult(() => quoteReturn(platform(), draft)),
    recordReturn: (draft) => asResult(() => recordReturn(platform(), draft)),
    recordExchange: (draft) => asResult(() => recordExchange(platform(), draft)),
    ordersToCollect: () => ordersToCollect(platform().workbook),
    handOver: (input) => asResult(() => handOver(platform(), input ?? { order: '' })),
    setTracking: (input) => asResult(() => setTracking(platform(), input ?? { order: '', tracking: '' })),
    // Names only: a shop's URL and credentials never leave the server.
    webCodeShops: () => listShops(platform().properties).map((s) => s.name),
    sendWebCode: (input) =>
      asResult(() =>
        issueWebCode(platform(), shops, {
          key: checkKey(input?.key),
          customerId: String(input?.customerId ?? ''),
          shop: String(input?.shop ?? ''),
        }),
      ),
    cancelWebCode: (input) => asResult(() => closeWebCode(platform(), shops, String(input?.code ?? ''))),
  };
}
