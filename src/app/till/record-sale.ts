/**
 * Recording a till sale: one commit under the document lock that appends the Orders row, its
 * lines and payments, the moves Store → Customer, and updates Stock and the till session.
 * A retry with the same key finds the first commit (the spreadsheet searches the Key column)
 * and returns its receipt, writing nothing.
 */
import { Catalogue } from '../../core/catalogue';
import { formatDecimal } from '../../core/money';
import { type Payment, priceSale, settle } from '../../core/sale';
import { applyMoves, type Move, shortages } from '../../core/stock';
import { openSessionOf, withSale } from '../../core/till-session';
import { moveRecord } from '../../ledger/movements';
import { lineRecord, orderRecord, paymentRecord } from '../../ledger/order-records';
import { readProducts } from '../../ledger/products';
import { MOVEMENTS, ORDER_LINES, ORDERS, PAYMENTS } from '../../ledger/schema';
import { readStock, writeBalances } from '../../ledger/stock-tab';
import { appendRows, findRows, readHeaderTable, updateRows } from '../../ledger/table';
import { readSessions, sessionRecord } from '../../ledger/till-sessions';
import type { Platform } from '../../platform/platform';
import { underLock } from '../commit';
import { issueInvoice } from '../invoices/issue-invoice';
import { loadContext } from '../ledger-context';
import { CreditRefused, checkCredit, creditOnSale } from '../loyalty/till-credit';
import { takeIds } from '../sequence';
import { updateSummaries } from '../summaries/update-summaries';
import type { Receipt, SaleDraft } from './api-types';
import { checkKey, checkTill, refuse } from './problems';
import { replayReceipt } from './replay-receipt';
import { saleCustomer } from './sale-customer';

type Ports = Pick<Platform, 'workbook' | 'lock' | 'properties' | 'clock' | 'digest'>;

export function recordSale(p: Ports, draft: SaleDraft): Receipt {
  const key = checkKey(draft?.key);
  const till = checkTill(draft.till);
  if (!Array.isArray(draft.lines) || !Array.isArray(draft.payments))
    refuse('bad-input', 'The sale has no lines or payments.');
  return underLock(p, () => {
    const wb = p.workbook;
    const ctx = loadContext(wb);
    const orders = readHeaderTable(wb, ORDERS, ctx.tabs);
    const earlier = findRows(wb, orders, 'Key', key);
    if (earlier.length > 0) return replayReceipt(wb, ctx, earlier[0]);

    const location = draft.location?.trim() || 'Store';
    if (!ctx.settings.locations.includes(location)) {
      refuse(
        'bad-input',
        `"${location}" is not a stock location. The locations are: ${ctx.settings.locations.join(', ')}.`,
      );
    }
    const sessions = readSessions(wb, ctx.cells, ctx.tabs);
    const session = openSessionOf(sessions.sessions, till);
    if (!session) refuse('no-session', `${till} is not open: open it with a float before selling.`);

    const catalogue = new Catalogue(readProducts(wb, ctx.cells, ctx.tabs).products);
    const rules = { ...ctx.settings, currencyExponent: ctx.cells.exponent };
    const sale = priceSale(draft.lines, catalogue, rules);
    const payments: Payment[] = draft.payments.map((x) => ({
      method: x.method,
      amount: x.amount,
      tendered: x.tendered,
    }));
    const settlement = settle(sale.priced.total, payments, ctx.cells.exponent);

    const stock = readStock(wb, ctx.cells, ctx.tabs);
    const short = shortages(stock.balances, location, draft.lines);
    if (short.length > 0 && (ctx.settings.oversellPolicy === 'refuse' || !draft.confirmOversell)) {
      const list = short
        .map((s) => `${catalogue.sku(s.sku)?.name ?? s.sku}: ${s.requested} wanted, ${s.available} available`)
        .join('; ');
      refuse(
        'stock-short',
        ctx.settings.oversellPolicy === 'refuse'
          ? `Not enough stock in ${location}: ${list}. Nothing was sold.`
          : `Not enough stock in ${location}: ${list}. Sell anyway?`,
        { shortages: short },
      );
    }

    const customer = saleCustomer(wb, ctx, draft.customerId);
    // Store credit is checked against the balance here, under the lock, before anything is written.
    const credit = settlement.payments.filter((x) => x.method === 'credit').reduce((s, x) => s + x.amount, 0);
    try {
      checkCredit(wb, ctx, customer?.customerId ?? '', credit);
    } catch (e) {
      if (e instanceof CreditRefused) refuse('credit-refused', e.message);
      throw e;
    }

    const now = p.clock.now();
    const [orderId] = takeIds(p, orders, 'Order ID', 'O');
    const [orderNo] = takeIds(p, orders, 'Order No', 'R');
    const moves: Move[] = draft.lines.map((l, i) => ({
      id: `${orderId}/${i + 1}`,
      time: now,
      sku: sale.products[i].sku,
      qty: l.qty,
      from: location,
      to: 'Customer',
      reason: 'sale',
      reference: orderId,
      key,
    }));
    const { priced } = sale;

    // Every till sale issues a simplified invoice (series T) in the sale's commit.
    const invoiceNo = issueInvoice(
      wb,
      ctx,
      p.digest,
      {
        series: 'T',
        type: 'simplified',
        orderId,
        customerId: customer?.customerId ?? '',
        taxId: '',
        net: priced.net,
        vat: priced.vat,
        total: priced.total,
        breakdown: priced.breakdown,
        corrects: '',
      },
      now,
    );

    appendRows(wb, orders, [
      orderRecord(
        {
          orderId,
          type: 'sale',
          channel: 'Store',
          shop: '',
          externalId: '',
          orderNo,
          status: 'fulfilled',
          created: now,
          customerId: customer?.customerId ?? '',
          net: priced.net,
          vat: priced.vat,
          total: priced.total,
          currency: ctx.settings.currency,
          invoiceNo,
          refundOf: '',
          key,
          till,
        },
        ctx.cells,
      ),
    ]);
    appendRows(
      wb,
      readHeaderTable(wb, ORDER_LINES, ctx.tabs),
      sale.products.map((product, i) =>
        lineRecord(
          orderId,
          i,
          {
            sku: product.sku,
            name: product.name,
            qty: draft.lines[i].qty,
            unitPrice: product.price,
            vatRate: product.vatRate,
            priced: priced.lines[i],
            cost: product.cost,
          },
          ctx.cells,
        ),
      ),
    );
    appendRows(
      wb,
      readHeaderTable(wb, PAYMENTS, ctx.tabs),
      settlement.payments.map((pay, i) =>
        paymentRecord(
          {
            paymentId: `${orderId}/P${i + 1}`,
            time: now,
            orderId,
            channel: 'Store',
            method: pay.method,
            amount: pay.amount,
            reference:
              pay.method === 'cash' && pay.tendered !== undefined && pay.tendered !== pay.amount
                ? `tendered ${formatDecimal(pay.tendered, ctx.cells.exponent)}, change ${formatDecimal(pay.tendered - pay.amount, ctx.cells.exponent)}`
                : '',
          },
          ctx.cells,
        ),
      ),
    );
    appendRows(wb, readHeaderTable(wb, MOVEMENTS, ctx.tabs), moves.map(moveRecord));
    const reorder = (sku: string) => catalogue.sku(sku)?.reorderPoint ?? null;
    writeBalances(wb, stock, applyMoves(stock.balances, moves, ctx.settings.locations), reorder);
    const updated = withSale(session, priced.total, settlement.payments);
    const row = sessions.rowOf.get(session.id);
    if (row) {
      updateRows(wb, sessions.table, [
        {
          row,
          values: sessionRecord(updated, sessions.keys.get(session.id) ?? { open: '', close: '' }, ctx.cells),
        },
      ]);
    }

    const loyalty = customer
      ? creditOnSale(
          p,
          ctx,
          { customerId: customer.customerId, orderId, key, net: priced.net, total: priced.total, credit },
          now,
        )
      : null;

    // The live summaries: the rows this sale touches.
    updateSummaries(wb, ctx, [
      {
        order: {
          orderId,
          type: 'sale',
          channel: 'Store',
          shop: '',
          status: 'fulfilled',
          created: now,
          currency: ctx.settings.currency,
          net: priced.net,
          vat: priced.vat,
          total: priced.total,
          discount: priced.lines.reduce((sum, l) => sum + l.discount, 0),
          units: draft.lines.reduce((sum, l) => sum + l.qty, 0),
          cost: sale.products.reduce<number | null>(
            (sum, product, i) =>
              sum === null || product.cost === null ? null : sum + product.cost * draft.lines[i].qty,
            0,
          ),
        },
        lines: sale.products.map((product, i) => ({
          orderId,
          vatRate: product.vatRate,
          net: priced.lines[i].net,
          vat: priced.lines[i].vat,
        })),
        payments: settlement.payments.map((pay) => ({
          orderId,
          time: now,
          channel: 'Store' as const,
          method: pay.method,
          amount: pay.amount,
        })),
      },
    ]);

    return {
      orderId,
      orderNo,
      invoiceNo,
      created: new Date(now).toISOString(),
      till,
      sessionId: session.id,
      lines: sale.products.map((product, i) => ({
        sku: product.sku,
        name: product.name,
        qty: draft.lines[i].qty,
        unitPrice: product.price,
        discount: priced.lines[i].discount,
        vatRate: product.vatRate,
        total: priced.lines[i].total,
      })),
      net: priced.net,
      vat: priced.vat,
      total: priced.total,
      breakdown: priced.breakdown.map((b) => ({ ...b })),
      payments: settlement.payments.map((x) => ({ method: x.method, amount: x.amount })),
      tendered: settlement.tendered,
      change: settlement.change,
      customer,
      loyalty,
      currency: ctx.settings.currency,
      exponent: ctx.cells.exponent,
      replayed: false,
    };
  });
}
