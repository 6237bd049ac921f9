import fc from 'fast-check';
import { survivorOf } from '../../../src/core/customer/survivor';

/** Customers as id → the id it was merged into ('' when not merged). */
const follow = (merged: Record<string, string>, id: string) =>
  survivorOf(
    id,
    (c) => (merged[c] && merged[c] in merged ? merged[c] : null),
    (c) => c,
  );

test('a customer not merged stands for itself; a merged one for the end of its chain', () => {
  const merged = { A: 'B', B: 'C', C: '', D: '' };
  expect(follow(merged, 'D')).toBe('D');
  expect(follow(merged, 'B')).toBe('C');
  expect(follow(merged, 'A')).toBe('C');
});

test('a link to a missing customer stops at the last one there; a cycle stops without looping', () => {
  expect(follow({ A: 'B', B: 'Z' }, 'A')).toBe('B');
  expect(follow({ A: 'B', B: 'A' }, 'A')).toBe('B');
  expect(follow({ A: 'A' }, 'A')).toBe('A');
});

test('property: the survivor is reached by the links and, without a cycle, is not merged itself', () => {
  const ids = ['A', 'B', 'C', 'D', 'E', 'F'];
  const customers = fc.dictionary(fc.constantFrom(...ids), fc.constantFrom('', ...ids, 'Z'), { minKeys: 1 });
  fc.assert(
    fc.property(customers, (merged) => {
      for (const start of Object.keys(merged)) {
        const end = follow(merged, start);
        const path = [start];
        while (path.at(-1) !== end && path.length <= ids.length) path.push(merged[path.at(-1) as string]);
        expect(path.at(-1)).toBe(end);
        const next = merged[end];
        const stoppedOnCycle = path.includes(next);
        if (!stoppedOnCycle) expect(next === '' || !(next in merged)).toBe(true);
      }
    }),
  );
});
