/** "Today at this till" in words: a refund reads as money out, never as one more payment. */
import type { TillToday } from '../../src/app/till/api-types';
import { todayText } from '../../src/ui/till/today';

const day = (over: Partial<TillToday>): TillToday => ({
  day: '2026-03-10',
  sessions: 1,
  salesCount: 0,
  returnsCount: 0,
  salesTotal: 0,
  byMethod: [],
  ...over,
});

test('a sale and its full cash return: 1 sale · 1 return · €0.00, and cash in and out', () => {
  const words = todayText(
    day({
      salesCount: 1,
      returnsCount: 1,
      salesTotal: 0,
      byMethod: [{ method: 'cash', count: 1, amount: 0, refunded: 1290 }],
    }),
  );
  expect(words).toEqual({ summary: '1 sale · 1 return · €0.00', methods: ['Cash: €12.90 in, €12.90 out'] });
});

test('without returns it reads as before: the count and amount of each method', () => {
  const words = todayText(
    day({
      salesCount: 3,
      salesTotal: 4500,
      byMethod: [
        { method: 'cash', count: 2, amount: 3000, refunded: 0 },
        { method: 'card', count: 1, amount: 1500, refunded: 0 },
      ],
    }),
  );
  expect(words).toEqual({ summary: '3 sales · €45.00', methods: ['Cash: 2 · €30.00', 'Card: 1 · €15.00'] });
});

test('only the method that paid back shows in and out; returns are plural when more than one', () => {
  const words = todayText(
    day({
      salesCount: 2,
      returnsCount: 2,
      salesTotal: 1000,
      byMethod: [
        { method: 'cash', count: 1, amount: 2000, refunded: 0 },
        { method: 'card', count: 1, amount: -1000, refunded: 3000 },
      ],
    }),
  );
  expect(words.summary).toBe('2 sales · 2 returns · €10.00');
  expect(words.methods).toEqual(['Cash: 1 · €20.00', 'Card: €20.00 in, €30.00 out']);
});
