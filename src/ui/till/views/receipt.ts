/** The receipt of the sale just recorded (or a provisional one for a queued sale), with Print and New sale. */
import { h, keepIdsWhole, show } from '../../shared/dom';
import type { ExchangeDone } from '../exchange';
import { dateTime, money, productName, rate } from '../format';
import { t } from '../i18n';
import { barcodeSvg } from '../receipt-barcode';
import { newSale } from '../sale-actions';
import type { AppState, ShownReceipt } from '../state';
import { printOnly } from './print';

function row(label: string, value: string, className = 'row'): HTMLElement {
  return h('div', { class: className }, h('span', { text: label }), h('span', { class: 'num', text: value }));
}

/**
 * The receipt number as a barcode (and in words under it), so a return starts with a scan of the
 * receipt. The markup holds only numbers and the escaped number (receipt-barcode.ts).
 */
function barcode(orderNo: string): HTMLElement | null {
  const svg = barcodeSvg(orderNo);
  if (!svg) return null;
  const drawing = h('div', { class: 'barcode-bars' });
  drawing.innerHTML = svg;
  return h(
    'div',
    { class: 'receipt-barcode', testid: 'receipt-barcode' },
    drawing,
    h('div', { class: 'barcode-text', text: orderNo }),
  );
}

/** What the receipt says of how it came: queued, sent by the queue, or already recorded. */
function note(shown: ShownReceipt): HTMLElement | null {
  if (shown.provisional) return h('p', { class: 'note warn', text: t.provisional });
  // The queue sent it on its own: staff did nothing, so "already recorded" would only puzzle them.
  if (shown.fromQueue)
    return h('p', { class: 'note' }, ...keepIdsWhole(t.sentFromQueue(shown.receipt.orderNo)));
  // Complete sale pressed again for a sale the server had recorded.
  if (shown.receipt.replayed) return h('p', { class: 'note', text: t.replayed });
  return null;
}

/** Both invoices of an exchange (the return's R, the sale's T) and how the difference was settled. */
function exchangeRows(x: ExchangeDone, saleNo: string): HTMLElement[] {
  const method = t.refundMethods[x.method] ?? x.method;
  return [
    h('div', { class: 'section-label', text: t.exchangeReceipt }),
    h(
      'div',
      { class: 'row', testid: 'exchange-return-no' },
      h('span', { text: t.exchangeReturnNo(x.returnInvoiceNo || x.returnNo) }),
      h('span', { class: 'num', text: money(-x.returned) }),
    ),
    h('div', { class: 'row', testid: 'exchange-sale-no' }, h('span', { text: t.exchangeSaleNo(saleNo) })),
    h(
      'div',
      { class: 'row grand', testid: 'exchange-difference' },
      h('span', {
        text:
          x.difference > 0
            ? t.exchangePaid(method)
            : x.difference < 0
              ? t.exchangeGivenBack(method)
              : t.exchangeEven,
      }),
      h('span', { class: 'num', text: money(Math.abs(x.difference)) }),
    ),
  ];
}

function body(shown: ShownReceipt): HTMLElement[] {
  const { receipt, provisional } = shown;
  const lines = receipt.lines.map((line) =>
    h(
      'li',
      { class: 'receipt-line' },
      h(
        'div',
        { class: 'row' },
        h('span', { text: productName(line.name) }),
        h('span', { class: 'num', text: money(line.total) }),
      ),
      h('div', {
        class: 'hint',
        text: `${line.qty} × ${money(line.unitPrice)}${line.discount ? ` · −${money(line.discount)}` : ''} · ${t.vat} ${rate(line.vatRate)} %`,
      }),
    ),
  );
  const breakdown = receipt.breakdown.map((b) =>
    row(`${t.vatAt(rate(b.rate))} · ${t.net} ${money(b.base)}`, money(b.vat), 'row small'),
  );
  // An exchange: the sale was paid with the returned goods and the difference, not as its Payments rows read.
  const payments = shown.exchange
    ? exchangeRows(shown.exchange, receipt.invoiceNo || receipt.orderNo)
    : receipt.payments.map((p) => row(t.method[p.method], money(p.amount)));
  const handed = shown.exchange ? shown.exchange.handed : receipt.tendered;
  return [
    h(
      'div',
      { class: 'receipt-head' },
      h('strong', { text: t.receipt }),
      h('span', {
        class: provisional ? 'receipt-no provisional' : 'receipt-no',
        testid: 'receipt-no',
        text: provisional ? t.provisionalNo : receipt.orderNo,
      }),
    ),
    h('div', { class: 'hint', text: `${dateTime(receipt.created)} · ${receipt.till}` }),
    note(shown),
    h('ul', { class: 'receipt-lines' }, ...lines),
    h('div', { class: 'totals' }, ...breakdown, row(t.total, money(receipt.total), 'row grand')),
    h('div', { class: 'receipt-payments' }, ...payments),
    // Cash handed over and change only when there is change: exact cash needs neither.
    receipt.change > 0 ? row(t.tendered2, money(handed)) : null,
    receipt.change > 0 ? row(t.change, money(receipt.change), 'row change some') : null,
    receipt.customer ? row(t.customer, receipt.customer.name) : null,
    // Store credit: what it earned and what the customer has left. What it paid is a payment
    // row above ("Store credit"); a "credit used" row repeated the same amount.
    receipt.loyalty && receipt.loyalty.earned > 0 ? row(t.creditEarned, money(receipt.loyalty.earned)) : null,
    receipt.loyalty ? row(t.creditLeft, money(receipt.loyalty.balance), 'row credit-left') : null,
    // A queued sale has no number yet: its barcode comes with the real receipt.
    provisional ? null : barcode(receipt.orderNo),
  ].filter((el): el is HTMLElement => el !== null);
}

export function receiptView() {
  const content = h('div', { class: 'receipt-body' });
  const print = h('button', { class: 'secondary', attrs: { type: 'button' } });
  const next = h('button', {
    class: 'primary',
    testid: 'new-sale',
    attrs: { type: 'button' },
    on: { click: () => newSale() },
  });
  const el = h(
    'section',
    { class: 'card receipt', testid: 'receipt' },
    content,
    h('div', { class: 'actions no-print' }, print, next),
  );
  print.addEventListener('click', () => printOnly(el));
  let drawn: ShownReceipt | null = null;
  let drawnLang = '';

  return {
    el,
    newSale: next,
    update(state: AppState) {
      const shown = state.receipt;
      show(el, shown !== null);
      if (shown && (shown !== drawn || drawnLang !== t.locale)) {
        drawn = shown;
        drawnLang = t.locale;
        content.replaceChildren(...body(shown));
      }
      print.textContent = t.print;
      next.textContent = t.newSale;
    },
  };
}
