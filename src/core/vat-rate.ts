/**
 * What counts as a VAT rate: a percent number (21 means 21 %), from 0 up to but not
 * including 100, with at most 2 decimals (5.5, 10, 21, 0), so pricing can work in exact
 * hundredths of a percent.
 */
import { decimalPlaces } from './money';

/** Why x is not a VAT rate, in words for the shop owner; null when it is one. */
export function vatRateError(x: unknown): string | null {
  if (typeof x !== 'number') {
    const shown = typeof x === 'string' ? `"${x}"` : String(x);
    return `The VAT rate must be a number, like 21 for 21 %, not ${shown}.`;
  }
  if (!Number.isFinite(x)) return `The VAT rate must be a number, like 21 for 21 %, not ${x}.`;
  if (x < 0) return `The VAT rate cannot be negative (it is ${x}).`;
  if (x >= 100) return `The VAT rate must be below 100 % (it is ${x}); write 21 for 21 %.`;
  if (decimalPlaces(x) > 2) return `The VAT rate can have at most 2 decimals, like 5.5 (it is ${x}).`;
  return null;
}

export function isValidVatRate(x: unknown): x is number {
  return vatRateError(x) === null;
}
