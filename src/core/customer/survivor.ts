/**
 * Whom a customer stands for now: itself, or — following `Merged into` to its end — the customer
 * that holds its credit. A merge may be merged again (B into C after A into B), so one step is not
 * enough; a hand-made cycle or a link to a missing customer stops at the last customer reached.
 */

/**
 * `mergedInto(c)` is the customer `c` was merged into, or null when it was not merged or that
 * customer is not there. `idOf` names a customer, so a cycle is seen.
 */
export function survivorOf<C>(customer: C, mergedInto: (c: C) => C | null, idOf: (c: C) => string): C {
  const seen = new Set([idOf(customer)]);
  let at = customer;
  for (let next = mergedInto(at); next !== null && !seen.has(idOf(next)); next = mergedInto(at)) {
    seen.add(idOf(next));
    at = next;
  }
  return at;
}
