import fc from 'fast-check';
import {
  barcodeError,
  barcodeKind,
  canonicalBarcode,
  ean13CheckDigit,
  gtinCheckDigit,
  isValidBarcode,
  isValidEan8,
  isValidEan13,
  isValidUpcA,
  normalizeBarcode,
} from '../../src/core/barcode';

describe('check digits', () => {
  it('computes the EAN-13 check digit from the first 12 digits', () => {
    expect(ean13CheckDigit('841234567890')).toBe(5);
    expect(ean13CheckDigit('400638133393')).toBe(1);
    expect(ean13CheckDigit('590123412345')).toBe(7);
    expect(ean13CheckDigit('000000000000')).toBe(0);
  });

  it('uses the same GTIN rule for EAN-8 and UPC-A', () => {
    expect(gtinCheckDigit('9638507')).toBe(4);
    expect(gtinCheckDigit('03600029145')).toBe(2);
  });

  it('refuses a body that is not 12 digits', () => {
    expect(() => ean13CheckDigit('84123456789')).toThrow(RangeError);
    expect(() => ean13CheckDigit('84123456789X')).toThrow(RangeError);
    expect(() => gtinCheckDigit('')).toThrow(RangeError);
  });
});

describe('validation', () => {
  it.each([
    ['4006381333931', 'EAN-13'],
    ['5901234123457', 'EAN-13'],
    ['8412345678905', 'EAN-13'],
    ['96385074', 'EAN-8'],
    ['73513537', 'EAN-8'],
    ['036000291452', 'UPC-A'],
    ['012345678905', 'UPC-A'],
  ])('accepts %s as %s', (code, kind) => {
    expect(barcodeError(code)).toBeNull();
    expect(isValidBarcode(code)).toBe(true);
    expect(barcodeKind(code)).toBe(kind);
    expect(isValidEan13(code)).toBe(kind === 'EAN-13');
    expect(isValidEan8(code)).toBe(kind === 'EAN-8');
    expect(isValidUpcA(code)).toBe(kind === 'UPC-A');
  });

  it('says which check digit was expected', () => {
    expect(barcodeError('8412345678906')).toBe(
      'The check digit of 8412345678906 should be 5: the barcode was mistyped or misread.',
    );
    expect(isValidEan13('8412345678906')).toBe(false);
    expect(barcodeError('96385075')).toBe(
      'The check digit of 96385075 should be 4: the barcode was mistyped or misread.',
    );
    expect(isValidUpcA('036000291453')).toBe(false);
  });

  it('explains empty, non-digit and wrong-length codes', () => {
    expect(barcodeError('')).toBe('The barcode is empty.');
    expect(barcodeError('  ')).toBe('The barcode is empty.');
    expect(barcodeError('84123A5678905')).toBe('The barcode 84123A5678905 can only contain digits.');
    expect(barcodeError('12345')).toBe(
      'The barcode 12345 has 5 digits; an EAN-13 has 13, a UPC-A 12 and an EAN-8 8.',
    );
    expect(barcodeError('84123456789050')).toMatch(/has 14 digits/);
    expect(barcodeKind('12345')).toBeNull();
    expect(barcodeKind('8412345678A05')).toBeNull();
  });

  it('reads the printed line under the bars and what a scanner sends', () => {
    expect(normalizeBarcode('5 901234 123457')).toBe('5901234123457');
    expect(isValidEan13('5 901234 123457')).toBe(true);
    expect(isValidEan13('4006381333931\r\n')).toBe(true);
    expect(isValidUpcA('0-36000-29145-2')).toBe(true);
  });

  it('stores UPC-A as its 13-digit EAN so both scans match', () => {
    expect(canonicalBarcode('036000291452')).toBe('0036000291452');
    expect(isValidEan13('0036000291452')).toBe(true);
    expect(canonicalBarcode('0036000291452')).toBe('0036000291452');
    expect(canonicalBarcode('96385074')).toBe('96385074');
    expect(canonicalBarcode('5 901234 123457')).toBe('5901234123457');
    expect(canonicalBarcode('8412345678906')).toBeNull();
  });
});

describe('properties', () => {
  const digits = (length: number) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));

  it('any 12 digits with their check digit make a valid EAN-13', () => {
    fc.assert(
      fc.property(digits(12), (body) => {
        expect(isValidEan13(body + ean13CheckDigit(body))).toBe(true);
      }),
    );
  });

  it('catches every single mistyped digit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(7, 11, 12),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        digits(12),
        (bodyLength, position, shift, seed) => {
          const body = seed.slice(0, bodyLength);
          const code = body + gtinCheckDigit(body);
          const at = position % code.length;
          const wrong = code.slice(0, at) + ((Number(code[at]) + shift) % 10) + code.slice(at + 1);
          expect(isValidBarcode(wrong)).toBe(false);
          expect(barcodeError(wrong)).toMatch(/check digit/);
        },
      ),
    );
  });

  it('catches two swapped neighbours unless they differ by 5', () => {
    fc.assert(
      fc.property(digits(12), fc.integer({ min: 0, max: 11 }), (body, at) => {
        const code = body + ean13CheckDigit(body);
        const a = Number(code[at]);
        const b = Number(code[at + 1]);
        fc.pre(a !== b && Math.abs(a - b) !== 5);
        const swapped = code.slice(0, at) + code[at + 1] + code[at] + code.slice(at + 2);
        expect(isValidEan13(swapped)).toBe(false);
      }),
    );
  });
});
