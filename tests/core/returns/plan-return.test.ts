import fc from 'fast-check';
import { priceDocument } from '../../../src/core/pricing';
import { planReturn } from '../../../src/core/returns/plan-return';
import type {
  Disposition,
  EarlierReturn,
  ReturnInput,
  ReturnMoney,
  SoldLine,
} from '../../../src/core/returns/return-types';

const rules = { pricesIncludeVat: true, vatRounding: 'line' as const };

/** Lines as the till writes them: priced by the one pricing function. */
function soldLines(
  lines: { sku: string; qty: number; unitPrice: number; vatRate: number; discount?: number }[],
): SoldLine[] {
  const priced = priceDocument(
    lines.map((l) => ({
      qty: l.qty,
      unitPrice: l.unitPrice,
      vatRate: l.vatRate,
      discount: l.discount ? { kind: 'amount' as const, value: l.discount } : undefined,
    })),
    rules,
  );
  return lines.map((l, i) => ({
    sku: l.sku,
    name: `Product ${l.sku}`,
    qty: l.qty,
    unitPrice: l.unitPrice,
    discount: priced.lines[i].discount,
    vatRate: l.vatRate,
    net: priced.lines[i].net,
    vat: priced.lines[i].vat,
    total: priced.lines[i].total,
  }));
}

const SOLD = soldLines([
  { sku: 'MUG', qty: 3, unitPrice: 1290, vatRate: 21 },
  { sku: 'TEA', qty: 2, unitPrice: 550, vatRate: 10, discount: 100 },
]);

const invoiceMoney: ReturnMoney = { kind: 'invoice', invoiceNo: 'T-2026-000001', rules };

function input(
  request: ReturnInput['request'],
  earlier: EarlierReturn[] = [],
  money = invoiceMoney,
): ReturnInput {
  return { label: 'R-000001', sold: SOLD, earlier, request, restockTo: 'Store', money };
}

describe('planReturn', () => {
  test('a returned line: negative amounts from the corrective invoice, and a restock move', () => {
    const plan = planReturn(input([{ sku: 'MUG', qty: 1, disposition: 'restock' }]));
    expect(plan.problems).toEqual([]);
    expect(plan.lines).toEqual([
      expect.objectContaining({ line: 0, sku: 'MUG', qty: -1, total: -1290, vatRate: 21 }),
    ]);
    expect(plan.total).toBe(-1290);
    expect(plan.net + plan.vat).toBe(-1290);
    expect(plan.moves).toEqual([
      { sku: 'MUG', qty: 1, from: 'Customer', to: 'Store', disposition: 'restock' },
    ]);
    expect(plan.allReturned).toBe(false);
  });

  test('damaged goes to Loss, lost moves nothing', () => {
    const plan = planReturn(
      input([
        { sku: 'MUG', qty: 1, disposition: 'damaged' },
        { sku: 'TEA', qty: 2, disposition: 'lost' },
      ]),
    );
    expect(plan.moves).toEqual([
      { sku: 'MUG', qty: 1, from: 'Customer', to: 'Loss', disposition: 'damaged' },
    ]);
    expect(plan.lines.map((l) => [l.sku, l.qty])).toEqual([
      ['MUG', -1],
      ['TEA', -2],
    ]);
  });

  test('more than sold less already returned, or a SKU not in the order, is refused with the reason', () => {
    const earlier: EarlierReturn[] = [
      { invoiceNo: 'R-2026-000001', total: -2580, lines: [{ sku: 'MUG', qty: 2 }] },
    ];
    expect(planReturn(input([{ sku: 'MUG', qty: 2, disposition: 'restock' }], earlier)).problems).toEqual([
      'MUG: 3 sold in R-000001, 2 already returned, so at most 1 can be returned, not 2.',
    ]);
    expect(planReturn(input([{ sku: 'CUP', qty: 1, disposition: 'restock' }])).problems).toEqual([
      'CUP is not in order R-000001: it has MUG, TEA. Return only what the order sold.',
    ]);
    expect(planReturn(input([{ sku: 'MUG', qty: 0, disposition: 'restock' }])).problems[0]).toMatch(
      /whole number from 1/,
    );
    expect(
      planReturn(input([{ sku: 'MUG', qty: 1, disposition: 'binned' as Disposition }])).problems[0],
    ).toMatch(/not a disposition; use restock, damaged or lost/);
  });

  test('every unit back: the return is the exact negative of the sale, and the order is wholly returned', () => {
    const plan = planReturn(
      input([
        { sku: 'MUG', qty: 3, disposition: 'restock' },
        { sku: 'TEA', qty: 2, disposition: 'restock' },
      ]),
    );
    expect(plan.total).toBe(-SOLD.reduce((s, l) => s + l.total, 0));
    expect(plan.allReturned).toBe(true);
  });

  const arbitraryOrder = fc
    .array(
      fc.record({
        qty: fc.integer({ min: 1, max: 6 }),
        unitPrice: fc.integer({ min: 1, max: 50_000 }),
        vatRate: fc.constantFrom(0, 4, 10, 21),
        sku: fc.constantFrom('A', 'B', 'C'),
      }),
      { minLength: 1, maxLength: 4 },
    )
    .map((lines) => soldLines(lines));
  const arbitraryRequests = fc.array(
    fc.array(
      fc.record({
        sku: fc.constantFrom('A', 'B', 'C', 'D'),
        qty: fc.integer({ min: 1, max: 8 }),
        disposition: fc.constantFrom<Disposition>('restock', 'damaged', 'lost'),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    { minLength: 1, maxLength: 8 },
  );

  test.each([
    ['invoice', invoiceMoney],
    ['charged', { kind: 'charged' } as ReturnMoney],
  ])(
    'property (%s): over any sequence of partial returns, returned ≤ sold and the credits never exceed the original',
    (_name, money) => {
      fc.assert(
        fc.property(arbitraryOrder, arbitraryRequests, (sold, attempts) => {
          const earlier: EarlierReturn[] = [];
          const original = sold.reduce((s, l) => s + l.total, 0);
          for (const request of attempts) {
            const plan = planReturn({ label: 'R-1', sold, earlier, request, restockTo: 'Store', money });
            if (plan.problems.length > 0) continue;
            earlier.push({
              invoiceNo: `R-${earlier.length + 1}`,
              total: plan.total,
              lines: plan.lines.map((l) => ({ sku: l.sku, qty: -l.qty })),
            });
            expect(plan.total).toBeLessThanOrEqual(0);
            expect(plan.net + plan.vat).toBe(plan.total);
          }
          for (const sku of ['A', 'B', 'C', 'D']) {
            const soldQty = sold.filter((l) => l.sku === sku).reduce((s, l) => s + l.qty, 0);
            const back = earlier.flatMap((e) => e.lines).filter((l) => l.sku === sku);
            expect(back.reduce((s, l) => s + l.qty, 0)).toBeLessThanOrEqual(soldQty);
          }
          const credited = earlier.reduce((s, e) => s + e.total, 0);
          expect(original + credited).toBeGreaterThanOrEqual(0);
          // Everything back: exactly the original, never a cent more or less.
          const last = planReturn({ label: 'R-1', sold, earlier, request: [], restockTo: 'Store', money });
          expect(last.problems).toEqual(['Nothing to return from R-1: choose at least one line.']);
          const allBack = sold.every((l) => {
            const soldQty = sold.filter((x) => x.sku === l.sku).reduce((s, x) => s + x.qty, 0);
            const back = earlier.flatMap((e) => e.lines).filter((x) => x.sku === l.sku);
            return back.reduce((s, x) => s + x.qty, 0) === soldQty;
          });
          if (allBack) expect(credited).toBe(-original);
        }),
        { numRuns: 300 },
      );
    },
  );

  test('a web refund: the shop’s amounts, its VAT in the line’s mix, and the excess only listed', () => {
    const plan = planReturn({
      label: '#1001',
      sold: SOLD,
      earlier: [],
      request: [{ line: 0, sku: 'MUG', qty: 4, disposition: 'restock', amount: 5000 }],
      restockTo: 'Warehouse',
      money: { kind: 'shop', total: 5000 },
    });
    expect(plan.problems).toEqual(['MUG: 3 sold in #1001, so at most 3 can be returned, not 4.']);
    expect(plan.total).toBe(-5000);
    expect(plan.lines[0].qty).toBe(-4);
    expect(plan.moves).toEqual([
      { sku: 'MUG', qty: 3, from: 'Customer', to: 'Warehouse', disposition: 'restock' },
    ]);
  });

  test('a web refund with no lines (shipping, goodwill) is split in the order’s VAT mix', () => {
    const plan = planReturn({
      label: '#1001',
      sold: SOLD,
      earlier: [],
      request: [],
      restockTo: 'Warehouse',
      money: { kind: 'shop', total: 1000 },
    });
    expect(plan.problems).toEqual([]);
    expect(plan.covered).toBe(false);
    expect(plan.total).toBe(-1000);
    expect(plan.net + plan.vat).toBe(-1000);
    expect(plan.vat).toBeLessThan(0);
  });

  test('a web refund of an amount on a line, no units (WooCommerce quantity 0), is no problem and moves nothing', () => {
    const plan = planReturn({
      label: '#1001',
      sold: SOLD,
      earlier: [],
      request: [{ line: 1, sku: 'TEA', qty: 0, disposition: 'lost', amount: 300 }],
      restockTo: 'Warehouse',
      money: { kind: 'shop', total: 300 },
    });
    expect(plan.problems).toEqual([]);
    expect(plan.total).toBe(-300);
    // In the line's own VAT mix (10 %), as a refund of that line's units would be.
    expect(plan.lines).toEqual([
      expect.objectContaining({ line: 1, sku: 'TEA', qty: 0, total: -300, vatRate: 10 }),
    ]);
    expect(plan.vat).toBe(-Math.round((300 * SOLD[1].vat) / SOLD[1].total));
    expect(plan.moves).toEqual([]);
    expect(plan.allReturned).toBe(false);
  });

  test('at the counter, nothing chosen (or 0 units) is still refused', () => {
    expect(planReturn(input([])).problems).toEqual([
      'Nothing to return from R-000001: choose at least one line.',
    ]);
    expect(planReturn(input([{ sku: 'MUG', qty: 0, disposition: 'restock' }])).problems).toEqual([
      'MUG: the quantity to return must be a whole number from 1, not 0.',
    ]);
  });

  test('earlier web refunds count on the line they name: two lines of one SKU, refunded line 2 then line 1', () => {
    const twoMugs = soldLines([
      { sku: 'MUG', qty: 1, unitPrice: 1000, vatRate: 21 },
      { sku: 'MUG', qty: 1, unitPrice: 1200, vatRate: 21 },
    ]);
    const plan = planReturn({
      label: '#1005',
      sold: twoMugs,
      earlier: [{ invoiceNo: 'shop:1005-R1', total: -1200, lines: [{ sku: 'MUG', qty: 1, line: 1 }] }],
      request: [{ line: 0, sku: 'MUG', qty: 1, disposition: 'restock', amount: 1000 }],
      restockTo: 'Warehouse',
      money: { kind: 'shop', total: 1000 },
    });
    expect(plan.problems).toEqual([]);
    expect(plan.allReturned).toBe(true);
    expect(plan.moves).toEqual([
      { sku: 'MUG', qty: 1, from: 'Customer', to: 'Warehouse', disposition: 'restock' },
    ]);
  });
});
