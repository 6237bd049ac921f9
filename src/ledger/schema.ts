/**
 * The ledger's schema: every tab, its headers, each column's type and its key.
 *
 * Tab names and headers are a contract: accountants, staff and outside checks read them.
 * Columns are found by header name, so people may reorder them and add their own.
 */

import { FULFILMENTS } from '../core/fulfilment';

export type ColumnType =
  | 'text' // free text, written so that it can never become a formula
  | 'money' // integer minor units in code, a currency number in the cell
  | 'int' // whole numbers: quantities, line numbers
  | 'number' // decimals
  | 'vat-rate' // a VAT rate as a plain number: 21 means 21 %
  | 'datetime' // a real date in the spreadsheet's time zone
  | 'boolean'
  | 'enum'; // one of `allowed`

export interface ColumnSpec {
  header: string;
  type: ColumnType;
  allowed?: readonly string[];
  /** A data row must have a value here. */
  required?: boolean;
  /**
   * Added to the schema after ledgers were made without it: "Set up ledger" adds it, and until
   * then reads do without it and writes leave it out, so an older ledger keeps working.
   */
  addedLater?: boolean;
}

export interface TabSpec {
  name: string;
  columns: readonly ColumnSpec[];
  /** Header of the column whose values are unique per row. */
  key?: string;
  /** Rows are highlighted when this boolean column is TRUE. */
  highlightWhen?: string;
  /** Shown when someone edits the tab by hand. */
  warnOnEdit?: string;
}

export const SCHEMA_VERSION = 1;

export const CHANNELS = ['Store', 'Web'] as const;
export const ORDER_TYPES = ['sale', 'return'] as const;
export const ORDER_STATUSES = [
  'pending',
  'paid',
  'fulfilled',
  'partially refunded',
  'refunded',
  'cancelled',
] as const;

const text = (header: string, required = false): ColumnSpec => ({ header, type: 'text', required });
const money = (header: string, required = false): ColumnSpec => ({ header, type: 'money', required });
const int = (header: string, required = false): ColumnSpec => ({ header, type: 'int', required });
const when = (header: string, required = false): ColumnSpec => ({ header, type: 'datetime', required });
const oneOf = (header: string, allowed: readonly string[], required = false): ColumnSpec => ({
  header,
  type: 'enum',
  allowed,
  required,
});

export const PRODUCTS: TabSpec = {
  name: 'Products',
  key: 'SKU',
  columns: [
    text('SKU', true),
    text('Barcode'),
    text('Name', true),
    money('Price', true),
    { header: 'VAT %', type: 'vat-rate', required: true },
    money('Cost'),
    { header: 'Active', type: 'boolean' },
    int('Reorder point'),
  ],
};

export const STOCK: TabSpec = {
  name: 'Stock',
  columns: [
    text('SKU', true),
    text('Location', true),
    int('On hand'),
    int('Reserved'),
    int('Available'),
    int('In transit'),
    // Beyond the contract: TRUE when Available is at or below the product's reorder point.
    { header: 'Low', type: 'boolean' },
  ],
  highlightWhen: 'Low',
};

export const MOVEMENTS: TabSpec = {
  name: 'Movements',
  key: 'Move ID',
  columns: [
    text('Move ID', true),
    when('Time', true),
    text('SKU', true),
    int('Qty', true),
    text('From', true),
    text('To', true),
    text('Reason', true),
    text('Reference'),
    text('Key'),
  ],
};

export const ORDERS: TabSpec = {
  name: 'Orders',
  key: 'Order ID',
  columns: [
    text('Order ID', true),
    oneOf('Type', ORDER_TYPES, true),
    oneOf('Channel', CHANNELS, true),
    text('Shop'),
    text('External ID'),
    text('Order No'),
    oneOf('Status', ORDER_STATUSES, true),
    when('Created', true),
    text('Customer ID'),
    money('Net'),
    money('VAT'),
    money('Total'),
    text('Currency'),
    text('Invoice No'),
    text('Refund of'),
    text('Key'),
    text('Till'),
    // Where the goods are (see core/fulfilment.ts) and the carrier's tracking number.
    { header: 'Fulfilment', type: 'enum', allowed: FULFILMENTS, addedLater: true },
    { header: 'Tracking', type: 'text', addedLater: true },
  ],
};

export const ORDER_LINES: TabSpec = {
  name: 'Order Lines',
  columns: [
    text('Order ID', true),
    int('Line', true),
    text('SKU'),
    text('Name'),
    int('Qty', true),
    money('Unit price'),
    money('Discount'),
    { header: 'VAT %', type: 'vat-rate' },
    money('Net'),
    money('VAT'),
    money('Total'),
    // Beyond the contract: the product's unit Cost when the line was written (cost at the time
    // of sale), so a later change to Products' Cost does not move past margins.
    { header: 'Cost', type: 'money', addedLater: true },
  ],
};

export const PAYMENTS: TabSpec = {
  name: 'Payments',
  key: 'Payment ID',
  columns: [
    text('Payment ID', true),
    when('Time', true),
    text('Order ID', true),
    oneOf('Channel', CHANNELS),
    text('Method', true),
    money('Amount', true),
    text('Reference'),
  ],
};

export const CUSTOMERS: TabSpec = {
  name: 'Customers',
  key: 'Customer ID',
  columns: [
    text('Customer ID', true),
    text('Name'),
    text('Email'),
    text('Phone'),
    text('Loyalty card'),
    text('Tax ID'),
    when('Created'),
    text('Key'),
    // Beyond the contract: the customer's id in each web shop, "shop:id" separated by spaces.
    text('Shop IDs'),
    // The sum of the customer's Loyalty entries: a cache, updated in the same commit, rebuildable.
    { header: 'Loyalty balance', type: 'money', addedLater: true },
    // The surviving customer's ID once this one was merged into it; nothing is deleted.
    { header: 'Merged into', type: 'text', addedLater: true },
    // What the customer agreed to (e.g. "marketing 2026-03-01"), as typed.
    { header: 'Consent', type: 'text', addedLater: true },
  ],
};

export const LOYALTY_KINDS = ['earn', 'redeem', 'reverse', 'expire', 'adjust'] as const;

/**
 * Loyalty credit, an append-only ledger of money: a customer's balance is the sum of Amount.
 * earn +, redeem − (a hold for an online code too), reverse (− of an earn, + of a redeem, on a
 * refund), expire −, adjust ± (a merge, credit given as a refund). Never edited.
 */
export const LOYALTY: TabSpec = {
  name: 'Loyalty',
  key: 'Entry ID',
  columns: [
    text('Entry ID', true),
    when('Time', true),
    text('Customer ID', true),
    money('Amount', true),
    oneOf('Kind', LOYALTY_KINDS, true),
    text('Order ID'),
    when('Expires'),
    text('Key'),
  ],
  warnOnEdit: 'Loyalty entries are never edited: add an adjust entry instead.',
};

export const WEB_CODE_STATUSES = ['pending', 'live', 'used', 'released'] as const;

/**
 * Web codes: store credit sent to the web shop as a single-use discount code. A code's state
 * changes (live → used or released), and the Loyalty tab is never edited, so codes have a tab of
 * their own; the credit they hold is a `redeem` entry in Loyalty (key `hold:<code>`).
 */
export const WEB_CODES: TabSpec = {
  name: 'Web Codes',
  key: 'Code',
  columns: [
    text('Code', true),
    text('Customer ID', true),
    text('Shop', true),
    money('Amount', true),
    text('Shop code ID'),
    oneOf('Status', WEB_CODE_STATUSES, true),
    when('Expires', true),
    text('Order ID'),
    text('Key'),
    when('Issued', true),
  ],
  warnOnEdit:
    'Web codes are kept by Shop Ledger: cancel a code with the till’s customer card or shop-ledger customer web-code --cancel.',
};

export const TILL_SESSIONS: TabSpec = {
  name: 'Till Sessions',
  key: 'Session ID',
  columns: [
    text('Session ID', true),
    text('Till', true),
    when('Opened', true),
    money('Opening float'),
    when('Closed'),
    money('Expected cash'),
    money('Counted cash'),
    money('Difference'),
    int('Sales count'),
    money('Sales total'),
    // Beyond the contract: what the Z report needs without reading every payment.
    money('Cash sales'),
    int('Cash payments'),
    money('Card sales'),
    int('Card payments'),
    money('Credit sales'),
    int('Credit payments'),
    money('Cash in'),
    money('Cash out'),
    text('Key'),
    // Returns at the till, kept apart so a refund does not read as one more payment ("Cash sales"
    // stay net of refunds, as the drawer is).
    { header: 'Returns count', type: 'int', addedLater: true },
    { header: 'Cash refunds', type: 'money', addedLater: true },
    { header: 'Card refunds', type: 'money', addedLater: true },
  ],
};

/** Cash put into or taken out of a till during a session, one row each. */
export const TILL_CASH: TabSpec = {
  name: 'Till Cash',
  key: 'Entry ID',
  columns: [
    text('Entry ID', true),
    when('Time', true),
    text('Session ID', true),
    text('Till', true),
    oneOf('Kind', ['in', 'out'], true),
    money('Amount', true),
    text('Reason'),
    text('Key'),
  ],
};

export const TRANSFER_STATUSES = ['in transit', 'received'] as const;

/** Transfers between real locations; their moves go through Transit. */
export const TRANSFERS: TabSpec = {
  name: 'Transfers',
  key: 'Transfer ID',
  columns: [
    text('Transfer ID', true),
    when('Sent', true),
    text('From', true),
    text('To', true),
    oneOf('Status', TRANSFER_STATUSES, true),
    when('Received'),
    text('Key'),
  ],
};

export const PROBLEM_STATUSES = ['open', 'resolved'] as const;

/** What an import could not take as it was: each listed once, however often the order syncs. */
export const SYNC_PROBLEMS: TabSpec = {
  name: 'Sync Problems',
  columns: [
    when('Time', true),
    text('Shop', true),
    text('Order ID'),
    text('External ID'),
    text('Line'),
    text('SKU'),
    text('Problem', true),
    oneOf('Status', PROBLEM_STATUSES, true),
  ],
};

/** One row per sync run that changed something. */
export const SYNC_LOG: TabSpec = {
  name: 'Sync Log',
  key: 'Run',
  columns: [
    text('Run', true),
    text('Shop', true),
    when('Started', true),
    when('Finished'),
    int('Orders new'),
    int('Orders updated'),
    int('Stock pushed'),
    int('Problems'),
    // Beyond the contract: what went wrong, in words, when the shop could not be synced.
    text('Message'),
  ],
};

/** Each SKU's product in each shop, and what was last written there. */
export const SHOP_STOCK: TabSpec = {
  name: 'Shop Stock',
  columns: [
    text('Shop', true),
    text('SKU', true),
    text('Shop product'),
    int('Pushed qty'),
    when('Pushed at'),
    text('Last error'),
  ],
};

/**
 * Issued invoices, one row each, appended in issue order and never edited: each row's Hash
 * chains it to the row above (src/core/invoice/chain.ts). Issued is TEXT (ISO 8601 with its
 * offset, e.g. 2026-03-01T10:15:00+01:00), not a date cell, because the hash is computed over
 * that exact text and a date cell would be re-rendered by the spreadsheet. VAT breakdown is text
 * like "21:9.92:2.08; 10:5.00:0.50" (rate:base:VAT per rate).
 */
export const INVOICES: TabSpec = {
  name: 'Invoices',
  columns: [
    text('Invoice No', true),
    text('Series', true),
    text('Type', true),
    text('Issued', true),
    text('Order ID'),
    text('Customer ID'),
    text('Tax ID'),
    money('Net', true),
    money('VAT', true),
    money('Total', true),
    text('VAT breakdown'),
    text('Corrects'),
    text('Hash', true),
    text('Previous hash'),
    // Beyond the contract. Currency: the amounts' currency (a web order may be in another one
    // than the ledger's). Customer name and address: the buyer on a full invoice (F). All three
    // are in the hash when not empty. Key: the idempotency key of a full invoice's request.
    { header: 'Currency', type: 'text', addedLater: true },
    { header: 'Customer name', type: 'text', addedLater: true },
    { header: 'Customer address', type: 'text', addedLater: true },
    { header: 'Key', type: 'text', addedLater: true },
  ],
  warnOnEdit: 'Issued invoices are never edited: correct them with a credit note (R).',
};

/**
 * The accountant's summary tabs, rewritten whole by "Rebuild summaries" (src/app/summaries).
 * Period is 'day' or 'month': the month view is the rows whose Period is 'month', with Day
 * holding the month ('YYYY-MM') instead of the day ('YYYY-MM-DD'). Channel is Store, Web or a
 * web shop's name. VAT Summary is per month already.
 */
export const SUMMARY_PERIODS = ['day', 'month'] as const;
const summaryWarning = 'This tab is rebuilt by Rebuild summaries: edits here are overwritten.';

export const SALES_BY_CHANNEL: TabSpec = {
  name: 'Sales by Channel',
  columns: [
    oneOf('Period', SUMMARY_PERIODS, true),
    text('Day', true),
    text('Channel', true),
    int('Orders'),
    int('Units'),
    money('Gross'),
    money('Net'),
    money('VAT'),
    money('Discounts'),
    money('Refunds'),
    money('Average ticket'),
    money('Cost of goods'),
    money('Margin'),
  ],
  warnOnEdit: summaryWarning,
};

export const PAYMENTS_BY_METHOD: TabSpec = {
  name: 'Payments by Method',
  columns: [
    oneOf('Period', SUMMARY_PERIODS, true),
    text('Day', true),
    text('Channel', true),
    text('Method', true),
    int('Count'),
    money('Amount'),
  ],
  warnOnEdit: summaryWarning,
};

export const VAT_SUMMARY: TabSpec = {
  name: 'VAT Summary',
  columns: [text('Month', true), { header: 'VAT %', type: 'vat-rate' }, money('Base'), money('VAT')],
  warnOnEdit: summaryWarning,
};

export const SETTINGS: TabSpec = {
  name: 'Settings',
  key: 'Key',
  columns: [text('Key', true), { header: 'Value', type: 'text' }],
};

/** Every tab, in the order "Set up ledger" creates them. */
export const TABS: readonly TabSpec[] = [
  PRODUCTS,
  STOCK,
  MOVEMENTS,
  ORDERS,
  ORDER_LINES,
  PAYMENTS,
  CUSTOMERS,
  LOYALTY,
  WEB_CODES,
  TILL_SESSIONS,
  TILL_CASH,
  TRANSFERS,
  SYNC_PROBLEMS,
  SYNC_LOG,
  SHOP_STOCK,
  INVOICES,
  SALES_BY_CHANNEL,
  PAYMENTS_BY_METHOD,
  VAT_SUMMARY,
  SETTINGS,
];

export function tabSpec(name: string): TabSpec {
  const spec = TABS.find((t) => t.name === name);
  if (!spec) throw new Error(`No tab named "${name}" in the ledger schema.`);
  return spec;
}
