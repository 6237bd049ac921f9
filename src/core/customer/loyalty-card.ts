/**
 * Loyalty card numbers: EAN-13 codes in the in-store range (prefix 2, which GS1 leaves to each
 * shop, so a card never collides with a product's barcode), printable as a barcode and checked
 * by its check digit when scanned. Prefix 29, then the customer's number in 10 digits.
 */
import { ean13CheckDigit, isValidEan13, normalizeBarcode } from '../barcode';

export const CARD_PREFIX = '29';

/** The card of the customer numbered `n` (C-000042 → 42): '2900000000421'. */
export function loyaltyCardNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n >= 1e10) {
    throw new RangeError(`A loyalty card needs a customer number from 1 to 9999999999, not ${n}.`);
  }
  const body = `${CARD_PREFIX}${String(n).padStart(10, '0')}`;
  return `${body}${ean13CheckDigit(body)}`;
}

/** True for a scanned or typed code that is one of our cards, with a right check digit. */
export function isLoyaltyCard(code: string): boolean {
  const digits = normalizeBarcode(String(code ?? ''));
  return digits.startsWith(CARD_PREFIX) && isValidEan13(digits);
}

/**
 * True for a code shaped like one of our cards (13 digits with our prefix) whose check digit
 * fails: a misread scan or a mistyped digit, not a customer who is not there.
 */
export function isMisreadCard(code: string): boolean {
  const digits = normalizeBarcode(String(code ?? ''));
  return /^\d{13}$/.test(digits) && digits.startsWith(CARD_PREFIX) && !isLoyaltyCard(digits);
}
