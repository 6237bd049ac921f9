/**
 * The To collect panel (folded): paid click-and-collect web orders waiting at the counter, each
 * with Hand over; below, a tracking number for a shipped web order. The list loads when the panel
 * is opened, and again after each hand-over.
 *
 * Test hooks: [data-testid=collect] (the <details>), [data-testid=collect-order][data-order] with
 * [data-testid=collect-hand-over]; [data-testid=tracking-order], [data-testid=tracking-number],
 * [data-testid=tracking-save].
 */
import { h, setText } from '../../shared/dom';
import { collecting, handOver, loadToCollect, saveTracking } from '../collect';
import { dateTime, moneyIn } from '../format';
import { t } from '../i18n';
import type { AppState } from '../state';

export function collectView() {
  const summary = h('summary');
  const list = h('ul', { class: 'collect-orders' });
  const none = h('p', { class: 'hint' });
  const trackingTitle = h('span');
  const trackingOrderLabel = h('span');
  const trackingOrder = h('input', { testid: 'tracking-order', attrs: { autocomplete: 'off' } });
  const trackingLabel = h('span');
  const tracking = h('input', {
    testid: 'tracking-number',
    attrs: { autocomplete: 'off', spellcheck: 'false' },
  });
  const save = h('button', { class: 'secondary small', testid: 'tracking-save', attrs: { type: 'button' } });
  save.addEventListener('click', async () => {
    if (await saveTracking(trackingOrder.value.trim(), tracking.value.trim())) {
      trackingOrder.value = '';
      tracking.value = '';
    }
  });

  const el = h(
    'details',
    { class: 'card goods collect', testid: 'collect' },
    summary,
    list,
    none,
    h('p', { class: 'hint' }, trackingTitle),
    h('label', { class: 'field' }, trackingOrderLabel, trackingOrder),
    h('label', { class: 'field' }, trackingLabel, h('span', { class: 'inline' }, tracking, save)),
  );
  el.addEventListener('toggle', () => {
    if (el.open) void loadToCollect();
  });

  let drawn: unknown = null;
  return {
    el,
    update(state: AppState) {
      setText(summary, t.toCollect);
      setText(none, t.toCollectNone);
      setText(trackingTitle, t.tracking);
      setText(trackingOrderLabel, t.trackingOrder);
      setText(trackingLabel, t.tracking);
      setText(save, t.setTracking);
      const busy = state.busy.has('collect');
      save.disabled = busy;
      none.hidden = collecting.list === null || collecting.list.length > 0;
      if (drawn !== collecting.list) {
        drawn = collecting.list;
        list.replaceChildren(
          ...(collecting.list ?? []).map((o) =>
            h(
              'li',
              { class: 'collect-order', testid: 'collect-order', attrs: { 'data-order': o.orderNo } },
              h('span', {
                class: 'result-name',
                text: `${o.orderNo} · ${moneyIn(o.total, o.currency, o.exponent)}`,
              }),
              h('span', {
                class: 'result-meta',
                text: `${o.shop}${o.created ? ` · ${dateTime(o.created)}` : ''}`,
              }),
              h('button', {
                class: 'primary small',
                testid: 'collect-hand-over',
                text: t.handOver,
                attrs: { type: 'button' },
                on: { click: () => void handOver(o.orderId) },
              }),
            ),
          ),
        );
      }
      for (const b of Array.from(list.querySelectorAll('button'))) (b as HTMLButtonElement).disabled = busy;
    },
  };
}
