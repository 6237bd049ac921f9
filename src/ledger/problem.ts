/** Problems found in the ledger, each pointing at a tab and a cell, written for the person who fixes it. */
import { cellRef } from './a1';

export interface Problem {
  tab: string;
  /** A1 of the cell ('D7'), or '' when the problem is the whole tab. */
  cell: string;
  message: string;
}

/** A problem that stops an operation, such as a missing tab or header. */
export class LedgerError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

/** One line for a person: `Products!D7: Price "abc" is not a number…` */
export function describeProblem(p: Problem): string {
  return `${cellRef(p.tab, p.cell)}: ${p.message}`;
}
