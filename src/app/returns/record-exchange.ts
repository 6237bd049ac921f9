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
 * stock and payments, and the drawer. Keys: `<key>:return` and `<key>:sale`, so a retry replays both.
 */
import { Catalogue } from '../../core/catalogue';
import { type Payment, priceSale, settle } from '../../core/sale';
import { shortages } from '../../core/stock';
import { readProducts } from '../../ledger/products';
import { readStock } from '../../ledger/stock-tab';
import type { Platform } from '../../platform/platform';
import { underLock } from '../commit';
import { loadContext } from '../ledger-context';
import { insideCommit } from '../nested-commit';
import type { PaymentDraft } from '../till/api-types';
import { checkKey, checkTill, refuse } from '../till/problems';
import { recordSale } from '../till/record-sale';
import { checkDrawer, type Payout, prepareReturn, writeReturn } from './record-return';
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
  if (draft.pay && draft.pay.method !== 'cash' && draft.pay.method !== 'card')
    refuse('bad-input', `"${draft.pay.method}" cannot pay an exchange's difference: use cash or card.`);

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
    if ('replay' in ready) {
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

    // The new goods, priced by the one pricing function, and their stock, before anything is written.
    const catalogue = new Catalogue(readProducts(wb, ctx.cells, ctx.tabs).products);
    const rules = { ...ctx.settings, currencyExponent: ctx.cells.exponent };
    const total = priceSale(draft.sell, catalogue, rules).priced.total;
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

    const back = ready.payBack;
    const difference = total - back;
    if (difference > 0 && !draft.pay)
      refuse(
        'bad-input',
        'The new goods cost more than those returned: say how the customer pays the difference.',
      );
    const through =
      difference > 0 ? (draft.pay?.method ?? 'cash') : refundMethod === 'card' ? 'card' : 'cash';
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
    settle(total, payments, ctx.cells.exponent); // throws before any write when the cash handed over is short
    if (difference < 0 && refundMethod === 'cash') checkDrawer(ctx, ready, -difference);

    ready.draft = { ...ready.draft, refund: payouts[payouts.length - 1].method };
    const ret = writeReturn(p, ctx, ready, p.clock.now(), payouts);
    const sale = recordSale(inner, saleDraft(payments, ready.found.customerId));
    return {
      return: ret,
      sale,
      difference,
      method: difference > 0 ? through : refundMethod,
      replayed: false,
    };
  });
}
