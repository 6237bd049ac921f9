import fc from 'fast-check';
import { nextNumber, numberingProblems } from '../../../src/core/invoice/numbering';
import { DEFAULT_SERIES, formatInvoiceNo, type Series } from '../../../src/core/invoice/series';

const [T, W] = DEFAULT_SERIES;
const no = (series: Series, n: number, year = 2026) => formatInvoiceNo(series, year, n);
const tab = (numbers: string[]) => numbers.map((invoiceNo, i) => ({ row: i + 2, invoiceNo }));

describe('nextNumber', () => {
  it('starts each series and year at 1', () => {
    expect(nextNumber([], T, 2026)).toEqual({ n: 1, invoiceNo: 'T-2026-000001' });
    expect(nextNumber([{ invoiceNo: 'T-2025-000009' }], T, 2026)).toEqual({
      n: 1,
      invoiceNo: 'T-2026-000001',
    });
  });

  it('takes one after the highest of its series and year, wherever it sits', () => {
    const issued = ['T-2026-000003', 'W-2026-000010', 'T-2026-000005', 'T-2026-000004', 'T-2027-000099'];
    expect(nextNumber(tab(issued), T, 2026)).toEqual({ n: 6, invoiceNo: 'T-2026-000006' });
    expect(nextNumber(tab(issued), W, 2026).invoiceNo).toBe('W-2026-000011');
  });

  it('ignores what is not a number of the series', () => {
    expect(nextNumber(tab(['T-2026-99', 'junk', '', 'T-2026-000002']), T, 2026).n).toBe(3);
  });

  it('issuing one after another never leaves a gap or a duplicate', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 1), { maxLength: 60 }), (choices) => {
        const issued: { invoiceNo: string }[] = [];
        for (const choice of choices)
          issued.push({ invoiceNo: nextNumber(issued, DEFAULT_SERIES[choice], 2026).invoiceNo });
        expect(numberingProblems(tab(issued.map((i) => i.invoiceNo)))).toEqual([]);
      }),
    );
  });
});

describe('numberingProblems', () => {
  it('finds nothing in a clean tab with several series and years', () => {
    expect(
      numberingProblems(tab([no(T, 1, 2025), no(T, 2, 2025), no(T, 1), no(W, 1), no(T, 2), no(W, 2)])),
    ).toEqual([]);
  });

  it('names a gap by the rows either side', () => {
    expect(numberingProblems(tab([no(T, 1), no(T, 2), no(T, 5), no(T, 6)]))).toEqual([
      {
        kind: 'gap',
        rows: [3, 4],
        message:
          'T-2026-000003 to T-2026-000004 are missing, between T-2026-000002 (row 3) and T-2026-000005 (row 4).',
      },
    ]);
    expect(numberingProblems(tab([no(T, 2)]))).toEqual([
      { kind: 'gap', rows: [2], message: 'T-2026-000001 is missing, before T-2026-000002 (row 2).' },
    ]);
  });

  it('names every row of a duplicate', () => {
    expect(numberingProblems(tab([no(T, 1), no(T, 2), no(W, 1), no(T, 2)]))).toEqual([
      { kind: 'duplicate', rows: [3, 5], message: 'T-2026-000002 is on 2 rows: 3, 5.' },
    ]);
  });

  it('names a number lower than one above it', () => {
    expect(numberingProblems(tab([no(T, 1), no(T, 3), no(T, 2)]))).toEqual([
      {
        kind: 'out-of-order',
        rows: [3, 4],
        message: 'Row 4: T-2026-000002 comes after T-2026-000003 (row 3); numbers must rise down the tab.',
      },
    ]);
  });

  it('names unreadable numbers', () => {
    expect(numberingProblems(tab([no(T, 1), 'T-2026-2', '']))).toEqual([
      { kind: 'unreadable', rows: [3], message: "Row 3: 'T-2026-2' is not an invoice number of any series." },
      { kind: 'unreadable', rows: [4], message: 'Row 4 has no invoice number.' },
    ]);
  });

  it('finds the deleted row and the swapped rows of any clean tab', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 40 }), fc.nat(), (count, seed) => {
        const clean = Array.from({ length: count }, (_, i) => no(T, i + 1));
        const deleted = 1 + (seed % (count - 2)); // not the last: deleting the last leaves no trace
        const withoutRow = clean.filter((_, i) => i !== deleted);
        const gaps = numberingProblems(tab(withoutRow));
        expect(gaps).toEqual([expect.objectContaining({ kind: 'gap', rows: [deleted + 1, deleted + 2] })]);

        const swapped = [...clean];
        [swapped[deleted], swapped[deleted + 1]] = [swapped[deleted + 1], swapped[deleted]];
        expect(numberingProblems(tab(swapped))).toEqual([
          expect.objectContaining({ kind: 'out-of-order', rows: [deleted + 2, deleted + 3] }),
        ]);
      }),
    );
  });
});
