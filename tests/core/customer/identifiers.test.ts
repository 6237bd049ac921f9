import fc from 'fast-check';
import { isValidEan13 } from '../../../src/core/barcode';
import { normaliseEmail, normalisePhone, phoneDigits } from '../../../src/core/customer/identifiers';
import { isLoyaltyCard, loyaltyCardNumber } from '../../../src/core/customer/loyalty-card';

test('emails are trimmed and lower-cased; one that is not an address is kept as typed, with a warning', () => {
  expect(normaliseEmail('  Ana.Garcia@Mail.COM ')).toEqual({ value: 'ana.garcia@mail.com', warning: null });
  expect(normaliseEmail('')).toEqual({ value: '', warning: null });
  const bad = normaliseEmail(' Ana at mail ');
  expect(bad.value).toBe('Ana at mail');
  expect(bad.warning).toMatch(/does not look like an address/);
});

test.each([
  ['612 34 56 78', 'ES', '+34612345678'],
  ['0034 612-345-678', 'ES', '+34612345678'],
  ['+44 20 7946 0958', 'ES', '+442079460958'],
  ['020 7946 0958', 'GB', '+442079460958'],
])('the phone %s (country %s) becomes %s', (typed, country, e164) => {
  expect(normalisePhone(typed, country)).toEqual({ value: e164, warning: null });
});

test('a phone that is not a valid number is kept as typed, with a warning naming the country', () => {
  const r = normalisePhone(' 123 ', 'ES');
  expect(r.value).toBe('123');
  expect(r.warning).toMatch(/not a valid number for ES/);
  expect(phoneDigits('612 34 56 78', 'ES')).toBe('34612345678');
});

test('loyalty cards are EAN-13 in the in-store range 29, with a right check digit, one per customer number', () => {
  expect(loyaltyCardNumber(42)).toBe('2900000000421'); // 2·1+9·3+4·1+2·3 = 39 → 1;
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 9_999_999_999 }), (n) => {
      const card = loyaltyCardNumber(n);
      expect(isValidEan13(card)).toBe(true);
      expect(isLoyaltyCard(card)).toBe(true);
      expect(card.slice(0, 2)).toBe('29');
      // One digit changed is caught by the check digit.
      const typo = `${card.slice(0, 5)}${(Number(card[5]) + 1) % 10}${card.slice(6)}`;
      expect(isLoyaltyCard(typo)).toBe(false);
    }),
  );
  expect(isLoyaltyCard('8412345100017')).toBe(false); // a product barcode is never a card
  expect(() => loyaltyCardNumber(0)).toThrow(RangeError);
});
