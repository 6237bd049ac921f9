import fc from 'fast-check';
import {
  allocate,
  currencyExponent,
  decimalPlaces,
  formatDecimal,
  formatMoney,
  isMinor,
  mulDivRound,
  parseMoney,
  percentOf,
  percentToHundredths,
  roundHalfAwayFromZero,
  scaleExactly,
  toDecimal,
  toMinor,
} from '../../src/core/money';

// Reference arithmetic for the properties: BigInt is fine in tests (Node), not in the bundle.
function referenceMulDivRound(a: number, b: number, c: number): bigint {
  const product = BigInt(a) * BigInt(b);
  const divisor = BigInt(c);
  const abs = (x: bigint) => (x < BigInt(0) ? -x : x);
  const quotient = abs(product) / abs(divisor);
  const remainder = abs(product) % abs(divisor);
  const magnitude = remainder * BigInt(2) >= abs(divisor) ? quotient + BigInt(1) : quotient;
  return product < BigInt(0) !== divisor < BigInt(0) ? -magnitude : magnitude;
}

describe('currencyExponent', () => {
  it.each([
    ['EUR', 2],
    ['usd', 2],
    ['GBP', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['BHD', 3],
    ['KWD', 3],
    [' jpy ', 0],
    ['XYZ', 2],
  ])('%s has %i decimals', (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
  });
});

describe('isMinor', () => {
  it('accepts safe integers only', () => {
    expect(isMinor(1234)).toBe(true);
    expect(isMinor(-5)).toBe(true);
    expect(isMinor(12.5)).toBe(false);
    expect(isMinor(2 ** 53)).toBe(false);
    expect(isMinor('12')).toBe(false);
  });
});

describe('toMinor', () => {
  it('rounds the decimal as written, half away from zero, not its binary value', () => {
    expect(toMinor(1.005)).toBe(101); // binary 1.00499999999999989...
    expect(toMinor(-1.005)).toBe(-101);
    expect(toMinor(2.675)).toBe(268); // binary 2.67499999999999982...
    expect(toMinor(1.015)).toBe(102);
    expect(toMinor(0.1 + 0.2)).toBe(30);
    expect(toMinor(1.004)).toBe(100);
    expect(toMinor(12.34)).toBe(1234);
    expect(toMinor(12)).toBe(1200);
  });

  it('uses the exponent', () => {
    expect(toMinor(0.5, 0)).toBe(1);
    expect(toMinor(-0.5, 0)).toBe(-1);
    expect(toMinor(1234, 0)).toBe(1234);
    expect(toMinor(1.2345, 3)).toBe(1235);
    expect(toMinor(1.5, 4)).toBe(15000);
  });

  it('reads exponent notation and never returns -0', () => {
    expect(toMinor(1e-7)).toBe(0);
    expect(Object.is(toMinor(-1e-7), 0)).toBe(true);
    expect(Object.is(toMinor(-0), 0)).toBe(true);
    expect(toMinor(1.5e13)).toBe(1.5e15);
    expect(toMinor(5e-3)).toBe(1);
  });

  it('throws a RangeError on NaN, Infinity and amounts too large to be exact', () => {
    expect(() => toMinor(Number.NaN)).toThrow(new RangeError('An amount must be a finite number, not NaN.'));
    expect(() => toMinor(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => toMinor(1e14)).toThrow(/too large/);
    expect(() => toMinor(1e21)).toThrow(/too large/);
    expect(() => toMinor(1, 2.5)).toThrow(/exponent/);
    expect(() => toMinor(1, -1)).toThrow(RangeError);
  });

  it('matches integer half-away rounding for any amount written with 3 decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (thousandths) => {
        const expected = Math.sign(thousandths) * Math.floor((Math.abs(thousandths) + 5) / 10);
        expect(toMinor(thousandths / 1000)).toBe(expected === 0 ? 0 : expected);
      }),
    );
  });

  it('reads back what toDecimal wrote, for every exponent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(1e15 - 1), max: 1e15 - 1 }),
        fc.integer({ min: 0, max: 4 }),
        (minor, exponent) => {
          expect(toMinor(toDecimal(minor, exponent), exponent)).toBe(minor);
        },
      ),
    );
  });
});

describe('toDecimal', () => {
  it('is the exact decimal', () => {
    expect(toDecimal(1234)).toBe(12.34);
    expect(toDecimal(-5)).toBe(-0.05);
    expect(toDecimal(1234, 0)).toBe(1234);
    expect(toDecimal(1234, 3)).toBe(1.234);
    expect(toDecimal(1)).toBe(0.01);
    expect(Object.is(toDecimal(-0), 0)).toBe(true);
  });

  it('refuses non-integers', () => {
    expect(() => toDecimal(12.5)).toThrow(RangeError);
    expect(() => toDecimal(2 ** 53)).toThrow(RangeError);
  });
});

describe('formatDecimal', () => {
  it('writes plain decimal text', () => {
    expect(formatDecimal(1200)).toBe('12.00');
    expect(formatDecimal(-5)).toBe('-0.05');
    expect(formatDecimal(0)).toBe('0.00');
    expect(formatDecimal(5, 0)).toBe('5');
    expect(formatDecimal(1234567, 3)).toBe('1234.567');
  });
});

describe('formatMoney', () => {
  const plainSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

  it('writes money the way the locale does', () => {
    expect(formatMoney(1234, 'EUR')).toBe('€12.34');
    expect(formatMoney(-1234, 'EUR')).toBe('-€12.34');
    expect(plainSpaces(formatMoney(123456, 'EUR', 'de-DE'))).toBe('1.234,56 €');
    expect(formatMoney(1234, 'JPY')).toBe('¥1,234');
    expect(formatMoney(1234, 'BHD')).toMatch(/1\.234/);
    expect(formatMoney(100, 'GBP', 'en-GB')).toBe('£1.00');
  });

  it('throws a RangeError naming an unknown currency code', () => {
    expect(() => formatMoney(100, 'EURO')).toThrow(/EURO/);
  });
});

describe('parseMoney', () => {
  it.each([
    ['12.50', 1250],
    ['12,50', 1250],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['€ 12', 1200],
    ['€12', 1200],
    ['12 €', 1200],
    ['12,50 EUR', 1250],
    ['US$ 5', 500],
    ['-3', -300],
    ['\u22123', -300],
    ['+3', 300],
    ['-€3', -300],
    ['€ -3', -300],
    ['12', 1200],
    ['  12.5  ', 1250],
    ['.5', 50],
    ['12.', 1200],
    ['0', 0],
    ['1 234,56', 123456],
    ['1\u202f234,56', 123456],
    ["1'234.50", 123450],
    ['1.234.567', 123456700],
    ['1,234,567.89', 123456789],
    ['1,23,456.78', 12345678],
  ])('reads %p as %p', (text, minor) => {
    expect(parseMoney(text)).toBe(minor);
  });

  it.each([
    [''],
    ['   '],
    ['abc'],
    ['€'],
    ['-'],
    ['12.345'],
    ['1.234'],
    ['1,234'],
    ['12,5,0'],
    ['1.2.3'],
    ['12..5'],
    ['1,2345.00'],
    ['12345,678.00'],
    ['1.234 567,00'],
    ['--3'],
    ['-€-3'],
    ['€ 3 €'],
    ['12e3'],
    ['12e'],
    ['0x10'],
    ['99999999999999999'],
  ])('does not read %p as money', (text) => {
    expect(parseMoney(text)).toBeNull();
  });

  it('gives up on text far longer than any amount', () => {
    expect(parseMoney('1'.repeat(5000))).toBeNull();
    expect(parseMoney(`€${'1,'.repeat(3000)}x`)).toBeNull();
  });

  it('never returns -0', () => {
    expect(Object.is(parseMoney('-0'), 0)).toBe(true);
  });

  it('follows the currency exponent', () => {
    expect(parseMoney('1,234', 0)).toBe(1234); // no decimals in yen: a lone ',' before 3 digits groups
    expect(parseMoney('¥1,234', 0)).toBe(1234);
    expect(parseMoney('12.5', 0)).toBeNull();
    expect(parseMoney('12', 0)).toBe(12);
    expect(parseMoney('1.234', 3)).toBe(1234);
    expect(parseMoney('1,234', 3)).toBe(1234);
    expect(parseMoney('1.2345', 3)).toBeNull();
    expect(parseMoney('1.5', 3)).toBe(1500);
  });

  it('reads back any amount that formatMoney wrote', () => {
    const cases = fc.constantFrom(
      ['EUR', 'en-US'],
      ['EUR', 'de-DE'],
      ['EUR', 'fr-FR'],
      ['EUR', 'nl-NL'],
      ['EUR', 'es-ES'],
      ['GBP', 'en-GB'],
      ['CHF', 'de-CH'],
      ['INR', 'en-IN'],
      ['JPY', 'ja-JP'],
      ['JPY', 'en-US'],
      ['BHD', 'en-US'],
    );
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), cases, (minor, [currency, locale]) => {
        expect(parseMoney(formatMoney(minor, currency, locale), currencyExponent(currency))).toBe(minor);
      }),
    );
  });

  it('reads back any amount that formatDecimal wrote', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 0, max: 4 }), (minor, exponent) => {
        expect(parseMoney(formatDecimal(minor, exponent), exponent)).toBe(minor === 0 ? 0 : minor);
      }),
    );
  });
});

describe('roundHalfAwayFromZero', () => {
  it('rounds halves away from zero', () => {
    expect(roundHalfAwayFromZero(2.5)).toBe(3);
    expect(roundHalfAwayFromZero(-2.5)).toBe(-3);
    expect(roundHalfAwayFromZero(0.5)).toBe(1);
    expect(roundHalfAwayFromZero(-0.5)).toBe(-1);
    expect(roundHalfAwayFromZero(2.4999)).toBe(2);
    expect(roundHalfAwayFromZero(-2.4999)).toBe(-2);
    expect(Object.is(roundHalfAwayFromZero(-0.4), 0)).toBe(true);
  });

  it('is symmetric', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (x) => {
        expect(roundHalfAwayFromZero(-x)).toBe(-roundHalfAwayFromZero(x) || 0);
      }),
    );
  });
});

describe('mulDivRound', () => {
  it('rounds a × b / c half away from zero', () => {
    expect(mulDivRound(1, 1, 2)).toBe(1);
    expect(mulDivRound(-1, 1, 2)).toBe(-1);
    expect(mulDivRound(1, -1, 2)).toBe(-1);
    expect(mulDivRound(1, 1, -2)).toBe(-1);
    expect(mulDivRound(-1, -1, 2)).toBe(1);
    expect(mulDivRound(5, 1, 4)).toBe(1);
    expect(mulDivRound(7, 1, 4)).toBe(2);
    expect(mulDivRound(199, 2100, 10000)).toBe(42);
    expect(Object.is(mulDivRound(-1, 1, 3), 0)).toBe(true);
  });

  it('stays exact when a × b passes 2^53', () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(mulDivRound(max, max, max)).toBe(max);
    expect(mulDivRound(2 ** 52 + 1, 2 ** 40 + 3, 2 ** 45 + 7)).toBe(140737488355684);
    // Float arithmetic gets this one wrong: (2^53 - 1) × 3 / 6 is 4503599627370495.5, rounded up.
    expect(mulDivRound(max, 3, 6)).toBe(4503599627370496);
  });

  it('throws on non-integers, division by zero and results too large', () => {
    expect(() => mulDivRound(1.5, 1, 1)).toThrow(RangeError);
    expect(() => mulDivRound(1, 1, 0)).toThrow(/zero/);
    expect(() => mulDivRound(Number.MAX_SAFE_INTEGER, 2, 1)).toThrow(/too large/);
  });

  it('agrees with exact BigInt arithmetic', () => {
    const safe = fc.oneof(
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.integer({ min: 2 ** 40, max: Number.MAX_SAFE_INTEGER }),
      fc.maxSafeInteger(),
      fc.integer(),
    );
    fc.assert(
      fc.property(safe, safe, safe, (a, b, c) => {
        fc.pre(c !== 0);
        const expected = referenceMulDivRound(a, b, c);
        const limit = BigInt(Number.MAX_SAFE_INTEGER);
        if (expected > limit || expected < -limit) {
          expect(() => mulDivRound(a, b, c)).toThrow(RangeError);
        } else {
          expect(mulDivRound(a, b, c)).toBe(Number(expected));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('percentages', () => {
  it('turns percents with at most 2 decimals into exact hundredths', () => {
    expect(percentToHundredths(21)).toBe(2100);
    expect(percentToHundredths(5.5)).toBe(550);
    expect(percentToHundredths(0.07)).toBe(7); // 0.07 × 100 is 7.000000000000001 in floats
    expect(percentToHundredths(99.99)).toBe(9999);
    expect(() => percentToHundredths(5.555)).toThrow(/at most 2 decimals/);
  });

  it('takes a percentage of an amount exactly', () => {
    expect(percentOf(199, 21)).toBe(42);
    expect(percentOf(50, 21)).toBe(11); // 10.5
    expect(percentOf(-50, 21)).toBe(-11);
    expect(percentOf(1000, 12.5)).toBe(125);
  });

  it('counts the decimals as written', () => {
    expect(decimalPlaces(5.5)).toBe(1);
    expect(decimalPlaces(0.07)).toBe(2);
    expect(decimalPlaces(21)).toBe(0);
    expect(decimalPlaces(1e-7)).toBe(7);
    expect(decimalPlaces(1e21)).toBe(0);
    expect(scaleExactly(1.25, 2)).toBe(125);
    expect(scaleExactly(1.255, 2)).toBeNull();
  });
});

describe('allocate', () => {
  it('splits by largest remainder, ties to the earlier part', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(10, [1, 2, 4])).toEqual([1, 3, 6]); // 1.43, 2.86, 5.71
    expect(allocate(5, [3, 7])).toEqual([2, 3]); // 1.5, 3.5: one unit left, the tie goes first
    expect(allocate(1, [1, 1])).toEqual([1, 0]);
    expect(allocate(1000, [1.5, 2.5])).toEqual([375, 625]);
  });

  it('mirrors negative totals', () => {
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(-10, [1, 2, 4])).toEqual([-1, -3, -6]);
  });

  it('gives zero weights nothing, and splits equally when every weight is zero', () => {
    expect(allocate(10, [0, 1, 0])).toEqual([0, 10, 0]);
    expect(allocate(100, [0, 0, 0])).toEqual([34, 33, 33]);
    expect(allocate(0, [1, 2])).toEqual([0, 0]);
    expect(Object.is(allocate(-1, [1, 0])[1], 0)).toBe(true);
  });

  it('stays exact with large totals and weights', () => {
    expect(allocate(9e15, [3e15, 3e15, 3e15])).toEqual([3e15, 3e15, 3e15]);
    expect(allocate(Number.MAX_SAFE_INTEGER, [1, 1])).toEqual([4503599627370496, 4503599627370495]);
    // Floating-point shares rank these remainders the wrong way round and move the unit.
    expect(allocate(8653263111911862, [10, 27098392, 13990447091])).toEqual([
      6173166, 16728286418105, 8636534819320591,
    ]);
  });

  it('ranks remainders exactly, as BigInt arithmetic does', () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger(),
        fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { minLength: 1, maxLength: 4 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const big = weights.map(BigInt);
          const sum = big.reduce((a, b) => a + b, BigInt(0));
          const magnitude = BigInt(Math.abs(total));
          const parts = big.map((w) => (magnitude * w) / sum);
          let leftover = magnitude - parts.reduce((a, b) => a + b, BigInt(0));
          const order = big
            .map((w, i) => ({ i, remainder: (magnitude * w) % sum, w }))
            .filter((entry) => entry.w > BigInt(0))
            .sort((x, y) => (y.remainder > x.remainder ? 1 : y.remainder < x.remainder ? -1 : x.i - y.i));
          for (let k = 0; leftover > BigInt(0); k++, leftover--) parts[order[k].i] += BigInt(1);
          const expected = parts.map((part) =>
            total < 0 && part !== BigInt(0) ? -Number(part) : Number(part),
          );
          expect(allocate(total, weights)).toEqual(expected);
        },
      ),
    );
  });

  it('refuses what cannot be split', () => {
    expect(allocate(0, [])).toEqual([]);
    expect(() => allocate(5, [])).toThrow(/no parts/);
    expect(() => allocate(5, [1, -1])).toThrow(RangeError);
    expect(() => allocate(5, [Number.NaN])).toThrow(RangeError);
    expect(() => allocate(5.5, [1])).toThrow(RangeError);
  });

  const totals = fc.integer({ min: -1e7, max: 1e7 });
  const weightLists = fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 12 });

  it('always sums to the total, each part within 1 of its exact share', () => {
    fc.assert(
      fc.property(totals, weightLists, (total, weights) => {
        const parts = allocate(total, weights);
        expect(parts).toHaveLength(weights.length);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        const used = weights.every((w) => w === 0) ? weights.map(() => 1) : weights;
        const sum = used.reduce((a, b) => a + b, 0);
        parts.forEach((part, i) => {
          // |part − total × w / W| < 1, in integers: |part × W − total × w| < W
          expect(Math.abs(part * sum - total * used[i])).toBeLessThan(sum);
          if (used[i] === 0) expect(part).toBe(0);
          expect(part === 0 || Math.sign(part) === Math.sign(total)).toBe(true);
        });
      }),
    );
  });

  it('splits a negated total into negated parts', () => {
    fc.assert(
      fc.property(totals, weightLists, (total, weights) => {
        expect(allocate(-total, weights)).toEqual(
          allocate(total, weights).map((part) => (part === 0 ? 0 : -part)),
        );
      }),
    );
  });

  it('sums exactly with fractional weights too', () => {
    fc.assert(
      fc.property(
        totals,
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 12 }),
        (total, weights) => {
          const parts = allocate(total, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          expect(parts.every((part) => Number.isSafeInteger(part))).toBe(true);
        },
      ),
    );
  });
});
