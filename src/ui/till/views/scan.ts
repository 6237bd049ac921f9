/**
 * #scan: the field the keyboard always comes back to. A USB scanner types digits and Enter;
 * letters open a live search (↑ ↓ to choose, Enter or a click to add).
 */
import type { TillProduct } from '../../../app/till/api-types';
import { h, show } from '../../shared/dom';
import { money } from '../format';
import { t } from '../i18n';
import { looksLikeBarcode } from '../lookup';
import { addToCart, cancelEntry, scanEnter } from '../sale-actions';
import { type AppState, state } from '../state';

export function scanView() {
  const input = h('input', {
    class: 'scan',
    attrs: { id: 'scan', autocomplete: 'off', spellcheck: 'false', enterkeyhint: 'enter', role: 'combobox' },
  });
  const list = h('ul', {
    class: 'results',
    testid: 'search-results',
    attrs: { role: 'listbox', id: 'scan-results' },
  });
  input.setAttribute('aria-controls', 'scan-results');
  let results: TillProduct[] = [];
  let active = 0;

  const draw = () => {
    list.replaceChildren(
      ...results.map((product, i) => {
        const item = h(
          'li',
          {
            class: i === active ? 'result active' : 'result',
            attrs: { role: 'option', 'aria-selected': String(i === active), 'data-sku': product.sku },
            on: {
              // mousedown, not click: the field keeps focus and the list does not vanish first.
              mousedown: (event) => {
                event.preventDefault();
                pick(product);
              },
            },
          },
          h('span', { class: 'result-name', text: product.name }),
          h('span', {
            class: product.available > 0 ? 'result-meta' : 'result-meta out',
            text: `${product.sku} · ${money(product.price)} · ${t.inStock(product.available)}`,
          }),
        );
        return item;
      }),
    );
    show(list, results.length > 0);
    input.setAttribute('aria-expanded', String(results.length > 0));
  };

  const reset = () => {
    input.value = '';
    results = [];
    active = 0;
    draw();
  };

  const pick = (product: TillProduct) => {
    if (addToCart(product)) reset();
  };

  input.addEventListener('input', () => {
    const text = input.value.trim();
    // Digits are a barcode on its way from the scanner: no list flickering under it.
    results = text && !looksLikeBarcode(text) ? state.index.search(text, 8) : [];
    active = 0;
    draw();
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (results.length === 0) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + results.length) % results.length;
      draw();
      list.children[active]?.scrollIntoView({ block: 'nearest' });
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (scanEnter(input.value, results[active] ?? null)) reset();
    } else if (event.key === 'Escape') {
      if (input.value) reset();
      else if (state.sale.entry) cancelEntry();
    }
  });

  const el = h('div', { class: 'scan-area' }, input, list);
  draw();

  return {
    el,
    input,
    update(_state: AppState) {
      input.placeholder = t.scanPlaceholder;
      input.setAttribute('aria-label', t.scanPlaceholder);
    },
  };
}
