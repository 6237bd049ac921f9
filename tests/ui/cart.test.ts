import fc from 'fast-check';
import { formatDecimal } from '../../src/core/money';
import { type Discount, type PriceLine, type PricingRules, priceDocument } from '../../src/core/pricing';
import {
  addProduct,
  type Cart,
  type Pricing,
  parseDiscount,
  parseQuantity,
  priceCart,
  qtyProblem,
  removeLine,
  resetQtyText,
  setDiscountText,
  setQtyText,
  stepQty,
  toSaleLines,
} from '../../src/ui/till/cart';
import { COFFEE, MUG, TEA } from './till-fixtures';

const BAD_DISCOUNT = 'bad discount';
const inclLine: Pricing = { pricing: { pricesIncludeVat: true, vatRounding: 'line' }, exponent: 2 };
const exclDoc: Pricing = { pricing: { pricesIncludeVat: false, vatRounding: 'document' }, exponent: 2 };

/** 2 coffees at 10 % VAT with '10%' off, a mug at 21 % with 1.50 off, 3 teas at 21 %. */
function mixedCart(): Cart {
  let cart: Cart = [];
  cart = addProduct(cart, COFFEE);
  cart = addProduct(cart, MUG);
  cart = addProduct(cart, TEA, 3);
  cart = addProduct(cart, COFFEE); // a second scan: one more on the coffee line
  cart = setDiscountText(cart, COFFEE.sku, '10%');
  cart = setDiscountText(cart, MUG.sku, '1.50');
  return cart;
}

/** The same sale written straight for core pricing. */
const mixedLines: PriceLine[] = [
  { qty: 2, unitPrice: 1250, vatRate: 10, discount: { kind: 'percent', value: 10 } },
  { qty: 1, unitPrice: 899, vatRate: 21, discount: { kind: 'amount', value: 150 } },
  { qty: 3, unitPrice: 450, vatRate: 21 },
];

const rulesOf = (p: Pricing): PricingRules => ({ ...p.pricing, currencyExponent: p.exponent });

describe('building the cart', () => {
  it('adds a scanned product as a line, and a second scan adds one to that line', () => {
    const cart = mixedCart();
    expect(cart.map((l) => [l.sku, l.qty, l.qtyText, l.unitPrice, l.vatRate])).toStrictEqual([
      [COFFEE.sku, 2, '2', 1250, 10],
      [MUG.sku, 1, '1', 899, 21],
      [TEA.sku, 3, '3', 450, 21],
    ]);
  });

  it('steps a quantity up and down, never below 1', () => {
    let cart = addProduct([], MUG);
    cart = stepQty(cart, MUG.sku, +1);
    expect(cart[0].qty).toBe(2);
    cart = stepQty(cart, MUG.sku, -1);
    cart = stepQty(cart, MUG.sku, -1);
    expect(cart[0]).toMatchObject({ qty: 1, qtyText: '1' });
  });

  it('removes a line', () => {
    expect(removeLine(mixedCart(), MUG.sku).map((l) => l.sku)).toStrictEqual([COFFEE.sku, TEA.sku]);
  });

  it('never changes the cart it was given', () => {
    const cart = mixedCart();
    const copy = JSON.parse(JSON.stringify(cart));
    addProduct(cart, COFFEE);
    setQtyText(cart, COFFEE.sku, '7');
    setDiscountText(cart, MUG.sku, '5%');
    removeLine(cart, TEA.sku);
    expect(cart).toStrictEqual(copy);
  });
});

describe('cart totals are core priceDocument', () => {
  it('prices two VAT rates with a percent and an amount discount, VAT-inclusive', () => {
    const { priced, lineErrors, error } = priceCart(mixedCart(), inclLine, BAD_DISCOUNT);
    expect(error).toBeNull();
    expect(lineErrors.size).toBe(0);
    expect(priced).toStrictEqual(priceDocument(mixedLines, rulesOf(inclLine)));
    // By hand: 2 × 12.50 − 10 % = 22.50; 8.99 − 1.50 = 7.49; 3 × 4.50 = 13.50.
    expect(priced?.lines.map((l) => [l.gross, l.discount, l.total])).toStrictEqual([
      [2500, 250, 2250],
      [899, 150, 749],
      [1350, 0, 1350],
    ]);
    expect(priced?.total).toBe(4349);
    expect(priced?.discount).toBe(400);
    expect(priced?.breakdown.map((r) => [r.rate, r.total])).toStrictEqual([
      [10, 2250],
      [21, 2099],
    ]);
  });

  it('prices VAT-exclusive with document rounding the same way', () => {
    const { priced } = priceCart(mixedCart(), exclDoc, BAD_DISCOUNT);
    expect(priced).toStrictEqual(priceDocument(mixedLines, rulesOf(exclDoc)));
    // 22.50 + 10 % = 24.75; (7.49 + 13.50) = 20.99 + 21 % (4.4079 → 4.41) = 25.40.
    expect(priced?.breakdown.map((r) => [r.rate, r.base, r.vat, r.total])).toStrictEqual([
      [10, 2250, 225, 2475],
      [21, 2099, 441, 2540],
    ]);
    expect(priced?.total).toBe(5015);
  });

  it('an empty cart costs nothing', () => {
    expect(priceCart([], inclLine, BAD_DISCOUNT).priced?.total).toBe(0);
  });

  it('equals priceDocument for any cart of percent and amount discounts', () => {
    const rates = [0, 4, 10, 21];
    const lineArb = fc
      .record({
        qty: fc.integer({ min: 1, max: 50 }),
        unitPrice: fc.integer({ min: 0, max: 20000 }),
        vatRate: fc.constantFrom(...rates),
        kind: fc.constantFrom('none', 'percent', 'amount'),
        percent: fc.integer({ min: 0, max: 10000 }), // hundredths of a percent
        share: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map(({ qty, unitPrice, vatRate, kind, percent, share }) => {
        let discount: Discount | undefined;
        if (kind === 'percent') discount = { kind: 'percent', value: percent / 100 };
        if (kind === 'amount') discount = { kind: 'amount', value: Math.floor(qty * unitPrice * share) };
        return { qty, unitPrice, vatRate, discount };
      });
    const rulesArb = fc.record({
      pricesIncludeVat: fc.boolean(),
      vatRounding: fc.constantFrom<'line' | 'document'>('line', 'document'),
    });
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 6 }), rulesArb, (lines, pricing) => {
        let cart: Cart = [];
        lines.forEach((line, i) => {
          const sku = `SKU-${i}`;
          cart = addProduct(cart, { ...COFFEE, sku, price: line.unitPrice, vatRate: line.vatRate }, line.qty);
          const text =
            line.discount === undefined
              ? ''
              : line.discount.kind === 'percent'
                ? `${line.discount.value}%`
                : formatDecimal(line.discount.value, 2);
          cart = setDiscountText(cart, sku, text);
        });
        const rules: Pricing = { pricing, exponent: 2 };
        expect(priceCart(cart, rules, BAD_DISCOUNT).priced).toStrictEqual(
          priceDocument(lines, rulesOf(rules)),
        );
      }),
    );
  });
});

describe('discounts', () => {
  it("reads '10%', '12,5 %' as percentages and '1.50', '1,50' as amounts", () => {
    expect(parseDiscount('10%', 2)).toStrictEqual({ kind: 'percent', value: 10 });
    expect(parseDiscount(' 12,5 % ', 2)).toStrictEqual({ kind: 'percent', value: 12.5 });
    expect(parseDiscount('1.50', 2)).toStrictEqual({ kind: 'amount', value: 150 });
    expect(parseDiscount('1,50', 2)).toStrictEqual({ kind: 'amount', value: 150 });
    expect(parseDiscount('2', 2)).toStrictEqual({ kind: 'amount', value: 200 });
    expect(parseDiscount('', 2)).toBeUndefined();
    expect(parseDiscount('  ', 2)).toBeUndefined();
    expect(parseDiscount('abc', 2)).toBe('invalid');
    expect(parseDiscount('1.505', 2)).toBe('invalid');
  });

  it('a discount that is not a number marks its line and prices nothing', () => {
    const cart = setDiscountText(mixedCart(), TEA.sku, 'ten');
    const { priced, lineErrors, error } = priceCart(cart, inclLine, BAD_DISCOUNT);
    expect(priced).toBeNull();
    expect(error).toBeNull();
    expect([...lineErrors]).toStrictEqual([[TEA.sku, BAD_DISCOUNT]]);
  });

  it("core pricing's refusal is shown on the line it names", () => {
    const over100 = priceCart(setDiscountText(mixedCart(), MUG.sku, '150%'), inclLine, BAD_DISCOUNT);
    expect(over100.priced).toBeNull();
    expect([...over100.lineErrors.keys()]).toStrictEqual([MUG.sku]);
    expect(over100.lineErrors.get(MUG.sku)).toBe('Line 2: the discount (150 %) is more than 100 %.');

    const moreThanLine = priceCart(setDiscountText(mixedCart(), TEA.sku, '20.00'), inclLine, BAD_DISCOUNT);
    expect(moreThanLine.lineErrors.get(TEA.sku)).toBe(
      'Line 3: the discount (20.00) is more than the line amount (13.50).',
    );

    const negative = priceCart(setDiscountText(mixedCart(), COFFEE.sku, '-5%'), inclLine, BAD_DISCOUNT);
    expect(negative.lineErrors.get(COFFEE.sku)).toMatch(/^Line 1: a discount cannot be negative/);
  });

  it('a bad pricing setting is a cart error, not a line error', () => {
    const bad = {
      pricing: { pricesIncludeVat: true, vatRounding: 'sometimes' },
      exponent: 2,
    } as unknown as Pricing;
    const { priced, lineErrors, error } = priceCart(mixedCart(), bad, BAD_DISCOUNT);
    expect(priced).toBeNull();
    expect(lineErrors.size).toBe(0);
    expect(error).toMatch(/VAT rounding/);
  });

  it('sends each line with the discount that priced it', () => {
    expect(toSaleLines(mixedCart(), 2)).toStrictEqual([
      { sku: COFFEE.sku, qty: 2, discount: { kind: 'percent', value: 10 } },
      { sku: MUG.sku, qty: 1, discount: { kind: 'amount', value: 150 } },
      { sku: TEA.sku, qty: 3 },
    ]);
  });
});

describe('quantities', () => {
  it('accepts whole numbers of 1 or more', () => {
    expect(parseQuantity('3')).toStrictEqual({ qty: 3 });
    expect(parseQuantity(' 12 ')).toStrictEqual({ qty: 12 });
    expect(parseQuantity('2.0')).toStrictEqual({ qty: 2 });
  });

  it.each([
    ['', 'not-a-number'],
    ['abc', 'not-a-number'],
    ['1e3', 'not-a-number'],
    ['0', 'zero'],
    ['-0', 'zero'],
    ['-2', 'negative'],
    ['1.5', 'not-whole'],
    ['1,5', 'not-whole'],
    ['99999999999999999999', 'not-whole'],
  ])('refuses %p (%s)', (text, problem) => {
    expect(parseQuantity(text)).toStrictEqual({ problem });
  });

  it('a refused quantity stays in the field, but the line keeps the last accepted one', () => {
    let cart = addProduct(mixedCart(), MUG); // mug: 2
    const before = priceCart(cart, inclLine, BAD_DISCOUNT).priced?.total;
    for (const text of ['0', '-1', '1.5', 'x']) {
      const typed = setQtyText(cart, MUG.sku, text);
      const mug = typed.find((l) => l.sku === MUG.sku);
      expect(mug).toMatchObject({ qty: 2, qtyText: text });
      expect(mug && qtyProblem(mug)).not.toBeNull();
      expect(priceCart(typed, inclLine, BAD_DISCOUNT).priced?.total).toBe(before);
    }
    cart = setQtyText(cart, MUG.sku, '5');
    expect(cart.find((l) => l.sku === MUG.sku)).toMatchObject({ qty: 5, qtyText: '5' });
    expect(qtyProblem(cart[1])).toBeNull();
  });

  it('leaving a refused quantity puts the accepted one back', () => {
    const cart = resetQtyText(setQtyText(mixedCart(), TEA.sku, '0'), TEA.sku);
    expect(cart[2]).toMatchObject({ qty: 3, qtyText: '3' });
    expect(qtyProblem(cart[2])).toBeNull();
  });
});
