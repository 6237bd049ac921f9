/**
 * The till sidebar: sell at the counter with a barcode scanner, in a 300 px Sheets sidebar.
 *
 * Test hooks (stable; the browser tests rely on them):
 *   #scan                        scan / search field (digits + Enter = barcode; letters = live search;
 *                                a receipt number R-NNNNNN + Enter opens the Return panel on that order)
 *   [data-testid=search-results] live search list (↑ ↓ Enter, or click an item)
 *   [data-testid=cart-line][data-sku]  one per line; inside: [data-testid=qty] (input),
 *                                [data-testid=discount] (input: '10%' or '1.50'), [data-testid=line-total]
 *   [data-testid=total]          the sale total          [data-testid=message]  messages (errors, notices)
 *   [data-testid=pay-cash] [data-testid=pay-card]  start a payment (amount defaults to what is left)
 *   [data-testid=tendered]       cash handed over (card: [data-testid=card-amount])
 *   [data-testid=add-payment]    adds the payment being entered (or Enter in its field)
 *   [data-testid=change]         change to give          [data-testid=due]  left to pay
 *   [data-testid=commit]         Complete sale (enabled only when payments = total)
 *   [data-testid=oversell] + [data-testid=confirm-oversell]  "Sell anyway?" (policy 'warn')
 *   [data-testid=receipt] with [data-testid=receipt-no] and [data-testid=receipt-barcode] (its SVG
 *                                Code 128); [data-testid=new-sale]
 *   [data-testid=pending]        sales waiting to be sent (hidden at 0)
 *   [data-testid=refreshed]      "Updated HH:MM"
 *   [data-testid=web-checked]    "Web orders checked HH:MM" (shown only when a web shop is connected)
 *   [data-testid=float] + [data-testid=open-session]      open the till (shown when closed)
 *   [data-testid=counted] + [data-testid=close-session]   close it → [data-testid=z-report] ([data-testid=z-done])
 *   [data-testid=customer-search], [data-testid=customer-new] (opens the form; [data-testid=customer-save]),
 *   [data-testid=customer] (the chosen customer), [data-testid=till-name], [data-testid=goods] panel.
 *
 * A cash sale: type or scan into #scan + Enter (repeat) → click pay-cash (or Enter on an empty
 * #scan) → fill tendered (prefilled with the total) → Enter or click add-payment → change shows →
 * click commit (focused after the payment; Enter works) → receipt with receipt-no → new-sale
 * (or just scan the next item, or Enter on an empty #scan).
 * Keyboard only: scan, scan, Enter, type the cash handed over, Enter, Enter.
 *
 * What is on screen: till closed → the float card; open → #scan, the sale (cart, totals,
 * customer, payment; hidden while a receipt shows) and the session card (counted + close).
 * Cash in/out, "Return", "To collect" and "Receive goods" are folded <details>: click their
 * summary first (their hooks are listed in views/returns.ts and views/collect.ts). An exchange
 * (Return › Exchange instead) shows [data-testid=exchange] above the cart, [data-testid=exchange-credit]
 * and [data-testid=due] (or [data-testid=give-back] + [data-testid=exchange-refund]) in the payment,
 * and on the receipt [data-testid=exchange-return-no], [data-testid=exchange-sale-no],
 * [data-testid=exchange-difference].
 */
import { h } from '../shared/dom';
import { t } from './i18n';
import { saleFigures } from './sale';
import { type FocusTarget, onChange, state } from './state';
import { loadTill, QUEUE_RETRY_MS, REFRESH_MS, refreshTill, sendQueue } from './till-data';
import { cartView } from './views/cart';
import { closedView } from './views/closed';
import { collectView } from './views/collect';
import { customerView } from './views/customer';
import { exchangeView } from './views/exchange';
import { goodsView } from './views/goods';
import { headerView } from './views/header';
import { messagesView } from './views/messages';
import { paymentView } from './views/payment';
import { receiptView } from './views/receipt';
import { returnsView } from './views/returns';
import { scanView } from './views/scan';
import { sessionView } from './views/session';
import { totalsView } from './views/totals';
import { zReportView } from './views/z-report';
import { checkWebOrders } from './web-orders';

const header = headerView();
const messages = messagesView();
const loading = h('p', { class: 'loading', attrs: { role: 'status' } });
const retry = h('button', {
  class: 'secondary',
  attrs: { type: 'button' },
  on: { click: () => void loadTill() },
});
const loadError = h('p', { attrs: { role: 'alert' } });
const loadFailed = h('div', { class: 'card load-failed' }, loadError, retry);
const closed = closedView();
const scan = scanView();
const receipt = receiptView();
const cart = cartView();
const totals = totalsView();
const customer = customerView();
const payment = paymentView();
const exchange = exchangeView();
const sale = h('section', { class: 'sale' }, exchange.el, cart.el, totals.el, customer.el, payment.el);
const session = sessionView();
const zReport = zReportView();
const goods = goodsView();
const returns = returnsView();
const collect = collectView();

// Receipt and Z report are children of <body>, so the print CSS can hide all their siblings.
document.body.replaceChildren(
  header.el,
  loading,
  loadFailed,
  scan.el,
  // Messages sit under #scan, where the eyes are after a scan, and above the till-closed card.
  messages.el,
  closed.el,
  receipt.el,
  sale,
  zReport.el,
  session.el,
  returns.el,
  collect.el,
  goods.el,
);

const focusable: Record<FocusTarget, () => HTMLElement> = {
  scan: () => scan.input,
  entry: () => payment.entryInput,
  commit: () => payment.commit,
  float: () => closed.float,
};

function render(): void {
  const data = state.data;
  const open = !!data?.session && !state.zReport;
  loading.textContent = t.loading;
  loading.hidden = !state.loading;
  loadFailed.hidden = state.loading || !state.loadError;
  loadError.textContent = state.loadError ?? '';
  retry.textContent = t.tryAgain;

  header.update(state);
  messages.update(state);
  closed.el.hidden = !data || !!data.session || !!state.zReport;
  scan.el.hidden = !open;
  sale.hidden = !open || !!state.receipt;
  session.el.hidden = !open;
  zReport.update(state);
  goods.el.hidden = !data || !!state.zReport;
  returns.el.hidden = !open;
  collect.el.hidden = !data || !!state.zReport;
  if (data) {
    closed.update(state);
    scan.update(state);
    receipt.update(state);
    receipt.el.hidden = !open || !state.receipt;
    const figures = saleFigures(state.sale, data, t.badDiscount);
    cart.update(state, figures);
    totals.update(state, figures);
    exchange.update(state);
    customer.update(state);
    // An exchange's sale is the original order's customer's (the server takes it from there).
    customer.el.hidden = !!state.sale.exchange;
    payment.update(state, figures);
    session.update(state);
    goods.update(state);
    returns.update(state);
    collect.update(state);
  } else {
    receipt.el.hidden = true;
  }
  document.body.classList.toggle('busy', state.sale.committing);

  if (state.focus) {
    const target = focusable[state.focus]();
    state.focus = null;
    // Only a shown, enabled element can take the keyboard; the entry field's amount is selected so typing replaces it.
    if (target.offsetParent !== null && !(target as HTMLButtonElement).disabled) {
      target.focus();
      if (target instanceof HTMLInputElement) target.select();
    }
  }
}

// Keys pressed outside any field (a scanner fired while a button had focus) go to #scan.
document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  const typing = target.closest('input, textarea, select, [contenteditable]');
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key.length === 1 && /[0-9A-Za-z]/.test(event.key) && !scan.el.hidden) scan.input.focus();
});

onChange(render);
render();
void loadTill().then(() => checkWebOrders());
// Freshness while the sidebar is open: stock and session every minute, the queue every 15 s,
// and the web shops' orders every minute (the server syncs them when due).
window.setInterval(() => void refreshTill(), REFRESH_MS);
window.setInterval(() => void checkWebOrders(), REFRESH_MS);
window.setInterval(() => void sendQueue(), QUEUE_RETRY_MS);
