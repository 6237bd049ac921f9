/**
 * Money in minor units (cents), and the exact integer arithmetic that pricing, refunds and
 * invoices build on. Floats only ever appear at the edges (a number typed or read from a cell),
 * and are converted by the decimal a person would have written, never by their binary value.
 */

/** An integer number of minor units of a currency (cents for EUR, yen for JPY). */
export type Minor = number;

const MAX_EXPONENT = 10;

// ISO 4217 minor units that differ from the usual 2.
const EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/** Digits after the decimal point for an ISO 4217 code; 2 for codes not in the table. */
export function currencyExponent(code: string): number {
  const exponent = EXPONENTS[code.trim().toUpperCase()];
  return exponent === undefined ? 2 : exponent;
}

/** True for a whole number of minor units that arithmetic keeps exact. */
export function isMinor(x: unknown): x is Minor {
  return typeof x === 'number' && Number.isSafeInteger(x);
}

function checkExponent(exponent: number): void {
  if (!Number.isInteger(exponent) || exponent < 0 || exponent > MAX_EXPONENT) {
    throw new RangeError(
      `A currency exponent must be a whole number from 0 to ${MAX_EXPONENT}, not ${exponent}.`,
    );
  }
}

function checkMinor(minor: number, what: string): void {
  if (!isMinor(minor)) {
    throw new RangeError(
      `${what} must be a whole number of minor units (cents) within ±${Number.MAX_SAFE_INTEGER}, not ${minor}.`,
    );
  }
}

/** -0 is an honest IEEE value but a confusing amount (and `Object.is(-0, 0)` is false). */
function noNegativeZero(x: number): number {
  return x === 0 ? 0 : x;
}

interface WrittenDecimal {
  negative: boolean;
  /** The significant digits, without sign or point. */
  digits: string;
  /** The value is digits × 10^-scale (scale may be negative for large numbers). */
  scale: number;
}

/**
 * The decimal that JavaScript writes for x: the shortest one that reads back as the same
 * double. That is what a person typed (1.005, not 1.00499999999999989...), so rounding it
 * gives the answer they expect.
 */
function writtenDecimal(x: number): WrittenDecimal {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!match) throw new RangeError(`Cannot read ${x} as a decimal number.`);
  const fraction = match[3] ?? '';
  return {
    negative: match[1] === '-',
    digits: match[2] + fraction,
    scale: fraction.length - Number(match[4] ?? '0'),
  };
}

function checkFinite(x: number, what: string): void {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw new RangeError(`${what} must be a finite number, not ${x}.`);
  }
}

/** Decimals in x as written: 5.5 → 1, 0.07 → 2, 21 → 0, 1e-7 → 7. */
export function decimalPlaces(x: number): number {
  checkFinite(x, 'The number');
  return Math.max(0, writtenDecimal(x).scale);
}

/**
 * x × 10^exponent as an integer, rounding the written decimal half away from zero.
 * Returns null when `exact` and digits would be dropped.
 */
function scaleWritten(x: number, exponent: number, exact: boolean): number | null {
  const { negative, digits, scale } = writtenDecimal(x);
  const shift = exponent - scale;
  let magnitude: number;
  if (shift >= 0) {
    magnitude = Number(digits + '0'.repeat(shift));
  } else {
    const padded = digits.padStart(-shift + 1, '0');
    const kept = padded.slice(0, padded.length + shift);
    const dropped = padded.slice(padded.length + shift);
    if (exact && /[1-9]/.test(dropped)) return null;
    magnitude = Number(kept) + (dropped[0] >= '5' ? 1 : 0);
  }
  // Number() of an integer string above 2^53 lands at or above 2^53, so this catches overflow.
  if (!Number.isSafeInteger(magnitude)) {
    throw new RangeError(`${x} is too large to count in minor units exactly.`);
  }
  return noNegativeZero(negative ? -magnitude : magnitude);
}

/**
 * A decimal amount in minor units. Rounds the decimal as written half away from zero, so
 * 1.005 → 101 and 0.1 + 0.2 (written 0.30000000000000004) → 30, whatever their binary value.
 */
export function toMinor(decimal: number, exponent = 2): Minor {
  checkExponent(exponent);
  checkFinite(decimal, 'An amount');
  return scaleWritten(decimal, exponent, false) as Minor;
}

/**
 * x × 10^exponent when x has at most `exponent` decimals as written, else null.
 * Used to turn percentages with at most 2 decimals into exact hundredths.
 */
export function scaleExactly(x: number, exponent: number): number | null {
  checkExponent(exponent);
  checkFinite(x, 'The number');
  return scaleWritten(x, exponent, true);
}

/**
 * Minor units as a decimal number for a cell: 1234 → 12.34. Dividing two exact integers
 * gives the double nearest the decimal, the same one that parsing "12.34" gives; it reads
 * back through toMinor unchanged for any amount below 10^15 minor units.
 */
export function toDecimal(minor: Minor, exponent = 2): number {
  checkExponent(exponent);
  checkMinor(minor, 'An amount');
  return noNegativeZero(minor / 10 ** exponent);
}

/** Minor units as plain decimal text, without locale or currency: 1200 → '12.00'. For messages and logs. */
export function formatDecimal(minor: Minor, exponent = 2): string {
  checkExponent(exponent);
  checkMinor(minor, 'An amount');
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return (minor < 0 ? '-' : '') + whole + (exponent > 0 ? `.${fraction}` : '');
}

/** Minor units in a currency, written the way the locale writes money: 1234, 'EUR' → '€12.34'. */
export function formatMoney(minor: Minor, currency: string, locale = 'en-US'): string {
  const exponent = currencyExponent(currency);
  const decimal = toDecimal(minor, exponent);
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: currency.trim().toUpperCase(),
      // Our exponent table decides what a minor unit is; Intl must show the same digits.
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RangeError(`Cannot format money as '${currency}' in locale '${locale}': ${reason}`);
  }
  return format.format(decimal);
}

// What people put around and inside a typed amount.
const SIGN = '[-+\u2212]';
// A currency symbol with an optional letter prefix (€, US$, R$), or a short word (EUR, kr, zł, Fr.).
const CURRENCY = '(?:\\p{L}{0,3}\\p{Sc}|\\p{L}{2,3}\\.?)';
const NUMBER = "[0-9.,'\u2019\\s]*[0-9][0-9.,'\u2019\\s]*|[.,][0-9]+";
const AMOUNT = new RegExp(
  `^(${SIGN})?\\s*(${CURRENCY})?\\s*(${SIGN})?\\s*(${NUMBER})\\s*(${CURRENCY})?$`,
  'u',
);
const GROUP_CHARS = /[\s'\u2019]/u;
const MAX_TYPED_LENGTH = 64;

/** Whole-number digits with thousands separators, or null if the grouping is not a real one. */
function ungroup(text: string, groupChar: string | null): string | null {
  if (groupChar === null) return /^[0-9]*$/.test(text) ? text : null;
  const groups = text.split(groupChar);
  if (!groups.every((group) => /^[0-9]+$/.test(group))) return null;
  if (groups[0].length > 3) return null;
  // Later groups have 3 digits; Indian grouping (1,23,45,678) has 2 before the last 3.
  const middle = groups.slice(1, -1);
  if (!middle.every((group) => group.length === 2 || group.length === 3)) return null;
  return groups[groups.length - 1].length === 3 ? groups.join('') : null;
}

/**
 * An amount as a person types it, in minor units; null when it is not an amount.
 *
 * Accepts '12.50', '12,50', '1.234,56', '1,234.56', '1 234,56', "1'234.50", '€ 12', '12 EUR',
 * '-3', '€-3', '-€3'. When both '.' and ',' appear, the last one is the decimal point. A lone
 * '.' or ',' is the decimal point, so '1.234' is null in a 2-decimal currency rather than a
 * guess that could be 1000 times wrong; only in a 0-decimal currency (JPY), where no decimal
 * point can be meant, is '1,234' read as 1234. More decimals than the currency has is null.
 */
export function parseMoney(text: string, exponent = 2): Minor | null {
  checkExponent(exponent);
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  // No typed amount is this long, and the pattern backtracks quadratically on long junk.
  if (trimmed.length > MAX_TYPED_LENGTH) return null;
  const match = AMOUNT.exec(trimmed);
  if (!match) return null;
  const [, sign1, currency1, sign2, rawNumber, currency2] = match;
  if (sign1 !== undefined && sign2 !== undefined) return null;
  if (currency1 !== undefined && currency2 !== undefined) return null;
  const negative = (sign1 ?? sign2 ?? '+') !== '+';
  const number = rawNumber.trim();

  const lastDot = number.lastIndexOf('.');
  const lastComma = number.lastIndexOf(',');
  let decimalIndex = -1;
  if (lastDot >= 0 && lastComma >= 0) {
    decimalIndex = Math.max(lastDot, lastComma);
  } else if (lastDot >= 0 || lastComma >= 0) {
    const separator = lastDot >= 0 ? '.' : ',';
    const index = Math.max(lastDot, lastComma);
    const repeated = number.indexOf(separator) !== index;
    const looksGrouped = exponent === 0 && /^[0-9]{3}$/.test(number.slice(index + 1));
    if (!repeated && !looksGrouped) decimalIndex = index;
  }

  const wholeText = decimalIndex >= 0 ? number.slice(0, decimalIndex) : number;
  const fraction = decimalIndex >= 0 ? number.slice(decimalIndex + 1) : '';
  if (!/^[0-9]*$/.test(fraction) || fraction.length > exponent) return null;

  const groupChars = new Set(wholeText.replace(/[0-9]/g, ''));
  if (groupChars.size > 1) return null;
  const groupChar = groupChars.size === 1 ? [...groupChars][0] : null;
  if (groupChar !== null && groupChar !== '.' && groupChar !== ',' && !GROUP_CHARS.test(groupChar)) {
    return null;
  }
  const whole = ungroup(wholeText, groupChar);
  if (whole === null || whole.length + fraction.length === 0) return null;

  const magnitude = Number((whole || '0') + fraction.padEnd(exponent, '0'));
  if (!Number.isSafeInteger(magnitude)) return null;
  return noNegativeZero(negative ? -magnitude : magnitude);
}

/**
 * Rounds to an integer, halves away from zero (2.5 → 3, -2.5 → -3), as tax authorities do.
 * Works on the double as given: use toMinor for decimals that a person wrote.
 */
export function roundHalfAwayFromZero(x: number): number {
  checkFinite(x, 'The number');
  return noNegativeZero(Math.sign(x) * Math.round(Math.abs(x)));
}

/**
 * floor(a × b / c) and the remainder, exactly, for non-negative safe integers and c > 0.
 * a × b may pass 2^53; the slow path keeps every intermediate below c.
 */
function mulDivMod(a: number, b: number, c: number): { quotient: number; remainder: number } {
  const product = a * b;
  if (product <= Number.MAX_SAFE_INTEGER) {
    let quotient = Math.floor(product / c);
    let remainder = product - quotient * c;
    if (remainder < 0) {
      quotient -= 1;
      remainder += c;
    } else if (remainder >= c) {
      quotient += 1;
      remainder -= c;
    }
    return { quotient, remainder };
  }
  // a × b = (qa·c + ra) × b = qa·b·c + ra·(qb·c + rb): only ra × rb (both below c) is left
  // to divide, bit by bit, comparing against c - x instead of adding so nothing rounds.
  const ra = a % c;
  const rb = b % c;
  let quotient = 0;
  let remainder = 0;
  for (const bit of rb.toString(2)) {
    if (remainder >= c - remainder) {
      remainder -= c - remainder;
      quotient = quotient * 2 + 1;
    } else {
      remainder *= 2;
      quotient *= 2;
    }
    if (bit === '1') {
      if (remainder >= c - ra) {
        remainder -= c - ra;
        quotient += 1;
      } else {
        remainder += ra;
      }
    }
  }
  return { quotient: quotient + Math.floor(a / c) * b + ra * Math.floor(b / c), remainder };
}

/**
 * round(a × b / c), halves away from zero, exact for all safe integers: the one division that
 * VAT, discounts and percentages go through, so no float error ever reaches a cent.
 * Throws a RangeError when an input is not a safe integer or the result is not.
 */
export function mulDivRound(a: number, b: number, c: number): number {
  for (const [name, value] of [
    ['a', a],
    ['b', b],
    ['c', c],
  ] as const) {
    if (!Number.isSafeInteger(value)) {
      throw new RangeError(`mulDivRound needs safe integers; ${name} is ${value}.`);
    }
  }
  if (c === 0) throw new RangeError('mulDivRound cannot divide by zero.');
  const negative = (a < 0 !== b < 0) !== c < 0;
  const divisor = Math.abs(c);
  const { quotient, remainder } = mulDivMod(Math.abs(a), Math.abs(b), divisor);
  const magnitude = remainder >= divisor - remainder ? quotient + 1 : quotient;
  if (!Number.isSafeInteger(magnitude)) {
    throw new RangeError(`${a} × ${b} / ${c} is too large to count exactly.`);
  }
  return noNegativeZero(negative ? -magnitude : magnitude);
}

/**
 * A percentage (at most 2 decimals) as an exact whole number of hundredths of a percent:
 * 21 → 2100, 5.5 → 550. Throws a RangeError with more decimals.
 */
export function percentToHundredths(percent: number): number {
  const hundredths = scaleExactly(percent, 2);
  if (hundredths === null) {
    throw new RangeError(`A percentage can have at most 2 decimals, not ${percent}.`);
  }
  return hundredths;
}

/** round(amount × percent / 100), exact: percentOf(199, 21) → 42 (41.79). Percent has at most 2 decimals. */
export function percentOf(amount: Minor, percent: number): Minor {
  return mulDivRound(amount, percentToHundredths(percent), 10000);
}

/**
 * Splits total into parts proportional to weights that always sum exactly to total, by the
 * largest-remainder method: each part is its exact share rounded down (in magnitude), and the
 * leftover units go to the largest remainders, ties to the earlier part. A negative total
 * splits as the mirror of the positive one. Zero weights get 0; all-zero weights split equally.
 * Used for document discounts and proportional refunds.
 */
export function allocate(total: Minor, weights: readonly number[]): Minor[] {
  checkMinor(total, 'The total to split');
  for (const weight of weights) {
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new RangeError(`Weights to split an amount by must be finite and 0 or more, not ${weight}.`);
    }
  }
  if (weights.length === 0) {
    if (total === 0) return [];
    throw new RangeError(`Cannot split ${total} into no parts.`);
  }
  let used = weights.every((weight) => weight === 0) ? weights.map(() => 1) : [...weights];
  const sum = used.reduce((acc, weight) => acc + weight, 0);
  if (!Number.isFinite(sum)) throw new RangeError('The weights to split an amount by are too large.');
  const exact = Number.isSafeInteger(sum) && used.every((weight) => Number.isInteger(weight));
  // Fractional weights share by their ratios in floating point: remainders are then only
  // nearly exact, but the parts still sum exactly to the total by construction below.
  if (!exact) used = used.map((weight) => weight / sum);

  const magnitude = Math.abs(total);
  const parts: number[] = [];
  const remainders: number[] = [];
  for (const weight of used) {
    if (exact) {
      const { quotient, remainder } = mulDivMod(magnitude, weight, sum);
      parts.push(quotient);
      remainders.push(remainder);
    } else {
      const share = magnitude * weight;
      const floor = Math.floor(share);
      parts.push(floor);
      remainders.push(share - floor);
    }
  }
  let leftover = magnitude - parts.reduce((acc, part) => acc + part, 0);
  const order = used
    .map((weight, index) => ({ index, remainder: remainders[index], weight }))
    .filter((entry) => entry.weight > 0)
    .sort((x, y) => y.remainder - x.remainder || x.index - y.index);
  // Exact weights leave fewer leftover units than parts; float weights may not, so cycle.
  for (let i = 0; leftover > 0; i = (i + 1) % order.length, leftover--) parts[order[i].index] += 1;
  for (let i = order.length - 1; leftover < 0; i = (i - 1 + order.length) % order.length) {
    if (parts[order[i].index] > 0) {
      parts[order[i].index] -= 1;
      leftover++;
    }
  }
  return parts.map((part) => noNegativeZero(total < 0 ? -part : part));
}
