/**
 * The shop's settings: one Key/Value row each on the Settings tab, with a sensible default.
 * Later features add keys; "Set up ledger" adds the rows that are missing.
 */

import { DEFAULT_SERIES, parseSeriesSetting, type Series } from './invoice/series';

export type VatRounding = 'line' | 'document';
export type OversellPolicy = 'refuse' | 'warn';

export interface Settings {
  currency: string;
  pricesIncludeVat: boolean;
  vatRounding: VatRounding;
  /** Real stock locations, such as Store and Warehouse. */
  locations: string[];
  webStockLocations: string[];
  webFulfilmentLocation: string;
  stockBuffer: number;
  oversellPolicy: OversellPolicy;
  timeZone: string;
  sellerName: string;
  sellerTaxId: string;
  /** First sync of a shop imports orders modified since this date (ISO); '' means 30 days before. */
  importFrom: string;
  /** Invoice series (src/core/invoice/series.ts); the default T, W, F, R when the value is empty. */
  invoiceSeries: Series[];
  /** ISO 3166 alpha-2 country of the shop: the default for phone numbers typed without +code. */
  country: string;
  /** The loyalty credit programme (src/core/loyalty). */
  loyalty: LoyaltyRules;
  schemaVersion: number;
}

export interface LoyaltyRules {
  /** % of the net amount paid (not with credit) given back as credit: 5 means 5 %. */
  earnPercent: number;
  /** Smallest purchase (paid other than with credit, VAT included) that earns, in major units. */
  minimumPurchase: number;
  /** Months before earned credit expires; null: never. */
  expiryMonths: number | null;
  /** Whether paid web orders earn credit too. */
  onWebOrders: boolean;
}

export type SettingValue = string | number | boolean;

interface SettingSpec {
  key: string;
  /** The default written by "Set up ledger"; a function when it depends on the spreadsheet. */
  initial: (env: { timeZone: string; locale?: string }) => SettingValue;
  note: string;
}

export const SETTING_KEYS = {
  currency: 'Currency',
  pricesIncludeVat: 'Prices include VAT',
  vatRounding: 'VAT rounding',
  locations: 'Locations',
  webStockLocations: 'Web stock locations',
  webFulfilmentLocation: 'Web fulfilment location',
  stockBuffer: 'Stock buffer',
  oversellPolicy: 'Oversell policy',
  timeZone: 'Time zone',
  sellerName: 'Seller name',
  sellerTaxId: 'Seller tax ID',
  importFrom: 'Import from',
  invoiceSeries: 'Invoice series',
  country: 'Country',
  loyaltyEarnPercent: 'Loyalty earn %',
  loyaltyMinimumPurchase: 'Loyalty minimum purchase',
  loyaltyExpiryMonths: 'Loyalty expiry months',
  loyaltyOnWebOrders: 'Loyalty on web orders',
  schemaVersion: 'Schema version',
} as const;

const K = SETTING_KEYS;

/** The rows "Set up ledger" writes, in order. */
export const SETTING_SPECS: readonly SettingSpec[] = [
  { key: K.currency, initial: () => 'EUR', note: 'ISO code of the ledger currency' },
  { key: K.pricesIncludeVat, initial: () => true, note: 'TRUE when Products prices include VAT' },
  { key: K.vatRounding, initial: () => 'line', note: 'line or document' },
  { key: K.locations, initial: () => 'Store, Warehouse', note: 'real stock locations, comma separated' },
  {
    key: K.webStockLocations,
    initial: () => 'Store, Warehouse',
    note: 'locations whose stock the web shop sells',
  },
  { key: K.webFulfilmentLocation, initial: () => 'Warehouse', note: 'where paid web orders are reserved' },
  { key: K.stockBuffer, initial: () => 0, note: 'units held back from the web shop' },
  { key: K.oversellPolicy, initial: () => 'refuse', note: 'refuse or warn' },
  { key: K.timeZone, initial: (env) => env.timeZone, note: 'IANA time zone, such as Europe/Madrid' },
  { key: K.sellerName, initial: () => '', note: 'printed on invoices' },
  { key: K.sellerTaxId, initial: () => '', note: 'printed on invoices' },
  {
    key: K.importFrom,
    initial: () => '',
    note: 'first web-shop sync: orders since this date (empty: 30 days back)',
  },
  {
    key: K.invoiceSeries,
    initial: () => '',
    note: 'CODE: purpose; … (empty: T till, W web, F full, R corrective)',
  },
  {
    key: K.country,
    initial: (env) => countryOfLocale(env.locale ?? ''),
    note: 'ISO country code, such as ES: phone numbers without +code are of this country',
  },
  { key: K.loyaltyEarnPercent, initial: () => 5, note: 'loyalty credit: % of the net paid, 0 turns it off' },
  { key: K.loyaltyMinimumPurchase, initial: () => 0, note: 'loyalty credit: smallest purchase that earns' },
  {
    key: K.loyaltyExpiryMonths,
    initial: () => '',
    note: 'loyalty credit: months until it expires (empty: never)',
  },
  {
    key: K.loyaltyOnWebOrders,
    initial: () => true,
    note: 'loyalty credit: TRUE when web orders earn it too',
  },
  { key: K.schemaVersion, initial: () => 1, note: 'set by Shop Ledger: do not edit' },
];

export interface SettingProblem {
  key: string;
  message: string;
}

function list(v: SettingValue): string[] {
  return String(v)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function bool(v: SettingValue): boolean | null {
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase();
  if (['true', 'yes', 'sí', 'si', '1'].includes(s)) return true;
  if (['false', 'no', '0'].includes(s)) return false;
  return null;
}

/** 'es_ES' → 'ES'; 'ES' when the locale names no country (the ledger's home market). */
export function countryOfLocale(locale: string): string {
  const m = /^[a-z]{2,3}[_-]([A-Za-z]{2})\b/.exec(locale.trim());
  return m ? m[1].toUpperCase() : 'ES';
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads settings from Key → Value. A missing or bad value falls back to its default and is
 * reported, so one typo never stops the till.
 */
export function parseSettings(
  values: Readonly<Record<string, SettingValue>>,
  env: { timeZone: string; locale?: string },
): { settings: Settings; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const raw = (key: string): SettingValue => {
    const v = values[key];
    if (v === undefined || v === '') {
      return (SETTING_SPECS.find((s) => s.key === key) as SettingSpec).initial(env);
    }
    return v;
  };
  const fallback = <T>(key: string, message: string, value: T): T => {
    problems.push({ key, message });
    return value;
  };

  const currency = String(raw(K.currency)).trim().toUpperCase();
  const pricesIncludeVat = bool(raw(K.pricesIncludeVat));
  const vatRounding = String(raw(K.vatRounding)).trim().toLowerCase();
  const locations = list(raw(K.locations));
  const webStock = list(raw(K.webStockLocations));
  const fulfilment = String(raw(K.webFulfilmentLocation)).trim();
  const buffer = Number(raw(K.stockBuffer));
  const oversell = String(raw(K.oversellPolicy)).trim().toLowerCase();
  const timeZone = String(raw(K.timeZone)).trim();
  const schemaVersion = Number(raw(K.schemaVersion));
  const series = parseSeriesSetting(String(raw(K.invoiceSeries)));
  const country = String(raw(K.country)).trim().toUpperCase();
  const earnPercent = Number(raw(K.loyaltyEarnPercent));
  const minimumPurchase = Number(raw(K.loyaltyMinimumPurchase));
  const expiryRaw = values[K.loyaltyExpiryMonths];
  const expiryMonths = expiryRaw === undefined || String(expiryRaw).trim() === '' ? null : Number(expiryRaw);
  const onWebOrders = bool(raw(K.loyaltyOnWebOrders));

  const settings: Settings = {
    currency: /^[A-Z]{3}$/.test(currency)
      ? currency
      : fallback(
          K.currency,
          `"${currency}" is not a currency code. Use a three-letter code, like EUR.`,
          'EUR',
        ),
    pricesIncludeVat:
      pricesIncludeVat ??
      fallback(K.pricesIncludeVat, `"${raw(K.pricesIncludeVat)}" is not TRUE or FALSE.`, true),
    vatRounding:
      vatRounding === 'line' || vatRounding === 'document'
        ? vatRounding
        : fallback(K.vatRounding, `"${vatRounding}" must be line or document.`, 'line'),
    locations:
      locations.length > 0
        ? locations
        : fallback(K.locations, 'No location is listed. List them separated by commas.', [
            'Store',
            'Warehouse',
          ]),
    webStockLocations: webStock,
    webFulfilmentLocation: fulfilment,
    stockBuffer:
      Number.isInteger(buffer) && buffer >= 0
        ? buffer
        : fallback(K.stockBuffer, `"${raw(K.stockBuffer)}" must be a whole number of units, 0 or more.`, 0),
    oversellPolicy:
      oversell === 'refuse' || oversell === 'warn'
        ? oversell
        : fallback(K.oversellPolicy, `"${oversell}" must be refuse or warn.`, 'refuse'),
    timeZone: isTimeZone(timeZone)
      ? timeZone
      : fallback(
          K.timeZone,
          `"${timeZone}" is not a time zone. Use a name like Europe/Madrid.`,
          env.timeZone,
        ),
    sellerName: String(raw(K.sellerName)).trim(),
    sellerTaxId: String(raw(K.sellerTaxId)).trim(),
    importFrom: String(raw(K.importFrom)).trim(),
    invoiceSeries: series.ok
      ? series.series
      : fallback(
          K.invoiceSeries,
          `The invoice series cannot be read: ${series.errors.join(' ')} Until fixed, the default series T, W, F, R are used.`,
          DEFAULT_SERIES.map((s) => ({ ...s })),
        ),
    country: /^[A-Z]{2}$/.test(country)
      ? country
      : fallback(K.country, `"${country}" is not a country code. Use two letters, like ES.`, 'ES'),
    loyalty: {
      earnPercent:
        Number.isFinite(earnPercent) && earnPercent >= 0 && earnPercent <= 100
          ? earnPercent
          : fallback(
              K.loyaltyEarnPercent,
              `"${raw(K.loyaltyEarnPercent)}" must be a percentage from 0 to 100, like 5.`,
              5,
            ),
      minimumPurchase:
        Number.isFinite(minimumPurchase) && minimumPurchase >= 0
          ? minimumPurchase
          : fallback(
              K.loyaltyMinimumPurchase,
              `"${raw(K.loyaltyMinimumPurchase)}" must be an amount, 0 or more, like 10.`,
              0,
            ),
      expiryMonths:
        expiryMonths === null || (Number.isInteger(expiryMonths) && expiryMonths > 0)
          ? expiryMonths
          : fallback(
              K.loyaltyExpiryMonths,
              `"${expiryRaw}" must be a whole number of months, like 12, or empty for never.`,
              null,
            ),
      onWebOrders:
        onWebOrders ??
        fallback(K.loyaltyOnWebOrders, `"${raw(K.loyaltyOnWebOrders)}" is not TRUE or FALSE.`, true),
    },
    schemaVersion: Number.isInteger(schemaVersion) ? schemaVersion : 1,
  };
  for (const loc of settings.webStockLocations) {
    if (!settings.locations.includes(loc)) {
      problems.push({
        key: K.webStockLocations,
        message: `"${loc}" is not one of the Locations (${settings.locations.join(', ')}).`,
      });
    }
  }
  if (!settings.locations.includes(settings.webFulfilmentLocation)) {
    problems.push({
      key: K.webFulfilmentLocation,
      message: `"${settings.webFulfilmentLocation}" is not one of the Locations (${settings.locations.join(', ')}).`,
    });
  }
  return { settings, problems };
}
