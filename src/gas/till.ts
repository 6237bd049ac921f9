/**
 * The till sidebar and its server functions. Each is a one-line forward to the till API in
 * app/, the same module the local playground serves, so browser tests run this code.
 */

import type { TillApi } from '../app/till/api-types';
import { tillApi } from '../app/till/till-api';
import { appsScriptPlatform } from './platform';

export function menuOpenTill(): void {
  const html = HtmlService.createHtmlOutputFromFile('till').setTitle('Till');
  SpreadsheetApp.getUi().showSidebar(html);
}

// Web-shop calls (Send web code) wait between retries as every shop call in Apps Script does.
const api = (): TillApi => tillApi(appsScriptPlatform, (ms) => Utilities.sleep(Math.max(0, Math.round(ms))));

export const tillServer: TillApi = {
  tillState: (till) => api().tillState(till),
  tillRefresh: (till) => api().tillRefresh(till),
  findCustomers: (query) => api().findCustomers(query),
  createCustomer: (input) => api().createCustomer(input),
  customerCard: (customerId) => api().customerCard(customerId),
  mergeCustomers: (input) => api().mergeCustomers(input),
  recordSale: (draft) => api().recordSale(draft),
  openTill: (input) => api().openTill(input),
  cashMove: (input) => api().cashMove(input),
  closeTill: (input) => api().closeTill(input),
  receiveGoods: (input) => api().receiveGoods(input),
  findReturnable: (query) => api().findReturnable(query),
  quoteReturn: (draft) => api().quoteReturn(draft),
  recordReturn: (draft) => api().recordReturn(draft),
  recordExchange: (draft) => api().recordExchange(draft),
  ordersToCollect: () => api().ordersToCollect(),
  handOver: (input) => api().handOver(input),
  setTracking: (input) => api().setTracking(input),
  webCodeShops: () => api().webCodeShops(),
  sendWebCode: (input) => api().sendWebCode(input),
  cancelWebCode: (input) => api().cancelWebCode(input),
};
