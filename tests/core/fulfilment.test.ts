/** Fulfilment after an import: only forward, except a cancelled order that was waiting to be collected. */
import fc from 'fast-check';
import { FULFILMENTS, importedFulfilment, webFulfilment } from '../../src/core/fulfilment';
import type { WebOrderStatus } from '../../src/core/web-order';

const STATUSES: WebOrderStatus[] = [
  'pending',
  'paid',
  'fulfilled',
  'partially refunded',
  'refunded',
  'cancelled',
];
const order = fc.record({ status: fc.constantFrom(...STATUSES), localPickup: fc.boolean() });

test('a pickup order cancelled (or back to pending) before the hand-over is no longer to collect', () => {
  for (const status of ['cancelled', 'pending'] as const)
    expect(importedFulfilment('to collect', { status, localPickup: true })).toBe('unfulfilled');
});

// The order goods go through: a step to a lower rank is a step back.
const RANK: Record<string, number> = {
  unfulfilled: 0,
  'to collect': 1,
  shipped: 2,
  collected: 2,
  returned: 3,
};

test('otherwise an import never takes fulfilment back, and takes the shop’s when it is further on', () => {
  fc.assert(
    fc.property(fc.constantFrom(...FULFILMENTS), order, (ledger, o) => {
      const after = importedFulfilment(ledger, o);
      if (ledger === 'to collect' && (o.status === 'cancelled' || o.status === 'pending')) return;
      expect(RANK[after]).toBeGreaterThanOrEqual(RANK[ledger]);
      expect([ledger, webFulfilment(o)]).toContain(after);
    }),
  );
});
