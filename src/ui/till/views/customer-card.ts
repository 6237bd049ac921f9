/**
 * Under the chosen customer: the store credit, the purchases in both channels (channel, date,
 * total; loaded when asked, so choosing a customer costs no extra call) and merging a duplicate.
 */
import { h, setText, show } from '../../shared/dom';
import { forgetCard, loadCard, mergeIntoChosen, shownCard } from '../customer-card';
import { dateTime, money } from '../format';
import { t } from '../i18n';
import type { AppState } from '../state';
import { chooseShop, sendWebCode, sentCode, shopChoice } from '../web-code';

export function customerCardView() {
  const balanceLabel = h('span');
  const balance = h('strong', { testid: 'customer-balance' });
  const historyButton = h('button', {
    class: 'link',
    testid: 'customer-history',
    attrs: { type: 'button' },
  });
  const history = h('ul', { class: 'results history', testid: 'customer-history-list' });
  const more = h('p', { class: 'hint' });
  const mergeButton = h('button', { class: 'link', testid: 'customer-merge', attrs: { type: 'button' } });
  const mergeInput = h('input', { testid: 'customer-merge-from', attrs: { autocomplete: 'off' } });
  const mergeSave = h('button', { class: 'secondary small', attrs: { type: 'submit' } });
  const mergeForm = h('form', { class: 'merge', testid: 'customer-merge-form' }, mergeInput, mergeSave);
  // Store credit sent to the web shop as a single-use code, shown to tell the customer.
  const webCodeButton = h('button', {
    class: 'link',
    testid: 'customer-web-code',
    attrs: { type: 'button' },
  });
  const webCode = h('strong', { class: 'web-code', testid: 'customer-web-code-sent' });
  // Several web shops: which one the code is for (names only), then the button sends.
  const shopSelect = h('select', { testid: 'customer-web-code-shop' });
  const shopLabel = h('span');
  const shopRow = h('label', { class: 'inline', testid: 'customer-web-code-choice' }, shopLabel, shopSelect);
  let drawnShops = '';
  shopSelect.addEventListener('change', () => chooseShop(shopSelect.value));
  webCodeButton.addEventListener('click', () => void sendWebCode());
  let drawnFor = '';
  let open = false;

  historyButton.addEventListener('click', () => {
    open = !open;
    const id = drawnFor;
    if (open && id) void loadCard(id);
    else show(history, false);
  });
  mergeButton.addEventListener('click', () => {
    show(mergeForm, mergeForm.hidden);
    mergeInput.focus();
  });
  mergeForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (await mergeIntoChosen(mergeInput.value)) {
      mergeInput.value = '';
      show(mergeForm, false);
    }
  });

  const el = h(
    'div',
    { class: 'customer-card', testid: 'customer-card' },
    h('div', { class: 'row' }, balanceLabel, balance),
    h('div', { class: 'inline' }, historyButton, mergeButton, webCodeButton),
    shopRow,
    webCode,
    history,
    more,
    mergeForm,
  );
  show(mergeForm, false);
  show(history, false);
  show(more, false);

  return {
    el,
    update(state: AppState) {
      const c = state.sale.customer;
      show(el, c !== null);
      if (!c) {
        drawnFor = '';
        open = false;
        forgetCard();
        return;
      }
      if (drawnFor !== c.customerId) {
        drawnFor = c.customerId;
        open = false;
        forgetCard();
      }
      setText(balanceLabel, `${t.storeCredit}: `);
      setText(balance, money(shownCard?.customerId === c.customerId ? shownCard.balance : (c.balance ?? 0)));
      setText(historyButton, t.showHistory);
      setText(mergeButton, t.mergeDuplicate);
      mergeInput.placeholder = t.mergeFrom;
      setText(mergeSave, t.mergeNow);
      mergeSave.disabled = state.busy.has('customer');
      setText(webCodeButton, t.sendWebCode);
      const balanceNow = shownCard?.customerId === c.customerId ? shownCard.balance : (c.balance ?? 0);
      webCodeButton.disabled = state.busy.has('customer') || balanceNow <= 0;
      const choice = shopChoice?.customerId === c.customerId ? shopChoice : null;
      show(shopRow, choice !== null);
      setText(shopLabel, `${t.webCodeShop}: `);
      if (choice) {
        if (drawnShops !== choice.shops.join('\n')) {
          drawnShops = choice.shops.join('\n');
          shopSelect.replaceChildren(
            ...choice.shops.map((name) => h('option', { text: name, attrs: { value: name } })),
          );
        }
        shopSelect.value = choice.chosen;
        shopSelect.disabled = state.busy.has('customer');
      }
      const sent = sentCode?.customerId === c.customerId ? sentCode : null;
      show(webCode, sent !== null);
      setText(webCode, sent ? t.webCodeShown(sent.code, money(sent.amount)) : '');
      const card = open && shownCard?.customerId === c.customerId ? shownCard : null;
      show(history, card !== null);
      show(more, card !== null && (card.history.length === 0 || card.ordersCount > card.history.length));
      if (card) {
        history.replaceChildren(
          ...card.history.map((o) =>
            h(
              'li',
              { class: 'result' },
              h('span', {
                class: 'result-name',
                text: `${t.channel[o.channel] ?? o.channel} · ${o.orderNo || o.orderId}${o.type === 'return' ? ` · ${t.returned}` : ''}`,
              }),
              h('span', { class: 'result-meta', text: `${dateTime(o.created)} · ${money(o.total)}` }),
            ),
          ),
        );
        setText(
          more,
          card.history.length === 0 ? t.noHistory : t.historyMore(card.history.length, card.ordersCount),
        );
      }
    },
  };
}
