/** Net, VAT (a row per rate when there are several) and the big total, from core pricing. */
import { h, setText, show } from '../../shared/dom';
import { money, rate } from '../format';
import { t } from '../i18n';
import type { SaleFigures } from '../sale';
import type { AppState } from '../state';

function row(label: string, value: string, className = 'row'): HTMLElement {
  return h('div', { class: className }, h('span', { text: label }), h('span', { class: 'num', text: value }));
}

export function totalsView() {
  const details = h('div', { class: 'details' });
  const totalLabel = h('span', { class: 'total-label' });
  const total = h('span', { class: 'total num', testid: 'total' });
  const problem = h('p', { class: 'problem', attrs: { role: 'alert' } });
  const el = h(
    'div',
    { class: 'totals' },
    details,
    h('div', { class: 'row grand' }, totalLabel, total),
    problem,
  );
  let drawn = '';

  return {
    el,
    update(state: AppState, figures: SaleFigures) {
      const priced = figures.price.priced;
      setText(totalLabel, t.total);
      setText(total, priced ? money(priced.total) : '—');
      const message =
        figures.price.error ?? (figures.blocked && state.sale.cart.length > 0 ? t.fixLines : '');
      setText(problem, message);
      show(problem, message !== '');
      const rows = priced
        ? [
            [t.net, money(priced.net)],
            // One VAT row per rate: a mixed basket (10 % tea, 21 % mugs) shows both.
            ...priced.breakdown.map((r) => [t.vatAt(rate(r.rate)), money(r.vat)]),
          ]
        : [];
      const key = JSON.stringify(rows);
      if (key !== drawn) {
        drawn = key;
        details.replaceChildren(...rows.map(([label, value]) => row(label, value)));
      }
      show(el, state.sale.cart.length > 0);
    },
  };
}
