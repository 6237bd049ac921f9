import fc from 'fast-check';
import {
  applyMoves,
  type Balance,
  balanceKey,
  computeBalances,
  drift,
  isLow,
  type Move,
  reservedAt,
  shortages,
} from '../../src/core/stock';

const LOCATIONS = ['Store', 'Warehouse'];
let n = 0;
const move = (
  sku: string,
  qty: number,
  from: string,
  to: string,
  reference = '',
  reason: Move['reason'] = 'adjustment',
): Move => ({
  id: `M-${++n}`,
  time: 0,
  sku,
  qty,
  from,
  to,
  reason,
  reference,
  key: '',
});
const at = (balances: Balance[], sku: string, location: string) =>
  balances.find((b) => b.sku === sku && b.location === location);

test('a sale, a receipt and a count move stock between real and virtual locations', () => {
  const balances = computeBalances(
    [
      move('MUG', 10, 'Supplier', 'Store', '', 'receipt'),
      move('MUG', 3, 'Store', 'Customer', 'O-1', 'sale'),
      move('MUG', 1, 'Store', 'Count', 'CT-1', 'count'),
      move('MUG', 5, 'Supplier', 'Warehouse', '', 'receipt'),
    ],
    LOCATIONS,
  );
  expect(balances).toEqual([
    { sku: 'MUG', location: 'Store', onHand: 6, reserved: 0, available: 6, inTransit: 0 },
    { sku: 'MUG', location: 'Warehouse', onHand: 5, reserved: 0, available: 5, inTransit: 0 },
  ]);
});

test('goods in transit show at their destination until received; losses leave them', () => {
  const route = { id: 'TR-1', from: 'Warehouse', to: 'Store' };
  const moves = [
    move('TEA', 8, 'Supplier', 'Warehouse'),
    move('TEA', 5, 'Warehouse', 'Transit', 'TR-1', 'transfer-out'),
    move('TEA', 3, 'Transit', 'Store', 'TR-1', 'transfer-in'),
    move('TEA', 1, 'Transit', 'Loss', 'TR-1', 'adjustment'),
  ];
  const balances = computeBalances(moves, LOCATIONS, [route]);
  expect(at(balances, 'TEA', 'Warehouse')).toMatchObject({ onHand: 3, inTransit: 0 });
  expect(at(balances, 'TEA', 'Store')).toMatchObject({ onHand: 3, inTransit: 1 });
});

test('a reservation keeps stock on hand but not available; shipping or releasing it ends it', () => {
  const held = [
    move('MUG', 10, 'Supplier', 'Warehouse'),
    move('MUG', 2, 'Warehouse', reservedAt('Warehouse'), 'O-7', 'reservation'),
  ];
  expect(at(computeBalances(held, LOCATIONS), 'MUG', 'Warehouse')).toMatchObject({
    onHand: 10,
    reserved: 2,
    available: 8,
  });
  const shipped = [...held, move('MUG', 2, reservedAt('Warehouse'), 'Customer', 'O-7', 'sale')];
  expect(at(computeBalances(shipped, LOCATIONS), 'MUG', 'Warehouse')).toMatchObject({
    onHand: 8,
    reserved: 0,
    available: 8,
  });
  const released = [
    ...held,
    move('MUG', 2, reservedAt('Warehouse'), 'Warehouse', 'O-7', 'reservation release'),
  ];
  expect(at(computeBalances(released, LOCATIONS), 'MUG', 'Warehouse')).toMatchObject({
    onHand: 10,
    reserved: 0,
    available: 10,
  });
});

const arbMove = fc
  .record({
    sku: fc.constantFrom('A', 'B', 'C'),
    qty: fc.integer({ min: 1, max: 20 }),
    from: fc.constantFrom(
      'Store',
      'Warehouse',
      'Supplier',
      'Customer',
      'Loss',
      'Count',
      'Warehouse/Reserved',
      'Store/Reserved',
    ),
    to: fc.constantFrom(
      'Store',
      'Warehouse',
      'Supplier',
      'Customer',
      'Loss',
      'Count',
      'Warehouse/Reserved',
      'Store/Reserved',
    ),
  })
  .filter((m) => m.from !== m.to)
  .map((m) => move(m.sku, m.qty, m.from, m.to));

test('property: applying moves one commit at a time gives the same balances as rebuilding from all of them', () => {
  fc.assert(
    fc.property(fc.array(fc.array(arbMove, { maxLength: 5 }), { maxLength: 12 }), (commits) => {
      const cache = new Map<string, Balance>();
      for (const commit of commits) {
        for (const b of applyMoves(cache, commit, LOCATIONS)) cache.set(balanceKey(b.sku, b.location), b);
      }
      const rebuilt = computeBalances(commits.flat(), LOCATIONS);
      expect(drift([...cache.values()], rebuilt)).toEqual([]);
      for (const b of rebuilt) expect(b.available).toBe(b.onHand - b.reserved);
    }),
  );
});

test('property: the units in real locations change only by what crosses their border', () => {
  fc.assert(
    fc.property(fc.array(arbMove, { maxLength: 40 }), (moves) => {
      const inside = (l: string) => LOCATIONS.includes(l) || LOCATIONS.some((r) => l === reservedAt(r));
      const expected = moves.reduce(
        (s, m) => s + (inside(m.to) ? m.qty : 0) - (inside(m.from) ? m.qty : 0),
        0,
      );
      const total = computeBalances(moves, LOCATIONS).reduce((s, b) => s + b.onHand, 0);
      expect(total).toBe(expected);
    }),
  );
});

test('shortages add up repeated lines of a SKU and compare with what is available', () => {
  const balances = new Map(
    computeBalances([move('A', 3, 'Supplier', 'Store')], LOCATIONS).map((b) => [
      balanceKey(b.sku, b.location),
      b,
    ]),
  );
  expect(
    shortages(balances, 'Store', [
      { sku: 'A', qty: 2 },
      { sku: 'A', qty: 2 },
      { sku: 'Z', qty: 1 },
    ]),
  ).toEqual([
    { sku: 'A', requested: 4, available: 3 },
    { sku: 'Z', requested: 1, available: 0 },
  ]);
  expect(shortages(balances, 'Store', [{ sku: 'A', qty: 3 }])).toEqual([]);
});

test('low stock is at or below the reorder point; no reorder point is never low', () => {
  expect(isLow(3, 3)).toBe(true);
  expect(isLow(4, 3)).toBe(false);
  expect(isLow(-1, 0)).toBe(true);
  expect(isLow(0, null)).toBe(false);
});

test('drift names what differs, including rows missing on either side', () => {
  const rebuilt: Balance[] = [
    { sku: 'A', location: 'Store', onHand: 5, reserved: 0, available: 5, inTransit: 0 },
  ];
  const cached: Balance[] = [
    { sku: 'A', location: 'Store', onHand: 6, reserved: 0, available: 6, inTransit: 0 },
    { sku: 'B', location: 'Store', onHand: 1, reserved: 0, available: 1, inTransit: 0 },
  ];
  expect(
    drift(cached, rebuilt).map((d) => [d.sku, d.cached?.onHand ?? null, d.expected?.onHand ?? null]),
  ).toEqual([
    ['A', 6, 5],
    ['B', 1, null],
  ]);
  expect(drift([], rebuilt).map((d) => d.sku)).toEqual(['A']);
});
