/**
 * The top bar: which till this is (editable), when the stock was last read, when the web shops'
 * orders were last checked (only when a shop is connected), and sales waiting to be sent.
 */
import { h, setText, setValue, show } from '../../shared/dom';
import { clock } from '../format';
import { t } from '../i18n';
import { type AppState, focusNext, state } from '../state';
import { changeTill } from '../till-data';

export function headerView() {
  const till = h('input', {
    class: 'till-name',
    testid: 'till-name',
    attrs: { 'aria-label': 'Till', autocomplete: 'off', spellcheck: 'false' },
  });
  // Enter or leaving the field switches till; Escape puts the name back.
  till.addEventListener('change', () => {
    if (!changeTill(till.value)) till.value = state.till;
  });
  till.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') till.value = state.till;
    if (event.key === 'Enter' || event.key === 'Escape') focusNext('scan');
  });
  const refreshed = h('span', { class: 'refreshed', testid: 'refreshed', attrs: { role: 'status' } });
  const web = h('span', { class: 'refreshed web-checked', testid: 'web-checked' });
  const freshness = h('div', { class: 'freshness' }, refreshed, web);
  const pending = h('div', { class: 'pending', testid: 'pending', attrs: { role: 'status' } });
  const el = h('header', { class: 'bar' }, h('div', { class: 'bar-row' }, till, freshness), pending);

  return {
    el,
    update(state: AppState) {
      setValue(till, state.till);
      till.title = t.tillNameHint;
      till.setAttribute('aria-label', t.tillName);
      setText(
        refreshed,
        state.refreshFailed ? t.refreshFailed : state.refreshedAt ? t.updated(clock(state.refreshedAt)) : '',
      );
      refreshed.classList.toggle('stale', state.refreshFailed);
      if (state.refreshedAt) refreshed.title = t.updated(clock(state.refreshedAt));
      updateWeb(web, state);
      setText(pending, t.pending(state.pending));
      show(pending, state.pending > 0);
    },
  };
}

function updateWeb(web: HTMLElement, state: AppState): void {
  const check = state.web;
  show(web, check !== null);
  if (!check) return;
  const failed = check.error !== null || check.unanswered;
  setText(
    web,
    check.error !== null
      ? t.webCheckFailed
      : check.checkedAt
        ? t.webChecked(clock(check.checkedAt))
        : t.webNotChecked,
  );
  web.classList.toggle('stale', failed);
  web.title = check.error ?? (check.checkedAt ? t.webChecked(clock(check.checkedAt)) : t.webNotChecked);
}
