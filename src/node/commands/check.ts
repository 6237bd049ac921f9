/** `shop-ledger check`: every problem in the ledger with its tab!cell. */
import { type CheckReport, checkLedger } from '../../app/check-ledger';
import { describeProblem } from '../../ledger/problem';
import { withLedgerFile } from '../ledger-file';

export async function check(opts: { ledger: string }): Promise<CheckReport> {
  return withLedgerFile(opts.ledger, { create: false }, (wb) => checkLedger(wb));
}

export function describeCheck(r: CheckReport): string {
  if (r.ok) return 'The ledger is in order: no problems found.';
  return [`${r.problems.length} problem(s) found:`, ...r.problems.map((p) => `  ${describeProblem(p)}`)].join(
    '\n',
  );
}
