/**
 * Stock as an append-only ledger of moves between locations, as in Odoo's stock module.
 * Real locations (Store, Warehouse, …) hold stock; virtual ones (Supplier, Customer, Loss,
 * Count, Transit) are where goods come from and go to. Balances are a cache of the moves:
 * they can always be rebuilt, and a difference between the two is drift.
 */

export const VIRTUAL_LOCATIONS = ['Transit', 'Customer', 'Supplier', 'Loss', 'Count'] as const;
export const TRANSIT = 'Transit';

/**
 * Stock held for a paid web order that is not shipped yet stays on the shelf but may not be
 * sold again: it sits in the reserved part of its location, "Warehouse/Reserved". Reserving is
 * a move Warehouse → Warehouse/Reserved; shipping, Warehouse/Reserved → Customer; cancelling,
 * Warehouse/Reserved → Warehouse ('reservation release'). So reservations are moves like any
 * other, and the Stock tab's Reserved column can be rebuilt from Movements alone.
 */
export const RESERVED_SUFFIX = '/Reserved';

export function reservedAt(location: string): string {
  return `${location}${RESERVED_SUFFIX}`;
}

export type MoveReason =
  | 'sale'
  | 'return'
  | 'receipt'
  | 'transfer-out'
  | 'transfer-in'
  | 'adjustment'
  | 'count'
  | 'reservation'
  | 'reservation release';

export interface Move {
  id: string;
  /** Epoch milliseconds. */
  time: number;
  sku: string;
  /** Always positive: the direction is From → To. */
  qty: number;
  from: string;
  to: string;
  reason: MoveReason;
  /** The order, transfer or count the move belongs to. */
  reference: string;
  /** Idempotency key of the command that wrote the move. */
  key: string;
}

export interface Balance {
  sku: string;
  location: string;
  onHand: number;
  /** Paid web orders not yet fulfilled. */
  reserved: number;
  /** On hand minus reserved: what may be sold. */
  available: number;
  /** Sent to this location and not yet received. */
  inTransit: number;
}

/** Where goods in Transit are headed: the transfer a Transit move references. */
export interface TransferRoute {
  id: string;
  from: string;
  to: string;
}

export interface Reservation {
  sku: string;
  location: string;
  qty: number;
}

export function balanceKey(sku: string, location: string): string {
  return `${sku}\u0000${location}`;
}

const empty = (sku: string, location: string): Balance => ({
  sku,
  location,
  onHand: 0,
  reserved: 0,
  available: 0,
  inTransit: 0,
});

/**
 * The balances that `moves` change, starting from `before`. The one rule for how a move
 * changes stock, used by every commit and by the rebuild.
 */
export function applyMoves(
  before: ReadonlyMap<string, Balance>,
  moves: readonly Move[],
  locations: readonly string[],
  transfers: readonly TransferRoute[] = [],
): Balance[] {
  const real = new Set(locations);
  const routes = new Map(transfers.map((t) => [t.id, t]));
  const changed = new Map<string, Balance>();
  const at = (sku: string, location: string): Balance => {
    const key = balanceKey(sku, location);
    let b = changed.get(key);
    if (!b) {
      const was = before.get(key);
      b = was ? { ...was } : empty(sku, location);
      changed.set(key, b);
    }
    return b;
  };
  // The real location a name stands for, and whether it is its reserved part.
  const holder = (name: string): { location: string; reserved: boolean } | null => {
    if (real.has(name)) return { location: name, reserved: false };
    if (name.endsWith(RESERVED_SUFFIX)) {
      const location = name.slice(0, -RESERVED_SUFFIX.length);
      if (real.has(location)) return { location, reserved: true };
    }
    return null;
  };
  for (const m of moves) {
    const from = holder(m.from);
    if (from) {
      const b = at(m.sku, from.location);
      b.onHand -= m.qty;
      if (from.reserved) b.reserved -= m.qty;
    }
    const to = holder(m.to);
    if (to) {
      const b = at(m.sku, to.location);
      b.onHand += m.qty;
      if (to.reserved) b.reserved += m.qty;
    }
    const route = routes.get(m.reference);
    if (route && real.has(route.to)) {
      if (m.to === TRANSIT) at(m.sku, route.to).inTransit += m.qty;
      if (m.from === TRANSIT) at(m.sku, route.to).inTransit -= m.qty;
    }
  }
  return [...changed.values()].map((b) => ({ ...b, available: b.onHand - b.reserved }));
}

/**
 * Every balance, rebuilt from all the moves. A pair appears once anything moved there, even
 * if it is back to zero, so the Stock tab keeps a stable row for it.
 */
export function computeBalances(
  moves: readonly Move[],
  locations: readonly string[],
  transfers: readonly TransferRoute[] = [],
  reservations: readonly Reservation[] = [],
): Balance[] {
  const byKey = new Map(
    applyMoves(new Map(), moves, locations, transfers).map((b) => [balanceKey(b.sku, b.location), b]),
  );
  for (const r of reservations) {
    if (!locations.includes(r.location)) continue;
    const key = balanceKey(r.sku, r.location);
    const b = byKey.get(key) ?? empty(r.sku, r.location);
    b.reserved += r.qty;
    byKey.set(key, b);
  }
  const order = new Map(locations.map((l, i) => [l, i]));
  return [...byKey.values()]
    .map((b) => ({ ...b, available: b.onHand - b.reserved }))
    .sort((a, b) =>
      a.sku === b.sku ? (order.get(a.location) ?? 0) - (order.get(b.location) ?? 0) : a.sku < b.sku ? -1 : 1,
    );
}

export interface Shortage {
  sku: string;
  requested: number;
  available: number;
}

/** What cannot be taken from a location without selling stock that is not there. */
export function shortages(
  balances: ReadonlyMap<string, Balance>,
  location: string,
  wanted: readonly { sku: string; qty: number }[],
): Shortage[] {
  const total = new Map<string, number>();
  for (const w of wanted) total.set(w.sku, (total.get(w.sku) ?? 0) + w.qty);
  const short: Shortage[] = [];
  for (const [sku, requested] of total) {
    const available = balances.get(balanceKey(sku, location))?.available ?? 0;
    if (requested > available) short.push({ sku, requested, available });
  }
  return short;
}

/** Low stock: available at or below the reorder point. */
export function isLow(available: number, reorderPoint: number | null): boolean {
  return reorderPoint !== null && available <= reorderPoint;
}

/** Balances that differ between the Stock tab and the moves: drift. */
export function drift(
  cached: readonly Balance[],
  rebuilt: readonly Balance[],
): { sku: string; location: string; cached: Balance | null; expected: Balance | null }[] {
  const same = (a: Balance, b: Balance) =>
    a.onHand === b.onHand &&
    a.reserved === b.reserved &&
    a.available === b.available &&
    a.inTransit === b.inTransit;
  const zero = (b: Balance) => b.onHand === 0 && b.reserved === 0 && b.available === 0 && b.inTransit === 0;
  const expected = new Map(rebuilt.map((b) => [balanceKey(b.sku, b.location), b]));
  const out: { sku: string; location: string; cached: Balance | null; expected: Balance | null }[] = [];
  const seen = new Set<string>();
  for (const c of cached) {
    const key = balanceKey(c.sku, c.location);
    seen.add(key);
    const e = expected.get(key) ?? null;
    if (e ? !same(c, e) : !zero(c)) out.push({ sku: c.sku, location: c.location, cached: c, expected: e });
  }
  for (const [key, e] of expected) {
    if (!seen.has(key) && !zero(e)) out.push({ sku: e.sku, location: e.location, cached: null, expected: e });
  }
  return out;
}

/** The next id in a sequence like M-000041. */
export function formatId(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(6, '0')}`;
}

export function parseId(prefix: string, id: string): number | null {
  const m = new RegExp(`^${prefix}-(\\d+)$`).exec(id);
  return m ? Number(m[1]) : null;
}

/** The next id in a sequence like M-000041, from the ids already used. */
export function nextId(prefix: string, used: Iterable<string>): (n?: number) => string {
  let max = 0;
  for (const id of used) max = Math.max(max, parseId(prefix, id) ?? 0);
  return () => formatId(prefix, ++max);
}
