/**
 * A return at the counter, of a till sale or of a web order: one commit under the document lock
 * that writes the `return` row in Orders (negative amounts, Refund of = the original), its Order
 * Lines (negative quantities), the stock moves of each disposition and the Stock balances, the
 * corrective R invoice citing the original's invoice, the refund in Payments (a negative amount;
 * in cash or to the card also out of the till session's takings), the original's new Status, the
 * loyalty reversal (loyaltyOnReturn), and the live summaries. What may come back and what it is
 * worth is core/returns/planReturn, the one use case web refunds go through too.
 *
 * It is two steps so an exchange can check its sale between them: prepareReturn reads and checks
 * everything and writes nothing; writeReturn writes. A retry with the same key finds the first
 * commit (a search of the Key column) and returns its receipt, writing nothing. Its cost does not
 * grow with the ledger: Orders, Order Lines, Payments, Movements and Loyalty are searched and
 * appended to, never read whole.
 */
import { Catalogue } from '../../core/catalogue';
import { statusAfterReturn } from '../../core/fulfilment';
import { formatDecimal, toMinor } from '../../core/money';
import { planReturn } from '../../core/returns/plan-return';
import {
  REFUND_METHODS,
  type RefundMethod,
  type ReturnMoney,
  type ReturnPlan,
} from '../../core/returns/return-types';
import { withReturn } from '../../core/returns/till-refund';
import { applyMoves, type Move } from '../../core/stock';
import { expectedCash, openSessionOf, type TillSession } from '../../core/till-session';
import { moneyCell } from '../../ledger/cells';
import { moveRecord } from '../../ledger/movements';
import { readProducts } from '../../ledger/products';
import { MOVEMENTS, PAYMENTS } from '../../ledger/schema';
import { readStock, writeBalances } from '../../ledger/stock-tab';
import { appendRows, findRows, readHeaderTable, updateRows } from '../../ledger/table';
import { readSessions, sessionRecord } from '../../ledger/till-sessions';
import type { Platform } from '../../platform/platform';
import { underLock } from '../commit';
import { issueInvoice } from '../invoices/issue-invoice';
import { type LedgerContext, loadContext } from '../ledger-context';
import { loyaltyOnReturn } from '../loyalty/on-return';
import { takeIds } from '../sequence';
import { updateSummaries } from '../summaries/update-summaries';
import { checkKey, checkTill, refuse } from '../till/problems';
import { type FoundOrder, findOrder } from './find-order';
import { replayReturn } from './replay-return';
import type { ReturnDraft, ReturnReceipt } from './return-api-types';
import { creditToGiveBack, type ReturnLoyalty } from './return-credit';

type Ports = Pick<Platform, 'workbook' | 'lock' | 'properties' | 'clock' | 'digest'>;

/**
 * Goods have left the shop once an order is fulfilled, or once a paid one was handed over or sent
 * (Fulfilment collected or shipped, before the shop marks it complete): before that it is
 * cancelled, not returned.
 */
const RETURNABLE = new Set(['fulfilled', 'partially refunded']);
const GONE = new Set(['collected', 'shipped']);
const returnable = (found: FoundOrder) =>
  RETURNABLE.has(found.status) || (found.status === 'paid' && GONE.has(found.fulfilment));

export function checkReturnDraft(draft: ReturnDraft): string {
  const key = checkKey(draft?.key);
  checkReturnRequest(draft);
  return key;
}

/**
 * The refund method, the lines, the till and the location, checked alike for a return, its quote
 * (which has no key) and an exchange. What google.script.run brings may be of any type: each is
 * checked here, before the lock, so nothing later meets a number where it expects text.
 */
export function checkReturnRequest(draft: Pick<ReturnDraft, 'refund' | 'lines' | 'till' | 'location'>): void {
  if (!REFUND_METHODS.includes(draft?.refund))
    refuse('bad-input', `"${draft?.refund}" is not a refund method: use cash, card or credit.`);
  if (!Array.isArray(draft.lines) || draft.lines.length === 0)
    refuse('bad-input', 'Choose at least one line to return, with its quantity.');
  draft.lines.forEach((l, i) => {
    if (typeof l?.sku !== 'string')
      refuse('bad-input', `Line ${i + 1}: the SKU must be text (scan or choose the line again).`);
  });
  if (draft.till !== undefined && draft.till !== null && draft.till !== '') checkTill(draft.till);
  if (draft.location !== undefined && draft.location !== null && typeof draft.location !== 'string')
    refuse('bad-input', 'The stock location must be text, for example "Store".');
}

export function recordReturn(p: Ports, draft: ReturnDraft): ReturnReceipt {
  const key = checkReturnDraft(draft);
  return underLock(p, () => {
    const ctx = loadContext(p.workbook);
    const ready = prepareReturn(p, ctx, draft, key);
    if ('replay' in ready) return ready.replay;
    if (draft.refund === 'cash') checkDrawer(ctx, ready, ready.payBack);
    return writeReturn(p, ctx, ready, p.clock.now(), [{ method: draft.refund, amount: ready.payBack }]);
  });
}

/** Everything a return needs, read and checked under the lock; nothing written yet. */
export interface PreparedReturn {
  draft: ReturnDraft;
  key: string;
  found: FoundOrder;
  plan: ReturnPlan;
  location: string;
  till: string;
  sessions: ReturnType<typeof readSessions> | null;
  session: TillSession | null;
  /** What the goods are worth (positive): the refund. */
  refund: number;
  /** The store credit spent on the order that goes back as credit (part of refund). */
  givenBack: number;
  /** refund − givenBack: what is paid back in the refund method (or, in an exchange, put to the sale). */
  payBack: number;
}

/** A payment out of the return (positive amount); they add up to payBack. */
export interface Payout {
  method: RefundMethod;
  amount: number;
  /** Said in the Payments row's Reference, before what came back. */
  note?: string;
}

export function prepareReturn(
  p: Pick<Ports, 'workbook'>,
  ctx: LedgerContext,
  draft: ReturnDraft,
  key: string,
): { replay: ReturnReceipt; found: FoundOrder } | PreparedReturn {
  const wb = p.workbook;
  const found = findOrder(wb, ctx, draft.order);
  // A quote has no key ('') and replays nothing: it prices what is still returnable.
  const earlierRows = key ? findRows(wb, found.orders, 'Key', key) : [];
  if (earlierRows.length > 0) {
    const replay = replayReturn(wb, ctx, earlierRows[0]);
    // A key is one return's: sent for another order it is a mix-up at the till, not a retry.
    if (replay.originalId !== found.orderId)
      refuse(
        'bad-input',
        `Nothing was returned from ${found.orderNo}: this key already recorded ${replay.returnId}, the return of ${replay.originalNo}. Send the return of ${found.orderNo} with a new key (at the till: press Confirm return again).`,
      );
    return { replay, found };
  }

  // The till refunds in the ledger's currency: a web order paid in another goes back in its shop.
  const currency = ctx.settings.currency;
  if (found.currency && found.currency.toUpperCase() !== currency.toUpperCase()) {
    refuse(
      'not-returnable',
      `${found.orderNo} was paid in ${found.currency}: refund it in the shop; the ledger's till works in ${currency}.`,
    );
  }
  if (!returnable(found)) {
    refuse(
      'not-returnable',
      found.status === 'refunded'
        ? `${found.orderNo} is already refunded in full: nothing is left to return.`
        : `${found.orderNo} is ${found.status}: its goods have not been handed over or sent, so there is nothing to return. Cancel it instead.`,
    );
  }
  const location = draft.location?.trim() || 'Store';
  if (!ctx.settings.locations.includes(location)) {
    refuse(
      'bad-input',
      `"${location}" is not a stock location. The locations are: ${ctx.settings.locations.join(', ')}.`,
    );
  }
  if (draft.refund === 'credit' && !found.customerId) {
    refuse(
      'bad-input',
      `${found.orderNo} has no customer, so there is no one to give store credit to: refund in cash or to the card.`,
    );
  }

  // A till sale is corrected by its T invoice, priced again; a web order by what its lines charged.
  const rules = { ...ctx.settings, currencyExponent: ctx.cells.exponent };
  const money: ReturnMoney =
    found.channel === 'Store' && found.invoiceNo
      ? { kind: 'invoice', invoiceNo: found.invoiceNo, rules }
      : { kind: 'charged' };
  const plan = planReturn({
    label: found.orderNo,
    sold: found.sold,
    earlier: found.earlier,
    request: draft.lines.map((l) => ({
      sku: String(l?.sku ?? ''),
      qty: l?.qty,
      disposition: l?.disposition,
    })),
    restockTo: location,
    money,
  });
  if (plan.problems.length > 0) refuse('not-returnable', `Nothing was returned. ${plan.problems.join(' ')}`);
  const refund = -plan.total;
  // Store credit spent on the sale goes back as credit; only the rest is paid back as money.
  const givenBack = Math.min(
    refund,
    creditToGiveBack(wb, ctx, found.customerId, found.orderId, plan.net, originalNet(found, ctx)),
  );

  // Cash and card refunds at a till come out of its session's takings.
  const till = draft.till?.trim() ?? '';
  const sessions = till ? readSessions(wb, ctx.cells, ctx.tabs) : null;
  const session = sessions ? openSessionOf(sessions.sessions, till) : null;
  if (draft.refund === 'cash') {
    if (!till) refuse('bad-input', 'A cash refund is paid from a till: name the till.');
    if (!session) refuse('no-session', `${till} is not open: open it before paying a refund in cash.`);
  }
  return {
    draft,
    key,
    found,
    plan,
    location,
    till,
    sessions,
    session,
    refund,
    givenBack,
    payBack: refund - givenBack,
  };
}

/** Refuses a cash refund the drawer should not hold. */
export function checkDrawer(ctx: LedgerContext, ready: PreparedReturn, cashOut: number): void {
  if (!ready.session || cashOut <= expectedCash(ready.session)) return;
  refuse(
    'bad-input',
    `There should only be ${formatDecimal(expectedCash(ready.session), ctx.cells.exponent)} in the drawer: a cash refund of ${formatDecimal(cashOut, ctx.cells.exponent)} cannot be paid. Refund to the card instead.`,
  );
}

function originalNet(found: FoundOrder, ctx: LedgerContext): number {
  const net = found.orders.get(found.row, 'Net');
  return typeof net === 'number' ? toMinor(net, ctx.cells.exponent) : 0;
}

/** The return's writes, inside a commit that holds the lock (a return, or the return half of an exchange). */
export function writeReturn(
  p: Ports,
  ctx: LedgerContext,
  ready: PreparedReturn,
  now: number,
  payouts: readonly Payout[],
): ReturnReceipt {
  const wb = p.workbook;
  const { draft, key, found, plan, location, till, sessions, session, refund, givenBack } = ready;
  const { orders, lines } = found;

  const [returnId] = takeIds(p, orders, 'Order ID', 'O');
  const invoiceNo = found.invoiceNo
    ? issueInvoice(
        wb,
        ctx,
        p.digest,
        {
          series: 'R',
          type: 'corrective',
          orderId: returnId,
          customerId: found.customerId,
          taxId: '',
          net: plan.net,
          vat: plan.vat,
          total: plan.total,
          breakdown: plan.breakdown,
          corrects: found.invoiceInForce,
        },
        now,
      )
    : '';

  const cells = ctx.cells;
  const m = (minor: number) => moneyCell(minor, cells);
  const record: Record<string, string | number | Date> = {
    'Order ID': returnId,
    Type: 'return',
    Channel: found.channel,
    Shop: found.shop,
    'External ID': '',
    'Order No': found.orderNo,
    Status: 'refunded',
    Created: new Date(now),
    'Customer ID': found.customerId,
    Net: m(plan.net),
    VAT: m(plan.vat),
    Total: m(plan.total),
    Currency: ctx.settings.currency,
    'Invoice No': invoiceNo,
    'Refund of': found.orderId,
    Key: key,
    Till: till,
  };
  appendRows(wb, orders, [record]);
  appendRows(
    wb,
    lines,
    plan.lines.map((l, i) => ({
      'Order ID': returnId,
      Line: i + 1,
      SKU: l.sku,
      Name: l.name,
      Qty: l.qty,
      'Unit price': m(l.unitPrice),
      Discount: m(l.discount),
      'VAT %': l.vatRate ?? '',
      Net: m(l.net),
      VAT: m(l.vat),
      Total: m(l.total),
      // The unit cost at the time of sale, so the margin given back is the margin taken.
      Cost: found.costs.has(l.sku) ? m(found.costs.get(l.sku) ?? 0) : '',
    })),
  );

  // The money out: the payouts asked for (the first one always written, so its Method says how the
  // return was refunded), then the spent credit given back, each a negative amount.
  const what = draft.lines
    .map((l) => `${l.qty} × ${l.sku} ${l.disposition === 'restock' ? `restock ${location}` : l.disposition}`)
    .join('; ');
  const out = [
    ...payouts.filter((x, i) => i === 0 || x.amount > 0),
    ...(givenBack > 0
      ? [{ method: 'credit' as const, amount: givenBack, note: 'store credit spent on the sale, given back' }]
      : []),
  ];
  appendRows(
    wb,
    readHeaderTable(wb, PAYMENTS, ctx.tabs),
    out.map((x, i) => ({
      'Payment ID': `${returnId}/P${i + 1}`,
      Time: new Date(now),
      'Order ID': returnId,
      Channel: 'Store',
      Method: x.method,
      Amount: m(-x.amount),
      Reference: `${x.note ? `${x.note}; ` : ''}return of ${found.orderNo}: ${what}`,
    })),
  );

  const moves: Move[] = plan.moves.map((mv, i) => ({
    id: `${returnId}/${i + 1}`,
    time: now,
    sku: mv.sku,
    qty: mv.qty,
    from: mv.from,
    to: mv.to,
    reason: 'return',
    reference: returnId,
    key,
  }));
  const catalogue = new Catalogue(readProducts(wb, cells, ctx.tabs).products);
  if (moves.length > 0) {
    const stock = readStock(wb, cells, ctx.tabs);
    appendRows(wb, readHeaderTable(wb, MOVEMENTS, ctx.tabs), moves.map(moveRecord));
    const reorder = (sku: string) => catalogue.sku(sku)?.reorderPoint ?? null;
    writeBalances(wb, stock, applyMoves(stock.balances, moves, ctx.settings.locations), reorder);
  }

  const originalStatus = statusAfterReturn(plan.allReturned);
  const change: Record<string, string> = { Status: originalStatus };
  if (plan.allReturned && orders.has('Fulfilment')) change.Fulfilment = 'returned';
  updateRows(wb, orders, [{ row: found.row, values: change }]);

  // A return at an open till counts in its session; cash and card paid out come off its takings.
  const atTill = out.flatMap((x) =>
    x.method === 'cash' || x.method === 'card' ? [{ method: x.method, amount: x.amount }] : [],
  );
  if (sessions && session) {
    const row = sessions.rowOf.get(session.id);
    const after = withReturn(session, atTill);
    if (row) {
      updateRows(wb, sessions.table, [
        {
          row,
          values: sessionRecord(after, sessions.keys.get(session.id) ?? { open: '', close: '' }, cells),
        },
      ]);
    }
  }

  // The live summaries: the rows this return touches.
  updateSummaries(wb, ctx, [
    {
      order: {
        orderId: returnId,
        type: 'return',
        channel: found.channel,
        shop: found.shop,
        status: 'refunded',
        created: now,
        currency: ctx.settings.currency,
        net: plan.net,
        vat: plan.vat,
        total: plan.total,
        discount: plan.lines.reduce((sum, l) => sum + l.discount, 0),
        units: plan.lines.reduce((sum, l) => sum + l.qty, 0),
        // The cost the return's lines carry (at the time of sale), as a rebuild reads them back.
        cost: plan.lines.reduce<number | null>((sum, l) => {
          const cost = found.costs.get(l.sku) ?? catalogue.sku(l.sku)?.cost ?? null;
          return sum === null || cost === null ? null : sum + cost * l.qty;
        }, 0),
      },
      lines: plan.lines.map((l) => ({ orderId: returnId, vatRate: l.vatRate, net: l.net, vat: l.vat })),
      payments: out.map((x) => ({
        orderId: returnId,
        time: now,
        channel: 'Store' as const,
        method: x.method,
        amount: -x.amount,
      })),
    },
  ]);

  // Loyalty: the credit the original earned is taken back in proportion, credit spent on it is
  // given back, and a refund in store credit goes on the balance (keys from this return's key).
  const credited = payouts.filter((x) => x.method === 'credit').reduce((s, x) => s + x.amount, 0);
  let loyalty: ReturnLoyalty | null = null;
  if (found.customerId) {
    const credit = loyaltyOnReturn(p, ctx, {
      customerId: found.customerId,
      originalOrderId: found.orderId,
      returnOrderId: returnId,
      returnedNet: plan.net,
      originalNet: originalNet(found, ctx),
      creditRefund: credited,
      key,
      time: now,
    });
    loyalty = {
      reversed: -credit.entries
        .filter((e) => e.kind === 'reverse' && e.amount < 0)
        .reduce((s, e) => s + e.amount, 0),
      givenBack: credit.creditGivenBack,
      credited,
      balance: credit.balance,
    };
  }

  const dispositionOf = (sku: string) =>
    draft.lines.find((l) => l.sku.trim().toUpperCase() === sku.toUpperCase())?.disposition ?? '';
  return {
    returnId,
    invoiceNo,
    originalId: found.orderId,
    originalNo: found.orderNo,
    originalInvoiceNo: found.invoiceNo,
    originalStatus,
    created: new Date(now).toISOString(),
    till,
    lines: plan.lines.map((l) => ({
      sku: l.sku,
      name: l.name,
      qty: l.qty,
      disposition: dispositionOf(l.sku),
      total: l.total,
    })),
    net: plan.net,
    vat: plan.vat,
    total: plan.total,
    refund: { method: draft.refund, amount: refund - givenBack },
    loyalty,
    skusChanged: [...new Set(moves.filter((mv) => mv.to !== 'Loss').map((mv) => mv.sku))],
    currency: ctx.settings.currency,
    exponent: cells.exponent,
    replayed: false,
  };
}
