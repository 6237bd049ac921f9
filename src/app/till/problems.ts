/** Business refusals of the till, as values the sidebar shows (nothing was written). */
import { SaleProblem } from '../../core/sale';
import { LedgerError } from '../../ledger/problem';
import { LockTimeoutError } from '../../platform/lock';
import { CustomerProblem } from '../customers/problem';
import type { ProblemCode, Result, TillProblem } from './api-types';

export class TillRefusal extends Error {
  constructor(readonly problem: TillProblem) {
    super(problem.message);
    this.name = 'TillRefusal';
  }
}

export function refuse(code: ProblemCode, message: string, extra: Partial<TillProblem> = {}): never {
  throw new TillRefusal({ code, message, ...extra });
}

/** Runs a till command; refusals become `{ ok: false }`, anything unexpected is thrown on. */
export function asResult<T>(run: () => T): Result<T> {
  try {
    return { ok: true, value: run() };
  } catch (e) {
    if (e instanceof TillRefusal) return { ok: false, problem: e.problem };
    if (e instanceof SaleProblem) return { ok: false, problem: { code: e.code, message: e.message } };
    if (e instanceof CustomerProblem)
      return {
        ok: false,
        problem: { code: e.code === 'unknown-customer' ? e.code : 'bad-input', message: e.message },
      };
    if (e instanceof LockTimeoutError) return { ok: false, problem: { code: 'busy', message: e.message } };
    if (e instanceof LedgerError) return { ok: false, problem: { code: 'bad-input', message: e.message } };
    throw e;
  }
}

const KEY = /^[\w:.-]{1,100}$/;

export function checkKey(key: unknown): string {
  if (typeof key !== 'string' || !KEY.test(key)) {
    refuse(
      'bad-input',
      'This command has no valid idempotency key (letters, digits, - _ : . up to 100 characters).',
    );
  }
  return key;
}

export function checkTill(till: unknown): string {
  if (typeof till !== 'string' || till.trim() === '' || till.length > 40) {
    refuse('bad-input', 'Name the till (up to 40 characters), for example "Till 1".');
  }
  return till.trim();
}

export function checkAmount(amount: unknown, what: string, allowZero = false): number {
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0 || (!allowZero && amount === 0)) {
    refuse('bad-input', `${what} must be ${allowZero ? '0 or more' : 'more than 0'}.`);
  }
  return amount;
}
