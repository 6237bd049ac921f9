/**
 * The Shop settings dialog: the connected shops, and a form to add or edit one with "Test
 * connection" (asks the shop with the form's values, saves nothing), "Save" and "Remove".
 * Secrets only ever go from this page to the server: the list never holds them, and when a
 * shop is edited its secret fields start blank and, left blank, keep the saved ones.
 *
 * Test hooks: [data-testid=shops] (one [data-testid=shop-row][data-name] per shop, with
 * [data-testid=edit], [data-testid=remove], then [data-testid=confirm-remove] or [data-testid=keep]),
 * [data-testid=add-shop], [data-testid=message] (list), and in the form
 * [data-testid=platform-woocommerce|platform-shopify], url, name, key, secret, token, test,
 * save, cancel, [data-testid=form-message].
 */
import { h } from '../shared/dom';
import { callServer } from '../shared/server';
import type { ShopAnswer, ShopInput, ShopPlatform, ShopRow } from './api-types';

declare const google: { script: { host?: { close(): void } } };

const PLATFORM_NAME: Record<ShopPlatform, string> = { woocommerce: 'WooCommerce', shopify: 'Shopify' };

const URL_HINT: Record<ShopPlatform, { placeholder: string; hint: string }> = {
  woocommerce: {
    placeholder: 'https://shop.example.com',
    hint: "The site's root, as customers type it.",
  },
  shopify: {
    placeholder: 'https://STORE.myshopify.com',
    hint: 'Your myshopify.com address (Shopify admin › Settings › Domains), not your own domain.',
  },
};

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const listView = byId<HTMLElement>('list-view');
const listMessage = byId<HTMLParagraphElement>('list-message');
const loading = byId<HTMLParagraphElement>('loading');
const list = byId<HTMLUListElement>('shops');
const empty = byId<HTMLParagraphElement>('empty');
const addButton = byId<HTMLButtonElement>('add');
const closeButton = byId<HTMLButtonElement>('close');

const form = byId<HTMLFormElement>('form-view');
const formTitle = byId<HTMLHeadingElement>('form-title');
const platformInputs = [...form.querySelectorAll<HTMLInputElement>('input[name=platform]')];
const url = byId<HTMLInputElement>('url');
const urlHint = byId<HTMLParagraphElement>('url-hint');
const name = byId<HTMLInputElement>('name');
const nameHint = byId<HTMLParagraphElement>('name-hint');
const wooFields = byId<HTMLElement>('woo-fields');
const shopifyFields = byId<HTMLElement>('shopify-fields');
const key = byId<HTMLInputElement>('key');
const secret = byId<HTMLInputElement>('secret');
const token = byId<HTMLInputElement>('token');
const formMessage = byId<HTMLParagraphElement>('form-message');
const testButton = byId<HTMLButtonElement>('test');
const cancelButton = byId<HTMLButtonElement>('cancel');
const saveButton = byId<HTMLButtonElement>('save');

let shops: ShopRow[] = [];
/** shopsList has answered once: until then the list says "Loading…". */
let loaded = false;
/** The shop being edited; null when adding one. */
let editing: ShopRow | null = null;
/** The shop whose Remove is waiting for its confirmation. */
let confirming: string | null = null;
let busy = false;

function reason(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function say(element: HTMLElement, text: string, kind: 'ok' | 'bad' | 'info' = 'info'): void {
  element.textContent = text;
  element.className = `message ${kind}`;
  element.hidden = text === '';
}

/** "today 10:31", or "26 Nov, 10:31", in this computer's time zone. */
function checkedText(iso: string | null): string {
  if (!iso) return 'Not checked yet';
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return 'Not checked yet';
  const time = when.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  const today = new Date().toDateString() === when.toDateString();
  const day = when.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
  return `Last checked ${today ? 'today' : day}, ${time}`;
}

// ——— The list ———

function showList(): void {
  confirming = null;
  renderList();
  form.hidden = true;
  listView.hidden = false;
  addButton.focus();
}

function renderList(): void {
  if (!loaded) return;
  loading.hidden = true;
  empty.hidden = shops.length > 0;
  list.replaceChildren(...shops.map(shopItem));
}

function shopItem(shop: ShopRow): HTMLLIElement {
  const button = (text: string, testid: string, kind: string, click: () => void) =>
    h('button', { class: `${kind} small`, testid, text, attrs: { type: 'button' }, on: { click } });
  const foot =
    confirming === shop.name
      ? h(
          'div',
          { class: 'shop-foot confirm' },
          h('span', { class: 'confirm-text', text: 'Remove this shop? Its orders stay in the ledger.' }),
          h(
            'div',
            { class: 'row-actions' },
            button('Keep', 'keep', 'secondary', () => setConfirming(null)),
            button('Remove', 'confirm-remove', 'danger', () => void remove(shop.name)),
          ),
        )
      : h(
          'div',
          { class: 'shop-foot' },
          h('span', { class: 'checked', text: checkedText(shop.checkedAt) }),
          h(
            'div',
            { class: 'row-actions' },
            button('Edit', 'edit', 'secondary', () => openForm(shop)),
            button('Remove', 'remove', 'secondary', () => setConfirming(shop.name)),
          ),
        );
  const item = h(
    'li',
    { class: 'shop', testid: 'shop-row' },
    h(
      'div',
      { class: 'shop-head' },
      h('span', { class: 'shop-name', text: shop.name }),
      h('span', { class: `badge ${shop.platform}`, text: PLATFORM_NAME[shop.platform] ?? shop.platform }),
    ),
    h('div', { class: 'shop-url', text: shop.url }),
    shop.error
      ? h('div', { class: 'shop-error', testid: 'shop-error', text: `Last sync failed: ${shop.error}` })
      : null,
    foot,
  );
  item.dataset.name = shop.name;
  return item;
}

function setConfirming(shopName: string | null): void {
  confirming = shopName;
  renderList();
}

async function loadShops(): Promise<void> {
  try {
    shops = await callServer<ShopRow[]>('shopsList');
    loaded = true;
    renderList();
  } catch (error) {
    loading.hidden = true;
    say(listMessage, `The shops could not be read: ${reason(error)}`, 'bad');
  }
}

async function remove(shopName: string): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    const answer = await callServer<{ ok: boolean; message?: string }>('shopRemove', shopName);
    confirming = null;
    if (answer.ok) say(listMessage, `Removed ${shopName}. Its orders stay in the ledger.`, 'ok');
    else say(listMessage, answer.message ?? `${shopName} could not be removed.`, 'bad');
    await loadShops();
  } catch (error) {
    say(listMessage, `${shopName} could not be removed: ${reason(error)}`, 'bad');
  } finally {
    busy = false;
  }
}

// ——— The form ———

function platform(): ShopPlatform {
  return platformInputs.find((i) => i.checked)?.value === 'shopify' ? 'shopify' : 'woocommerce';
}

function showPlatform(): void {
  const p = platform();
  wooFields.hidden = p !== 'woocommerce';
  shopifyFields.hidden = p !== 'shopify';
  url.placeholder = URL_HINT[p].placeholder;
  urlHint.textContent = URL_HINT[p].hint;
  // Saved secrets are kept only for the platform they were saved for.
  const keeps = editing !== null && editing.platform === p;
  const blank = keeps ? 'Saved: leave blank to keep it' : '';
  key.placeholder = blank || 'ck_…';
  secret.placeholder = blank || 'cs_…';
  token.placeholder = blank || 'shpat_…';
}

function hostOf(text: string): string {
  const m = /^(?:https?:\/\/)?([^/?#\s]+)/i.exec(text.trim());
  return m ? m[1].toLowerCase() : '';
}

function showNamePlaceholder(): void {
  if (editing) return;
  name.placeholder = hostOf(url.value) || 'shop.example.com';
}

function openForm(shop: ShopRow | null): void {
  editing = shop;
  confirming = null;
  form.reset();
  for (const input of platformInputs) input.checked = input.value === (shop?.platform ?? 'woocommerce');
  url.value = shop?.url ?? '';
  name.value = shop?.name ?? '';
  name.readOnly = shop !== null;
  nameHint.textContent = shop
    ? "The name cannot change: the ledger's orders carry it."
    : "Shown in the Shop column of Orders. Left blank, it is the address's host.";
  formTitle.textContent = shop ? `Edit ${shop.name}` : 'Add a shop';
  say(formMessage, '');
  say(listMessage, '');
  showPlatform();
  showNamePlaceholder();
  listView.hidden = true;
  form.hidden = false;
  (shop ? url : platformInputs[0]).focus();
}

function formInput(): ShopInput {
  const p = platform();
  return {
    editing: editing?.name,
    platform: p,
    url: url.value,
    name: name.value,
    key: p === 'woocommerce' ? key.value : '',
    secret: p === 'woocommerce' ? secret.value : '',
    token: p === 'shopify' ? token.value : '',
  };
}

function setBusy(action: 'test' | 'save' | null): void {
  busy = action !== null;
  for (const button of [testButton, cancelButton, saveButton]) button.disabled = busy;
  testButton.textContent = action === 'test' ? 'Testing…' : 'Test connection';
  saveButton.textContent = action === 'save' ? 'Saving…' : 'Save';
  form.setAttribute('aria-busy', String(busy));
}

async function test(): Promise<void> {
  if (busy) return;
  setBusy('test');
  say(formMessage, 'Asking the shop…');
  try {
    const answer = await callServer<ShopAnswer>('shopTest', formInput());
    say(formMessage, answer.message, answer.ok ? 'ok' : 'bad');
  } catch (error) {
    say(formMessage, `The test could not run: ${reason(error)}`, 'bad');
  } finally {
    setBusy(null);
  }
}

async function save(): Promise<void> {
  if (busy) return;
  setBusy('save');
  say(formMessage, '');
  try {
    const answer = await callServer<ShopAnswer>('shopSave', formInput());
    if (!answer.ok) {
      say(formMessage, answer.message, 'bad');
      return;
    }
    key.value = '';
    secret.value = '';
    token.value = '';
    editing = null;
    showList();
    say(listMessage, answer.message, 'ok');
    await loadShops();
  } catch (error) {
    say(formMessage, `Nothing was saved: ${reason(error)}`, 'bad');
  } finally {
    setBusy(null);
  }
}

for (const input of platformInputs) {
  input.addEventListener('change', () => {
    say(formMessage, '');
    showPlatform();
  });
}
url.addEventListener('input', showNamePlaceholder);
addButton.addEventListener('click', () => openForm(null));
testButton.addEventListener('click', () => void test());
cancelButton.addEventListener('click', () => {
  form.reset();
  editing = null;
  showList();
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  void save();
});
closeButton.addEventListener('click', () => google.script.host?.close());

void loadShops();
