/**
 * The add-on menu. onOpen runs in AuthMode.NONE before the add-on is authorised in a document,
 * so it only builds the menu: no properties, no spreadsheet reads.
 */

/** Caption → entry point name. The names are top-level functions in the bundle. */
export const MENU_ITEMS: readonly (readonly [string, string] | null)[] = [
  ['Open till', 'menuOpenTill'],
  ['Show invoice', 'menuShowInvoice'],
  ['Full invoice for a ticket', 'menuFullInvoice'],
  ['Verify invoices', 'menuVerifyInvoices'],
  null,
  ['Sync now', 'menuSyncNow'],
  ['Shop settings', 'menuShopSettings'],
  ['Turn on hourly sync', 'menuHourlySync'],
  ['Turn off hourly sync', 'menuHourlySyncOff'],
  null,
  ['Export a customer', 'menuExportCustomer'],
  ['Forget a customer', 'menuForgetCustomer'],
  null,
  ['Rebuild stock', 'menuRebuildStock'],
  ['Rebuild summaries', 'menuRebuildSummaries'],
  ['Rebuild loyalty balances', 'menuRebuildLoyalty'],
  ['Set up ledger', 'menuSetUpLedger'],
  ['Check ledger', 'menuCheckLedger'],
];

export function onOpen(_e?: unknown): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU_ITEMS) {
    if (item) menu.addItem(item[0], item[1]);
    else menu.addSeparator();
  }
  menu.addToUi();
}

export function onInstall(e?: unknown): void {
  onOpen(e);
}
