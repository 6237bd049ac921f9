/**
 * The lots a web code's hold took, for giving them back (a release, or a settlement that lifts
 * the hold). They are the customer's open lots just before the `hold:<code>` entry, so the
 * customer's history is needed: the Loyalty tab is read ONCE per commit (one getValues, whatever
 * the size of the history), not found row by row (one read per run of a customer's scattered
 * rows: about one per entry for a regular customer). Each row is validated: a hand-edited bad
 * cell is reported with its tab!cell and left out, never a crash.
 */
import { type HeldPortion, heldPortions, type LoyaltyEntry } from '../../core/loyalty';
import { parseText } from '../../ledger/cells';
import { entryFromRow } from '../../ledger/loyalty';
import { LOYALTY } from '../../ledger/schema';
import { readTable, validateRow } from '../../ledger/table';
import type { WebCode } from '../../ledger/web-codes';
import type { Workbook } from '../../platform/workbook';
import type { LedgerContext } from '../ledger-context';

export interface HeldLots {
  portions: HeldPortion[];
  /** The customer's unreadable rows ('' when none): the portions were worked out without them. */
  problem: string;
}

/** One read of the Loyalty tab, kept for the commit: lots of any code, by its customer's entries. */
export function loyaltyHistory(wb: Workbook, ctx: LedgerContext): (c: WebCode) => HeldLots {
  const table = readTable(wb, LOYALTY, ctx.tabs);
  const entries = new Map<string, LoyaltyEntry[]>();
  const bad = new Map<string, { cells: string[]; keys: Set<string> }>();
  for (const row of table.rows) {
    const customerId = parseText(table.get(row, 'Customer ID'));
    const problems = validateRow(table, row, ctx.cells);
    if (problems.length > 0) {
      const b = bad.get(customerId) ?? { cells: [], keys: new Set<string>() };
      b.cells.push(...problems.map((x) => `${x.tab}!${x.cell}: ${x.message}`));
      b.keys.add(parseText(table.get(row, 'Key')));
      bad.set(customerId, b);
      continue;
    }
    const list = entries.get(customerId) ?? [];
    list.push(entryFromRow(table, row, ctx.cells));
    entries.set(customerId, list);
  }
  return (c) => {
    const mine = entries.get(c.customerId) ?? [];
    const b = bad.get(c.customerId);
    const problem = b
      ? `${c.customerId}'s Loyalty rows have cells that cannot be read (${b.cells.join('; ')}): the credit of web code ${c.code} went back by the other rows; correct the cells, then Rebuild loyalty balances.`
      : '';
    const key = `hold:${c.code}`;
    const at = mine.findIndex((e) => e.key === key);
    if (at >= 0) return { portions: heldPortions(mine.slice(0, at), -mine[at].amount), problem };
    // The hold's own row unreadable: its amount is the code's; given back as credit that never expires.
    if (b?.keys.has(key)) return { portions: [{ amount: c.amount, expires: null }], problem };
    return { portions: [], problem };
  };
}
