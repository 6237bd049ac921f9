/** The till is closed: count the float and open it. A sale needs an open session. */
import { h, setText } from '../../shared/dom';
import { t } from '../i18n';
import { openTill } from '../session-actions';
import type { AppState } from '../state';

export function closedView() {
  const title = h('h2');
  const hint = h('p', { class: 'hint' });
  const label = h('span');
  const float = h('input', {
    testid: 'float',
    class: 'money',
    attrs: { inputmode: 'decimal', autocomplete: 'off', placeholder: '0,00' },
  });
  const open = h('button', {
    class: 'primary',
    testid: 'open-session',
    attrs: { type: 'button' },
    on: { click: () => void openTill(float.value) },
  });
  float.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') void openTill(float.value);
  });
  const el = h(
    'section',
    { class: 'card closed' },
    title,
    hint,
    h('label', { class: 'field' }, label, float),
    open,
  );

  return {
    el,
    float,
    update(state: AppState) {
      setText(title, t.closedTitle);
      setText(hint, t.closedHint);
      setText(label, t.float);
      setText(open, t.openTill);
      open.disabled = state.busy.has('open');
      if (state.data?.session) float.value = '';
    },
  };
}
