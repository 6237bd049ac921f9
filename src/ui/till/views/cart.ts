/**
 * The cart's lines, drawn in place: a row per SKU is made once and then only updated, so a
 * quantity or discount being typed keeps its caret while totals change around it.
 */
import { h, setText, setValue, show } from '../../shared/dom';
import type { CartLine } from '../cart';
import { money, productName } from '../format';
import { t } from '../i18n';
import type { SaleFigures } from '../sale';
import * as actions from '../sale-actions';
import { type AppState, focusNext } from '../state';

interface Row {
  el: HTMLLIElement;
  update(line: CartLine, index: number, state: AppState, figures: SaleFigures): void;
}

function toScanOnEnter(event: KeyboardEvent): void {
  if (event.key === 'Enter') {
    event.preventDefault();
    focusNext('scan');
  }
}

function lineRow(sku: string): Row {
  const name = h('span', { class: 'line-name' });
  const total = h('span', { class: 'line-total', testid: 'line-total' });
  const less = h('button', {
    class: 'step',
    text: '−',
    attrs: { type: 'button', tabindex: '-1' },
    on: { click: () => actions.stepQty(sku, -1) },
  });
  const qty = h('input', {
    class: 'qty',
    testid: 'qty',
    attrs: { type: 'number', min: '1', step: '1', inputmode: 'numeric' },
    on: {
      input: () => actions.typeQty(sku, qty.value),
      change: () => actions.leaveQty(sku),
      keydown: toScanOnEnter,
    },
  });
  const more = h('button', {
    class: 'step',
    text: '+',
    attrs: { type: 'button', tabindex: '-1' },
    on: { click: () => actions.stepQty(sku, 1) },
  });
  const unit = h('span', { class: 'unit' });
  const discount = h('input', {
    class: 'discount',
    testid: 'discount',
    attrs: { autocomplete: 'off', inputmode: 'decimal' },
    on: { input: () => actions.typeDiscount(sku, discount.value), keydown: toScanOnEnter },
  });
  const remove = h('button', {
    class: 'icon remove',
    text: '×',
    attrs: { type: 'button' },
    on: { click: () => actions.removeLine(sku) },
  });
  const stock = h('span', { class: 'stock' });
  const off = h('span', { class: 'off' });
  const error = h('div', { class: 'line-error', attrs: { role: 'alert' } });
  const el = h(
    'li',
    { class: 'line', testid: 'cart-line', attrs: { 'data-sku': sku } },
    h('div', { class: 'line-top' }, name, total),
    h('div', { class: 'line-controls' }, less, qty, more, unit, discount, remove),
    h('div', { class: 'line-notes' }, stock, off),
    error,
  );

  return {
    el,
    update(line, index, state, figures) {
      const product = state.index.sku(line.sku);
      const priced = figures.price.priced?.lines[index];
      setText(name, productName(line.name));
      name.title = `${line.name} · ${line.sku}`;
      setText(total, priced ? money(priced.total) : '—');
      setValue(qty, line.qtyText);
      qty.setAttribute('aria-label', `${t.qtyLabel}: ${line.name}`);
      less.disabled = line.qty <= 1;
      less.title = t.less;
      more.title = t.more;
      setText(unit, `× ${money(line.unitPrice)}`);
      setValue(discount, line.discountText);
      discount.placeholder = t.discountPlaceholder;
      discount.title = t.discountHint;
      remove.title = t.remove;
      remove.setAttribute('aria-label', `${t.remove}: ${line.name}`);

      const available = product?.available;
      const short = available !== undefined && line.qty > available;
      setText(stock, available === undefined ? '' : short ? t.shortStock(available) : t.inStock(available));
      stock.classList.toggle('short', short);
      stock.classList.toggle('low', !short && !!product?.low);
      setText(off, priced && priced.discount !== 0 ? `−${money(priced.discount)}` : '');

      const qtyProblem = figures.qtyProblems.get(line.sku);
      const problem = qtyProblem ? t.qtyProblem[qtyProblem] : (figures.price.lineErrors.get(line.sku) ?? '');
      setText(error, problem);
      show(error, problem !== '');
      el.classList.toggle('has-error', problem !== '');
      el.classList.toggle('short', short);
      qty.setAttribute('aria-invalid', String(!!qtyProblem));
      discount.setAttribute('aria-invalid', String(figures.price.lineErrors.has(line.sku)));
    },
  };
}

export function cartView() {
  const list = h('ul', { class: 'cart', attrs: { 'aria-live': 'off' } });
  const empty = h('p', { class: 'empty hint' });
  const clear = h('button', { class: 'link clear', attrs: { type: 'button' } });
  let confirmClear = false;
  clear.addEventListener('click', () => {
    // Two clicks: a whole sale is too much to lose to one slip of the mouse.
    if (!confirmClear) {
      confirmClear = true;
      setText(clear, t.clearSaleConfirm);
      return;
    }
    confirmClear = false;
    actions.clearSale();
  });
  clear.addEventListener('blur', () => {
    confirmClear = false;
    setText(clear, t.clearSale);
  });
  const rows = new Map<string, Row>();
  const el = h('div', { class: 'cart-area' }, empty, list, clear);

  return {
    el,
    update(state: AppState, figures: SaleFigures) {
      const cart = state.sale.cart;
      setText(empty, t.emptyCart);
      show(empty, cart.length === 0);
      show(clear, cart.length > 0);
      if (!confirmClear) setText(clear, t.clearSale);
      const keep = new Set(cart.map((line) => line.sku));
      for (const [sku, row] of rows) {
        if (!keep.has(sku)) {
          row.el.remove();
          rows.delete(sku);
        }
      }
      cart.forEach((line, index) => {
        let row = rows.get(line.sku);
        if (!row) {
          row = lineRow(line.sku);
          rows.set(line.sku, row);
        }
        if (list.children[index] !== row.el) list.insertBefore(row.el, list.children[index] ?? null);
        row.update(line, index, state, figures);
      });
    },
  };
}
