/**
 * The one registry of entry points: triggers, menu items and the dialogs' server calls.
 * The build emits a top-level forwarding function for each, because Apps Script only sees
 * top-level function declarations. Names ending in `_` would be private: none do.
 */
import { menuExportCustomer, menuForgetCustomer } from './customers-menu';
import { fullInvoiceIssue, menuFullInvoice, menuVerifyInvoices } from './full-invoice';
import { menuShowInvoice } from './invoice';
import {
  getLedgerCheck,
  menuCheckLedger,
  menuRebuildLoyalty,
  menuRebuildStock,
  menuRebuildSummaries,
  menuSetUpLedger,
} from './ledger-menu';
import { onInstall, onOpen } from './menu';
import { menuShopSettings, shopRemove, shopSave, shopsList, shopTest } from './shops';
import { menuHourlySync, menuHourlySyncOff, menuSyncNow, syncFromTill, tick } from './sync';
import { menuOpenTill, tillServer } from './till';

export const entryPoints = {
  onOpen,
  onInstall,
  menuSetUpLedger,
  menuCheckLedger,
  menuRebuildStock,
  menuRebuildSummaries,
  menuRebuildLoyalty,
  // A customer's privacy requests: everything held as JSON, and forgetting the personal fields.
  menuExportCustomer,
  menuForgetCustomer,
  getLedgerCheck,
  // Show invoice: a prompt for the number, then the document in a dialog.
  menuShowInvoice,
  // Full invoice for a ticket: the dialog, and its server call. Verify invoices: the invoice checks only.
  menuFullInvoice,
  fullInvoiceIssue,
  menuVerifyInvoices,
  menuOpenTill,
  // Web-shop sync: the menu, the hourly trigger's handler, and the till sidebar's check.
  menuSyncNow,
  menuShopSettings,
  menuHourlySync,
  menuHourlySyncOff,
  tick,
  syncFromTill,
  // The Shop settings dialog's server calls.
  shopsList,
  shopTest,
  shopSave,
  shopRemove,
  // The till sidebar's server calls (google.script.run.<name>).
  ...tillServer,
};
