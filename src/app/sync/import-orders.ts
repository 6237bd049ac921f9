/**
 * Importing a page of web-shop orders: one commit under the document lock that upserts each
 * order by shop + the shop's order id, so a re-import updates rows in place and never doubles
 * an order, its lines, payments or moves.
 *
 * Stock follows the order's life, each step a move with its own key (so it happens once):
 *   paid, not shipped   Location → Location/Reserved        key <order key>:reserve
 *   shipped             Location/Reserved → Customer         key <order key>:ship
 *                       (or Location → Customer when it arrives already shipped)
 *   cancelled           Location/Reserved → Location         key <order key>:release
 *   refund, restocked   Customer → Location                  key <refund key>:restock
 * A refund is its own `return` row in Orders with negative amounts, as the Orders contract says.
 * Invoices are issued in the same commit: a W invoice when an order is first imported as paid
 * (paid, fulfilled, partially refunded, refunded), an R invoice citing it for each new refund;
 * their numbers go in the Orders rows' Invoice No.
 * Amounts are kept as the shop charged them; the core pricing function recomputes each line as
 * a check, and a difference of more than a cent is listed, never "fixed".
 */
import { Catalogue } from '../../core/catalogue';
import { normalisePhone } from '../../core/customer/identifiers';
import { importedFulfilment, webFulfilment } from '../../core/fulfilment';
import { currencyExponent, formatDecimal } from '../../core/money';
import { priceDocument } from '../../core/pricing';
import { planReturn } from '../../core/returns/plan-return';
import type { SoldLine } from '../../core/returns/return-types';
import { applyMoves, type Move, type MoveReason, reservedAt } from '../../core/stock';
import type { WebOrder, WebOrderLine, WebOrderProblem, WebRefund } from '../../core/web-order';
import { moneyCell, parseText } from '../../ledger/cells';
import { moveRecord } from '../../ledger/movements';
import { readProducts } from '../../ledger/products';
import { CUSTOMERS, MOVEMENTS, ORDER_LINES, ORDERS, PAYMENTS, SYNC_PROBLEMS } from '../../ledger/schema';
import { readStock, writeBalances } from '../../ledger/stock-tab';
import {
  appendRows,
  findRows,
  type Record_,
  type RowChange,
  readFoundRows,
  readHeaderTable,
  readTable,
  updateRows,
} from '../../ledger/table';
import type { Platform } from '../../platform/platform';
import { underLock } from '../commit';
import { cardFor } from '../customers/card';
import { survivors } from '../customers/survivor';
import { type InvoiceDraft, issueInvoices } from '../invoices/issue-invoice';
import { loadContext } from '../ledger-context';
import { loyaltyOnReturn, type ReturnCreditInput } from '../loyalty/on-return';
import { type OrderCodes, settleWebCodes } from '../loyalty/online-code';
import { earnOnImport, type PaidWebOrder } from '../loyalty/web-credit';
import { takeIds } from '../sequence';
import { updateSummariesForRows } from '../summaries/update-summaries';
import { webInvoiceLedger } from './web-invoices';

type Ports = Pick<Platform, 'workbook' | 'lock' | 'properties' | 'clock' | 'digest'>;

export interface SyncProblem {
  shop: string;
  orderId: string;
  externalId: string;
  line: string;
  sku: string;
  problem: string;
}

export interface ImportReport {
  ordersNew: number;
  ordersUpdated: number;
  /** Problems listed for the first time in this import. */
  problems: SyncProblem[];
  /** SKUs whose stock changed, for the push to the shops. */
  skusChanged: string[];
}

const REFUNDED_HERE = new Set(['partially refunded', 'refunded']);
const PAID_LIKE = new Set(['paid', 'fulfilled', 'partially refunded', 'refunded']);
const SHIPPED_LIKE = new Set(['fulfilled', 'partially refunded', 'refunded']);

export function orderKey(shop: string, externalId: string): string {
  return `${shop}:${externalId}`;
}

export function refundKey(shop: string, order: WebOrder, refund: WebRefund): string {
  return `${shop}:${order.externalId}-R${refund.refundId}`;
}

export function importOrders(
  p: Ports,
  shop: string,
  page: { orders: readonly WebOrder[]; problems: readonly WebOrderProblem[] },
): ImportReport {
  const wb = p.workbook;
  return underLock(p, () => {
    const ctx = loadContext(wb);
    const now = p.clock.now();
    const location = ctx.settings.webFulfilmentLocation;
    const orders = readHeaderTable(wb, ORDERS, ctx.tabs);
    const lines = readHeaderTable(wb, ORDER_LINES, ctx.tabs);
    const payments = readHeaderTable(wb, PAYMENTS, ctx.tabs);
    const movements = readHeaderTable(wb, MOVEMENTS, ctx.tabs);

    // What the ledger already holds of these orders: found by the spreadsheet, one search each tab.
    const keys = page.orders.flatMap((o) => [
      orderKey(shop, o.externalId),
      ...o.refunds.map((r) => refundKey(shop, o, r)),
    ]);
    const known = new Map<
      string,
      { rowNumber: number; cells: ReturnType<typeof readFoundRows>[number]['cells'] }
    >();
    for (const row of readFoundRows(wb, orders, findRows(wb, orders, 'Key', keys))) {
      known.set(parseText(orders.get(row, 'Key')), row);
    }
    const moveKeys = page.orders.flatMap((o) => {
      const k = orderKey(shop, o.externalId);
      return [
        `${k}:reserve`,
        `${k}:ship`,
        `${k}:release`,
        ...o.refunds.map((r) => `${refundKey(shop, o, r)}:restock`),
      ];
    });
    const movesDone = new Set(
      readFoundRows(wb, movements, findRows(wb, movements, 'Key', moveKeys)).map((r) =>
        parseText(movements.get(r, 'Key')),
      ),
    );

    const catalogue = new Catalogue(readProducts(wb, ctx.cells, ctx.tabs).products);
    const stock = readStock(wb, ctx.cells, ctx.tabs);
    const customers = readTable(wb, CUSTOMERS, ctx.tabs);
    const problemsTab = readTable(wb, SYNC_PROBLEMS, ctx.tabs);
    const listed = new Set(
      problemsTab.rows.map((r) =>
        ['Shop', 'External ID', 'Line', 'Problem']
          .map((h) => parseText(problemsTab.get(r, h)))
          .join('\u0000'),
      ),
    );

    const newOrderIds = page.orders.filter((o) => !known.has(orderKey(shop, o.externalId))).length;
    const newRefunds = page.orders.flatMap((o) =>
      o.refunds.filter((r) => !known.has(refundKey(shop, o, r))),
    ).length;
    const ids =
      newOrderIds + newRefunds > 0 ? takeIds(p, orders, 'Order ID', 'O', newOrderIds + newRefunds) : [];

    const orderRows: Record_[] = [];
    const orderChanges: RowChange[] = [];
    const lineRows: Record_[] = [];
    const paymentRows: Record_[] = [];
    const moves: Move[] = [];
    const customerRows: Record_[] = [];
    /** Invoices to issue, in order, each with where its number goes in Orders. */
    const invoices: { draft: (issued: readonly string[]) => InvoiceDraft; row: Record<string, unknown> }[] =
      [];
    /** The W invoice of each order key already in the ledger. */
    const invoiceOf = new Map<string, string>();
    /** The index in `invoices` of each order's W queued in this commit. */
    const queuedW = new Map<string, number>();
    // Read only when needed: the Currency column, and the Ws that new refunds cite.
    const invoiceTab = webInvoiceLedger(wb, ctx, () =>
      page.orders.flatMap((o) => {
        const row = known.get(orderKey(shop, o.externalId));
        const fresh = o.refunds.some((r) => !known.has(refundKey(shop, o, r)));
        const cancelled =
          o.status === 'cancelled' && row && parseText(orders.get(row, 'Status')) !== 'cancelled';
        return row && (fresh || cancelled)
          ? [parseText(orders.get(row, 'Invoice No'))].filter((n) => n !== '')
          : [];
      }),
    );
    const webInvoice = (
      o: WebOrder,
      orderId: string,
      customerId: string,
      key: string,
      row: Record<string, unknown>,
    ) => {
      queuedW.set(key, invoices.length);
      const breakdown = new Map<number, { rate: number; base: number; vat: number }>();
      for (const l of o.lines) {
        if (l.taxRate === null) continue;
        const b = breakdown.get(l.taxRate) ?? { rate: l.taxRate, base: 0, vat: 0 };
        b.base += l.net;
        b.vat += l.tax;
        breakdown.set(l.taxRate, b);
      }
      invoices.push({
        draft: () => ({
          series: 'W',
          type: 'simplified',
          orderId,
          customerId,
          taxId: '',
          net: o.net,
          vat: o.tax,
          total: o.total,
          breakdown: [...breakdown.values()],
          corrects: '',
          currency: o.currency,
        }),
        row,
      });
    };
    const customerChanges: RowChange[] = [];
    const paidNow: PaidWebOrder[] = [];
    // Paid orders that used discount codes: a web code of store credit among them is settled.
    const codesUsed: OrderCodes[] = [];
    // New refunds of orders in the ledger's currency: each takes back the credit its order earned.
    const refundCredits: ReturnCreditInput[] = [];
    const problems: SyncProblem[] = [];
    const report: ImportReport = { ordersNew: 0, ordersUpdated: 0, problems, skusChanged: [] };

    const exponentOf = (currency: string) => currencyExponent(currency);
    const money = (minor: number, currency: string) => moneyCell(minor, { exponent: exponentOf(currency) });
    const customerByEmail = new Map(
      customers.rows
        .map((r) => [parseText(customers.get(r, 'Email')).toLowerCase(), r] as const)
        .filter(([e]) => e !== ''),
    );
    const survivorOf = survivors(customers);
    const newCustomerEmails = new Map<string, string>();
    let customerSeq: (() => string) | null = null;

    const problem = (o: WebOrder, orderId: string, line: string, sku: string, text: string) => {
      const signature = [shop, o.externalId, line, text].join('\u0000');
      if (listed.has(signature)) return;
      listed.add(signature);
      problems.push({ shop, orderId, externalId: o.externalId, line, sku, problem: text });
    };

    const customerOf = (o: WebOrder): string => {
      const email = o.customer.email.trim().toLowerCase();
      if (!email) return '';
      const row = customerByEmail.get(email);
      const shopId = o.customer.externalId ? `${shop}:${o.customer.externalId}` : '';
      if (row) {
        const ids = parseText(customers.get(row, 'Shop IDs'));
        if (shopId && !ids.split(' ').includes(shopId)) {
          customerChanges.push({ row, values: { 'Shop IDs': ids ? `${ids} ${shopId}` : shopId } });
        }
        // A merged customer's orders go to the survivor, at the end of its Merged into chain.
        return parseText(customers.get(survivorOf(row), 'Customer ID'));
      }
      const made = newCustomerEmails.get(email);
      if (made) return made;
      if (!customerSeq) {
        const count = new Set(
          page.orders
            .map((x) => x.customer.email.trim().toLowerCase())
            .filter((e) => e && !customerByEmail.has(e)),
        ).size;
        const fresh = takeIds(p, customers, 'Customer ID', 'C', count);
        customerSeq = () => fresh.shift() as string;
      }
      const id = customerSeq();
      newCustomerEmails.set(email, id);
      customerRows.push({
        'Customer ID': id,
        Name: o.customer.name,
        Email: email,
        Phone: normalisePhone(o.customer.phone, ctx.settings.country).value,
        'Loyalty card': cardFor(id),
        Created: new Date(o.created),
        Key: `${shop}:customer:${o.customer.externalId || email}`,
        'Shop IDs': shopId,
      });
      return id;
    };

    const move = (
      o: WebOrder,
      l: { sku: string; qty: number },
      from: string,
      to: string,
      reason: MoveReason,
      key: string,
      n: number,
    ): Move => ({
      id: `${key}/${n}`,
      time: now,
      sku: l.sku,
      qty: l.qty,
      from,
      to,
      reason,
      reference: orderKey(shop, o.externalId),
      key,
    });

    for (const o of page.orders) {
      const key = orderKey(shop, o.externalId);
      const existing = known.get(key);
      const orderId = existing ? parseText(orders.get(existing, 'Order ID')) : (ids.shift() as string);
      const oldStatus = existing ? parseText(orders.get(existing, 'Status')) : '';
      const sameMoney = o.currency === ctx.settings.currency;
      const record = {
        'Order ID': orderId,
        Type: 'sale',
        Channel: 'Web',
        Shop: shop,
        'External ID': o.externalId,
        'Order No': o.orderNo,
        Status: o.status,
        Created: new Date(o.created),
        'Customer ID': customerOf(o),
        Net: money(o.net, o.currency),
        VAT: money(o.tax, o.currency),
        Total: money(o.total, o.currency),
        Currency: o.currency,
        Key: key,
        Fulfilment: webFulfilment(o),
        Tracking: o.trackingNumber,
      };
      // A return at the counter refunded it in the ledger: the shop, not told, must not undo that.
      if (REFUNDED_HERE.has(oldStatus) && (o.status === 'paid' || o.status === 'fulfilled'))
        record.Status = oldStatus as WebOrder['status'];
      // Fulfilment only moves forward (a hand-over at the counter the shop has not heard of stays),
      // but a cancelled order is no longer to collect.
      const ledgerFulfilment =
        existing && orders.has('Fulfilment') ? parseText(orders.get(existing, 'Fulfilment')) : '';
      const ledgerTracking =
        existing && orders.has('Tracking') ? parseText(orders.get(existing, 'Tracking')) : '';
      record.Fulfilment = existing ? importedFulfilment(ledgerFulfilment, o) : record.Fulfilment;
      record.Tracking = o.trackingNumber || ledgerTracking;
      if (existing) {
        const no = parseText(orders.get(existing, 'Invoice No'));
        if (no) invoiceOf.set(key, no);
      }
      const invoiceHere =
        PAID_LIKE.has(o.status) &&
        !PAID_LIKE.has(oldStatus) &&
        !invoiceOf.has(key) &&
        (o.currency === ctx.settings.currency || invoiceTab.hasCurrency());
      if (!existing) {
        const row: Record<string, unknown> = { ...record };
        if (invoiceHere) webInvoice(o, orderId, record['Customer ID'], key, row);
        orderRows.push(row as Record_);
        o.lines.forEach((l, i) => {
          lineRows.push(webLineRecord(orderId, i, l, o.currency, money, costOf(catalogue, l.sku, sameMoney)));
        });
        report.ordersNew++;
      } else {
        const before = [
          ...['Status', 'Total', 'Customer ID'].map((h) => String(orders.get(existing, h))),
          ledgerFulfilment,
          ledgerTracking,
        ];
        const after = [
          record.Status,
          String(record.Total),
          record['Customer ID'],
          record.Fulfilment,
          record.Tracking,
        ];
        if (before.join('\u0000') !== after.join('\u0000')) {
          const values: Record<string, unknown> = {
            Status: record.Status,
            Net: record.Net,
            VAT: record.VAT,
            Total: record.Total,
            'Customer ID': record['Customer ID'],
            Fulfilment: record.Fulfilment,
            Tracking: record.Tracking,
          };
          if (invoiceHere) webInvoice(o, orderId, record['Customer ID'], key, values);
          orderChanges.push({ row: existing, values: values as Record_ });
          report.ordersUpdated++;
        }
      }
      if (PAID_LIKE.has(o.status) && !PAID_LIKE.has(oldStatus)) {
        if (o.discountCodes?.length) {
          codesUsed.push({ orderId, externalId: o.externalId, codes: o.discountCodes });
        }
        paidNow.push({
          customerId: record['Customer ID'],
          orderId,
          key,
          net: o.net,
          total: o.total,
          currency: o.currency,
        });
        o.payments.forEach((pay, i) => {
          paymentRows.push({
            'Payment ID': `${orderId}/P${i + 1}`,
            Time: new Date(o.updated),
            'Order ID': orderId,
            Channel: 'Web',
            Method: pay.method,
            Amount: money(pay.amount, o.currency),
            Reference: pay.reference,
          });
        });
      }

      // Problems: lines the connector could not read, SKUs the ledger does not know, the currency, the arithmetic.
      for (const x of page.problems.filter((q) => q.externalId === o.externalId))
        problem(o, orderId, x.line, x.sku, x.problem);
      if (o.currency !== ctx.settings.currency) {
        problem(
          o,
          orderId,
          '',
          '',
          `The order is in ${o.currency}, the ledger in ${ctx.settings.currency}: it is left out of the ledger's totals.`,
        );
      }
      const products = o.lines.filter((l) => l.kind === 'product');
      products.forEach((l) => {
        const n = String(o.lines.indexOf(l) + 1);
        if (l.sku && !catalogue.sku(l.sku)) {
          problem(
            o,
            orderId,
            n,
            l.sku,
            `SKU ${l.sku} is not in the Products tab: the line was imported, its stock was not moved. Add the product, then sync again.`,
          );
        }
        const check = pricingCheck(l, o.pricesIncludeTax);
        if (
          check !== null &&
          (Math.abs(check.total - (l.net + l.tax)) > 1 || Math.abs(check.vat - l.tax) > 1)
        ) {
          const e = exponentOf(o.currency);
          problem(
            o,
            orderId,
            n,
            l.sku,
            `The shop charged ${formatDecimal(l.net + l.tax, e)} with ${formatDecimal(l.tax, e)} VAT, but ${l.qty} × ${formatDecimal(l.unitPrice, e)} less ${formatDecimal(l.discount, e)} at ${l.taxRate} % gives ${formatDecimal(check.total, e)} with ${formatDecimal(check.vat, e)} VAT.`,
          );
        }
      });
      const sum = o.lines.reduce((s, l) => s + l.net + l.tax, 0);
      if (Math.abs(sum - o.total) > 1) {
        const e = exponentOf(o.currency);
        problem(
          o,
          orderId,
          '',
          '',
          `The lines add up to ${formatDecimal(sum, e)} but the order total is ${formatDecimal(o.total, e)}.`,
        );
      }

      // Stock: only product lines whose SKU the ledger knows.
      const goods = products
        .filter((l) => l.sku && catalogue.sku(l.sku))
        .map((l) => ({ sku: catalogue.sku(l.sku)?.sku ?? l.sku, qty: l.qty }));
      const held =
        movesDone.has(`${key}:reserve`) && !movesDone.has(`${key}:ship`) && !movesDone.has(`${key}:release`);
      const shipped = movesDone.has(`${key}:ship`);
      const step = (suffix: string, from: string, to: string, reason: MoveReason) => {
        goods.forEach((g, i) => {
          moves.push(move(o, g, from, to, reason, `${key}:${suffix}`, i + 1));
        });
        movesDone.add(`${key}:${suffix}`);
      };
      if (o.status === 'paid' && !held && !shipped)
        step('reserve', location, reservedAt(location), 'reservation');
      if (SHIPPED_LIKE.has(o.status) && !shipped)
        step('ship', held ? reservedAt(location) : location, 'Customer', 'sale');
      if (o.status === 'cancelled' && held)
        step('release', reservedAt(location), location, 'reservation release');

      const lineOf = (rl: { externalLineId: string }) =>
        o.lines.findIndex((l) => l.externalLineId === rl.externalLineId);
      o.refunds.forEach((r, nth) => {
        const rKey = refundKey(shop, o, r);
        // The same use case as a return at the counter, with the shop's amounts: what the shop put
        // back in stock is restocked at the import location, the rest moves nothing (kept or lost).
        const plan = planReturn({
          label: o.orderNo,
          sold: soldOfWeb(o),
          earlier: o.refunds.slice(0, nth).map((e) => ({
            invoiceNo: refundKey(shop, o, e),
            total: -e.amount,
            // Each on the line it names, as this refund's lines are (two lines may share a SKU).
            lines: e.lines.map((l) => ({ sku: l.sku, qty: l.qty, line: lineOf(l) })),
          })),
          request: r.lines.map((rl) => ({
            line: lineOf(rl),
            sku: rl.sku,
            qty: rl.qty,
            disposition: rl.restock ? 'restock' : 'lost',
            amount: rl.amount,
          })),
          restockTo: location,
          money: { kind: 'shop', total: r.amount, orderTotal: o.total, orderVat: o.tax },
        });
        if (!known.has(rKey)) {
          const returnId = ids.shift() as string;
          if (o.currency === ctx.settings.currency) {
            refundCredits.push({
              customerId: String(record['Customer ID'] ?? ''),
              originalOrderId: orderId,
              returnOrderId: returnId,
              returnedNet: plan.net,
              originalNet: o.net,
              creditRefund: 0,
              key: rKey,
              time: now,
            });
          }
          for (const text of plan.problems) {
            problem(
              o,
              orderId,
              '',
              '',
              `Refund ${r.refundId}: ${text} It was recorded as the shop made it; stock comes back only for what the order sold.`,
            );
          }
          const returnRow: Record<string, unknown> = {
            ...record,
            'Order ID': returnId,
            Type: 'return',
            'External ID': `${o.externalId}-R${r.refundId}`,
            Status: 'refunded',
            Created: new Date(r.created),
            Net: money(plan.net, o.currency),
            VAT: money(plan.vat, o.currency),
            Total: money(plan.total, o.currency),
            'Refund of': orderId,
            Key: rKey,
            Fulfilment: '',
            Tracking: '',
          };
          orderRows.push(returnRow as Record_);
          plan.lines.forEach((l, i) => {
            lineRows.push({
              'Order ID': returnId,
              Line: i + 1,
              SKU: l.sku,
              Name: l.name,
              Qty: l.qty,
              'Unit price': l.line >= 0 ? money(l.unitPrice, o.currency) : '',
              Discount: 0,
              'VAT %': l.vatRate ?? '',
              Net: money(l.net, o.currency),
              VAT: money(l.vat, o.currency),
              Total: money(l.total, o.currency),
              Cost: costCell(costOf(catalogue, l.sku, sameMoney), o.currency, money),
            });
          });
          const cited = invoiceOf.get(key);
          const wIndex = queuedW.get(key);
          const overCredit =
            cited !== undefined || wIndex !== undefined
              ? invoiceTab.creditRefusal(
                  { cited: cited ?? '', queuedKey: key, total: o.total, currency: o.currency },
                  -plan.total,
                  plan.breakdown,
                )
              : null;
          if (overCredit !== null) {
            // Never an R for more than its W: the refund stays recorded (the shop paid it), uninvoiced.
            problem(
              o,
              returnId,
              '',
              '',
              `Refund ${r.refundId} was not invoiced: ${overCredit} Check the refund in the shop; the return row and its payment were recorded.`,
            );
          } else if (cited !== undefined || wIndex !== undefined) {
            // The R invoice cites the order's W invoice; an order never invoiced (imported before
            // invoicing, or never paid) has nothing to correct, so no R is issued for it. Per rate
            // from the refunded lines when they make up the whole refund, else in the order's mix.
            invoices.push({
              draft: (issued) => ({
                series: 'R',
                type: 'corrective',
                orderId: returnId,
                customerId: String(record['Customer ID']),
                taxId: '',
                net: plan.net,
                vat: plan.vat,
                total: plan.total,
                breakdown: plan.breakdown,
                corrects: cited !== undefined ? invoiceTab.inForce(cited) : issued[wIndex as number],
                currency: o.currency,
              }),
              row: returnRow,
            });
          }
          paymentRows.push({
            'Payment ID': `${returnId}/P1`,
            Time: new Date(r.created),
            'Order ID': returnId,
            Channel: 'Web',
            Method: o.payments[0]?.method ?? 'refund',
            Amount: money(-r.amount, o.currency),
            Reference: `refund ${r.refundId}${r.reason ? `: ${r.reason}` : ''}`,
          });
          report.ordersNew++;
        }
        const back = plan.moves.filter((m) => m.disposition === 'restock' && catalogue.sku(m.sku));
        if (back.length > 0 && !movesDone.has(`${rKey}:restock`) && movesDone.has(`${key}:ship`)) {
          back.forEach((m, i) => {
            moves.push(
              move(
                o,
                { sku: catalogue.sku(m.sku)?.sku ?? m.sku, qty: m.qty },
                m.from,
                m.to,
                'return',
                `${rKey}:restock`,
                i + 1,
              ),
            );
          });
          movesDone.add(`${rKey}:restock`);
        }
      });

      // Cancelled after its W was issued: an R credits what still stands of it (issued invoices
      // are never edited). Once, on the change to cancelled, which this commit writes.
      const w = invoiceOf.get(key);
      if (o.status === 'cancelled' && existing && oldStatus !== 'cancelled' && w) {
        const left = invoiceTab.standing(w);
        if (left) {
          invoices.push({
            draft: () => ({
              series: 'R',
              type: 'corrective',
              orderId,
              customerId: String(record['Customer ID']),
              taxId: '',
              net: -left.net,
              vat: -left.vat,
              total: -left.total,
              breakdown: left.breakdown.map((b) => ({ rate: b.rate, base: -b.base, vat: -b.vat })),
              corrects: invoiceTab.inForce(w),
              currency: o.currency,
            }),
            // The sale's row keeps its W in Invoice No; the R is found by Corrects.
            row: {},
          });
        }
      }
    }

    const numbers = issueInvoices(
      wb,
      ctx,
      p.digest,
      invoices.map((x) => x.draft),
      now,
    );
    numbers.forEach((no, i) => {
      invoices[i].row['Invoice No'] = no;
    });
    const ordersBefore = orderChanges.map((c) => [...c.row.cells]);
    const appendedOrders = appendRows(wb, orders, orderRows);
    updateRows(wb, orders, orderChanges);
    const appendedLines = appendRows(wb, lines, lineRows);
    const appendedPayments = appendRows(wb, payments, paymentRows);
    // The live summaries: the rows these new orders, status changes and refunds touch.
    updateSummariesForRows(wb, ctx, {
      orders,
      lines,
      payments,
      now: [...appendedOrders.map((r) => r.cells), ...orderChanges.map((c) => c.row.cells)],
      before: ordersBefore,
      newPayments: new Set(paymentRows.map((r) => String(r['Payment ID']))),
      appendedLines: appendedLines.map((r) => r.cells),
      appendedPayments: appendedPayments.map((r) => r.cells),
    });
    appendRows(wb, movements, moves.map(moveRecord));
    if (moves.length > 0) {
      const reorder = (sku: string) => catalogue.sku(sku)?.reorderPoint ?? null;
      writeBalances(wb, stock, applyMoves(stock.balances, moves, ctx.settings.locations), reorder);
    }
    appendRows(wb, customers, customerRows);
    updateRows(wb, customers, customerChanges);
    earnOnImport(p, ctx, paidNow, now, customers);
    for (const x of settleWebCodes(p, ctx, shop, codesUsed, now, customers)) {
      problems.push({
        shop,
        orderId: x.orderId,
        externalId: x.externalId,
        line: '',
        sku: '',
        problem: x.problem,
      });
    }
    // After the earning, so a refund imported with its order takes back what the order just earned.
    for (const r of refundCredits) loyaltyOnReturn(p, ctx, r);
    appendRows(
      wb,
      problemsTab,
      problems.map((x) => ({
        Time: new Date(now),
        Shop: x.shop,
        'Order ID': x.orderId,
        'External ID': x.externalId,
        Line: x.line,
        SKU: x.sku,
        Problem: x.problem,
        Status: 'open',
      })),
    );
    report.skusChanged = [...new Set(moves.map((m) => m.sku))];
    return report;
  });
}

function webLineRecord(
  orderId: string,
  index: number,
  l: WebOrderLine,
  currency: string,
  money: (minor: number, currency: string) => number,
  cost: number | null,
): Record_ {
  return {
    'Order ID': orderId,
    Line: index + 1,
    SKU: l.sku,
    Name:
      l.kind === 'product'
        ? l.name
        : `${l.kind === 'shipping' ? 'Shipping' : l.kind === 'fee' ? 'Fee' : 'Discount'}: ${l.name}`,
    Qty: l.qty,
    'Unit price': money(l.unitPrice, currency),
    Discount: money(l.discount, currency),
    'VAT %': l.taxRate ?? '',
    Net: money(l.net, currency),
    VAT: money(l.tax, currency),
    Total: money(l.net + l.tax, currency),
    Cost: costCell(cost, currency, money),
  };
}

/**
 * The catalogue's unit Cost of a SKU now (cost at the time of sale); null when unknown, or when
 * the order is in another currency than the ledger's (Products' Cost is in the ledger's).
 */
function costOf(catalogue: Catalogue, sku: string, sameCurrency: boolean): number | null {
  return sku && sameCurrency ? (catalogue.sku(sku)?.cost ?? null) : null;
}

function costCell(
  cost: number | null,
  currency: string,
  money: (minor: number, currency: string) => number,
): number | '' {
  return cost === null ? '' : money(cost, currency);
}

/** A web order's lines as the returns use case sees them: amounts as the shop charged them. */
function soldOfWeb(o: WebOrder): SoldLine[] {
  return o.lines.map((l) => ({
    sku: l.kind === 'product' ? l.sku : '',
    name: l.name,
    qty: l.qty,
    unitPrice: l.unitPrice,
    discount: l.discount,
    vatRate: l.taxRate,
    net: l.net,
    vat: l.tax,
    total: l.net + l.tax,
  }));
}

/** What the core pricing function makes of a line, or null when the shop gave no single rate. */
function pricingCheck(l: WebOrderLine, pricesIncludeTax: boolean): { total: number; vat: number } | null {
  if (l.taxRate === null || l.qty <= 0) return null;
  try {
    const doc = priceDocument(
      [
        {
          qty: l.qty,
          unitPrice: l.unitPrice,
          vatRate: l.taxRate,
          discount: l.discount ? { kind: 'amount', value: l.discount } : undefined,
        },
      ],
      { pricesIncludeVat: pricesIncludeTax, vatRounding: 'line' },
    );
    return { total: doc.total, vat: doc.vat };
  } catch {
    return null;
  }
}
