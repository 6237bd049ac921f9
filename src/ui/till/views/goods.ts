/** "Receive goods": a small folded panel to book stock that arrived, at the till's location by default. */
import { h, setText, setValue } from '../../shared/dom';
import { addGoods, type GoodsLine, receiveGoods } from '../goods';
import { t } from '../i18n';
import type { AppState } from '../state';

export function goodsView() {
  let lines: GoodsLine[] = [];
  const summary = h('summary');
  const hint = h('p', { class: 'hint' });
  const locationLabel = h('span');
  const location = h('input', { testid: 'goods-location', attrs: { autocomplete: 'off' } });
  const code = h('input', { testid: 'goods-code', attrs: { autocomplete: 'off', spellcheck: 'false' } });
  const qty = h('input', {
    class: 'qty',
    testid: 'goods-qty',
    attrs: { type: 'number', min: '1', step: '1', inputmode: 'numeric', value: '1' },
  });
  const add = h('button', { class: 'secondary small', attrs: { type: 'button' } });
  const list = h('ul', { class: 'goods-lines' });
  const receive = h('button', { class: 'primary small', testid: 'goods-receive', attrs: { type: 'button' } });

  const draw = () => {
    list.replaceChildren(
      ...lines.map((line) =>
        h(
          'li',
          { class: 'row', attrs: { 'data-sku': line.sku } },
          h('span', { text: `${line.name} (${line.sku})` }),
          h(
            'span',
            { class: 'num' },
            String(line.qty),
            h('button', {
              class: 'icon',
              text: '×',
              attrs: { type: 'button', 'aria-label': t.remove },
              on: {
                click: () => {
                  lines = lines.filter((l) => l.sku !== line.sku);
                  draw();
                },
              },
            }),
          ),
        ),
      ),
    );
    receive.disabled = lines.length === 0;
  };

  const addLine = () => {
    const next = addGoods(lines, code.value, qty.value);
    if (!next) return;
    lines = next;
    code.value = '';
    qty.value = '1';
    draw();
    code.focus();
  };
  add.addEventListener('click', addLine);
  // A scanner ends with Enter: add the line and stay ready for the next code.
  code.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      addLine();
    }
  });
  qty.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') addLine();
  });
  receive.addEventListener('click', async () => {
    if (await receiveGoods(location.value, lines)) {
      lines = [];
      draw();
    }
  });

  const codeLabel = h('span');
  const el = h(
    'details',
    { class: 'card goods', testid: 'goods' },
    summary,
    hint,
    h('label', { class: 'field' }, locationLabel, location),
    h('label', { class: 'field' }, codeLabel, h('span', { class: 'inline' }, code, qty, add)),
    list,
    h('div', { class: 'actions' }, receive),
  );
  draw();

  return {
    el,
    update(state: AppState) {
      setText(summary, t.goods);
      setText(hint, t.goodsHint);
      setText(locationLabel, t.location);
      setText(codeLabel, t.skuOrBarcode);
      setText(add, t.add);
      setText(receive, t.receive);
      if (!location.value) setValue(location, state.data?.location ?? '');
      receive.disabled = lines.length === 0 || state.busy.has('goods');
    },
  };
}
