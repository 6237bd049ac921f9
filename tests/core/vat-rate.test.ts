import fc from 'fast-check';
import { isValidVatRate, vatRateError } from '../../src/core/vat-rate';

describe('VAT rates', () => {
  it.each([0, 4, 5.5, 10, 21, 0.07, 99.99])('accepts %p', (rate) => {
    expect(isValidVatRate(rate)).toBe(true);
    expect(vatRateError(rate)).toBeNull();
  });

  it.each<[unknown, string]>([
    [-1, 'The VAT rate cannot be negative (it is -1).'],
    [100, 'The VAT rate must be below 100 % (it is 100); write 21 for 21 %.'],
    [121, 'The VAT rate must be below 100 % (it is 121); write 21 for 21 %.'],
    [5.555, 'The VAT rate can have at most 2 decimals, like 5.5 (it is 5.555).'],
    [Number.NaN, 'The VAT rate must be a number, like 21 for 21 %, not NaN.'],
    [Number.POSITIVE_INFINITY, 'The VAT rate must be a number, like 21 for 21 %, not Infinity.'],
    ['21', 'The VAT rate must be a number, like 21 for 21 %, not "21".'],
    [null, 'The VAT rate must be a number, like 21 for 21 %, not null.'],
    [undefined, 'The VAT rate must be a number, like 21 for 21 %, not undefined.'],
  ])('refuses %p with a reason', (rate, reason) => {
    expect(isValidVatRate(rate)).toBe(false);
    expect(vatRateError(rate)).toBe(reason);
  });

  it('accepts every rate from 0 to 99.99 in hundredths', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), (hundredths) => {
        expect(isValidVatRate(hundredths / 100)).toBe(true);
      }),
    );
  });

  it('refuses every rate with a third decimal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99999 }).filter((thousandths) => thousandths % 10 !== 0),
        (thousandths) => {
          expect(vatRateError(thousandths / 1000)).toMatch(/at most 2 decimals/);
        },
      ),
    );
  });
});
