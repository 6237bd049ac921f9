import fc from 'fast-check';
import {
  CorrectionError,
  type CorrectiveInvoice,
  correctiveInvoice,
  type EarlierCorrection,
  type OriginalInvoice,
} from '../../../src/core/invoice/corrective';
import { type PriceLine, type PricingRules, priceDocument } from '../../../src/core/pricing';

const incl: PricingRules = { pricesIncludeVat: true, vatRounding: 'line' };

const original: OriginalInvoice = {
  invoiceNo: 'T-2026-000007',
  lines: [
    { qty: 3, unitPrice: 1210, vatRate: 21 },
    { qty: 2, unitPrice: 550, vatRate: 10, discount: { kind: 'amount', value: 100 } },
  ],
};

function refused(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CorrectionError);
    return (error as CorrectionError).problems;
  }
  throw new Error('expected a CorrectionError');
}

const asEarlier = (no: string, c: CorrectiveInvoice): EarlierCorrection => ({
  invoiceNo: no,
  corrects: c.corrects,
  lines: c.lines.map(({ line, qty }) => ({ line, qty })),
  total: c.total,
});

describe('correctiveInvoice', () => {
  it('corrects a whole invoice with exactly its negative, citing it', () => {
    const priced = priceDocument(original.lines, incl);
    const r = correctiveInvoice(
      original,
      [],
      [
        { line: 0, qty: 3 },
        { line: 1, qty: 2 },
      ],
      incl,
    );
    expect(r.corrects).toBe('T-2026-000007');
    expect(r.total).toBe(-priced.total);
    expect(r.net).toBe(-priced.net);
    expect(r.vat).toBe(-priced.vat);
    expect(r.breakdown).toEqual(
      priced.breakdown.map((b) => ({ rate: b.rate, base: -b.base, vat: -b.vat, total: -b.total })),
    );
    expect(r.lines.map((l) => [l.line, l.qty, l.total])).toEqual([
      [0, -3, -3630],
      [1, -2, -1000],
    ]);
  });

  it('credits one unit with negative amounts and its share of an amount discount, by differences', () => {
    // Standing before: 2 × 5.50 - 1.00 = 10.00 (net 9.09, VAT 0.91); after: 5.50 - 0.50 = 5.00
    // (net 4.55, VAT 0.45). The correction is the difference, so VAT -0.46 rather than -0.45.
    const r = correctiveInvoice(original, [], [{ line: 1, qty: 1 }], incl);
    expect(r.lines).toEqual([
      {
        line: 1,
        qty: -1,
        unitPrice: 550,
        vatRate: 10,
        gross: -550,
        discount: -50,
        net: -454,
        vat: -46,
        total: -500,
      },
    ]);
    expect(r).toMatchObject({
      net: -454,
      vat: -46,
      total: -500,
      breakdown: [{ rate: 10, base: -454, vat: -46, total: -500 }],
    });
  });

  it('refuses more units than invoiced, counting earlier corrections', () => {
    expect(refused(() => correctiveInvoice(original, [], [{ line: 0, qty: 4 }], incl))).toEqual([
      'Line 1 of T-2026-000007: 3 invoiced, so at most 3 can be corrected, not 4.',
    ]);
    const first = correctiveInvoice(original, [], [{ line: 0, qty: 2 }], incl);
    const earlier = [asEarlier('R-2026-000001', first)];
    expect(refused(() => correctiveInvoice(original, earlier, [{ line: 0, qty: 2 }], incl))).toEqual([
      'Line 1 of T-2026-000007: 3 invoiced, 2 already corrected by R-2026-000001, so at most 1 can be corrected, not 2.',
    ]);
    expect(correctiveInvoice(original, earlier, [{ line: 0, qty: 1 }], incl).total).toBe(-1210);
  });

  it('refuses more than the original in total, counting earlier corrections by amount', () => {
    const priceCut: EarlierCorrection = {
      invoiceNo: 'R-2026-000002',
      corrects: 'T-2026-000007',
      lines: [],
      total: -4000,
    };
    expect(refused(() => correctiveInvoice(original, [priceCut], [{ line: 0, qty: 1 }], incl))).toEqual([
      "This correction of -12.10 would credit more than T-2026-000007's total of 46.30: earlier corrections already credit -40.00.",
    ]);
    expect(
      correctiveInvoice(original, [{ ...priceCut, total: -3420 }], [{ line: 0, qty: 1 }], incl).total,
    ).toBe(-1210);
  });

  it('refuses malformed requests with every reason', () => {
    expect(
      refused(() =>
        correctiveInvoice(
          original,
          [{ invoiceNo: 'R-2026-000003', corrects: 'T-2026-000008', lines: [], total: 0 }],
          [
            { line: 5, qty: 1 },
            { line: 0, qty: 0 },
            { line: 1, qty: 1 },
            { line: 1, qty: 1 },
          ],
          incl,
        ),
      ),
    ).toEqual([
      'R-2026-000003 corrects T-2026-000008, not T-2026-000007.',
      'T-2026-000007 has no line 6: it has 2.',
      'Line 1 of T-2026-000007: the quantity to correct must be a whole number from 1, not 0.',
      'Line 2 of T-2026-000007 is listed twice in the correction: list each line once.',
    ]);
    expect(refused(() => correctiveInvoice(original, [], [], incl))).toEqual([
      'Nothing to correct on T-2026-000007: choose at least one line.',
    ]);
  });

  it('in parts adds up to exactly the whole, never more, under every pricing rule', () => {
    const line = fc
      .record({
        qty: fc.integer({ min: 1, max: 6 }),
        unitPrice: fc.integer({ min: 1, max: 20000 }),
        vatRate: fc.constantFrom(0, 4, 5.5, 10, 21),
        discount: fc.option(
          fc.oneof(
            fc.record({
              kind: fc.constant('percent' as const),
              value: fc.integer({ min: 0, max: 10000 }).map((h) => h / 100),
            }),
            fc.record({ kind: fc.constant('amount' as const), value: fc.integer({ min: 0, max: 1000000 }) }),
          ),
          { nil: undefined },
        ),
      })
      .map((l) =>
        l.discount?.kind === 'amount'
          ? {
              ...l,
              discount: { kind: 'amount' as const, value: l.discount.value % (l.qty * l.unitPrice + 1) },
            }
          : l,
      );
    const rules = fc.record({
      pricesIncludeVat: fc.boolean(),
      vatRounding: fc.constantFrom('line' as const, 'document' as const),
    });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 4 }),
        rules,
        fc.array(fc.nat(), { maxLength: 30 }),
        (raw, rule, picks) => {
          const lines: PriceLine[] = raw.map((l) =>
            l.discount === undefined ? { qty: l.qty, unitPrice: l.unitPrice, vatRate: l.vatRate } : l,
          );
          const inv: OriginalInvoice = { invoiceNo: 'F-2026-000001', lines };
          const whole = priceDocument(lines, rule);
          const left = lines.map((l) => l.qty);
          const earlier: EarlierCorrection[] = [];
          // Correct one unit of a line at a time, in an arbitrary order, then whatever is left.
          const steps = [...picks.map((p) => [p % lines.length, 1]), ...left.map((_, i) => [i, -1])];
          for (const [i, want] of steps) {
            const qty = want === -1 ? left[i] : Math.min(want, left[i]);
            if (qty === 0) continue;
            const r = correctiveInvoice(inv, earlier, [{ line: i, qty }], rule);
            expect(r.net).toBe(r.breakdown.reduce((a, b) => a + b.base, 0));
            expect(r.vat).toBe(r.breakdown.reduce((a, b) => a + b.vat, 0));
            expect(r.total).toBe(r.net + r.vat);
            expect(r.total).toBeLessThanOrEqual(0);
            left[i] -= qty;
            earlier.push({
              invoiceNo: `R-${earlier.length + 1}`,
              corrects: inv.invoiceNo,
              lines: [{ line: i, qty: -qty }],
              total: r.total,
            });
          }
          const sum = (pick: (c: EarlierCorrection) => number) => earlier.reduce((a, c) => a + pick(c), 0);
          expect(sum((c) => c.total)).toBe(0 - whole.total);
          for (let i = 0; i < lines.length; i++) {
            expect(() => correctiveInvoice(inv, earlier, [{ line: i, qty: 1 }], rule)).toThrow(
              CorrectionError,
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
