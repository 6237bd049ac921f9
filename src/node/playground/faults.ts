/**
 * Test-only fault injection for the playground, to show the till's offline queue and
 * idempotency working. Off unless the server is started with `faults: true` (or
 * SHOP_LEDGER_PLAYGROUND_FAULTS=1). POST /__faults {failNext, after?, only?} makes the next
 * `failNext` API calls (only those named `only`, when given) answer 503:
 * - before running the use case (the server never saw the call), or
 * - with `after: true`, after the use case ran and the ledger was saved (the answer was lost,
 *   as on a flaky network).
 */

export interface FaultPlan {
  failNext: number;
  after: boolean;
  only: string | null;
}

export type FaultWhen = 'before' | 'after';

export class Faults {
  private plan: FaultPlan = { failNext: 0, after: false, only: null };

  /** Reads a POST /__faults body; throws a message for a bad one. */
  set(body: unknown): FaultPlan {
    const b = (body ?? {}) as Record<string, unknown>;
    const failNext = b.failNext;
    if (typeof failNext !== 'number' || !Number.isInteger(failNext) || failNext < 0) {
      throw new Error('failNext must be a whole number ≥ 0.');
    }
    if (b.after !== undefined && typeof b.after !== 'boolean')
      throw new Error('after must be true or false.');
    if (b.only !== undefined && typeof b.only !== 'string') throw new Error('only must be a function name.');
    this.plan = { failNext, after: b.after === true, only: (b.only as string | undefined) ?? null };
    return this.current();
  }

  current(): FaultPlan {
    return { ...this.plan };
  }

  /** Whether this call fails, and when; counts it against the plan. */
  take(name: string): FaultWhen | null {
    const plan = this.plan;
    if (plan.failNext <= 0 || (plan.only !== null && plan.only !== name)) return null;
    plan.failNext -= 1;
    return plan.after ? 'after' : 'before';
  }
}
