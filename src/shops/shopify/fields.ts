/**
 * Reading Shopify's GraphQL JSON safely: plain-object and list access on `unknown`, ids, dates and
 * money. Nothing here trusts the shape of a reply; a missing or odd field reads as null, and the
 * caller decides whether that is a problem to list.
 */
import { type Minor, toMinor } from '../../core/money';

export type Json = Record<string, unknown>;

export function obj(x: unknown): Json | null {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Json) : null;
}

export function list(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}

/** A string field, or null when absent or not a string. */
export function str(x: unknown): string | null {
  return typeof x === 'string' ? x : null;
}

/** A trimmed text field; '' when absent. */
export function text(x: unknown): string {
  return typeof x === 'string' ? x.trim() : '';
}

/**
 * The nodes of a GraphQL connection, selected either as `nodes { … }` (what our queries ask for)
 * or as `edges { node { … } }` (what the shopify.dev examples print).
 */
export function connectionNodes(connection: unknown): unknown[] {
  const c = obj(connection);
  if (!c) return [];
  if (Array.isArray(c.nodes)) return c.nodes;
  return list(c.edges).map((edge) => obj(edge)?.node);
}

/** True when a connection says more nodes exist than were selected. */
export function hasMore(connection: unknown): boolean {
  return obj(obj(connection)?.pageInfo)?.hasNextPage === true;
}

/**
 * The number at the end of a Shopify GID (`gid://shopify/Order/450789469` → '450789469'), kept as
 * text: Shopify ids are 64-bit and a JavaScript number silently rounds anything above 2^53. A GID
 * may carry a query string (`…/123?key=…`), which is not part of the id.
 */
export function gidNumber(gid: unknown): string | null {
  if (typeof gid !== 'string') return null;
  const m = /^gid:\/\/shopify\/[A-Za-z]+\/(\d+)(?:\?.*)?$/.exec(gid.trim());
  return m ? m[1] : null;
}

/** A Shopify DateTime (ISO 8601) as epoch milliseconds, or null. */
export function instant(x: unknown): number | null {
  if (typeof x !== 'string' || x.trim() === '') return null;
  const ms = Date.parse(x);
  return Number.isFinite(ms) ? ms : null;
}

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/**
 * A GraphQL `Decimal` amount ("2000.0", "3.98") in minor units of a currency with `exponent`
 * decimals; null when it is not a decimal. Numbers are accepted too (a hand-written server may
 * send them).
 */
export function amount(x: unknown, exponent: number): Minor | null {
  let decimal: number;
  if (typeof x === 'number') decimal = x;
  else if (typeof x === 'string' && DECIMAL.test(x.trim())) decimal = Number(x.trim());
  else return null;
  try {
    return toMinor(decimal, exponent); // throws for what is not a finite, countable amount
  } catch {
    return null;
  }
}

/** `…Set { shopMoney { amount } }`: the amount in the shop's currency (never presentment money). */
export function shopMoney(moneyBag: unknown, exponent: number): Minor | null {
  return amount(obj(obj(moneyBag)?.shopMoney)?.amount, exponent);
}

/** The currency code of `…Set { shopMoney { currencyCode } }`, or null. */
export function shopCurrency(moneyBag: unknown): string | null {
  const code = str(obj(obj(moneyBag)?.shopMoney)?.currencyCode);
  return code && /^[A-Za-z]{3}$/.test(code.trim()) ? code.trim().toUpperCase() : null;
}
