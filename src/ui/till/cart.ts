/**
 * The cart as plain data and plain functions: no DOM, so every rule here can be tested alone.
 * Totals come from core priceDocument, the same function the server prices the sale with, so
 * the total on screen is the total that gets recorded.
 */
import type { SaleLineDraft, TillProduct, TillState } from '../../app/till/api-types';
import { parseMoney } from '../../core/money';
import { type Discount, type PricedDocument, PricingError, priceDocument } from '../../core/pricing';

export interface CartLine {
  sku: string;
  name: string;
  unitPrice: number;
  vatRate: number;
  /** The last accepted quantity: a whole number of 1 or more. */
  qty: number;
  /** What is in the quantity field; differs from qty while it holds something not accepted. */
  qtyText: string;
  /** What is in the discount field: '', '10%' or an amount like '1.50'. */
  discountText: string;
}

export type Cart = readonly CartLine[];

export type QtyProblem = 'not-a-number' | 'zero' | 'negative' | 'not-whole';

/** A typed quantity: a whole number of 1 or more, or why not. */
export function parseQuantity(text: string): { qty: number } | { problem: QtyProblem } {
  const trimmed = text.trim().replace(',', '.');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return { problem: 'not-a-number' };
  const value = Number(trimmed);
  if (value === 0) return { problem: 'zero' };
  if (value < 0) return { problem: 'negative' };
  if (!Number.isSafeInteger(value)) return { problem: 'not-whole' };
  return { qty: value };
}

/**
 * A typed line discount: '10%' (or '12,5 %') is a percentage, anything else an amount of money
 * in the sale's currency. Empty is no discount. Out-of-range values parse here and are refused
 * by priceDocument, whose message then names the line.
 */
export function parseDiscount(text: string, exponent: number): Discount | undefined | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const percent = /^([-+]?\d+(?:[.,]\d+)?)\s*%$/.exec(trimmed);
  if (percent) return { kind: 'percent', value: Number(percent[1].replace(',', '.')) };
  const amount = parseMoney(trimmed, exponent);
  return amount === null ? 'invalid' : { kind: 'amount', value: amount };
}

export function lineOf(cart: Cart, sku: string): CartLine | undefined {
  return cart.find((line) => line.sku === sku);
}

/** A scanned product: one more on its line, or a new line at the end. */
export function addProduct(cart: Cart, product: TillProduct, qty = 1): Cart {
  const existing = lineOf(cart, product.sku);
  if (existing) return setQty(cart, product.sku, existing.qty + qty);
  return [
    ...cart,
    {
      sku: product.sku,
      name: product.name,
      unitPrice: product.price,
      vatRate: product.vatRate,
      qty,
      qtyText: String(qty),
      discountText: '',
    },
  ];
}

export interface CatalogueChange {
  cart: Cart;
  /** Lines whose price or VAT rate changed (as they are now). */
  repriced: CartLine[];
  /** Lines whose product is no longer sold (inactive or gone from Products): kept, for staff to remove. */
  gone: CartLine[];
}

/**
 * A line copies its product's name, price and VAT rate when scanned; a refreshed catalogue
 * (a price changed in Products) must reach the lines already in the cart, or the total shown and
 * the cash asked for differ from what the server charges.
 */
export function followCatalogue(cart: Cart, find: (sku: string) => TillProduct | undefined): CatalogueChange {
  const repriced: CartLine[] = [];
  const gone: CartLine[] = [];
  const next = cart.map((line) => {
    const product = find(line.sku);
    if (!product) {
      gone.push(line);
      return line;
    }
    if (product.price === line.unitPrice && product.vatRate === line.vatRate && product.name === line.name)
      return line;
    const updated = { ...line, name: product.name, unitPrice: product.price, vatRate: product.vatRate };
    if (product.price !== line.unitPrice || product.vatRate !== line.vatRate) repriced.push(updated);
    return updated;
  });
  return { cart: next, repriced, gone };
}

function replaceLine(cart: Cart, sku: string, change: (line: CartLine) => CartLine): Cart {
  return cart.map((line) => (line.sku === sku ? change(line) : line));
}

export function setQty(cart: Cart, sku: string, qty: number): Cart {
  return replaceLine(cart, sku, (line) => ({ ...line, qty, qtyText: String(qty) }));
}

/** The quantity field changed: accept it when it is a valid quantity, keep the text either way. */
export function setQtyText(cart: Cart, sku: string, text: string): Cart {
  const parsed = parseQuantity(text);
  return replaceLine(cart, sku, (line) =>
    'qty' in parsed ? { ...line, qty: parsed.qty, qtyText: text } : { ...line, qtyText: text },
  );
}

/** Puts the field back to the accepted quantity (when the person leaves a refused value). */
export function resetQtyText(cart: Cart, sku: string): Cart {
  return replaceLine(cart, sku, (line) => ({ ...line, qtyText: String(line.qty) }));
}

/** +1 or -1; never below 1 (removing a line is its own action). */
export function stepQty(cart: Cart, sku: string, delta: number): Cart {
  const line = lineOf(cart, sku);
  if (!line) return cart;
  return setQty(cart, sku, Math.max(1, line.qty + delta));
}

export function setDiscountText(cart: Cart, sku: string, text: string): Cart {
  return replaceLine(cart, sku, (line) => ({ ...line, discountText: text }));
}

export function removeLine(cart: Cart, sku: string): Cart {
  return cart.filter((line) => line.sku !== sku);
}

export function qtyProblem(line: CartLine): QtyProblem | null {
  const parsed = parseQuantity(line.qtyText);
  return 'problem' in parsed ? parsed.problem : null;
}

export type Pricing = Pick<TillState, 'pricing' | 'exponent'>;

export interface CartPrice {
  /** Null when a line cannot be priced; lineErrors then says why. */
  priced: PricedDocument | null;
  /** Per SKU: the discount or pricing problem of that line, shown beside it. */
  lineErrors: Map<string, string>;
  /** A problem not tied to one line (a bad pricing setting). */
  error: string | null;
}

/** Prices the cart; a bad discount text gets `badDiscount`, pricing refusals their own message. */
export function priceCart(cart: Cart, rules: Pricing, badDiscount: string): CartPrice {
  const lineErrors = new Map<string, string>();
  const discounts = cart.map((line) => parseDiscount(line.discountText, rules.exponent));
  discounts.forEach((discount, index) => {
    if (discount === 'invalid') lineErrors.set(cart[index].sku, badDiscount);
  });
  if (lineErrors.size > 0) return { priced: null, lineErrors, error: null };
  try {
    const priced = priceDocument(
      cart.map((line, index) => ({
        qty: line.qty,
        unitPrice: line.unitPrice,
        vatRate: line.vatRate,
        discount: discounts[index] as Discount | undefined,
      })),
      { ...rules.pricing, currencyExponent: rules.exponent },
    );
    return { priced, lineErrors, error: null };
  } catch (error) {
    if (error instanceof PricingError && error.lineIndex !== undefined && cart[error.lineIndex]) {
      lineErrors.set(cart[error.lineIndex].sku, error.message);
      return { priced: null, lineErrors, error: null };
    }
    return { priced: null, lineErrors, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The lines of the sale as the server takes them. Call only when the cart priced without error. */
export function toSaleLines(cart: Cart, exponent: number): SaleLineDraft[] {
  return cart.map((line) => {
    const discount = parseDiscount(line.discountText, exponent);
    return discount === undefined || discount === 'invalid'
      ? { sku: line.sku, qty: line.qty }
      : { sku: line.sku, qty: line.qty, discount };
  });
}

/** Lines whose quantity is more than is available at the till's location. */
export function overStock(cart: Cart, available: (sku: string) => number | undefined): Set<string> {
  const over = new Set<string>();
  for (const line of cart) {
    const have = available(line.sku);
    if (have !== undefined && line.qty > have) over.add(line.sku);
  }
  return over;
}
