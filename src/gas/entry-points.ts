/**
 * The one registry of entry points: triggers, menu items and the dialogs' server calls.
 * The build emits a top-level forwarding function for each, because Apps Script only sees
 * top-level function declarations. Names ending in `_` would be private: none do.
 */
import { getLedgerCheck, menuCheckLedger, menuRebuildStock, menuSetUpLedger } from './ledger-menu';
import { onInstall, onOpen } from './menu';
import { menuOpenTill, tillServer } from './till';

export const entryPoints = {
  onOpen,
  onInstall,
  menuSetUpLedger,
  menuCheckLedger,
  menuRebuildStock,
  getLedgerCheck,
  menuOpenTill,
  // The till sidebar's server calls (google.script.run.<name>).
  ...tillServer,
};
