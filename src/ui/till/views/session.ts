/** The open session: its figures, cash in and out of the drawer, and closing the till. */
import { h, setText, show } from '../../shared/dom';
import { clock, money } from '../format';
import { t } from '../i18n';
import { closeTill, moveCash } from '../session-actions';
import type { AppState } from '../state';
import { todayText } from '../today';

export function sessionView() {
  const title = h('h2');
  const summary = h('p', { class: 'hint', testid: 'session-summary' });
  const expectedLabel = h('span');
  const expected = h('span', { class: 'num', testid: 'expected-cash' });
  // Today's takings at this till, over its sessions of the day (the server sums them).
  const todayTitle = h('strong');
  const todaySummary = h('span', { class: 'num', testid: 'today-summary' });
  const todayMethods = h('ul', { class: 'today-methods', testid: 'today-methods' });
  const today = h(
    'div',
    { class: 'today', testid: 'today' },
    h('div', { class: 'row' }, todayTitle, todaySummary),
    todayMethods,
  );

  // Cash in / out: rare, so folded away.
  const movesSummary = h('summary');
  const amount = h('input', { class: 'money', attrs: { inputmode: 'decimal', autocomplete: 'off' } });
  const why = h('input', { attrs: { autocomplete: 'off' } });
  const amountLabel = h('span');
  const whyLabel = h('span');
  const move = async (kind: 'in' | 'out') => {
    if (await moveCash(kind, amount.value, why.value)) {
      amount.value = '';
      why.value = '';
    }
  };
  const cashIn = h('button', { class: 'secondary small', testid: 'cash-in', attrs: { type: 'button' } });
  const cashOut = h('button', { class: 'secondary small', testid: 'cash-out', attrs: { type: 'button' } });
  cashIn.addEventListener('click', () => void move('in'));
  cashOut.addEventListener('click', () => void move('out'));
  const moves = h(
    'details',
    { class: 'moves' },
    movesSummary,
    h('label', { class: 'field' }, amountLabel, amount),
    h('label', { class: 'field' }, whyLabel, why),
    h('div', { class: 'actions' }, cashIn, cashOut),
  );

  // Close: counted cash and the button, always in reach at the end of the day.
  const countedLabel = h('span');
  const counted = h('input', {
    class: 'money',
    testid: 'counted',
    attrs: { inputmode: 'decimal', autocomplete: 'off' },
  });
  const close = h('button', { class: 'secondary', testid: 'close-session', attrs: { type: 'button' } });
  const closeWarning = h('p', { class: 'note warn' });
  const doClose = () => void closeTill(counted.value);
  close.addEventListener('click', doClose);
  counted.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') doClose();
  });
  // Warnings about closing show only once someone starts to close: not all day long.
  counted.addEventListener('input', () =>
    show(closeWarning, counted.value !== '' && closeWarning.textContent !== ''),
  );

  const el = h(
    'section',
    { class: 'card session' },
    title,
    summary,
    h('div', { class: 'row' }, expectedLabel, expected),
    today,
    moves,
    h('label', { class: 'field' }, countedLabel, h('span', { class: 'inline' }, counted, close)),
    closeWarning,
  );

  return {
    el,
    update(state: AppState) {
      const session = state.data?.session;
      if (!session) {
        counted.value = '';
        return;
      }
      setText(title, t.session);
      setText(
        summary,
        t.sessionSummary(clock(session.opened), session.salesCount, money(session.salesTotal)),
      );
      setText(expectedLabel, t.expectedCash);
      setText(expected, money(session.expectedCash));
      const day = state.data?.today;
      setText(todayTitle, t.today);
      const words = day ? todayText(day) : { summary: '', methods: [] };
      setText(todaySummary, words.summary);
      todayMethods.replaceChildren(...words.methods.map((text) => h('li', {}, text)));
      setText(movesSummary, t.cashMoves);
      setText(amountLabel, t.amount);
      setText(whyLabel, t.reason);
      setText(cashIn, t.cashIn);
      setText(cashOut, t.cashOut);
      cashIn.disabled = cashOut.disabled = state.busy.has('cash');
      setText(countedLabel, t.counted);
      setText(close, t.closeTill);
      close.disabled = state.busy.has('close');
      const warning = [
        state.pending > 0 ? t.closeWithQueue(state.pending) : '',
        state.sale.cart.length > 0 ? t.closeWithCart : '',
      ]
        .filter(Boolean)
        .join(' ');
      setText(closeWarning, warning);
      show(closeWarning, warning !== '' && counted.value !== '');
    },
  };
}
