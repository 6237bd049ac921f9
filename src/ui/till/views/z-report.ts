/** The Z report shown when the till is closed: expected against counted cash, and the day's sales. */
import type { ZReport } from '../../../app/till/api-types';
import { h, show } from '../../shared/dom';
import { dateTime, money } from '../format';
import { t } from '../i18n';
import { closeZReport } from '../session-actions';
import type { AppState } from '../state';
import { printOnly } from './print';

function row(label: string, value: string, className = 'row'): HTMLElement {
  return h('div', { class: className }, h('span', { text: label }), h('span', { class: 'num', text: value }));
}

function signed(minor: number): string {
  return minor > 0 ? `+${money(minor)}` : money(minor);
}

function body(z: ZReport): HTMLElement[] {
  const all: (HTMLElement | null)[] = [
    h('div', { class: 'receipt-head' }, h('strong', { text: t.zReport }), h('span', { text: z.till })),
    row(t.opened, dateTime(z.opened), 'row small'),
    row(t.closed, dateTime(z.closed), 'row small'),
    h(
      'div',
      { class: 'group' },
      row(t.openingFloat, money(z.openingFloat)),
      row(t.cashIn, money(z.cashIn)),
      row(t.cashOut, money(-z.cashOut)),
      row(t.expected, money(z.expectedCash)),
      row(t.countedCash, money(z.countedCash)),
      row(t.difference, signed(z.difference), z.difference === 0 ? 'row grand' : 'row grand off-balance'),
    ),
    h('div', { class: 'section-label', text: t.byMethod }),
    h(
      'div',
      { class: 'group' },
      ...z.byMethod.flatMap((m) => [
        row(`${t.method[m.method]} (${m.count})`, money(m.amount)),
        // The amount is net of refunds (as the drawer is): say what was paid back.
        m.refunded > 0 ? row(t.zRefunded(money(m.refunded)), money(-m.refunded), 'row small') : null,
      ]),
    ),
    h(
      'div',
      { class: 'group' },
      row(t.sales, String(z.salesCount)),
      z.returnsCount > 0 ? row(t.zReturns, String(z.returnsCount)) : null,
      row(t.salesTotal, money(z.salesTotal), 'row grand'),
    ),
  ];
  return all.filter((el): el is HTMLElement => el !== null);
}

export function zReportView() {
  const content = h('div');
  const print = h('button', { class: 'secondary', attrs: { type: 'button' } });
  const done = h('button', {
    class: 'primary',
    testid: 'z-done',
    attrs: { type: 'button' },
    on: { click: closeZReport },
  });
  const el = h(
    'section',
    { class: 'card z-report', testid: 'z-report' },
    content,
    h('div', { class: 'actions no-print' }, print, done),
  );
  print.addEventListener('click', () => printOnly(el));
  let drawn: ZReport | null = null;

  return {
    el,
    update(state: AppState) {
      show(el, state.zReport !== null);
      if (state.zReport && state.zReport !== drawn) {
        drawn = state.zReport;
        content.replaceChildren(...body(state.zReport));
      }
      print.textContent = t.print;
      done.textContent = t.done;
    },
  };
}
