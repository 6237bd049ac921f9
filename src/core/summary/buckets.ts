/**
 * Additive rows: each row keeps integer sums and how many facts went into it, so an order can be
 * taken out again exactly ("remove the old fact, add the new one") and a row that no fact feeds
 * any more disappears, as it would from a rebuild.
 */

export interface Bucket<D, K extends string> {
  dims: D;
  figures: Record<K, number>;
  /** How many facts feed this row. */
  facts: number;
}

export type Buckets<D, K extends string> = Map<string, Bucket<D, K>>;

/** Adds (sign 1) or takes out (sign -1) one fact's figures to the row `key`. */
export function addToBucket<D, K extends string>(
  buckets: Buckets<D, K>,
  key: string,
  dims: D,
  delta: Readonly<Record<K, number>>,
  sign: 1 | -1,
): void {
  const names = Object.keys(delta) as K[];
  let bucket = buckets.get(key);
  if (!bucket) {
    if (sign < 0) {
      throw new Error(`The summary has no row ${key} to take an order out of: rebuild the summaries.`);
    }
    const figures = {} as Record<K, number>;
    for (const name of names) figures[name] = 0;
    bucket = { dims, figures, facts: 0 };
    buckets.set(key, bucket);
  }
  for (const name of names) {
    const next = bucket.figures[name] + sign * delta[name];
    if (!Number.isSafeInteger(next)) throw new RangeError(`A sum in the summary row ${key} is too large.`);
    bucket.figures[name] = next === 0 ? 0 : next;
  }
  bucket.facts += sign;
  if (bucket.facts === 0) buckets.delete(key);
}

/** The keys of `changed` with the dims they stand for, once each. */
export function noteChange<D>(changed: Map<string, D>, key: string, dims: D): void {
  if (!changed.has(key)) changed.set(key, dims);
}
