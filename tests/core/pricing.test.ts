import fc from 'fast-check';
import {
  type PricedDocument,
  type PriceLine,
  PricingError,
  type PricingRules,
  priceDocument,
  splitGross,
  vatOnNet,
} from '../../src/core/pricing';

const inclLine: PricingRules = { pricesIncludeVat: true, vatRounding: 'line' };
const inclDoc: PricingRules = { pricesIncludeVat: true, vatRounding: 'document' };
const exclLine: PricingRules = { pricesIncludeVat: false, vatRounding: 'line' };
const exclDoc: PricingRules = { pricesIncludeVat: false, vatRounding: 'document' };

function pricingError(run: () => unknown): PricingError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PricingError);
    return error as PricingError;
  }
  throw new Error('expected a PricingError');
}

const sumOf = (values: number[]) => values.reduce((a, b) => a + b, 0);
const negate = (x: number) => (x === 0 ? 0 : -x);

describe('splitGross', () => {
  it('carves the VAT out of a VAT-inclusive amount', () => {
    expect(splitGross(121, 21)).toEqual({ net: 100, vat: 21 });
    expect(splitGross(199, 21)).toEqual({ net: 164, vat: 35 }); // 34.54
    expect(splitGross(-199, 21)).toEqual({ net: -164, vat: -35 });
    expect(splitGross(1055, 5.5)).toEqual({ net: 1000, vat: 55 });
    expect(splitGross(500, 0)).toEqual({ net: 500, vat: 0 });
  });

  it('rounds a VAT of exactly half a cent away from zero', () => {
    expect(splitGross(3, 20)).toEqual({ net: 2, vat: 1 }); // 3 × 20 / 120 = 0.5
    expect(splitGross(-3, 20)).toEqual({ net: -2, vat: -1 });
  });

  it('refuses a bad rate or amount with a PricingError', () => {
    expect(pricingError(() => splitGross(100, 121)).message).toMatch(/below 100 %/);
    expect(pricingError(() => splitGross(1.5, 21)).message).toMatch(/whole number of cents/);
  });

  it('always adds back to the gross, with the VAT within half a cent of exact', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 0, max: 9999 }),
        (gross, hundredths) => {
          const rate = hundredths / 100;
          const { net, vat } = splitGross(gross, rate);
          expect(net + vat).toBe(gross);
          // |vat − gross × r / (100 + r)| ≤ ½, in integers
          expect(Math.abs(2 * (vat * (10000 + hundredths) - gross * hundredths))).toBeLessThanOrEqual(
            10000 + hundredths,
          );
          expect(splitGross(-gross, rate)).toEqual({ net: negate(net), vat: negate(vat) });
        },
      ),
    );
  });
});

describe('vatOnNet', () => {
  it('adds VAT to a VAT-exclusive amount, halves away from zero', () => {
    expect(vatOnNet(1000, 21)).toBe(210);
    expect(vatOnNet(199, 21)).toBe(42); // 41.79
    expect(vatOnNet(50, 21)).toBe(11); // 10.5
    expect(vatOnNet(-50, 21)).toBe(-11);
    expect(vatOnNet(1000, 5.5)).toBe(55);
    expect(vatOnNet(7, 0)).toBe(0);
  });

  it('is within half a cent of exact', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 0, max: 9999 }),
        (net, hundredths) => {
          const vat = vatOnNet(net, hundredths / 100);
          expect(Math.abs(2 * (vat * 10000 - net * hundredths))).toBeLessThanOrEqual(10000);
        },
      ),
    );
  });

  it('refuses a rate with more than 2 decimals', () => {
    expect(pricingError(() => vatOnNet(100, 5.555)).message).toMatch(/at most 2 decimals/);
  });
});

describe('priceDocument: worked examples', () => {
  it('3 × 1.99 € including 21 % VAT: the VAT is taken from the line, not per unit', () => {
    const doc = priceDocument([{ qty: 3, unitPrice: 199, vatRate: 21 }], inclLine);
    // 5.97 × 21 / 121 = 1.0361… → 1.04 (three units rounded one by one would be 3 × 0.35 = 1.05)
    expect(doc.lines).toEqual([{ gross: 597, discount: 0, net: 493, vat: 104, total: 597 }]);
    expect(doc).toMatchObject({ discount: 0, net: 493, vat: 104, total: 597 });
    expect(doc.breakdown).toEqual([{ rate: 21, base: 493, vat: 104, total: 597 }]);
    expect(priceDocument([{ qty: 3, unitPrice: 199, vatRate: 21 }], inclDoc)).toEqual(doc);
  });

  it('3 × 1.99 € excluding 21 % VAT', () => {
    const doc = priceDocument([{ qty: 3, unitPrice: 199, vatRate: 21 }], exclLine);
    // 5.97 × 0.21 = 1.2537 → 1.25
    expect(doc.lines).toEqual([{ gross: 597, discount: 0, net: 597, vat: 125, total: 722 }]);
    expect(doc).toMatchObject({ net: 597, vat: 125, total: 722 });
  });

  it('VAT-inclusive: per-line and per-document rounding differ by a cent, the customer pays the same', () => {
    const lines: PriceLine[] = [
      { qty: 1, unitPrice: 199, vatRate: 21 },
      { qty: 1, unitPrice: 199, vatRate: 21 },
    ];
    const byLine = priceDocument(lines, inclLine);
    const byDocument = priceDocument(lines, inclDoc);
    // Each line: 1.99 × 21 / 121 = 0.3454 → 0.35. The document: 3.98 × 21 / 121 = 0.6907 → 0.69.
    expect(byLine).toMatchObject({ net: 328, vat: 70, total: 398 });
    expect(byDocument).toMatchObject({ net: 329, vat: 69, total: 398 });
    expect(byDocument.breakdown).toEqual([{ rate: 21, base: 329, vat: 69, total: 398 }]);
    // Lines keep their own rounded values for display in both modes.
    expect(byDocument.lines).toEqual(byLine.lines);
    expect(sumOf(byDocument.lines.map((l) => l.vat))).toBe(70);
  });

  it('VAT-exclusive: ten 0.05 € lines at 21 % owe 0.10 VAT by line and 0.11 by document', () => {
    const lines: PriceLine[] = Array.from({ length: 10 }, () => ({ qty: 1, unitPrice: 5, vatRate: 21 }));
    // Each line: 0.05 × 0.21 = 0.0105 → 0.01. The document: 0.50 × 0.21 = 0.105 → 0.11.
    expect(priceDocument(lines, exclLine)).toMatchObject({ net: 50, vat: 10, total: 60 });
    expect(priceDocument(lines, exclDoc)).toMatchObject({ net: 50, vat: 11, total: 61 });
    expect(priceDocument(lines, exclDoc).breakdown).toEqual([{ rate: 21, base: 50, vat: 11, total: 61 }]);
  });

  it('breaks several VAT rates down per rate, sorted by rate', () => {
    const lines: PriceLine[] = [
      { qty: 2, unitPrice: 1000, vatRate: 21 },
      { qty: 1, unitPrice: 500, vatRate: 10 },
      { qty: 1, unitPrice: 100, vatRate: 0 },
      { qty: 3, unitPrice: 250, vatRate: 4 },
      { qty: 1, unitPrice: 1000, vatRate: 21 },
    ];
    const doc = priceDocument(lines, exclLine);
    expect(doc.breakdown).toEqual([
      { rate: 0, base: 100, vat: 0, total: 100 },
      { rate: 4, base: 750, vat: 30, total: 780 },
      { rate: 10, base: 500, vat: 50, total: 550 },
      { rate: 21, base: 3000, vat: 630, total: 3630 },
    ]);
    expect(doc).toMatchObject({ net: 4350, vat: 710, total: 5060 });
  });

  it('groups 5.5 % apart from 5 %', () => {
    const doc = priceDocument(
      [
        { qty: 1, unitPrice: 1000, vatRate: 5.5 },
        { qty: 1, unitPrice: 1000, vatRate: 5 },
      ],
      exclDoc,
    );
    expect(doc.breakdown.map((row) => [row.rate, row.vat])).toEqual([
      [5, 50],
      [5.5, 55],
    ]);
  });

  it('prices an empty document at zero', () => {
    expect(priceDocument([], inclDoc)).toEqual({
      lines: [],
      discount: 0,
      net: 0,
      vat: 0,
      total: 0,
      breakdown: [],
    });
  });
});

describe('priceDocument: discounts and returns', () => {
  it('takes a percent discount off the gross, rounded', () => {
    const doc = priceDocument(
      [{ qty: 3, unitPrice: 199, vatRate: 21, discount: { kind: 'percent', value: 10 } }],
      inclLine,
    );
    // 5.97 × 10 % = 0.597 → 0.60; pays 5.37, of which 5.37 × 21 / 121 = 0.9320 → 0.93 VAT
    expect(doc.lines).toEqual([{ gross: 597, discount: 60, net: 444, vat: 93, total: 537 }]);
    expect(doc.discount).toBe(60);
  });

  it('rounds a discount of half a cent away from zero, and takes 2-decimal percents', () => {
    const half = priceDocument(
      [{ qty: 1, unitPrice: 5, vatRate: 0, discount: { kind: 'percent', value: 10 } }],
      exclLine,
    );
    expect(half.lines[0].discount).toBe(1);
    const eighth = priceDocument(
      [{ qty: 1, unitPrice: 1000, vatRate: 0, discount: { kind: 'percent', value: 12.5 } }],
      exclLine,
    );
    expect(eighth.lines[0].discount).toBe(125);
  });

  it('takes an amount discount off the whole line, in price terms', () => {
    const incl = priceDocument(
      [{ qty: 3, unitPrice: 199, vatRate: 21, discount: { kind: 'amount', value: 97 } }],
      inclLine,
    );
    expect(incl.lines[0]).toEqual({ gross: 597, discount: 97, net: 413, vat: 87, total: 500 });
    const excl = priceDocument(
      [{ qty: 3, unitPrice: 199, vatRate: 21, discount: { kind: 'amount', value: 97 } }],
      exclLine,
    );
    expect(excl.lines[0]).toEqual({ gross: 597, discount: 97, net: 500, vat: 105, total: 605 });
  });

  it('makes a 100 % discount free', () => {
    const doc = priceDocument(
      [{ qty: 3, unitPrice: 199, vatRate: 21, discount: { kind: 'percent', value: 100 } }],
      exclDoc,
    );
    expect(doc).toMatchObject({ discount: 597, net: 0, vat: 0, total: 0 });
  });

  it('prices a return as the exact mirror of the sale', () => {
    const sale = priceDocument(
      [{ qty: 3, unitPrice: 199, vatRate: 21, discount: { kind: 'percent', value: 10 } }],
      inclLine,
    );
    const refund = priceDocument(
      [{ qty: -3, unitPrice: 199, vatRate: 21, discount: { kind: 'percent', value: 10 } }],
      inclLine,
    );
    expect(refund.lines).toEqual([{ gross: -597, discount: -60, net: -444, vat: -93, total: -537 }]);
    expect(refund).toMatchObject({
      discount: -sale.discount,
      net: -sale.net,
      vat: -sale.vat,
      total: -sale.total,
    });
  });

  it('never answers -0 for a free returned item', () => {
    const doc = priceDocument(
      [{ qty: -2, unitPrice: 0, vatRate: 21, discount: { kind: 'amount', value: 0 } }],
      inclDoc,
    );
    for (const value of [
      ...Object.values(doc.lines[0]),
      doc.net,
      doc.vat,
      doc.total,
      doc.discount,
      doc.breakdown[0].base,
    ]) {
      expect(Object.is(value, 0)).toBe(true);
    }
  });
});

describe('priceDocument: errors for the person at the till', () => {
  const line: PriceLine = { qty: 1, unitPrice: 1000, vatRate: 21 };

  it('names the line when an amount discount is more than the line', () => {
    const error = pricingError(() =>
      priceDocument([line, { ...line, discount: { kind: 'amount', value: 1200 } }], inclLine),
    );
    expect(error.message).toBe('Line 2: the discount (12.00) is more than the line amount (10.00).');
    expect(error.lineIndex).toBe(1);
    expect(error.name).toBe('PricingError');
  });

  it('compares a return line discount with the size of the line', () => {
    const error = pricingError(() =>
      priceDocument(
        [{ qty: -1, unitPrice: 1000, vatRate: 21, discount: { kind: 'amount', value: 1001 } }],
        inclLine,
      ),
    );
    expect(error.message).toBe('Line 1: the discount (10.01) is more than the line amount (10.00).');
  });

  it('writes amounts with the currency decimals', () => {
    const error = pricingError(() =>
      priceDocument([{ ...line, discount: { kind: 'amount', value: 1200 } }], {
        ...inclLine,
        currencyExponent: 0,
      }),
    );
    expect(error.message).toBe('Line 1: the discount (1200) is more than the line amount (1000).');
  });

  it.each<[string, PriceLine, string]>([
    [
      'over 100 %',
      { ...line, discount: { kind: 'percent', value: 120 } },
      'Line 1: the discount (120 %) is more than 100 %.',
    ],
    [
      'a negative percent',
      { ...line, discount: { kind: 'percent', value: -5 } },
      'Line 1: a discount cannot be negative (-5 %).',
    ],
    [
      'a negative amount',
      { ...line, discount: { kind: 'amount', value: -100 } },
      'Line 1: a discount cannot be negative (-1.00).',
    ],
    [
      'too many decimals',
      { ...line, discount: { kind: 'percent', value: 33.333 } },
      'Line 1: a discount can have at most 2 decimals (33.333 %).',
    ],
    [
      'a fractional amount',
      { ...line, discount: { kind: 'amount', value: 1.5 } },
      'Line 1: the discount must be a whole number of cents, not 1.5.',
    ],
    ['qty 0', { ...line, qty: 0 }, 'Line 1: the quantity must be a whole number other than 0, not 0.'],
    ['qty 1.5', { ...line, qty: 1.5 }, 'Line 1: the quantity must be a whole number other than 0, not 1.5.'],
    [
      'qty NaN',
      { ...line, qty: Number.NaN },
      'Line 1: the quantity must be a whole number other than 0, not NaN.',
    ],
    [
      'a negative price',
      { ...line, unitPrice: -100 },
      'Line 1: the unit price cannot be negative (-1.00); for a return, use a negative quantity.',
    ],
    [
      'a fractional price',
      { ...line, unitPrice: 12.5 },
      'Line 1: the unit price must be a whole number of cents, not 12.5.',
    ],
    [
      'VAT 121',
      { ...line, vatRate: 121 },
      'Line 1: the VAT rate must be below 100 % (it is 121); write 21 for 21 %.',
    ],
    ['VAT -1', { ...line, vatRate: -1 }, 'Line 1: the VAT rate cannot be negative (it is -1).'],
    [
      'VAT 5.555',
      { ...line, vatRate: 5.555 },
      'Line 1: the VAT rate can have at most 2 decimals, like 5.5 (it is 5.555).',
    ],
    [
      'a huge line',
      { ...line, qty: 1e9, unitPrice: 1e9 },
      'Line 1: the line amount (quantity × unit price) is too large to count exactly.',
    ],
  ])('refuses %s', (_, bad, message) => {
    const error = pricingError(() => priceDocument([line, line, bad], exclLine));
    expect(error.message).toBe(message.replace('Line 1', 'Line 3'));
    expect(error.lineIndex).toBe(2);
  });

  it('refuses an unknown discount kind and bad settings', () => {
    const weird = { ...line, discount: { kind: 'coupon', value: 5 } } as unknown as PriceLine;
    expect(pricingError(() => priceDocument([weird], exclLine)).message).toBe(
      'Line 1: the discount must be a percentage or an amount.',
    );
    const rounding = { pricesIncludeVat: true, vatRounding: 'cent' } as unknown as PricingRules;
    expect(pricingError(() => priceDocument([line], rounding)).message).toMatch(/"line" or "document"/);
    const include = { pricesIncludeVat: 'yes', vatRounding: 'line' } as unknown as PricingRules;
    expect(pricingError(() => priceDocument([line], include)).message).toMatch(/prices include VAT/);
  });

  it('refuses a document whose total is too large to count exactly', () => {
    const big: PriceLine = { qty: 1, unitPrice: 2 ** 52, vatRate: 0 };
    expect(pricingError(() => priceDocument([big, big, big], exclLine)).message).toMatch(/too large/);
  });
});

describe('priceDocument: properties', () => {
  const rates = fc.oneof(
    fc.constantFrom(0, 4, 5.5, 7, 10, 12.5, 19, 20, 21),
    fc.integer({ min: 0, max: 9999 }).map((hundredths) => hundredths / 100),
  );
  const lineArb: fc.Arbitrary<PriceLine> = fc
    .record({
      qty: fc.integer({ min: -20, max: 20 }).filter((qty) => qty !== 0),
      unitPrice: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 200000 })),
      vatRate: rates,
      discountKind: fc.constantFrom('none', 'percent', 'amount'),
      percent: fc.integer({ min: 0, max: 10000 }).map((hundredths) => hundredths / 100),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ qty, unitPrice, vatRate, discountKind, percent, share }): PriceLine => {
      if (discountKind === 'percent')
        return { qty, unitPrice, vatRate, discount: { kind: 'percent', value: percent } };
      if (discountKind === 'amount') {
        const value = Math.floor(share * Math.abs(qty * unitPrice));
        return { qty, unitPrice, vatRate, discount: { kind: 'amount', value } };
      }
      return { qty, unitPrice, vatRate };
    });
  // Few distinct rates per document, so the breakdown rows gather several lines.
  const docArb = fc.array(lineArb, { maxLength: 25 });
  const rulesArb = fc.record({
    pricesIncludeVat: fc.boolean(),
    vatRounding: fc.constantFrom<'line' | 'document'>('line', 'document'),
  });

  const amounts = (doc: PricedDocument) => ({
    lines: doc.lines,
    discount: doc.discount,
    net: doc.net,
    vat: doc.vat,
    total: doc.total,
    breakdown: doc.breakdown,
  });

  it('with per-line rounding, the document is exactly the sum of its lines', () => {
    fc.assert(
      fc.property(docArb, fc.boolean(), (lines, pricesIncludeVat) => {
        const doc = priceDocument(lines, { pricesIncludeVat, vatRounding: 'line' });
        expect(doc.net).toBe(sumOf(doc.lines.map((l) => l.net)));
        expect(doc.vat).toBe(sumOf(doc.lines.map((l) => l.vat)));
        expect(doc.total).toBe(sumOf(doc.lines.map((l) => l.total)));
        expect(doc.discount).toBe(sumOf(doc.lines.map((l) => l.discount)));
      }),
    );
  });

  it('the breakdown sums to the document totals, one sorted row per rate', () => {
    fc.assert(
      fc.property(docArb, rulesArb, (lines, rules) => {
        const doc = priceDocument(lines, rules);
        expect(doc.net).toBe(sumOf(doc.breakdown.map((row) => row.base)));
        expect(doc.vat).toBe(sumOf(doc.breakdown.map((row) => row.vat)));
        expect(doc.total).toBe(sumOf(doc.breakdown.map((row) => row.total)));
        expect(doc.breakdown.map((row) => row.rate)).toEqual(
          [...new Set(lines.map((l) => l.vatRate))].sort((a, b) => a - b),
        );
        for (const row of doc.breakdown) expect(row.total).toBe(row.base + row.vat);
      }),
    );
  });

  it('each row is what its lines add up to, with the VAT rounded once per rate under document rounding', () => {
    fc.assert(
      fc.property(docArb, rulesArb, (lines, rules) => {
        const doc = priceDocument(lines, rules);
        for (const row of doc.breakdown) {
          const mine = doc.lines.filter((_, i) => lines[i].vatRate === row.rate);
          const hundredths = Math.round(row.rate * 100);
          if (rules.pricesIncludeVat) expect(row.total).toBe(sumOf(mine.map((l) => l.total)));
          else expect(row.base).toBe(sumOf(mine.map((l) => l.net)));
          if (rules.vatRounding === 'line') {
            expect(row.vat).toBe(sumOf(mine.map((l) => l.vat)));
          } else if (rules.pricesIncludeVat) {
            expect(
              Math.abs(2 * (row.vat * (10000 + hundredths) - row.total * hundredths)),
            ).toBeLessThanOrEqual(10000 + hundredths);
          } else {
            expect(Math.abs(2 * (row.vat * 10000 - row.base * hundredths))).toBeLessThanOrEqual(10000);
          }
        }
      }),
    );
  });

  it('per-document VAT differs from per-line VAT by at most half a cent per line and rate', () => {
    fc.assert(
      fc.property(docArb, fc.boolean(), (lines, pricesIncludeVat) => {
        const byLine = priceDocument(lines, { pricesIncludeVat, vatRounding: 'line' });
        const byDocument = priceDocument(lines, { pricesIncludeVat, vatRounding: 'document' });
        expect(byDocument.lines).toEqual(byLine.lines);
        expect(Math.abs(byDocument.vat - byLine.vat)).toBeLessThanOrEqual(
          (lines.length + byLine.breakdown.length) / 2,
        );
        // What the customer pays (VAT-inclusive) or the net (VAT-exclusive) does not depend on the rounding mode.
        if (pricesIncludeVat) expect(byDocument.total).toBe(byLine.total);
        else expect(byDocument.net).toBe(byLine.net);
      }),
    );
  });

  it('pricing the same lines with negated quantities gives exactly negated amounts', () => {
    fc.assert(
      fc.property(docArb, rulesArb, (lines, rules) => {
        const sale = priceDocument(lines, rules);
        const returned = priceDocument(
          lines.map((l) => ({ ...l, qty: -l.qty })),
          rules,
        );
        expect(amounts(returned)).toEqual({
          lines: sale.lines.map((l) => ({
            gross: negate(l.gross),
            discount: negate(l.discount),
            net: negate(l.net),
            vat: negate(l.vat),
            total: negate(l.total),
          })),
          discount: negate(sale.discount),
          net: negate(sale.net),
          vat: negate(sale.vat),
          total: negate(sale.total),
          breakdown: sale.breakdown.map((row) => ({
            rate: row.rate,
            base: negate(row.base),
            vat: negate(row.vat),
            total: negate(row.total),
          })),
        });
      }),
    );
  });

  it('every line: total = net + vat, the discount never passes the gross, the VAT within half a cent', () => {
    fc.assert(
      fc.property(docArb, rulesArb, (lines, rules) => {
        const doc = priceDocument(lines, rules);
        doc.lines.forEach((l, i) => {
          const hundredths = Math.round(lines[i].vatRate * 100);
          expect(l.gross).toBe(negate(-lines[i].qty * lines[i].unitPrice));
          expect(l.total).toBe(l.net + l.vat);
          expect(Math.abs(l.discount)).toBeLessThanOrEqual(Math.abs(l.gross));
          expect(l.discount * l.gross).toBeGreaterThanOrEqual(0);
          if (rules.pricesIncludeVat) {
            expect(l.total).toBe(l.gross - l.discount);
            expect(Math.abs(2 * (l.vat * (10000 + hundredths) - l.total * hundredths))).toBeLessThanOrEqual(
              10000 + hundredths,
            );
          } else {
            expect(l.net).toBe(l.gross - l.discount);
            expect(Math.abs(2 * (l.vat * 10000 - l.net * hundredths))).toBeLessThanOrEqual(10000);
          }
        });
      }),
    );
  });

  it('with VAT-inclusive prices the document total is what the customer pays: gross minus discount', () => {
    fc.assert(
      fc.property(docArb, fc.constantFrom<'line' | 'document'>('line', 'document'), (lines, vatRounding) => {
        const doc = priceDocument(lines, { pricesIncludeVat: true, vatRounding });
        expect(doc.total).toBe(sumOf(doc.lines.map((l) => l.gross)) - doc.discount);
      }),
    );
  });

  it('a 100 % discount makes every line and the document free', () => {
    fc.assert(
      fc.property(docArb, rulesArb, (lines, rules) => {
        const free = lines.map((l): PriceLine => ({ ...l, discount: { kind: 'percent', value: 100 } }));
        const doc = priceDocument(free, rules);
        for (const l of doc.lines) expect([l.net, l.vat, l.total]).toEqual([0, 0, 0]);
        expect([doc.net, doc.vat, doc.total]).toEqual([0, 0, 0]);
      }),
    );
  });
});
