/**
 * Web codes in core: store credit sent to the web shop as a single-use discount code. While the
 * code is live its amount is held (a `redeem` entry), so the till cannot spend it twice; an
 * order that uses it settles it, and a code that expires or is cancelled unused gives the credit
 * back, lot by lot with each lot's own expiry, as if it had never left.
 */
import type { Minor } from '../money';
import type { LoyaltyEntry } from './entry';
import { openLots } from './lots';

/** Letters and digits that cannot be misread (no I, L, O, U, 0, 1), as Crockford's base 32 has them. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A code to type at checkout, made from a hash: `SL-` and 10 characters (≈ 49 bits). */
export function webCodeText(hashHex: string): string {
  let out = '';
  for (let i = 0; i < 10; i++) {
    const byte = Number.parseInt(hashHex.slice(i * 2, i * 2 + 2) || '0', 16);
    out += ALPHABET[byte % ALPHABET.length];
  }
  return `SL-${out.slice(0, 5)}-${out.slice(5)}`;
}

export interface HeldPortion {
  amount: Minor;
  /** The expiry of the lot it was taken from; null: never. */
  expires: number | null;
}

/**
 * What a hold of `amount` takes from the credit `before` it, lot by lot, soonest expiry first
 * (as every spending does); given back on release with those expiries.
 */
export function heldPortions(before: readonly LoyaltyEntry[], amount: Minor): HeldPortion[] {
  const portions: HeldPortion[] = [];
  let left = amount;
  for (const lot of openLots(before)) {
    if (left <= 0) break;
    const take = Math.min(lot.remaining, left);
    portions.push({ amount: take, expires: lot.expires });
    left -= take;
  }
  if (left > 0) portions.push({ amount: left, expires: null });
  return portions;
}

export interface WebCodeCheck {
  customerId: string;
  known: boolean;
  mergedInto: string;
  email: string;
  balance: Minor;
  /** Email is how WooCommerce restricts a coupon to its customer. */
  needsEmail: boolean;
}

/** Why a web code cannot be issued, for the person at the till; null when it can. */
export function webCodeProblem(c: WebCodeCheck, show: (m: Minor) => string): string | null {
  if (!c.customerId) return 'A web code needs a customer: find the customer first.';
  if (!c.known) return `No customer with ID ${c.customerId}: pick the customer again.`;
  if (c.mergedInto) {
    return `Customer ${c.customerId} was merged into ${c.mergedInto}: send the code for ${c.mergedInto}, which holds the credit now.`;
  }
  if (c.balance <= 0) {
    return `Customer ${c.customerId} has no store credit to send (balance ${show(Math.max(0, c.balance))}).`;
  }
  if (c.needsEmail && !c.email) {
    return `Customer ${c.customerId} has no email: the web shop gives the code only to the customer's email. Add the email on the customer card first.`;
  }
  return null;
}
