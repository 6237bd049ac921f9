/** The one message area: what went wrong or what just happened, in words for the counter. */
import { h, keepIdsWhole } from '../../shared/dom';
import { t } from '../i18n';
import { type AppState, dismiss, type Message } from '../state';

export function messagesView() {
  const el = h('div', { class: 'messages', testid: 'message', attrs: { 'aria-live': 'polite' } });
  let shown: Message[] = [];

  return {
    el,
    update(state: AppState) {
      if (state.messages === shown) return;
      shown = state.messages;
      el.replaceChildren(
        ...shown.map((message) =>
          h(
            'div',
            {
              class: `message ${message.kind}`,
              attrs: { role: message.kind === 'error' ? 'alert' : 'status' },
            },
            h('span', {}, ...keepIdsWhole(message.text)),
            // The × is drawn by CSS, so the area's text is the messages alone.
            h('button', {
              class: 'icon dismiss',
              attrs: { type: 'button', 'aria-label': t.dismiss, title: t.dismiss },
              on: { click: () => dismiss(message.id) },
            }),
          ),
        ),
      );
      el.hidden = shown.length === 0;
    },
  };
}
