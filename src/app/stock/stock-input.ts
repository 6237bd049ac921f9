/**
 * Checking what a stock command is given, before anything is written: the idempotency key, the
 * locations, the SKUs and the quantities. Every refusal is a LedgerError whose message says what
 * is wrong, where, and what to do; a refused command writes nothing.
 */
import type { Catalogue } from '../../core/catalogue';
import { VIRTUAL_LOCATIONS } from '../../core/stock';
import { LedgerError } from '../../ledger/problem';
import type { Platform } from '../../platform/platform';

/** The ports a stock command needs. */
export type StockPorts = Pick<Platform, 'workbook' | 'lock' | 'properties' | 'clock'>;

/** A quantity of one SKU: received, sent, lost or counted. */
export interface StockLine {
  sku: string;
  qty: number;
}

export const NOTHING_WRITTEN = 'Nothing was written.';

/** Letters, digits and - _ : . (a UUID fits), as the till's keys. */
const KEY = /^[\w:.-]{1,100}$/;

export function checkKey(key: unknown): string {
  const text = typeof key === 'string' ? key.trim() : '';
  if (!KEY.test(text)) {
    throw new LedgerError(
      `The idempotency key ${JSON.stringify(key ?? '')} is not valid: use 1 to 100 letters, digits, "-", "_", ":" or ".". ${NOTHING_WRITTEN}`,
    );
  }
  return text;
}

/**
 * A real location from Settings › Locations, matched without regard to case, in its own
 * spelling. `role` says what the location is for, such as "receive goods at".
 */
export function checkLocation(name: unknown, locations: readonly string[], role: string): string {
  const text = typeof name === 'string' ? name.trim() : '';
  const found = locations.find((l) => l.toLowerCase() === text.toLowerCase());
  if (found && text !== '') return found;
  const list = locations.join(', ');
  if (text === '') throw new LedgerError(`Name the location to ${role}: one of ${list}. ${NOTHING_WRITTEN}`);
  const isVirtual = VIRTUAL_LOCATIONS.some((v) => v.toLowerCase() === text.toLowerCase());
  throw new LedgerError(
    isVirtual
      ? `"${text}" is a virtual location, so you cannot ${role} it. The real locations are ${list} (Settings › Locations). ${NOTHING_WRITTEN}`
      : `"${text}" is not a stock location. The locations are ${list} (Settings › Locations): use one of them, or add "${text}" to Locations on the Settings tab. ${NOTHING_WRITTEN}`,
  );
}

/**
 * Lines with a SKU and a whole quantity of 1 or more; the same SKU twice is added up.
 * `what` names the lines in messages ("line", "lost line").
 */
export function checkQuantities(lines: unknown, what = 'line', allowEmpty = false): StockLine[] {
  if (lines === undefined && allowEmpty) return [];
  if (!Array.isArray(lines) || (lines.length === 0 && !allowEmpty)) {
    throw new LedgerError(
      `Give at least one ${what}: a SKU and a quantity, like COF-ETH-250:6. ${NOTHING_WRITTEN}`,
    );
  }
  const merged = new Map<string, StockLine>();
  lines.forEach((line: unknown, i) => {
    const { sku, value } = lineParts(line, i, what, 'qty');
    if (!Number.isInteger(value) || (value as number) < 1) {
      throw new LedgerError(
        `${capital(what)} ${i + 1} (${sku}): the quantity must be a whole number of 1 or more, not ${shown(value)}. ${NOTHING_WRITTEN}`,
      );
    }
    const key = sku.toUpperCase();
    const earlier = merged.get(key);
    if (earlier) earlier.qty += value as number;
    else merged.set(key, { sku, qty: value as number });
  });
  return [...merged.values()];
}

/** Counted quantities: a whole number of 0 or more, and each SKU once. */
export function checkCounts(lines: unknown): StockLine[] {
  if (!Array.isArray(lines) || lines.length === 0) {
    throw new LedgerError(
      `Give at least one count: a SKU and the quantity counted, like COF-ETH-250:11. ${NOTHING_WRITTEN}`,
    );
  }
  const seen = new Set<string>();
  return lines.map((line: unknown, i) => {
    const { sku, value } = lineParts(line, i, 'count', 'counted');
    if (!Number.isInteger(value) || (value as number) < 0) {
      throw new LedgerError(
        `Count ${i + 1} (${sku}): the quantity counted must be a whole number of 0 or more, not ${shown(value)}. ${NOTHING_WRITTEN}`,
      );
    }
    if (seen.has(sku.toUpperCase())) {
      throw new LedgerError(
        `${sku} is counted twice. Give one count per SKU: the total you found at the location. ${NOTHING_WRITTEN}`,
      );
    }
    seen.add(sku.toUpperCase());
    return { sku, qty: value as number };
  });
}

/** The lines with each SKU spelled as on the Products tab; an unknown SKU is refused by name. */
export function resolveSkus(lines: readonly StockLine[], catalogue: Catalogue): StockLine[] {
  const unknown = lines.filter((l) => !catalogue.sku(l.sku)).map((l) => `"${l.sku}"`);
  if (unknown.length > 0) {
    throw new LedgerError(
      `No product with SKU ${unknown.join(', ')} on the Products tab. Check the SKU, or add the product to Products first. ${NOTHING_WRITTEN}`,
    );
  }
  return lines.map((l) => ({ sku: (catalogue.sku(l.sku) as { sku: string }).sku, qty: l.qty }));
}

function lineParts(line: unknown, i: number, what: string, field: string): { sku: string; value: unknown } {
  const record = (line ?? {}) as Record<string, unknown>;
  const sku = typeof record.sku === 'string' ? record.sku.trim() : '';
  if (sku === '') throw new LedgerError(`${capital(what)} ${i + 1} has no SKU. ${NOTHING_WRITTEN}`);
  return { sku, value: record[field] };
}

function shown(v: unknown): string {
  return typeof v === 'number' ? String(v) : JSON.stringify(v ?? null);
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
