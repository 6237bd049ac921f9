/** `shop-ledger check`: every problem in the ledger with its tab!cell, the invoice chain included. */
import { createHash } from 'node:crypto';
import { type CheckReport, checkLedger } from '../../app/check-ledger';
import { describeProblem } from '../../ledger/problem';
import { withLedgerFile } from '../ledger-file';

export async function check(opts: { ledger: string }): Promise<CheckReport> {
  return withLedgerFile(opts.ledger, { create: false }, (wb) =>
    checkLedger(wb, { sha256Hex: (text) => createHash('sha256').update(text, 'utf8').digest('hex') }),
  );
}

export function describeCheck(r: CheckReport): string {
  if (r.ok) return 'The ledger is in order: no problems found.';
  return [`${r.problems.length} problem(s) found:`, ...r.problems.map((p) => `  ${describeProblem(p)}`)].join(
    '\n',
  );
}
