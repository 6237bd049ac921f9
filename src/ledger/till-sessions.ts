/** The Till Sessions tab as sessions, and sessions as rows. */
import { toMinor } from '../core/money';
import { expectedCash, type TillSession } from '../core/till-session';
import type { CellValue, Workbook } from '../platform/workbook';
import { type CellContext, isBlank, moneyCell, parseText } from './cells';
import type { Problem } from './problem';
import { TILL_SESSIONS } from './schema';
import { type Record_, type Row, readTable, type Table, validateRow } from './table';

export interface LoadedSessions {
  table: Table;
  sessions: TillSession[];
  rowOf: Map<string, Row>;
  /** Idempotency keys of opening and closing, by session. */
  keys: Map<string, { open: string; close: string }>;
  problems: Problem[];
}

export function readSessions(wb: Workbook, ctx: CellContext, tabs?: readonly string[]): LoadedSessions {
  const table = readTable(wb, TILL_SESSIONS, tabs);
  const sessions: TillSession[] = [];
  const rowOf = new Map<string, Row>();
  const keys = new Map<string, { open: string; close: string }>();
  const problems: Problem[] = [];
  for (const row of table.rows) {
    const rowProblems = validateRow(table, row, ctx);
    problems.push(...rowProblems);
    if (rowProblems.length > 0) continue;
    const v = (h: string): CellValue => (table.has(h) ? table.get(row, h) : '');
    const money = (h: string) => (isBlank(v(h)) ? 0 : toMinor(v(h) as number, ctx.exponent));
    const count = (h: string) => (isBlank(v(h)) ? 0 : (v(h) as number));
    const closed = v('Closed');
    const id = parseText(v('Session ID'));
    sessions.push({
      id,
      till: parseText(v('Till')),
      opened: (v('Opened') as Date).getTime(),
      openingFloat: money('Opening float'),
      closed: closed instanceof Date ? closed.getTime() : null,
      countedCash: isBlank(v('Counted cash')) ? null : money('Counted cash'),
      salesCount: count('Sales count'),
      salesTotal: money('Sales total'),
      byMethod: {
        cash: { count: count('Cash payments'), amount: money('Cash sales') },
        card: { count: count('Card payments'), amount: money('Card sales') },
        credit: { count: count('Credit payments'), amount: money('Credit sales') },
      },
      cashIn: money('Cash in'),
      cashOut: money('Cash out'),
      // Empty on a ledger older than these columns: its refunds are inside the per-method figures.
      returnsCount: count('Returns count'),
      refunds: { cash: money('Cash refunds'), card: money('Card refunds') },
    });
    rowOf.set(id, row);
    const [open = '', close = ''] = parseText(v('Key')).split(' ');
    keys.set(id, { open, close });
  }
  return { table, sessions, rowOf, keys, problems };
}

export function sessionRecord(
  s: TillSession,
  keys: { open: string; close: string },
  ctx: CellContext,
): Record_ {
  const m = (x: number) => moneyCell(x, ctx);
  const expected = expectedCash(s);
  return {
    'Session ID': s.id,
    Till: s.till,
    Opened: new Date(s.opened),
    'Opening float': m(s.openingFloat),
    Closed: s.closed === null ? '' : new Date(s.closed),
    'Expected cash': m(expected),
    'Counted cash': s.countedCash === null ? '' : m(s.countedCash),
    Difference: s.countedCash === null ? '' : m(s.countedCash - expected),
    'Sales count': s.salesCount,
    'Sales total': m(s.salesTotal),
    'Cash sales': m(s.byMethod.cash.amount),
    'Cash payments': s.byMethod.cash.count,
    'Card sales': m(s.byMethod.card.amount),
    'Card payments': s.byMethod.card.count,
    'Credit sales': m(s.byMethod.credit.amount),
    'Credit payments': s.byMethod.credit.count,
    'Cash in': m(s.cashIn),
    'Cash out': m(s.cashOut),
    'Returns count': s.returnsCount,
    'Cash refunds': m(s.refunds.cash),
    'Card refunds': m(s.refunds.card),
    // The key that opened the session, then the one that closed it: a retried open or close is recognised.
    Key: keys.close ? `${keys.open} ${keys.close}` : keys.open,
  };
}
