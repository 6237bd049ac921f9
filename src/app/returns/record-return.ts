/**
 * A return at the counter, of a till sale or of a web order: one commit under the document lock
 * that writes the `return` row in Orders (negative amounts, Refund of = the original), its Order
 * Lines (negative quantities), the stock moves of each disposition and the Stock balances, the
 * corrective R invoice citing the original's invoice, the refund in Payments (a negative amount;
 * in cash or to the card also out of the till session's takings), the original's new Status, and
 * the live summaries. What may come back and what it is worth is core/returns/planReturn, the one
 * use case web refunds go through too.
 *
 * A retry with the same key finds the first commit (a search of the Key column) and returns its
 * receipt, writing nothing. Its cost does not grow with the ledger: Orders, Order Lines, Payments
 * and Movements are searched and appended to, never read whole.
 */
import { Catalogue } from '../../core/catalogue';
import { statusAfterReturn } from '../../core/fulfilment';
import { formatDecimal } from '../../core/money';
import { planReturn } from '../../core/returns/plan-return';
import { REFUND_METHODS, type ReturnMoney } from '../../core/returns/return-types';
import { withRefund } from '../../core/returns/till-refund';
import { applyMoves, type Move } from '../../core/stock';
import { expectedCash, openSessionOf } from '../../core/till-session';
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
import { takeIds } from '../sequence';
import { updateSummaries } from '../summaries/update-summaries';
import { checkKey, refuse } from '../till/problems';
import { findOrder } from './find-order';
import { replayReturn } from './replay-return';
import type { ReturnDraft, ReturnReceipt } from './return-api-types';

type Ports = Pick<Platform, 'workbook' | 'lock' | 'properties' | 'clock' | 'digest'>;

/** Goods have left the shop only once an order is fulfilled: before that it is cancelled, not returned. */
const RETURNABLE = new Set(['fulfilled', 'partially refunded']);

export function checkReturnDraft(draft: ReturnDraft): string {
  const key = checkKey(draft?.key);
  if (!REFUND_METHODS.includes(draft.refund))
    refuse('bad-input', `"${draft.refund}" is not a refund method: use cash, card or credit.`);
  if (!Array.isArray(draft.lines) || draft.lines.length === 0)
    refuse('bad-input', 'Choose at least one line to return, with its quantity.');
  return key;
}

export function recordReturn(p: Ports, draft: ReturnDraft): ReturnReceipt {
  const key = checkReturnDraft(draft);
  return underLock(p, () => returnInCommit(p, loadContext(p.workbook), draft, key, p.clock.now()));
}

/** The return's writes, inside a commit that holds the lock (a return, or the return half of an exchange). */
export function returnInCommit(
  p: Ports,
  ctx: LedgerContext,
  draft: ReturnDraft,
  key: string,
  now: number,
  note = '',
): ReturnReceipt {
  const wb = p.workbook;
  const found = findOrder(wb, ctx, draft.order);
  const { orders, lines } = found;
  const earlierRows = findRows(wb, orders, 'Key', key);
  if (earlierRows.length > 0) return replayReturn(wb, ctx, earlierRows[0]);

  if (!RETURNABLE.has(found.status)) {
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

  // Cash and card refunds at a till come out of its session's takings.
  const till = draft.till?.trim() ?? '';
  const sessions = till ? readSessions(wb, ctx.cells, ctx.tabs) : null;
  const session = sessions ? openSessionOf(sessions.sessions, till) : null;
  if (draft.refund === 'cash') {
    if (!till) refuse('bad-input', 'A cash refund is paid from a till: name the till.');
    if (!session) refuse('no-session', `${till} is not open: open it before paying a refund in cash.`);
    if (refund > expectedCash(session)) {
      refuse(
        'bad-input',
        `There should only be ${formatDecimal(expectedCash(session), ctx.cells.exponent)} in the drawer: a cash refund of ${formatDecimal(refund, ctx.cells.exponent)} cannot be paid. Refund to the card instead.`,
      );
    }
  }

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
          corrects: found.invoiceNo,
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
    })),
  );
  const what = draft.lines
    .map((l) => `${l.qty} × ${l.sku} ${l.disposition === 'restock' ? `restock ${location}` : l.disposition}`)
    .join('; ');
  appendRows(wb, readHeaderTable(wb, PAYMENTS, ctx.tabs), [
    {
      'Payment ID': `${returnId}/P1`,
      Time: new Date(now),
      'Order ID': returnId,
      Channel: 'Store',
      Method: draft.refund,
      Amount: m(plan.total),
      Reference: `${note || `return of ${found.orderNo}`}: ${what}`,
    },
  ]);

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

  if (sessions && session && (draft.refund === 'cash' || draft.refund === 'card')) {
    const row = sessions.rowOf.get(session.id);
    if (row) {
      updateRows(wb, sessions.table, [
        {
          row,
          values: sessionRecord(
            withRefund(session, draft.refund, refund),
            sessions.keys.get(session.id) ?? { open: '', close: '' },
            cells,
          ),
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
        cost: plan.lines.reduce<number | null>((sum, l) => {
          const cost = catalogue.sku(l.sku)?.cost ?? null;
          return sum === null || cost === null ? null : sum + cost * l.qty;
        }, 0),
      },
      lines: plan.lines.map((l) => ({ orderId: returnId, vatRate: l.vatRate, net: l.net, vat: l.vat })),
      payments: [
        { orderId: returnId, time: now, channel: 'Store', method: draft.refund, amount: plan.total },
      ],
    },
  ]);

  // Loyalty: the reversal of credit earned on the original (and store credit given) is
  // src/app/loyalty's, not wired yet.

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
    refund: { method: draft.refund, amount: refund },
    skusChanged: [...new Set(moves.filter((mv) => mv.to !== 'Loss').map((mv) => mv.sku))],
    currency: ctx.settings.currency,
    exponent: cells.exponent,
    replayed: false,
  };
}
