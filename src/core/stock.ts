/**
 * Stock as an append-only ledger of moves between locations, as in Odoo's stock module.
 * Real locations (Store, Warehouse, …) hold stock; virtual ones (Supplier, Customer, Loss,
 * Count, Transit) are where goods come from and go to. Balances are a cache of the moves.
 */

export const VIRTUAL_LOCATIONS = ['Transit', 'Customer', 'Supplier', 'Loss', 'Count'] as const;

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
  reference: string;
  /** Idempotency key of the command that wrote the move. */
  key: string;
}

export interface Balance {
  sku: string;
  location: string;
  onHand: number;
  reserved: number;
  available: number;
  inTransit: number;
}

/** On-hand balances per SKU and real location, summed from the moves. */
export function balancesFromMoves(moves: readonly Move[], locations: readonly string[]): Balance[] {
  const real = new Set(locations);
  const onHand = new Map<string, Map<string, number>>();
  const add = (sku: string, location: string, qty: number) => {
    if (!real.has(location)) return;
    const bySku = onHand.get(sku) ?? new Map<string, number>();
    onHand.set(sku, bySku);
    bySku.set(location, (bySku.get(location) ?? 0) + qty);
  };
  for (const m of moves) {
    add(m.sku, m.from, -m.qty);
    add(m.sku, m.to, m.qty);
  }
  const balances: Balance[] = [];
  for (const [sku, bySku] of onHand) {
    for (const location of locations) {
      const qty = bySku.get(location);
      if (qty === undefined) continue;
      balances.push({ sku, location, onHand: qty, reserved: 0, available: qty, inTransit: 0 });
    }
  }
  return balances;
}

/** The next id in a sequence like M-000041, from the ids already used. */
export function nextId(prefix: string, used: Iterable<string>): (n?: number) => string {
  let max = 0;
  const pattern = new RegExp(`^${prefix}-(\\d+)$`);
  for (const id of used) {
    const m = pattern.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return () => `${prefix}-${String(++max).padStart(6, '0')}`;
}
