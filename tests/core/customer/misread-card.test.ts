import fc from 'fast-check';
import { isLoyaltyCard, isMisreadCard, loyaltyCardNumber } from '../../../src/core/customer/loyalty-card';

test('property: a card is never misread; any one digit changed always is (EAN-13 catches every single-digit error)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 9_999_999_999 }),
      fc.integer({ min: 2, max: 12 }), // the prefix kept: a changed prefix is not our card at all
      fc.integer({ min: 1, max: 9 }),
      (n, at, by) => {
        const card = loyaltyCardNumber(n);
        expect(isLoyaltyCard(card)).toBe(true);
        expect(isMisreadCard(card)).toBe(false);
        const typo = `${card.slice(0, at)}${(Number(card[at]) + by) % 10}${card.slice(at + 1)}`;
        expect(isMisreadCard(typo)).toBe(true);
      },
    ),
  );
});

test.each([
  ['a product barcode (not our prefix)', '8412345100017'],
  ['12 digits', '290000000001'],
  ['a name', 'Ana'],
  ['an empty search', ''],
])('%s is not a misread card', (_n, code) => {
  expect(isMisreadCard(code)).toBe(false);
});
