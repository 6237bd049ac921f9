/**
 * The Customers' `Loyalty balance` is a cache of the Loyalty entries' sum. Check ledger reports
 * each row where it differs (by cell); "Rebuild loyalty" rewrites the column from the entries.
 */
import { balanceOf, type LoyaltyEntry } from '../../core/loyalty';
import { formatDecimal } from '../../core/money';
import { moneyCell, parseText } from '../../ledger/cells';
import { readLoyalty } from '../../ledger/loyalty';
import { describeProblem, LedgerError, type Problem } from '../../ledger/problem';
import { CUSTOMERS, LOYALTY } from '../../ledger/schema';
import {
  duplicateKeys,
  type RowChange,
  readTable,
  type Table,
  updateRows,
  validateTable,
} from '../../ledger/table';
import type { Platform } from '../../platform/platform';
import type { Workbook } from '../../platform/workbook';
import { underLock } from '../commit';
import { type LedgerContext, loadContext } from '../ledger-context';
import { cachedBalance } from './post-entries';

function sums(entries: readonly LoyaltyEntry[]): Map<string, number> {
  const by = new Map<string, LoyaltyEntry[]>();
  for (const e of entries) by.set(e.customerId, [...(by.get(e.customerId) ?? []), e]);
  return new Map([...by].map(([id, list]) => [id, balanceOf(list)]));
}

/** Each Customers row whose cache is not its entries' sum, and entries of no known customer. */
export function loyaltyDrift(
  customers: Table,
  entries: readonly LoyaltyEntry[],
  ctx: Pick<LedgerContext, 'cells'>,
): Problem[] {
  const total = sums(entries);
  const problems: Problem[] = [];
  const known = new Set<string>();
  const show = (m: number) => formatDecimal(m, ctx.cells.exponent);
  for (const row of customers.rows) {
    const id = parseText(customers.get(row, 'Customer ID'));
    known.add(id);
    if (!customers.has('Loyalty balance')) continue;
    const cached = cachedBalance(customers, row, ctx.cells);
    const truth = total.get(id) ?? 0;
    if (cached !== truth) {
      problems.push({
        tab: CUSTOMERS.name,
        cell: customers.ref(row, 'Loyalty balance'),
        message: `Loyalty balance of ${id} is ${show(cached)} but its Loyalty entries add up to ${show(truth)}. Run Rebuild loyalty (shop-ledger customer rebuild-balances) to rewrite the balances from the entries.`,
      });
    }
  }
  for (const id of total.keys()) {
    if (!known.has(id)) {
      problems.push({
        tab: LOYALTY.name,
        cell: '',
        message: `Loyalty entries name the customer ${id}, who is not in the Customers tab. Put the customer back, or correct the entries' Customer ID.`,
      });
    }
  }
  return problems;
}

/**
 * For Check ledger: Customers and Loyalty read once each, their bad cells and duplicate ids, then
 * the drift (only when every entry can be read, else the sum would be wrong). `guard` turns a
 * missing tab or header into its problems.
 */
export function checkLoyalty(
  wb: Workbook,
  ctx: Pick<LedgerContext, 'cells' | 'tabs'>,
  guard: <T>(tab: string, read: () => T) => T | null,
): Problem[] {
  const problems: Problem[] = [];
  const customers = guard(CUSTOMERS.name, () => readTable(wb, CUSTOMERS, ctx.tabs));
  if (customers) problems.push(...validateTable(customers, ctx.cells));
  const loyalty = guard(LOYALTY.name, () => readLoyalty(wb, ctx.cells, ctx.tabs));
  if (loyalty)
    problems.push(...loyalty.problems, ...duplicateKeys(loyalty.table, 'Entry ID').map((d) => d.problem));
  if (customers && loyalty && loyalty.problems.length === 0) {
    problems.push(...loyaltyDrift(customers, loyalty.entries, ctx));
  }
  return problems;
}

/**
 * Rewrites every customer's Loyalty balance from the entries, in one write. Returns the rows
 * changed. A Loyalty row it cannot read would be left out of its customer's sum and lower the
 * balance, so then it throws a LedgerError naming each bad cell and writes nothing.
 */
export function rebuildLoyalty(p: Pick<Platform, 'workbook' | 'lock'>): number {
  return underLock(p, () => {
    const wb = p.workbook;
    const ctx = loadContext(wb);
    const loyalty = readLoyalty(wb, ctx.cells, ctx.tabs);
    if (loyalty.problems.length > 0) throw unreadable(loyalty.problems);
    const customers = readTable(wb, CUSTOMERS, ctx.tabs);
    if (!customers.has('Loyalty balance')) return 0;
    const total = sums(loyalty.entries);
    const changes: RowChange[] = customers.rows
      .filter(
        (r) =>
          cachedBalance(customers, r, ctx.cells) !==
          (total.get(parseText(customers.get(r, 'Customer ID'))) ?? 0),
      )
      .map((row) => ({
        row,
        values: {
          'Loyalty balance': moneyCell(
            total.get(parseText(customers.get(row, 'Customer ID'))) ?? 0,
            ctx.cells,
          ),
        },
      }));
    updateRows(wb, customers, changes, { oneBlock: true });
    return changes.length;
  });
}

function unreadable(problems: Problem[]): LedgerError {
  const rows = new Set(problems.map((x) => x.cell.replace(/^[A-Z]+/, ''))).size;
  return new LedgerError(
    [
      `Rebuild loyalty changed nothing: ${rows} Loyalty ${rows === 1 ? 'row cannot' : 'rows cannot'} be read, and the balances rebuilt without ${rows === 1 ? 'it' : 'them'} would be too low.`,
      ...problems.map(describeProblem),
      'Correct the cells above, then run Rebuild loyalty again.',
    ].join('\n'),
    problems,
  );
}
