/** Opening a till with a float, cash in and out, and closing it with the counted cash (the Z report). */
import { formatDecimal } from '../../core/money';
import {
  closeSession,
  expectedCash,
  newSession,
  openSessionOf,
  type TillSession,
  withCash,
} from '../../core/till-session';
import { moneyCell } from '../../ledger/cells';
import { TILL_CASH } from '../../ledger/schema';
import { appendRows, findRows, readHeaderTable, updateRows } from '../../ledger/table';
import { readSessions, sessionRecord } from '../../ledger/till-sessions';
import type { Platform } from '../../platform/platform';
import { underLock } from '../commit';
import { loadContext } from '../ledger-context';
import { takeIds } from '../sequence';
import type { PaymentMethod, TillSessionInfo, ZReport } from './api-types';
import { checkAmount, checkKey, checkTill, refuse } from './problems';

type Ports = Pick<Platform, 'workbook' | 'lock' | 'properties' | 'clock'>;

export function sessionInfo(s: TillSession): TillSessionInfo {
  return {
    sessionId: s.id,
    till: s.till,
    opened: new Date(s.opened).toISOString(),
    openingFloat: s.openingFloat,
    salesCount: s.salesCount,
    salesTotal: s.salesTotal,
    expectedCash: expectedCash(s),
  };
}

export function openTill(p: Ports, input: { key: string; till: string; float: number }): TillSessionInfo {
  const key = checkKey(input.key);
  const till = checkTill(input.till);
  const float = checkAmount(input.float, 'The opening float', true);
  return underLock(p, () => {
    const ctx = loadContext(p.workbook);
    const loaded = readSessions(p.workbook, ctx.cells, ctx.tabs);
    const earlier = loaded.sessions.find((s) => loaded.keys.get(s.id)?.open === key);
    if (earlier) return sessionInfo(earlier);
    const open = openSessionOf(loaded.sessions, till);
    if (open) {
      refuse(
        'session-open',
        `${till} is already open (session ${open.id}, since ${new Date(open.opened).toISOString().slice(0, 16).replace('T', ' ')} UTC). Close it first.`,
      );
    }
    const [id] = takeIds(p, loaded.table, 'Session ID', 'TS');
    const session = newSession(id, till, p.clock.now(), float);
    appendRows(p.workbook, loaded.table, [sessionRecord(session, { open: key, close: '' }, ctx.cells)]);
    return sessionInfo(session);
  });
}

export function cashMove(
  p: Ports,
  input: { key: string; till: string; kind: 'in' | 'out'; amount: number; reason: string },
): TillSessionInfo {
  const key = checkKey(input.key);
  const till = checkTill(input.till);
  const amount = checkAmount(input.amount, 'The amount');
  if (input.kind !== 'in' && input.kind !== 'out')
    refuse('bad-input', 'Say whether the cash goes in or out.');
  return underLock(p, () => {
    const wb = p.workbook;
    const ctx = loadContext(wb);
    const loaded = readSessions(wb, ctx.cells, ctx.tabs);
    const session = openSessionOf(loaded.sessions, till);
    if (!session) refuse('no-session', `${till} is not open: open it with a float first.`);
    const cash = readHeaderTable(wb, TILL_CASH, ctx.tabs);
    if (findRows(wb, cash, 'Key', key).length > 0) return sessionInfo(session);
    if (input.kind === 'out' && amount > expectedCash(session)) {
      refuse(
        'bad-input',
        `There should only be ${formatDecimal(expectedCash(session), ctx.cells.exponent)} in the drawer: you cannot take out ${formatDecimal(amount, ctx.cells.exponent)}.`,
      );
    }
    const [entry] = takeIds(p, cash, 'Entry ID', 'TC');
    appendRows(wb, cash, [
      {
        'Entry ID': entry,
        Time: new Date(p.clock.now()),
        'Session ID': session.id,
        Till: till,
        Kind: input.kind,
        Amount: moneyCell(amount, ctx.cells),
        Reason: String(input.reason ?? '').slice(0, 200),
        Key: key,
      },
    ]);
    const updated = withCash(session, input.kind, amount);
    const row = loaded.rowOf.get(session.id);
    if (row)
      updateRows(wb, loaded.table, [
        {
          row,
          values: sessionRecord(updated, loaded.keys.get(session.id) ?? { open: '', close: '' }, ctx.cells),
        },
      ]);
    return sessionInfo(updated);
  });
}

/** What a session paid back in a method; store credit is never paid back at the till. */
export function refundedBy(s: TillSession, method: PaymentMethod): number {
  return method === 'credit' ? 0 : s.refunds[method];
}

export function zReport(s: TillSession, currency: string, exponent: number): ZReport {
  const expected = expectedCash(s);
  const counted = s.countedCash ?? 0;
  return {
    sessionId: s.id,
    till: s.till,
    opened: new Date(s.opened).toISOString(),
    closed: new Date(s.closed ?? s.opened).toISOString(),
    openingFloat: s.openingFloat,
    salesCount: s.salesCount,
    returnsCount: s.returnsCount,
    salesTotal: s.salesTotal,
    byMethod: (Object.keys(s.byMethod) as PaymentMethod[])
      .filter((m) => s.byMethod[m].count > 0 || m !== 'credit')
      .map((method) => ({ method, ...s.byMethod[method], refunded: refundedBy(s, method) })),
    cashIn: s.cashIn,
    cashOut: s.cashOut,
    expectedCash: expected,
    countedCash: counted,
    difference: counted - expected,
    currency,
    exponent,
  };
}

export function closeTill(p: Ports, input: { key: string; till: string; counted: number }): ZReport {
  const key = checkKey(input.key);
  const till = checkTill(input.till);
  const counted = checkAmount(input.counted, 'The counted cash', true);
  return underLock(p, () => {
    const wb = p.workbook;
    const ctx = loadContext(wb);
    const loaded = readSessions(wb, ctx.cells, ctx.tabs);
    const done = loaded.sessions.find((s) => loaded.keys.get(s.id)?.close === key);
    if (done) return zReport(done, ctx.settings.currency, ctx.cells.exponent);
    const session = openSessionOf(loaded.sessions, till);
    if (!session) refuse('no-session', `${till} is not open, so there is nothing to close.`);
    const closed = closeSession(session, p.clock.now(), counted);
    const keys = { open: loaded.keys.get(session.id)?.open ?? '', close: key };
    const row = loaded.rowOf.get(session.id);
    if (row) updateRows(wb, loaded.table, [{ row, values: sessionRecord(closed, keys, ctx.cells) }]);
    return zReport(closed, ctx.settings.currency, ctx.cells.exponent);
  });
}
