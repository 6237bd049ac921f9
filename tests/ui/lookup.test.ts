import type { TillProduct } from '../../src/app/till/api-types';
import { barcodeError, gtinCheckDigit } from '../../src/core/barcode';
import { setLang, t } from '../../src/ui/till/i18n';
import { fold, looksLikeBarcode, ProductIndex } from '../../src/ui/till/lookup';
import { scanEnter } from '../../src/ui/till/sale-actions';
import { emptySale, state } from '../../src/ui/till/state';
import { COFFEE, FILTERS, KETTLE, MUG, NUMERIC, TEA, tillState } from './till-fixtures';

const PRODUCTS = [COFFEE, MUG, TEA, FILTERS, KETTLE, NUMERIC];

/** The same code with a wrong last digit. */
function badCheckDigit(code: string): string {
  const right = gtinCheckDigit(code.slice(0, -1));
  return code.slice(0, -1) + String((right + 1) % 10);
}

describe('ProductIndex', () => {
  const index = new ProductIndex(PRODUCTS);

  it('finds an exact SKU, ignoring case and surrounding spaces, and nothing for part of one', () => {
    expect(index.sku('ACC-MUG-W')).toBe(MUG);
    expect(index.sku('  acc-mug-w ')).toBe(MUG);
    expect(index.sku('4711')).toBe(NUMERIC);
    expect(index.sku('ACC-MUG')).toBeUndefined();
    expect(index.sku('')).toBeUndefined();
  });

  it('finds a valid barcode, with or without the spaces printed under the bars', () => {
    expect(index.barcode(COFFEE.barcode)).toBe(COFFEE);
    const spaced = `${TEA.barcode[0]} ${TEA.barcode.slice(1, 7)} ${TEA.barcode.slice(7)}`;
    expect(index.barcode(spaced)).toBe(TEA);
  });

  it('matches a 12-digit UPC-A scan to the product stored as its 13-digit EAN', () => {
    expect(index.barcode('036000291452')).toBe(FILTERS);
    expect(index.barcode('0036000291452')).toBe(FILTERS);
  });

  it('matches a 13-digit EAN scan to the product stored as its 12-digit UPC-A', () => {
    expect(index.barcode('0012345678905')).toBe(KETTLE);
    expect(index.barcode('012345678905')).toBe(KETTLE);
  });

  it('matches nothing for a code with a bad check digit, even one digit from a product', () => {
    expect(index.barcode(badCheckDigit(COFFEE.barcode))).toBeUndefined();
    expect(index.barcode('12345')).toBeUndefined();
  });

  it('searches names and SKUs case-insensitively and without accents', () => {
    const skus = (query: string) => index.search(query).map((p) => p.sku);
    expect(skus('mug')).toStrictEqual([MUG.sku]);
    expect(skus('MUG')).toStrictEqual([MUG.sku]);
    expect(skus('Mug')).toStrictEqual([MUG.sku]);
    expect(skus('CAFE')).toStrictEqual([NUMERIC.sku]);
    expect(skus('café')).toStrictEqual([NUMERIC.sku]);
    expect(skus('green SENCHA')).toStrictEqual([TEA.sku]);
    expect(skus('tea-sen')).toStrictEqual([TEA.sku]);
    expect(skus('nothing like it')).toStrictEqual([]);
    expect(skus('   ')).toStrictEqual([]);
  });

  it('puts an exact SKU first, then SKU prefixes, then name prefixes', () => {
    const products: TillProduct[] = [
      { ...MUG, sku: 'X-1', name: 'Has a tin inside' },
      { ...MUG, sku: 'X-2', name: 'Tin of biscuits' },
      { ...MUG, sku: 'TIN-2', name: 'Second box' },
      { ...MUG, sku: 'TIN', name: 'Box' },
    ];
    expect(new ProductIndex(products).search('tin').map((p) => p.sku)).toStrictEqual([
      'TIN',
      'TIN-2',
      'X-2',
      'X-1',
    ]);
  });

  it('returns at most 8 results, or the limit asked for', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({
      ...TEA,
      sku: `TEA-${String(i).padStart(2, '0')}`,
      name: `Tea number ${i}`,
    }));
    const big = new ProductIndex(many);
    expect(big.search('tea')).toHaveLength(8);
    expect(big.search('TEA', 3)).toHaveLength(3);
    expect(big.search('tea', 50)).toHaveLength(20);
  });

  it('folds case and accents', () => {
    expect(fold('Café TÉ Ñandú')).toBe('cafe te nandu');
  });

  it('reads digits, spaces and hyphens as a barcode, anything with letters not', () => {
    expect(looksLikeBarcode('5901234123457')).toBe(true);
    expect(looksLikeBarcode('5 901234-123457')).toBe(true);
    expect(looksLikeBarcode('COF-1')).toBe(false);
    expect(looksLikeBarcode('')).toBe(false);
  });
});

describe('Enter in #scan', () => {
  const realDocument = (globalThis as { document?: unknown }).document;

  beforeAll(() => {
    // setLang sets <html lang>: the one piece of DOM this needs.
    (globalThis as { document?: unknown }).document = { documentElement: { lang: '' } };
    setLang('en');
  });

  afterAll(() => {
    (globalThis as { document?: unknown }).document = realDocument;
  });

  beforeEach(() => {
    const data = tillState();
    state.data = data;
    state.index = new ProductIndex(data.products);
    state.sale = emptySale('sale-1');
    state.receipt = null;
    state.messages = [];
  });

  const messages = () => state.messages.map((m) => m.text);
  const cartSkus = () => state.sale.cart.map((l) => [l.sku, l.qty]);

  it('a barcode with a bad check digit says why (barcodeError) and keeps the cart', () => {
    expect(scanEnter(MUG.barcode, null)).toBe(true);
    const bad = badCheckDigit(COFFEE.barcode);
    expect(scanEnter(bad, null)).toBe(true);
    expect(messages()).toStrictEqual([barcodeError(bad)]);
    expect(messages()[0]).toMatch(/check digit/);
    expect(cartSkus()).toStrictEqual([[MUG.sku, 1]]);
  });

  it('a valid barcode of no product says so', () => {
    const unknown = '4006381333931';
    expect(barcodeError(unknown)).toBeNull();
    expect(scanEnter(unknown, null)).toBe(true);
    expect(messages()).toStrictEqual([t.noBarcode(unknown)]);
    expect(messages()).toStrictEqual([`No product with barcode ${unknown}. The sale is kept.`]);
    expect(state.sale.cart).toStrictEqual([]);
  });

  it('a barcode scan adds its product; a second scan adds one more', () => {
    scanEnter(COFFEE.barcode, null);
    scanEnter('036000291452', null);
    scanEnter(COFFEE.barcode, null);
    expect(cartSkus()).toStrictEqual([
      [COFFEE.sku, 2],
      [FILTERS.sku, 1],
    ]);
    expect(messages()).toStrictEqual([]);
  });

  it('an exact SKU adds its product, a numeric one too', () => {
    expect(scanEnter('acc-mug-w', null)).toBe(true);
    expect(scanEnter('4711', null)).toBe(true);
    expect(cartSkus()).toStrictEqual([
      [MUG.sku, 1],
      [NUMERIC.sku, 1],
    ]);
  });

  it('part of a name adds nothing: pick from the list, or nothing matches', () => {
    expect(scanEnter('sencha', null)).toBe(false);
    expect(messages()).toStrictEqual([t.pickFromList]);
    expect(scanEnter('zebra', null)).toBe(false);
    expect(messages()).toStrictEqual([t.noMatch('zebra')]);
    expect(state.sale.cart).toStrictEqual([]);
    expect(scanEnter('sencha', TEA)).toBe(true);
    expect(cartSkus()).toStrictEqual([[TEA.sku, 1]]);
  });

  it('adds nothing while the till is closed', () => {
    state.data = tillState({ session: null });
    expect(scanEnter(COFFEE.barcode, null)).toBe(false);
    expect(messages()).toStrictEqual([t.needsSession]);
    expect(state.sale.cart).toStrictEqual([]);
  });
});
