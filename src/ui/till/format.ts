/** How the till writes money, times and VAT rates: in the spreadsheet's language and currency. */
import { formatDecimal, formatMoney } from '../../core/money';
import { t } from './i18n';

let currency = 'EUR';
let exponent = 2;

export function setCurrency(code: string, decimals: number): void {
  currency = code;
  exponent = decimals;
}

export function money(minor: number): string {
  try {
    return formatMoney(minor, currency, t.locale);
  } catch {
    // An unknown currency code in Settings must not blank the till: show the bare number.
    return `${formatDecimal(minor, exponent)} ${currency}`;
  }
}

/** An amount in a currency of its own (a web order in another than the ledger's). */
export function moneyIn(minor: number, code: string, decimals: number): string {
  try {
    return formatMoney(minor, code, t.locale);
  } catch {
    return `${formatDecimal(minor, decimals)} ${code}`;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** HH:MM in the browser's own time zone, from an ISO time the server sent. */
export function clock(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '--:--';
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** DD/MM/YYYY HH:MM in the browser's time zone, for receipts and the Z report. */
export function dateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()} ${clock(iso)}`;
}

export function rate(percent: number): string {
  return new Intl.NumberFormat(t.locale, { maximumFractionDigits: 2 }).format(percent);
}

/**
 * A product name for a narrow column: a number and the short unit after it ("250 g", "1 kg",
 * "6 x") joined by a no-break space, so a wrapped name never splits its pack size.
 */
export function productName(name: string): string {
  return name.replace(/(\d) (?=[A-Za-zµ]{1,3}\b)/g, '$1\u00a0');
}
