/** The sale's customer (optional): search by email, phone, card or name, or add one on the spot. */
import type { CustomerSummary } from '../../../app/till/api-types';
import { h, setText, show } from '../../shared/dom';
import { addCustomer, MIN_QUERY, searchCustomers } from '../customers';
import { t } from '../i18n';
import { setCustomer } from '../sale-actions';
import type { AppState } from '../state';
import { customerCardView } from './customer-card';

const SEARCH_DELAY_MS = 300;

function contact(c: CustomerSummary): string {
  return [c.email, c.phone, c.loyaltyCard].filter(Boolean).join(' · ');
}

export function customerView() {
  // Chosen customer
  const chosenName = h('span', { class: 'chip-name' });
  const chosenContact = h('span', { class: 'chip-meta' });
  const unpick = h('button', {
    class: 'icon',
    text: '×',
    attrs: { type: 'button' },
    on: { click: () => setCustomer(null) },
  });
  const chosen = h(
    'div',
    { class: 'chip', testid: 'customer' },
    h('span', { class: 'chip-text' }, chosenName, chosenContact),
    unpick,
  );

  // Search
  const search = h('input', {
    class: 'customer-search',
    testid: 'customer-search',
    attrs: { type: 'search', autocomplete: 'off', spellcheck: 'false' },
  });
  const openForm = h('button', {
    class: 'secondary small',
    testid: 'customer-new',
    attrs: { type: 'button' },
  });
  const results = h('ul', { class: 'results customers', testid: 'customer-results' });
  const none = h('p', { class: 'hint' });
  let timer: number | undefined;

  const showResults = (found: CustomerSummary[]) => {
    results.replaceChildren(
      ...found.map((c) =>
        h(
          'li',
          {
            class: 'result',
            attrs: { tabindex: '0', role: 'option' },
            on: {
              click: () => pickCustomer(c),
              keydown: (event) => {
                if (event.key === 'Enter') pickCustomer(c);
              },
            },
          },
          h('span', { class: 'result-name', text: c.name }),
          h('span', { class: 'result-meta', text: contact(c) }),
        ),
      ),
    );
    show(results, found.length > 0);
    show(none, found.length === 0 && search.value.trim().length >= MIN_QUERY);
  };

  const pickCustomer = (c: CustomerSummary) => {
    search.value = '';
    showResults([]);
    setCustomer(c);
  };

  search.addEventListener('input', () => {
    window.clearTimeout(timer);
    // Wait for a pause in typing: one call per search, not one per key.
    timer = window.setTimeout(async () => {
      const found = await searchCustomers(search.value);
      if (found) showResults(found);
    }, SEARCH_DELAY_MS);
  });
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      // Search now; a single match (a scanned loyalty card, an exact email) is picked at once.
      event.preventDefault();
      window.clearTimeout(timer);
      void searchCustomers(search.value).then((found) => {
        if (!found) return;
        if (found.length === 1) pickCustomer(found[0]);
        else showResults(found);
      });
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      results.querySelector<HTMLElement>('.result')?.focus();
    }
  });

  // New customer
  const name = h('input', { attrs: { autocomplete: 'off' } });
  const email = h('input', { attrs: { type: 'email', autocomplete: 'off' } });
  const phone = h('input', { attrs: { type: 'tel', autocomplete: 'off' } });
  const nameLabel = h('span');
  const emailLabel = h('span');
  const phoneLabel = h('span');
  const save = h('button', { class: 'primary small', testid: 'customer-save', attrs: { type: 'submit' } });
  const cancel = h('button', { class: 'link', attrs: { type: 'button' } });
  const form = h(
    'form',
    { class: 'new-customer', testid: 'customer-form' },
    h('label', { class: 'field' }, nameLabel, name),
    h('label', { class: 'field' }, emailLabel, email),
    h('label', { class: 'field' }, phoneLabel, phone),
    h('div', { class: 'actions' }, save, cancel),
  );
  let formOpen = false;
  const setForm = (open: boolean) => {
    formOpen = open;
    show(form, open);
    if (open) {
      // Whatever was typed in the search is most likely the new customer's name, email or phone.
      const typed = search.value.trim();
      name.value = email.value = phone.value = '';
      if (typed.includes('@')) email.value = typed;
      else if (/^[+\d\s()-]{6,}$/.test(typed)) phone.value = typed;
      else name.value = typed;
      ([name, email, phone].find((input) => !input.value) ?? name).focus();
    }
  };
  openForm.addEventListener('click', () => setForm(!formOpen));
  cancel.addEventListener('click', () => setForm(false));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (await addCustomer({ name: name.value, email: email.value, phone: phone.value })) {
      search.value = '';
      showResults([]);
      setForm(false);
    }
  });

  const label = h('span', { class: 'section-label' });
  const picker = h(
    'div',
    { class: 'picker' },
    h('div', { class: 'inline' }, search, openForm),
    results,
    none,
    form,
  );
  const card = customerCardView();
  const el = h('div', { class: 'customer' }, label, chosen, card.el, picker);
  setForm(false);
  showResults([]);

  return {
    el,
    update(state: AppState) {
      const c = state.sale.customer;
      card.update(state);
      setText(label, t.customer);
      show(chosen, c !== null);
      show(picker, c === null);
      if (c) {
        setText(chosenName, c.name);
        setText(chosenContact, contact(c));
      }
      unpick.title = t.removeCustomer;
      unpick.setAttribute('aria-label', t.removeCustomer);
      search.placeholder = t.customerSearch;
      search.setAttribute('aria-label', t.customerSearchHint);
      search.title = t.customerSearchHint;
      setText(openForm, t.newCustomerShort);
      openForm.title = t.newCustomer;
      setText(none, t.noCustomers);
      setText(nameLabel, t.customerName);
      setText(emailLabel, t.customerEmail);
      setText(phoneLabel, t.customerPhone);
      setText(save, t.addCustomer);
      setText(cancel, t.cancel);
      save.disabled = state.busy.has('customer');
    },
  };
}
