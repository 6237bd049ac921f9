/**
 * The exchange on the sale (above the cart): the order the goods came back from, each returned
 * line with its value taken off, and Cancel exchange. The cart below holds what the customer takes.
 *
 * Test hooks: [data-testid=exchange] with [data-testid=exchange-line][data-sku] (each line's value
 * as the server quoted it), [data-testid=exchange-credit-back] (store credit spent on the original,
 * going back to the balance), and [data-testid=exchange-cancel].
 */
import { h, setText, show } from '../../shared/dom';
import { cancelExchange } from '../exchange-actions';
import { money, productName } from '../format';
import { t } from '../i18n';
import type { AppState } from '../state';

export function exchangeView() {
  const title = h('strong');
  const hint = h('p', { class: 'hint' });
  const lines = h('ul', { class: 'return-lines' });
  const cancel = h('button', {
    class: 'link',
    testid: 'exchange-cancel',
    attrs: { type: 'button' },
    on: { click: () => cancelExchange() },
  });
  const el = h('div', { class: 'exchange', testid: 'exchange' }, title, lines, hint, cancel);
  let drawn: unknown = null;

  return {
    el,
    update(state: AppState) {
      const x = state.sale.exchange;
      show(el, x !== null);
      if (!x) return;
      setText(title, t.exchangeTitle(x.orderNo));
      setText(hint, t.exchangeHint);
      setText(cancel, t.exchangeCancel);
      cancel.disabled = state.sale.committing;
      if (drawn === x.lines) return;
      drawn = x.lines;
      lines.replaceChildren(
        ...x.lines.map((l) =>
          h(
            'li',
            { class: 'row', testid: 'exchange-line', attrs: { 'data-sku': l.sku } },
            h('span', { text: `${l.qty} × ${productName(l.name)}` }),
            h('span', { class: 'num', text: money(-l.value) }),
          ),
        ),
        // Credit spent on the original goes back to the customer's balance, not to this sale.
        ...(x.givenBack
          ? [
              h(
                'li',
                { class: 'row hint', testid: 'exchange-credit-back' },
                h('span', { text: t.exchangeCreditBack }),
                h('span', { class: 'num', text: money(x.givenBack) }),
              ),
            ]
          : []),
      );
    },
  };
}
