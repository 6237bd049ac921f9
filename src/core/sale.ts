/**
 * A till sale in core: the cart priced by the one pricing function, the payments settled,
 * the moves it makes. Plain data in, plain data out; the app layer writes it.
 */
import type { Catalogue, Product } from './catalogue';
import { formatDecimal, type Minor } from './money';
import {
  type Discount,
  type PricedDocument,
  PricingError,
  type PricingRules,
  priceDocument,
} from './pricing';

export type PaymentMethod = 'cash' | 'card' | 'credit';
export const PAYMENT_METHODS: readonly PaymentMethod[] = ['cash', 'card', 'credit'];

export interface CartLine {
  sku: string;
  qty: number;
  discount?: Discount;
}

export interface Payment {
  method: PaymentMethod;
  amount: Minor;
  tendered?: Minor;
}

export class SaleProblem extends Error {
  constructor(
    readonly code: 'unknown-product' | 'bad-quantity' | 'bad-discount' | 'payments-mismatch' | 'bad-input',
    message: string,
  ) {
    super(message);
    this.name = 'SaleProblem';
  }
}

export interface PricedSale {
  products: Product[];
  priced: PricedDocument;
}

/** Prices the cart with the catalogue's prices. Throws SaleProblem with a message for the till. */
export function priceSale(lines: readonly CartLine[], catalogue: Catalogue, rules: PricingRules): PricedSale {
  if (lines.length === 0)
    throw new SaleProblem('bad-input', 'The cart is empty: scan or search a product first.');
  const products = lines.map((l) => {
    const p = catalogue.sku(l.sku);
    if (!p) throw new SaleProblem('unknown-product', `No product with SKU "${l.sku}" in the Products tab.`);
    if (!p.active)
      throw new SaleProblem('unknown-product', `${p.name} (${p.sku}) is not active: it cannot be sold.`);
    if (!Number.isInteger(l.qty) || l.qty <= 0) {
      throw new SaleProblem(
        'bad-quantity',
        `${p.name}: the quantity must be a whole number of 1 or more (got ${l.qty}).`,
      );
    }
    return p;
  });
  try {
    const priced = priceDocument(
      lines.map((l, i) => ({
        qty: l.qty,
        unitPrice: products[i].price,
        vatRate: products[i].vatRate,
        discount: l.discount,
      })),
      rules,
    );
    return { products, priced };
  } catch (e) {
    if (e instanceof PricingError) {
      const code = /discount/i.test(e.message) ? 'bad-discount' : 'bad-quantity';
      throw new SaleProblem(code, e.message);
    }
    throw e;
  }
}

export interface Settlement {
  payments: Payment[];
  tendered: Minor;
  change: Minor;
}

/** Checks that the payments pay the total exactly, and works out the change for cash. */
export function settle(total: Minor, payments: readonly Payment[], exponent = 2): Settlement {
  let paid = 0;
  let tendered = 0;
  let change = 0;
  for (const p of payments) {
    if (!PAYMENT_METHODS.includes(p.method)) {
      throw new SaleProblem('bad-input', `"${p.method}" is not a payment method: use cash, card or credit.`);
    }
    // Store credit: whether the customer has that much is checked by the app, under the lock.
    if (!Number.isInteger(p.amount) || p.amount <= 0) {
      throw new SaleProblem('payments-mismatch', `A ${p.method} payment must be more than 0.`);
    }
    paid += p.amount;
    if (p.method === 'cash') {
      const given = p.tendered ?? p.amount;
      if (!Number.isInteger(given) || given < p.amount) {
        throw new SaleProblem(
          'payments-mismatch',
          `The cash handed over (${formatDecimal(given, exponent)}) is less than the cash payment (${formatDecimal(p.amount, exponent)}).`,
        );
      }
      tendered += given;
      change += given - p.amount;
    }
  }
  if (paid !== total) {
    throw new SaleProblem(
      'payments-mismatch',
      `The payments (${formatDecimal(paid, exponent)}) do not match the total (${formatDecimal(total, exponent)}): ${paid < total ? 'take the rest' : 'remove the extra payment'}.`,
    );
  }
  return { payments: payments.map((p) => ({ ...p })), tendered, change };
}
