/**
 * The one pricing function: line net, VAT and total, their rounding, and the document totals
 * with a breakdown per VAT rate. The till, the web-shop import and the invoices all call
 * priceDocument, so a sale costs the same wherever it is recorded.
 *
 * Rounding: every division goes through mulDivRound on integers (rates in hundredths of a
 * percent), rounding halves away from zero. That rounding is symmetric, so a return (negative
 * quantity) is always the exact mirror of the sale.
 */
import { formatDecimal, type Minor, mulDivRound, percentToHundredths } from './money';
import { vatRateError } from './vat-rate';

export interface PricingRules {
  /** Unit prices (and amount discounts) are VAT-inclusive, as on a shelf label. */
  pricesIncludeVat: boolean;
  /** Round VAT on each line, or once per rate on the document's summed base. */
  vatRounding: 'line' | 'document';
  /** Digits after the decimal point of the currency; only used to write amounts in error messages. Default 2. */
  currencyExponent?: number;
}

export type Discount =
  | { kind: 'percent'; value: number /* 0..100, at most 2 decimals */ }
  | { kind: 'amount'; value: Minor /* off the whole line, in price terms */ };

export interface PriceLine {
  /** A whole number other than 0; negative for returns. */
  qty: number;
  /** As entered: VAT-inclusive when rules.pricesIncludeVat. */
  unitPrice: Minor;
  vatRate: number;
  discount?: Discount;
}

export interface PricedLine {
  /** qty × unitPrice before discount, in price terms. */
  gross: Minor;
  /** In price terms; negative on a return line, like the gross. */
  discount: Minor;
  net: Minor;
  vat: Minor;
  /** net + vat. */
  total: Minor;
}

export interface VatBreakdownRow {
  rate: number;
  base: Minor;
  vat: Minor;
  total: Minor;
}

export interface PricedDocument {
  lines: PricedLine[];
  discount: Minor;
  net: Minor;
  vat: Minor;
  total: Minor;
  /** One row per VAT rate, sorted by rate. The document's net, vat and total are its sums. */
  breakdown: VatBreakdownRow[];
}

/** A price that cannot be computed, said for the person at the till. */
export class PricingError extends Error {
  /** 0-based index of the offending line in the input (the message counts from 1). */
  readonly lineIndex?: number;

  constructor(message: string, lineIndex?: number) {
    super(message);
    this.name = 'PricingError';
    if (lineIndex !== undefined) this.lineIndex = lineIndex;
  }
}

const HUNDRED_PERCENT = 10000; // in hundredths of a percent

function rateHundredths(rate: number): number {
  const error = vatRateError(rate);
  if (error !== null) throw new PricingError(error);
  return percentToHundredths(rate);
}

/** -0 would make a refund of 0 look different from a sale of 0 to strict equality. */
function plain(amount: Minor): Minor {
  return amount === 0 ? 0 : amount;
}

function checkAmount(amount: Minor, what: string): void {
  if (!Number.isSafeInteger(amount)) {
    throw new PricingError(`${what} must be a whole number of cents, not ${amount}.`);
  }
}

/** The VAT in a VAT-inclusive amount; net + vat === gross always. */
export function splitGross(gross: Minor, rate: number): { net: Minor; vat: Minor } {
  checkAmount(gross, 'The amount to split into net and VAT');
  const hundredths = rateHundredths(rate);
  const vat = mulDivRound(gross, hundredths, HUNDRED_PERCENT + hundredths);
  return { net: plain(gross - vat), vat };
}

/** The VAT on a VAT-exclusive amount: round(net × rate / 100). */
export function vatOnNet(net: Minor, rate: number): Minor {
  checkAmount(net, 'The amount to add VAT to');
  return mulDivRound(net, rateHundredths(rate), HUNDRED_PERCENT);
}

function sum(a: Minor, b: Minor): Minor {
  const result = a + b;
  if (!Number.isSafeInteger(result)) {
    throw new PricingError(
      'The document total is too large to count exactly; split it into smaller documents.',
    );
  }
  return result;
}

interface LineContext {
  index: number;
  rules: PricingRules;
  exponent: number;
}

function lineError({ index }: LineContext, message: string): PricingError {
  return new PricingError(`Line ${index + 1}: ${message}`, index);
}

/** The discount's size (a magnitude, at most |gross|) on one line. */
function discountOff(line: PriceLine, grossMagnitude: Minor, context: LineContext): Minor {
  const discount = line.discount;
  if (discount === undefined) return 0;
  const { value } = discount;
  const money = (amount: Minor) => formatDecimal(amount, context.exponent);
  if (discount.kind === 'percent') {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw lineError(context, `the discount must be a percentage from 0 to 100, not ${value}.`);
    }
    if (value < 0) throw lineError(context, `a discount cannot be negative (${value} %).`);
    if (value > 100) throw lineError(context, `the discount (${value} %) is more than 100 %.`);
    let hundredths: number;
    try {
      hundredths = percentToHundredths(value);
    } catch {
      throw lineError(context, `a discount can have at most 2 decimals (${value} %).`);
    }
    return mulDivRound(grossMagnitude, hundredths, HUNDRED_PERCENT);
  }
  if (discount.kind === 'amount') {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw lineError(context, `the discount must be a whole number of cents, not ${value}.`);
    }
    if (value < 0) throw lineError(context, `a discount cannot be negative (${money(value)}).`);
    if (value > grossMagnitude) {
      throw lineError(
        context,
        `the discount (${money(value)}) is more than the line amount (${money(grossMagnitude)}).`,
      );
    }
    return value;
  }
  throw lineError(context, 'the discount must be a percentage or an amount.');
}

function priceLine(line: PriceLine, context: LineContext): { priced: PricedLine; hundredths: number } {
  const { qty, unitPrice } = line;
  if (typeof qty !== 'number' || !Number.isSafeInteger(qty) || qty === 0) {
    throw lineError(context, `the quantity must be a whole number other than 0, not ${qty}.`);
  }
  if (typeof unitPrice !== 'number' || !Number.isSafeInteger(unitPrice)) {
    throw lineError(context, `the unit price must be a whole number of cents, not ${unitPrice}.`);
  }
  if (unitPrice < 0) {
    throw lineError(
      context,
      `the unit price cannot be negative (${formatDecimal(unitPrice, context.exponent)}); for a return, use a negative quantity.`,
    );
  }
  const rateError = vatRateError(line.vatRate);
  if (rateError !== null) throw lineError(context, rateError.charAt(0).toLowerCase() + rateError.slice(1));
  const hundredths = percentToHundredths(line.vatRate);
  const gross = qty * unitPrice;
  if (!Number.isSafeInteger(gross)) {
    throw lineError(context, 'the line amount (quantity × unit price) is too large to count exactly.');
  }
  // The discount follows the sign of the line, so a returned discounted item refunds what was paid.
  const off = discountOff(line, Math.abs(gross), context);
  const discount = qty < 0 ? -off : off;
  const afterDiscount = gross - discount;
  // With VAT-inclusive prices the customer pays exactly gross - discount, and the VAT is
  // carved out of it, never added on top.
  const { net, vat } = context.rules.pricesIncludeVat
    ? splitGross(afterDiscount, line.vatRate)
    : { net: afterDiscount, vat: vatOnNet(afterDiscount, line.vatRate) };
  const priced = {
    gross: plain(gross),
    discount: plain(discount),
    net: plain(net),
    vat,
    total: plain(net + vat),
  };
  return { priced, hundredths };
}

function checkRules(rules: PricingRules): number {
  if (typeof rules.pricesIncludeVat !== 'boolean') {
    throw new PricingError('The setting "prices include VAT" must be yes or no.');
  }
  if (rules.vatRounding !== 'line' && rules.vatRounding !== 'document') {
    throw new PricingError(
      `The VAT rounding setting must be "line" or "document", not "${rules.vatRounding}".`,
    );
  }
  const exponent = rules.currencyExponent ?? 2;
  if (!Number.isInteger(exponent) || exponent < 0 || exponent > 10) {
    throw new PricingError(
      `The currency's number of decimals must be a whole number from 0 to 10, not ${exponent}.`,
    );
  }
  return exponent;
}

interface RateGroup {
  rate: number;
  hundredths: number;
  net: Minor;
  vat: Minor;
  total: Minor;
}

/**
 * Prices a document (a till sale, an imported order, an invoice). Throws a PricingError naming
 * the first bad line.
 *
 * With vatRounding 'line', each line's VAT is rounded and the document is exactly the sum of
 * its lines. With 'document', each line still carries its own rounded values for display, but
 * the VAT is computed once per rate on the rate's summed amount, so the document's net and VAT
 * can differ from the sum of the lines by a few cents: that is the point of document rounding.
 * Either way, the document's totals are exactly the sums of its breakdown rows; what the
 * customer pays (VAT-inclusive prices) or the net (VAT-exclusive prices) is the same in both.
 */
export function priceDocument(lines: readonly PriceLine[], rules: PricingRules): PricedDocument {
  const exponent = checkRules(rules);
  const priced: PricedLine[] = [];
  const groups = new Map<number, RateGroup>();
  let discount = 0;
  lines.forEach((line, index) => {
    const { priced: pricedLine, hundredths } = priceLine(line, { index, rules, exponent });
    priced.push(pricedLine);
    discount = sum(discount, pricedLine.discount);
    const group = groups.get(hundredths) ?? {
      rate: plain(line.vatRate),
      hundredths,
      net: 0,
      vat: 0,
      total: 0,
    };
    group.net = sum(group.net, pricedLine.net);
    group.vat = sum(group.vat, pricedLine.vat);
    group.total = sum(group.total, pricedLine.total);
    groups.set(hundredths, group);
  });

  const breakdown = [...groups.values()]
    .sort((a, b) => a.hundredths - b.hundredths)
    .map(({ rate, net, vat, total }): VatBreakdownRow => {
      if (rules.vatRounding === 'line') return { rate, base: net, vat, total };
      if (rules.pricesIncludeVat) {
        const split = splitGross(total, rate);
        return { rate, base: split.net, vat: split.vat, total };
      }
      const rateVat = vatOnNet(net, rate);
      return { rate, base: net, vat: rateVat, total: sum(net, rateVat) };
    });

  return {
    lines: priced,
    discount,
    net: breakdown.reduce((acc, row) => sum(acc, row.base), 0),
    vat: breakdown.reduce((acc, row) => sum(acc, row.vat), 0),
    total: breakdown.reduce((acc, row) => sum(acc, row.total), 0),
    breakdown,
  };
}
