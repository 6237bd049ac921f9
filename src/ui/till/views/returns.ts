/**
 * The Return panel (folded, like Receive goods): the order's number typed or scanned (here, or a
 * receipt's barcode scanned into #scan, which opens the panel on it), its lines with what was sold
 * and already returned, a quantity and a disposition per line, the refund method, the server's
 * amount (quoteReturn), Confirm; then the return's receipt with its R number and, for store
 * credit, the balance.
 *
 * Test hooks: [data-testid=return-order] + [data-testid=return-find]; [data-testid=return-line]
 * [data-sku] with [data-testid=return-qty] and [data-testid=return-disposition];
 * [data-testid=return-refund]; [data-testid=return-quote] with [data-testid=return-quote-refund]
 * and [data-testid=return-quote-credit] (the server's figures; Confirm waits for them);
 * [data-testid=return-confirm] (or [data-testid=return-exchange]:
 * Exchange instead, see views/exchange.ts); [data-testid=return-receipt] with
 * [data-testid=return-no], [data-testid=return-corrects], [data-testid=return-refunded],
 * [data-testid=return-balance];
 * [data-testid=return-new].
 */
import type { Disposition, RefundMethod } from '../../../app/returns/return-api-types';
import { h, setText } from '../../shared/dom';
import { startExchange } from '../exchange-actions';
import { dateTime, money } from '../format';
import { t } from '../i18n';
import {
  chooseLine,
  chooseRefund,
  currentQuote,
  findReturnable,
  newReturn,
  quotePending,
  quoteProblem,
  returning,
  sendReturn,
} from '../returns';
import type { AppState } from '../state';

const DISPOSITIONS: Disposition[] = ['restock', 'damaged', 'lost'];
const REFUNDS: RefundMethod[] = ['cash', 'card', 'credit'];

export function returnsView() {
  const summary = h('summary');
  const hint = h('p', { class: 'hint' });
  const orderLabel = h('span');
  const order = h('input', {
    testid: 'return-order',
    attrs: { autocomplete: 'off', spellcheck: 'false' },
  });
  const find = h('button', { class: 'secondary small', testid: 'return-find', attrs: { type: 'button' } });
  const heading = h('p', { class: 'return-of' });
  const list = h('ul', { class: 'return-lines' });
  const refundLabel = h('span');
  const refund = h('select', { testid: 'return-refund' });
  // The server's figures for what is chosen: the discount's share, spent credit going back as credit.
  const quoteRefund = h('p', { testid: 'return-quote-refund' });
  const quoteCredit = h('p', { class: 'hint', testid: 'return-quote-credit' });
  const quoteBox = h('div', { class: 'return-quote', testid: 'return-quote' }, quoteRefund, quoteCredit);
  const confirm = h('button', {
    class: 'primary small',
    testid: 'return-confirm',
    attrs: { type: 'button' },
  });
  // Or the chosen lines pay for other goods: they go to the sale as a credit (exchange-actions.ts).
  const exchange = h('button', {
    class: 'secondary small',
    testid: 'return-exchange',
    attrs: { type: 'button' },
  });
  const form = h(
    'div',
    { class: 'return-form' },
    heading,
    list,
    h('label', { class: 'field' }, refundLabel, refund),
    quoteBox,
    h('div', { class: 'actions' }, confirm, exchange),
  );
  const receiptNo = h('strong', { testid: 'return-no' });
  const corrects = h('p', { class: 'hint', testid: 'return-corrects' });
  const receiptLines = h('ul', { class: 'return-lines' });
  const refunded = h('p', { testid: 'return-refunded' });
  const givenBack = h('p', { class: 'hint' });
  const balance = h('p', { testid: 'return-balance' });
  const again = h('button', { class: 'secondary small', testid: 'return-new', attrs: { type: 'button' } });
  const receipt = h(
    'div',
    { class: 'return-receipt', testid: 'return-receipt' },
    h('p', {}, receiptNo),
    corrects,
    receiptLines,
    refunded,
    givenBack,
    balance,
    h('div', { class: 'actions' }, again),
  );

  const look = () => void findReturnable(order.value);
  find.addEventListener('click', look);
  // A scanner ends with Enter.
  order.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      look();
    }
  });
  refund.addEventListener('change', () => chooseRefund(refund.value as RefundMethod));
  confirm.addEventListener('click', () => void sendReturn());
  exchange.addEventListener('click', () => {
    startExchange();
    // The panel folds away: the sale above is where the exchange goes on.
    if (!returning.order) el.open = false;
  });
  again.addEventListener('click', () => {
    order.value = '';
    newReturn();
    order.focus();
  });

  const drawQuote = (pending: boolean) => {
    quoteBox.hidden = !returning.order || !returning.choices.some((c) => c.qty > 0);
    if (quoteBox.hidden) return;
    const quote = currentQuote();
    const problem = pending ? null : quoteProblem();
    quoteBox.classList.toggle('pending', pending);
    quoteBox.classList.toggle('warn', !!problem);
    setText(
      quoteRefund,
      pending
        ? t.quoteChecking
        : quote
          ? t.quoteRefund(t.refundMethods[quote.method], money(quote.refund))
          : (problem ?? ''),
    );
    quoteCredit.hidden = !quote || quote.givenBack === 0;
    setText(quoteCredit, quote && quote.givenBack > 0 ? t.quoteCredit(money(quote.givenBack)) : '');
  };

  let drawn: unknown = null;
  const drawLines = () => {
    const o = returning.order;
    if (drawn === o) return; // redraw the inputs only for a new order, never under the person's fingers
    drawn = o;
    list.replaceChildren(
      ...(o?.lines ?? []).map((line, i) => {
        const qty = h('input', {
          class: 'qty',
          testid: 'return-qty',
          attrs: {
            type: 'number',
            min: '0',
            max: String(line.returnable),
            step: '1',
            inputmode: 'numeric',
            value: '0',
            'aria-label': t.qtyLabel,
          },
        });
        if (line.returnable === 0) qty.disabled = true;
        qty.addEventListener('change', () => {
          chooseLine(i, { qty: Number(qty.value) });
          qty.value = String(returning.choices[i]?.qty ?? 0);
        });
        const disposition = h(
          'select',
          { testid: 'return-disposition' },
          ...DISPOSITIONS.map((d) => h('option', { text: t.dispositions[d], attrs: { value: d } })),
        );
        disposition.addEventListener('change', () =>
          chooseLine(i, { disposition: disposition.value as Disposition }),
        );
        return h(
          'li',
          { class: 'return-line', testid: 'return-line', attrs: { 'data-sku': line.sku } },
          h('span', { class: 'result-name', text: `${line.name} (${line.sku})` }),
          h('span', {
            class: 'result-meta',
            text: `${t.soldReturned(line.sold, line.returned)} · ${money(line.unitPrice)}`,
          }),
          h('span', { class: 'inline' }, qty, disposition),
        );
      }),
    );
  };

  const el = h(
    'details',
    { class: 'card goods returns', testid: 'returns' },
    summary,
    hint,
    h('label', { class: 'field' }, orderLabel, h('span', { class: 'inline' }, order, find)),
    form,
    receipt,
  );

  return {
    el,
    update(state: AppState) {
      setText(summary, t.returns);
      setText(hint, t.returnHint);
      setText(orderLabel, t.returnOrder);
      setText(find, t.find);
      setText(refundLabel, t.refundBy);
      setText(confirm, t.confirmReturn);
      setText(exchange, t.exchangeInstead);
      setText(again, t.newReturn);
      if (refund.options.length === 0)
        refund.replaceChildren(...REFUNDS.map((m) => h('option', { attrs: { value: m } })));
      for (const option of Array.from(refund.options)) setText(option, t.refundMethods[option.value]);
      refund.value = returning.refund;

      // A receipt scanned into #scan: the panel opens on it, in view.
      if (returning.asked !== null) {
        order.value = returning.asked;
        returning.asked = null;
        el.open = true;
        el.scrollIntoView?.({ block: 'nearest' });
      }
      const o = returning.order;
      form.hidden = !o;
      if (o) setText(heading, t.returnOf(o.orderNo, o.created ? dateTime(o.created) : ''));
      drawLines();
      const busy = state.busy.has('return');
      find.disabled = busy;
      const pending = quotePending();
      confirm.disabled = busy || pending || !returning.choices.some((c) => c.qty > 0);
      // An exchange's credit is the server's quote: no quote in hand (still to come, or refused), no exchange.
      exchange.disabled = confirm.disabled || state.sale.committing || currentQuote() === null;
      drawQuote(pending);

      const r = returning.receipt;
      receipt.hidden = !r;
      if (r) {
        setText(receiptNo, t.returnDone(r.invoiceNo || r.returnId));
        // What it corrects: the invoice the R cites, and the number the customer knows.
        setText(
          corrects,
          t.returnCorrects(r.originalInvoiceNo ? `${r.originalInvoiceNo} (${r.originalNo})` : r.originalNo),
        );
        receiptLines.replaceChildren(
          ...r.lines.map((l) =>
            h(
              'li',
              { class: 'row' },
              h('span', { text: `${-l.qty} × ${l.name}` }),
              h('span', { class: 'num', text: money(l.total) }),
            ),
          ),
        );
        setText(refunded, t.refunded(t.refundMethods[r.refund.method], money(r.refund.amount)));
        setText(
          givenBack,
          r.loyalty && r.loyalty.givenBack > 0 ? t.creditGivenBack(money(r.loyalty.givenBack)) : '',
        );
        givenBack.hidden = !(r.loyalty && r.loyalty.givenBack > 0);
        setText(balance, r.loyalty ? t.creditBalance(money(r.loyalty.balance)) : '');
        balance.hidden = !r.loyalty;
      }
    },
  };
}
