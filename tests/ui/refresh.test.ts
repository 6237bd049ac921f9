/**
 * The sidebar's 60-second refresh brings the catalogue as Products says it now: the cart's lines
 * take the new price (the total and the cash asked for follow), a product made inactive can no
 * longer be scanned, and staff are told.
 */
import fc from 'fast-check';
import type { TillProduct, TillRefresh } from '../../src/app/till/api-types';
import { addProduct, type Cart, followCatalogue, setDiscountText } from '../../src/ui/till/cart';
import { ProductIndex } from '../../src/ui/till/lookup';
import { saleFigures } from '../../src/ui/till/sale';
import * as actions from '../../src/ui/till/sale-actions';
import { emptySale, state } from '../../src/ui/till/state';
import { applyRefresh } from '../../src/ui/till/till-data';
import { COFFEE, MUG, TEA, tillState } from './till-fixtures';

const refresh = (products: TillProduct[]): TillRefresh => {
  const data = tillState();
  return { products, session: data.session, today: data.today, refreshedAt: '2024-05-01T09:01:00.000Z' };
};
const total = () => saleFigures(state.sale, state.data ?? tillState(), 'bad').total;
const texts = () => state.messages.map((m) => m.text);

beforeEach(() => {
  state.data = tillState();
  state.index = new ProductIndex(state.data.products);
  state.sale = emptySale('sale-key');
  state.receipt = null;
  state.messages = [];
});

test('a new price in Products reaches the catalogue and the lines already in the cart, and the total follows', () => {
  actions.addToCart(MUG);
  actions.addToCart(MUG);
  actions.addToCart(TEA);
  expect(total()).toBe(2 * MUG.price + TEA.price);

  const dearer = { ...MUG, price: 1000, vatRate: 10, name: 'White mug, large', available: 2 };
  applyRefresh(refresh([COFFEE, dearer, TEA]));

  expect(state.data?.products.find((p) => p.sku === MUG.sku)).toEqual(dearer);
  expect(state.index.sku(MUG.sku)).toEqual(dearer);
  expect(state.sale.cart.find((l) => l.sku === MUG.sku)).toMatchObject({
    qty: 2,
    unitPrice: 1000,
    vatRate: 10,
    name: 'White mug, large',
  });
  expect(total()).toBe(2 * 1000 + TEA.price);
  expect(texts().join(' ')).toMatch(/New price in Products for White mug, large/);
  // The next scan sells at the new price too.
  actions.addToCart(state.index.sku(MUG.sku) as TillProduct);
  expect(total()).toBe(3 * 1000 + TEA.price);
});

test('cash already taken no longer covers a dearer cart: there is more to pay, and no sale completes', () => {
  actions.addToCart(COFFEE);
  actions.startPayment('cash');
  actions.confirmEntry();
  expect(state.data && saleFigures(state.sale, state.data, 'bad').canComplete).toBe(true);
  applyRefresh(refresh([{ ...COFFEE, price: COFFEE.price + 100 }, MUG, TEA]));
  const figures = state.data && saleFigures(state.sale, state.data, 'bad');
  expect(figures).toMatchObject({ due: 100, canComplete: false });
});

test('a product made inactive can no longer be scanned; a line of it already in the cart stays, with a word', () => {
  actions.addToCart(COFFEE);
  applyRefresh(refresh([MUG, TEA]));
  expect(state.index.sku(COFFEE.sku)).toBeUndefined();
  expect(state.index.barcode(COFFEE.barcode)).toBeUndefined();
  expect(state.sale.cart.map((l) => l.sku)).toEqual([COFFEE.sku]);
  expect(texts().join(' ')).toMatch(/no longer sold/);

  state.messages = [];
  expect(actions.scanEnter(COFFEE.barcode, null)).toBe(true);
  expect(state.sale.cart).toEqual([expect.objectContaining({ sku: COFFEE.sku, qty: 1 })]);
  expect(texts().join(' ')).toMatch(/No product with barcode/);

  // Said once, when it leaves the catalogue: the next refresh does not repeat it.
  state.messages = [];
  applyRefresh(refresh([MUG, TEA]));
  expect(texts()).toEqual([]);
});

test('a refresh with the same prices changes no line and says nothing', () => {
  actions.addToCart(MUG);
  const cart = state.sale.cart;
  applyRefresh(refresh([COFFEE, { ...MUG, available: 1 }, TEA]));
  expect(state.sale.cart).toEqual(cart);
  expect(texts()).toEqual([]);
});

test('a sale being sent keeps the figures it was sent with', () => {
  actions.addToCart(MUG);
  state.sale.committing = true;
  applyRefresh(refresh([COFFEE, { ...MUG, price: 1 }, TEA]));
  expect(state.sale.cart[0].unitPrice).toBe(MUG.price);
  state.sale.committing = false;
});

test('property: following a catalogue keeps each line (sku, qty, discount) and gives it the catalogue price', () => {
  const product = fc.record({
    sku: fc.constantFrom('A', 'B', 'C', 'D'),
    price: fc.integer({ min: 0, max: 100_000 }),
    vatRate: fc.constantFrom(0, 4, 10, 21),
  });
  fc.assert(
    fc.property(fc.array(product, { maxLength: 6 }), fc.array(product, { maxLength: 4 }), (scanned, now) => {
      const asProduct = (p: { sku: string; price: number; vatRate: number }): TillProduct => ({
        ...p,
        barcode: '',
        name: p.sku,
        available: 1,
        low: false,
      });
      let cart: Cart = [];
      for (const p of scanned) cart = addProduct(cart, asProduct(p));
      cart = setDiscountText(cart, cart[0]?.sku ?? '', '10%');
      const index = new ProductIndex(now.map(asProduct));
      const { cart: next, gone } = followCatalogue(cart, (sku) => index.sku(sku));
      expect(next.map(({ sku, qty, discountText }) => ({ sku, qty, discountText }))).toEqual(
        cart.map(({ sku, qty, discountText }) => ({ sku, qty, discountText })),
      );
      for (const line of next) {
        const p = index.sku(line.sku);
        if (p) expect([line.unitPrice, line.vatRate]).toEqual([p.price, p.vatRate]);
        else expect(gone.map((g) => g.sku)).toContain(line.sku);
      }
      // Following the same catalogue again changes nothing.
      expect(followCatalogue(next, (sku) => index.sku(sku)).repriced).toEqual([]);
    }),
  );
});
