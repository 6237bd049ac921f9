/**
 * Ports for a use case run inside another's commit (an exchange runs recordSale inside its own
 * lock): the lock is already held, and the one flush belongs to the outer commit, so both are
 * no-ops here. Everything else is the caller's own ports.
 */
import type { Lock } from '../platform/lock';
import type { Workbook } from '../platform/workbook';

const HELD: Lock = { acquire: () => {}, release: () => {} };

export function insideCommit<P extends { lock: Lock; workbook: Workbook }>(p: P): P {
  const wb = p.workbook;
  const workbook = new Proxy(wb, {
    get(target, name) {
      if (name === 'flush') return () => {};
      const v = Reflect.get(target, name, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { ...p, lock: HELD, workbook };
}
