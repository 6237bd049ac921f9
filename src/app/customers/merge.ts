/**
 * Merging a duplicate customer into the one that survives, in one commit. Nothing is deleted:
 * the merged customer's row stays, with `Merged into`, and its orders keep their Customer ID
 * (the survivor's card and the import follow `Merged into`). Its credit moves lot by lot with a
 * pair of `adjust` entries (− on the merged one, + on the survivor, same expiry), and its web
 * shop ids join the survivor's. Refused: into itself, into a customer merged already, or a
 * customer merged into another one. Merging again into the same survivor changes nothing.
 */
import { openLots } from '../../core/loyalty';
import { formatDecimal } from '../../core/money';
import { parseText } from '../../ledger/cells';
import { readLoyalty } from '../../ledger/loyalty';
import { CUSTOMERS, LOYALTY } from '../../ledger/schema';
import { type Row, readTable, updateRows } from '../../ledger/table';
import type { Platform } from '../../platform/platform';
import { underLock } from '../commit';
import { loadContext } from '../ledger-context';
import { cachedBalance, postLoyalty } from '../loyalty/post-entries';
import { CustomerProblem } from './problem';

export interface MergeResult {
  from: string;
  into: string;
  /** Credit moved, in minor units. */
  moved: number;
  /** The survivor's balance after the merge. */
  balance: number;
  /** False when it had been merged into `into` already. */
  merged: boolean;
}

export function mergeCustomers(
  p: Pick<Platform, 'workbook' | 'lock' | 'properties' | 'clock'>,
  input: { from: string; into: string },
): MergeResult {
  const from = String(input.from ?? '').trim();
  const into = String(input.into ?? '').trim();
  if (!from || !into)
    throw new CustomerProblem('bad-input', 'Name both customers: the duplicate and the one that stays.');
  if (from === into)
    throw new CustomerProblem(
      'bad-merge',
      `${from} cannot be merged into itself: pick another customer to keep.`,
    );
  return underLock(p, () => {
    const wb = p.workbook;
    const ctx = loadContext(wb);
    const customers = readTable(wb, CUSTOMERS, ctx.tabs);
    const find = (id: string): Row => {
      const row = customers.rows.find((r) => parseText(customers.get(r, 'Customer ID')) === id);
      if (!row)
        throw new CustomerProblem('unknown-customer', `No customer with ID ${id} in the Customers tab.`);
      return row;
    };
    const fromRow = find(from);
    const intoRow = find(into);
    if (!customers.has('Merged into'))
      throw new CustomerProblem(
        'bad-input',
        'The Customers tab has no "Merged into" column yet: run Set up ledger (shop-ledger init) first.',
      );
    const mergedOf = (r: Row) => parseText(customers.get(r, 'Merged into'));
    if (mergedOf(intoRow)) {
      throw new CustomerProblem(
        'bad-merge',
        `${into} was merged into ${mergedOf(intoRow)} already: merge ${from} into ${mergedOf(intoRow)} instead.`,
      );
    }
    if (mergedOf(fromRow) === into) {
      return { from, into, moved: 0, balance: cachedBalance(customers, intoRow, ctx.cells), merged: false };
    }
    if (mergedOf(fromRow)) {
      throw new CustomerProblem(
        'bad-merge',
        `${from} was merged into ${mergedOf(fromRow)} already: it cannot be merged again.`,
      );
    }

    const now = p.clock.now();
    const entries = ctx.tabs.includes(LOYALTY.name)
      ? readLoyalty(wb, ctx.cells, ctx.tabs).entries.filter((e) => e.customerId === from)
      : [];
    const lots = openLots(entries);
    const posted = postLoyalty(
      p,
      ctx,
      lots.flatMap((lot) => [
        {
          customerId: from,
          amount: -lot.remaining,
          kind: 'adjust' as const,
          orderId: lot.orderId,
          expires: null,
          key: `merge:${from}:${lot.entryId}:out`,
        },
        {
          customerId: into,
          amount: lot.remaining,
          kind: 'adjust' as const,
          orderId: lot.orderId,
          expires: lot.expires,
          key: `merge:${from}:${lot.entryId}:in`,
        },
      ]),
      now,
      customers,
    );
    const shopIds = [
      ...new Set(
        [parseText(customers.get(intoRow, 'Shop IDs')), parseText(customers.get(fromRow, 'Shop IDs'))]
          .join(' ')
          .split(' ')
          .filter((s) => s !== ''),
      ),
    ].join(' ');
    updateRows(wb, customers, [
      { row: fromRow, values: { 'Merged into': into } },
      { row: intoRow, values: { 'Shop IDs': shopIds } },
    ]);
    const moved = lots.reduce((s, l) => s + l.remaining, 0);
    return {
      from,
      into,
      moved,
      balance: posted.balances.get(into) ?? cachedBalance(customers, intoRow, ctx.cells),
      merged: true,
    };
  });
}

export function describeMerge(r: MergeResult, exponent: number, currency: string): string {
  if (!r.merged) return `${r.from} was merged into ${r.into} already: nothing changed.`;
  return `Merged ${r.from} into ${r.into}: ${formatDecimal(r.moved, exponent)} ${currency} of credit moved; ${r.into} now holds ${formatDecimal(r.balance, exponent)} ${currency}.`;
}
