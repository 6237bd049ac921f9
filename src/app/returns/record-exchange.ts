/**
 * An exchange: goods back and other goods out, in one commit under one lock. The return half (its
 * R invoice, moves, loyalty reversal) and the sale half (recordSale, its T invoice, moves, credit
 * earned) are each the ordinary use case; recordSale runs inside this commit with a held lock and
 * no flush of its own (insideCommit), so the exchange flushes once.
 *
 * The money: what the returned goods are worth (less any store credit spent on them, which goes
 * back as credit) pays for the new sale, and only the difference changes hands. The exchanged
 * value goes through one method on both sides (the return's refund row and the sale's payment), so
 * the till's takings move by the difference only: the method the customer pays the difference
 * with when the sale costs more, else the refund's method (cash when it is store credit).
 *
 * Everything is checked before anything is written: the return (prepareReturn), the sale's prices,
 * stock, customer and payments, and the drawer. Keys: `<key>:return` and `<key>:sale`, so a retry
 * replays both. A commit cut short between the halves (the execution stopped after the return was
 * written) is completed by the retry: the sale is recorded then, paid as the first try would have.
 */
import { Catalogue } from '../../core/catalogue';
import { formatMoney } from '../../core/money';
import type { RefundMethod } from '../../core/returns/return-types';
import { type Payment, priceSale, settle } from '../../core/sale';
import { shortages } from '../../core/stock';
import { readProducts } from '../../ledger/products';
import { ORDERS } from '../../ledger/schema';
import { readStock } from '../../ledger/stock-tab';
import { findRows, readHeaderTable } from '../../ledger/table';
import type { Platform } from '../../platform/platform';
import { underLock } from '../commit';
import { loadContext } from '../ledger-context';
import { insideCommit } from '../nested-commit';
import type { PaymentDraft } from '../till/api-types';
import { checkAmount, checkKey, checkTill, refuse } from '../till/problems';
import { recordSale } from '../till/record-sale';
import { saleCustomer } from '../till/sale-customer';
import { checkDrawer, checkReturnRequest, type Payout, prepareReturn, writeReturn } from './record-return';
import type { ExchangeDraft, ExchangeReceipt } from './return-api-types';

export type { ExchangeDraft, ExchangeReceipt };

type Ports = Pick<Platform, 'workbook' | 'lock' | 'properties' | 'clock' | 'digest'>;

export function recordExchange(p: Ports, draft: ExchangeDraft): ExchangeReceipt {
  const key = checkKey(draft?.key);
  const till = checkTill(draft.till);
  if (!Array.isArray(draft.lines) || draft.lines.length === 0)
    refuse('bad-input', 'Choose at least one line to take back, with its quantity.');
  if (!Array.isArray(draft.sell) || draft.sell.length === 0)
    refuse('bad-input', 'Choose what the customer takes instead: an exchange sells at least one line.');
  const refundMethod = draft.refund ?? 'cash';
  // The return half is checked as a return is: refund method, lines, location.
  checkReturnRequest({ refund: refundMethod, lines: draft.lines, till, location: draft.location });
  if (draft.pay && draft.pay.method !== 'cash' && draft.pay.method !== 'card')
    refuse('bad-input', `"${draft.pay.method}" cannot pay an exchange's difference: use cash or card.`);
  const collected =
    draft.pay?.amount === undefined
      ? undefined
      : checkAmount(draft.pay.amount, "The exchange's difference paid");

  return underLock(p, () => {
    const wb = p.workbook;
    const ctx = loadContext(wb);
    const location = draft.location?.trim() || 'Store';
    const returnDraft = {
      key: `${key}:return`,
      order: draft.order,
      lines: draft.lines,
      refund: refundMethod,
      location,
      till,
    };
    const ready = prepareReturn(p, ctx, returnDraft, returnDraft.key);
    const inner = insideCommit(p);
    const saleDraft = (payments: PaymentDraft[], customerId: string) => ({
      key: `${key}:sale`,
      till,
      location,
      lines: draft.sell,
      payments,
      customerId: customerId || undefined,
      confirmOversell: draft.confirmOversell,
    });
    const saleTotal = () => {
      const catalogue = new Catalogue(readProducts(wb, ctx.cells, ctx.tabs).products);
      const rules = { ...ctx.settings, currencyExponent: ctx.cells.exponent };
      return { catalogue, total: priceSale(draft.sell, catalogue, rules).priced.total };
    };

    if ('replay' in ready) {
      const orders = readHeaderTable(wb, ORDERS, ctx.tabs);
      if (findRows(wb, orders, 'Key', `${key}:sale`).length > 0) {
        // Recorded before: both halves replay (recordSale finds its key before it looks at payments).
        const sale = recordSale(inner, saleDraft([], ''));
        const difference = sale.total - ready.replay.refund.amount;
        return {
          return: ready.replay,
          sale,
          difference,
          method: difference > 0 ? (draft.pay?.method ?? 'cash') : refundMethod,
          replayed: true,
        };
      }
      // Cut short between the halves: the return (and its money out) is there, the sale is not.
      // The sale is recorded now, paid as the first try would have paid it; recordSale checks its
      // stock, till and customer, and refuses without writing.
      const money = exchangeMoney(
        saleTotal().total,
        ready.replay.refund.amount,
        draft,
        refundMethod,
        ctx.cells.exponent,
      );
      const sale = recordSale(inner, saleDraft(money.payments, ready.found.customerId));
      return {
        return: ready.replay,
        sale,
        difference: money.difference,
        method: money.method,
        replayed: false,
      };
    }

    // The new goods, priced by the one pricing function, their stock and their customer, before
    // anything is written: what recordSale would refuse, it must not refuse after the return half.
    const { catalogue, total } = saleTotal();
    if (!ready.session) refuse('no-session', `${till} is not open: open it with a float before an exchange.`);
    const short = shortages(readStock(wb, ctx.cells, ctx.tabs).balances, location, draft.sell);
    if (short.length > 0 && (ctx.settings.oversellPolicy === 'refuse' || !draft.confirmOversell)) {
      const list = short
        .map((s) => `${catalogue.sku(s.sku)?.name ?? s.sku}: ${s.requested} wanted, ${s.available} available`)
        .join('; ');
      refuse('stock-short', `Not enough stock in ${location}: ${list}. Nothing was exchanged.`, {
        shortages: short,
      });
    }
    saleCustomer(wb, ctx, ready.found.customerId);

    // The till's prices and credit may be out of date: the difference it collected must be this one.
    const difference = total - ready.payBack;
    if (collected !== undefined && collected !== Math.max(0, difference))
      refuse('payments-mismatch', differenceMismatch(difference, collected, ctx.settings.currency));
    const money = exchangeMoney(total, ready.payBack, draft, refundMethod, ctx.cells.exponent);
    if (money.difference < 0 && refundMethod === 'cash') checkDrawer(ctx, ready, -money.difference);

    ready.draft = { ...ready.draft, refund: money.payouts[money.payouts.length - 1].method };
    const ret = writeReturn(p, ctx, ready, p.clock.now(), money.payouts);
    const sale = recordSale(inner, saleDraft(money.payments, ready.found.customerId));
    return { return: ret, sale, difference: money.difference, method: money.method, replayed: false };
  });
}

/** How an exchange's money goes: the return's payouts and the sale's payments. */
interface ExchangeMoney {
  /** The sale's total less what the return pays back: > 0 the customer pays it. */
  difference: number;
  /** How the difference is settled. */
  method: string;
  payouts: Payout[];
  payments: Payment[];
}

/**
 * The exchanged value goes through one method on both sides, so the till's takings move by the
 * difference only. Refuses (before any write) an unpaid difference or cash handed over short.
 */
function exchangeMoney(
  total: number,
  back: number,
  draft: ExchangeDraft,
  refundMethod: RefundMethod,
  exponent: number,
): ExchangeMoney {
  const difference = total - back;
  if (difference > 0 && !draft.pay)
    refuse(
      'bad-input',
      'The new goods cost more than those returned: say how the customer pays the difference.',
    );
  const through = difference > 0 ? (draft.pay?.method ?? 'cash') : refundMethod === 'card' ? 'card' : 'cash';
  const exchanged = Math.min(back, total);
  const payouts: Payout[] =
    difference < 0 && refundMethod === through
      ? [{ method: through, amount: back, note: 'exchange' }]
      : [
          { method: through, amount: exchanged, note: 'exchange' },
          ...(difference < 0 ? [{ method: refundMethod, amount: -difference }] : []),
        ];
  const payments: Payment[] =
    through === 'cash'
      ? [
          {
            method: 'cash',
            amount: total,
            tendered: exchanged + (difference > 0 ? (draft.pay?.tendered ?? difference) : 0),
          },
        ]
      : [{ method: through, amount: total }];
  settle(total, payments, exponent); // throws before any write when the cash handed over is short
  return { difference, method: difference > 0 ? through : refundMethod, payouts, payments };
}

/** What the till is told when the difference it collected is not the server's. */
function differenceMismatch(difference: number, collected: number, currency: string): string {
  const m = (minor: number) => formatMoney(minor, currency);
  const is =
    difference > 0
      ? `The difference is ${m(difference)}, not ${m(collected)}`
      : `There is nothing to pay in this exchange (${difference < 0 ? `${m(-difference)} is given back` : 'the goods cost the same'}), not ${m(collected)}`;
  return `${is}: the till's prices or the returned goods' value are out of date. Nothing was exchanged. Give back the ${m(collected)} taken (by card: refund it on the terminal), reopen the sidebar and start the exchange again.`;
}
