/**
 * Retail barcodes (EAN-13, EAN-8, UPC-A): check-digit validation, so a mistyped or misread
 * code is caught at the till or in the catalogue instead of selling the wrong product.
 * All three are GTINs and share one check-digit rule.
 */

export type BarcodeKind = 'EAN-13' | 'EAN-8' | 'UPC-A';

const KIND_BY_LENGTH: Readonly<Record<number, BarcodeKind>> = { 8: 'EAN-8', 12: 'UPC-A', 13: 'EAN-13' };

/**
 * The code without the spaces or hyphens of the human-readable line under the bars
 * ('5 901234 123457'), or the line end a scanner sends.
 */
export function normalizeBarcode(text: string): string {
  return text.replace(/[\s-]/g, '');
}

/**
 * The GTIN check digit for the digits before it: weights 3, 1, 3, ... from the right,
 * and the digit that brings the sum to a multiple of 10.
 */
export function gtinCheckDigit(body: string): number {
  if (!/^[0-9]+$/.test(body)) throw new RangeError(`A barcode body must be digits only, not "${body}".`);
  let total = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    total += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (total % 10)) % 10;
}

/** The 13th digit of an EAN-13 from its first 12: '841234567890' → 5. */
export function ean13CheckDigit(first12: string): number {
  if (!/^[0-9]{12}$/.test(first12)) {
    throw new RangeError(`An EAN-13 check digit needs exactly 12 digits, not "${first12}".`);
  }
  return gtinCheckDigit(first12);
}

/** EAN-13, EAN-8 or UPC-A by length, or null when the code is none of these lengths or not digits. */
export function barcodeKind(code: string): BarcodeKind | null {
  const digits = normalizeBarcode(code);
  return /^[0-9]+$/.test(digits) ? (KIND_BY_LENGTH[digits.length] ?? null) : null;
}

/** Why the code is not a valid EAN-13, EAN-8 or UPC-A barcode, for the person who typed or scanned it; null when it is. */
export function barcodeError(code: string): string | null {
  const digits = normalizeBarcode(code);
  if (digits === '') return 'The barcode is empty.';
  if (!/^[0-9]+$/.test(digits)) return `The barcode ${code.trim()} can only contain digits.`;
  if (KIND_BY_LENGTH[digits.length] === undefined) {
    return `The barcode ${digits} has ${digits.length} digits; an EAN-13 has 13, a UPC-A 12 and an EAN-8 8.`;
  }
  const expected = gtinCheckDigit(digits.slice(0, -1));
  if (Number(digits[digits.length - 1]) !== expected) {
    return `The check digit of ${digits} should be ${expected}: the barcode was mistyped or misread.`;
  }
  return null;
}

export function isValidBarcode(code: string): boolean {
  return barcodeError(code) === null;
}

export function isValidEan13(code: string): boolean {
  return barcodeKind(code) === 'EAN-13' && isValidBarcode(code);
}

export function isValidEan8(code: string): boolean {
  return barcodeKind(code) === 'EAN-8' && isValidBarcode(code);
}

export function isValidUpcA(code: string): boolean {
  return barcodeKind(code) === 'UPC-A' && isValidBarcode(code);
}

/**
 * The code in the one form to store and match: a UPC-A becomes the 13-digit EAN with a
 * leading 0, so a product matches whether a scanner reads it as 12 digits or 13. EAN-8 stays
 * 8 digits: it is its own number space, not a shortened EAN-13. Null when the code is not valid.
 */
export function canonicalBarcode(code: string): string | null {
  if (!isValidBarcode(code)) return null;
  const digits = normalizeBarcode(code);
  return digits.length === 12 ? `0${digits}` : digits;
}
