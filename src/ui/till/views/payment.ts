/**
 * Taking payment: Cash or Card, split payments, the change, the "Sell anyway?" question and
 * the Complete sale button, which is enabled only when the payments equal the total exactly.
 */
import type { RefundMethod } from '../../../app/returns/return-api-types';
import type { PaymentDraft } from '../../../app/till/api-types';
import { h, setText, setValue, show } from '../../shared/dom';
import { chooseExchangeRefund } from '../exchange-actions';
import { money } from '../format';
import { t } from '../i18n';
import type { SaleFigures } from '../sale';
import * as actions from '../sale-actions';
import type { AppState } from '../state';

function paymentItem(payment: PaymentDraft, index: number): HTMLElement {
  const handed = payment.tendered !== undefined && payment.tendered !== payment.amount;
  return h(
    'li',
    { class: 'row payment' },
    h(
      'span',
      {},
      t.method[payment.method],
      handed ? h('span', { class: 'hint', text: ` · ${t.handedOver(money(payment.tendered ?? 0))}` }) : null,
    ),
    h(
      'span',
      { class: 'num' },
      money(payment.amount),
      h('button', {
        class: 'icon',
        text: '×',
        attrs: { type: 'button', title: t.removePayment, 'aria-label': t.removePayment },
        on: { click: () => actions.dropPayment(index) },
      }),
    ),
  );
}

const REFUNDS: RefundMethod[] = ['cash', 'card', 'credit'];

export function paymentView() {
  const cash = h('button', {
    class: 'pay',
    testid: 'pay-cash',
    attrs: { type: 'button' },
    on: { click: () => actions.startPayment('cash') },
  });
  const card = h('button', {
    class: 'pay',
    testid: 'pay-card',
    attrs: { type: 'button' },
    on: { click: () => actions.startPayment('card') },
  });

  // Store credit: shown when the sale's customer holds some.
  const creditPay = h('button', {
    class: 'pay',
    testid: 'pay-credit',
    attrs: { type: 'button' },
    on: { click: () => actions.startPayment('credit') },
  });

  // The payment being entered. One field: cash handed over, or the card amount.
  const entryLabel = h('span');
  const entryInput = h('input', {
    class: 'money',
    attrs: { inputmode: 'decimal', autocomplete: 'off' },
    on: {
      input: () => actions.typeEntry(entryInput.value),
      keydown: (event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          actions.confirmEntry();
        } else if (event.key === 'Escape') {
          actions.cancelEntry();
        }
      },
    },
  });
  const add = h('button', {
    class: 'primary small',
    testid: 'add-payment',
    attrs: { type: 'button' },
    on: { click: () => actions.confirmEntry() },
  });
  const cancel = h('button', {
    class: 'icon',
    text: '×',
    attrs: { type: 'button' },
    on: { click: () => actions.cancelEntry() },
  });
  const entry = h(
    'div',
    { class: 'entry' },
    h('label', { class: 'field' }, entryLabel, h('span', { class: 'inline' }, entryInput, add, cancel)),
  );

  const list = h('ul', { class: 'payments' });
  const dueLabel = h('span');
  const due = h('span', { class: 'num', testid: 'due' });
  const dueRow = h('div', { class: 'row due' }, dueLabel, due);
  // An exchange: the returned goods' value off the total, and what to give back when it is more.
  const creditLabel = h('span');
  const credit = h('span', { class: 'num', testid: 'exchange-credit' });
  const creditRow = h('div', { class: 'row' }, creditLabel, credit);
  const giveBackLabel = h('span');
  const giveBack = h('span', { class: 'num', testid: 'give-back' });
  const refundLabel = h('span');
  const refund = h('select', {
    testid: 'exchange-refund',
    on: { change: () => chooseExchangeRefund(refund.value as RefundMethod) },
  });
  const giveBackArea = h(
    'div',
    { class: 'give-back' },
    h('div', { class: 'row due' }, giveBackLabel, giveBack),
    h('label', { class: 'field' }, refundLabel, refund),
  );
  const changeLabel = h('span');
  const change = h('span', { class: 'num', testid: 'change' });
  const changeRow = h('div', { class: 'row change' }, changeLabel, change);

  // Stock short under the 'warn' policy: staff confirm, and the same sale is sent again.
  const oversellTitle = h('strong');
  const shortages = h('ul', { class: 'shortages' });
  const oversellQuestion = h('p');
  const sellAnyway = h('button', {
    class: 'danger small',
    testid: 'confirm-oversell',
    attrs: { type: 'button' },
    on: { click: () => void actions.completeSale(true) },
  });
  const keepCart = h('button', {
    class: 'link',
    attrs: { type: 'button' },
    on: { click: () => actions.cancelOversell() },
  });
  const oversell = h(
    'div',
    { class: 'oversell', testid: 'oversell', attrs: { role: 'alertdialog' } },
    oversellTitle,
    shortages,
    oversellQuestion,
    h('div', { class: 'actions' }, sellAnyway, keepCart),
  );

  const commit = h('button', {
    class: 'primary commit',
    testid: 'commit',
    attrs: { type: 'button' },
    on: { click: () => void actions.completeSale() },
  });

  const el = h(
    'div',
    { class: 'payment-area' },
    h('div', { class: 'pay-buttons' }, cash, card, creditPay),
    creditRow,
    giveBackArea,
    entry,
    list,
    dueRow,
    changeRow,
    oversell,
    commit,
  );
  let drawnPayments: unknown = null;

  return {
    el,
    entryInput,
    commit,
    update(state: AppState, figures: SaleFigures) {
      const sale = state.sale;
      const canPay = sale.cart.length > 0 && !figures.blocked && figures.due > 0 && !sale.committing;
      setText(cash, t.method.cash);
      setText(card, t.method.card);
      cash.disabled = card.disabled = creditPay.disabled = !canPay;
      const balance = sale.customer?.balance ?? 0;
      // An exchange's difference is paid in cash or by card only.
      show(creditPay, balance > 0 && !sale.exchange);
      setText(creditPay, `${t.method.credit} (${money(balance)})`);
      creditPay.classList.toggle('chosen', sale.entry?.method === 'credit');
      cash.classList.toggle('chosen', sale.entry?.method === 'cash');
      card.classList.toggle('chosen', sale.entry?.method === 'card');

      show(entry, sale.entry !== null);
      if (sale.entry) {
        const m = sale.entry.method;
        entryInput.dataset.testid =
          m === 'cash' ? 'tendered' : m === 'card' ? 'card-amount' : 'credit-amount';
        setText(entryLabel, m === 'cash' ? t.tendered : `${t.method[m]} · ${t.amount}`);
        setValue(entryInput, sale.entry.text);
        entryInput.setAttribute('aria-invalid', String(figures.entryAmount === null));
      }
      setText(add, t.addPayment);
      cancel.title = t.cancel;

      if (drawnPayments !== sale.payments) {
        drawnPayments = sale.payments;
        list.replaceChildren(...sale.payments.map(paymentItem));
      }
      // Overpaid (an item was removed after paying): say by how much, so a payment gets removed.
      setText(dueLabel, figures.due < 0 ? t.overpaid(money(-figures.due)) : t.toPay);
      setText(due, figures.due < 0 ? '' : money(figures.due));
      // In an exchange what is left to pay is the point: shown from the start.
      show(
        dueRow,
        (sale.payments.length > 0 || (!!sale.exchange && figures.giveBack === 0)) && figures.total !== null,
      );

      show(creditRow, !!sale.exchange);
      setText(creditLabel, t.exchangeCredit);
      setText(credit, money(-figures.credit));
      show(giveBackArea, !!sale.exchange && figures.giveBack > 0 && figures.total !== null);
      if (sale.exchange) {
        setText(giveBackLabel, t.toGiveBack);
        setText(giveBack, money(figures.giveBack));
        setText(refundLabel, t.giveBackBy);
        if (refund.options.length === 0)
          refund.replaceChildren(...REFUNDS.map((m) => h('option', { attrs: { value: m } })));
        for (const option of Array.from(refund.options)) setText(option, t.refundMethods[option.value]);
        refund.value = sale.exchange.refund;
        refund.disabled = sale.committing;
      }
      dueRow.classList.toggle('over', figures.due < 0);

      const cashInvolved = sale.entry?.method === 'cash' || sale.payments.some((p) => p.method === 'cash');
      setText(changeLabel, t.change);
      setText(change, money(figures.change));
      // Shown only when there is change to give: "Change €0.00" for exact cash is noise.
      show(changeRow, cashInvolved && figures.change > 0);
      changeRow.classList.toggle('some', figures.change > 0);

      show(oversell, sale.oversell !== null);
      if (sale.oversell) {
        setText(oversellTitle, t.oversellTitle);
        shortages.replaceChildren(
          ...(sale.oversell.shortages ?? []).map((s) =>
            h('li', { text: t.shortage(state.index.sku(s.sku)?.name ?? s.sku, s.requested, s.available) }),
          ),
        );
        setText(oversellQuestion, `${sale.oversell.message} ${t.sellAnyway}`);
        setText(sellAnyway, t.sellAnywayButton);
        setText(keepCart, t.cancel);
      }

      setText(commit, sale.committing ? t.sending : sale.exchange ? t.completeExchange : t.complete);
      // While "Sell anyway?" is asked, the answer is one of its two buttons.
      commit.disabled = !figures.canComplete || sale.oversell !== null;
      commit.setAttribute('aria-busy', String(sale.committing));
      show(el, sale.cart.length > 0);
    },
  };
}
