/**
 * The till sidebar in a real browser (Debian's chromium through playwright-core), on the local
 * playground: the built dist/till.html, its google.script.run calls served by the same TillApi
 * that runs in Apps Script, on a temporary .xlsx ledger that the tests read back.
 *
 * Without /usr/bin/chromium (or SHOP_LEDGER_CHROMIUM) the suite is skipped, and says so.
 * Screenshots go to tests/artifacts/ (gitignored): till-cart.png (a paid cart), till.png (its
 * receipt), till-replayed.png (a queued sale replayed). The README's picture, docs/till.png, is
 * the paid cart, written when missing or with SHOP_LEDGER_UPDATE_SCREENSHOT=1.
 */

import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { ean13CheckDigit } from '../../src/core/barcode';
import type { Playground } from '../../src/node/playground/server';
import { startPlayground } from '../../src/node/playground/server';
import { loadXlsx } from '../../src/node/xlsx-file';
import { describeInBrowser as describeInBrowserOr, launchChromium } from '../helpers/browser';

const ROOT = join(__dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
const DOCS_SCREENSHOT = join(ROOT, 'docs', 'till.png');

const describeInBrowser = describeInBrowserOr('browser tests');

/** Sample catalogue: COF-ETH-250 has barcode 841234510001 + check digit, €12.90, 12 in the Store. */
const COFFEE = { sku: 'COF-ETH-250', ean: `841234510001${ean13CheckDigit('841234510001')}`, price: 1290 };
const QUEUE_RETRY_MS = 15_000;

type Row = Record<string, unknown>;

/** A tab of the ledger file as objects keyed by header. */
async function tab(ledger: string, name: string): Promise<Row[]> {
  const [header, ...rows] = (await loadXlsx(ledger)).read(name);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

/** Money shown as text ("€38.70", "38,70 €") or kept in a cell (38.7) → minor units. */
function cents(value: unknown): number {
  if (typeof value === 'number') return Math.round(value * 100);
  const text = String(value ?? '');
  const m = /(-|−)?\s*\D*?([\d.,\s]*\d)[.,](\d{2})\b/.exec(text);
  if (!m) throw new Error(`No amount in "${text}"`);
  return (m[1] ? -1 : 1) * (Number(m[2].replace(/\D/g, '')) * 100 + Number(m[3]));
}

/** Polls until `check` returns a value that is not undefined/false, or fails with `what`. */
async function until<T>(what: string, check: () => Promise<T | undefined | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}${last ? `: ${last}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

describeInBrowser('the till sidebar in chromium, on the playground', () => {
  let dir: string;
  let ledger: string;
  let playground: Playground;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const byId = (id: string) => page.locator(`[data-testid=${id}]`);
  const line = (sku: string) => page.locator(`[data-testid=cart-line][data-sku="${sku}"]`);
  const orders = async () => (await tab(ledger, 'Orders')).filter((o) => o.Channel === 'Store');

  async function faults(plan: { failNext: number; after?: boolean; only?: string }): Promise<void> {
    const res = await fetch(`${playground.url}__faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(plan),
    });
    if (res.status !== 200) throw new Error(`POST /__faults answered ${res.status}`);
  }

  async function scan(code: string): Promise<void> {
    await page.locator('#scan').fill(code);
    await page.locator('#scan').press('Enter');
  }

  /** Scans the coffee, pays it in cash (the amount prefilled: exactly the total) and waits for the commit button. */
  async function coffeeSalePaid(): Promise<void> {
    await scan(COFFEE.ean);
    await line(COFFEE.sku).waitFor();
    await byId('pay-cash').click();
    await byId('tendered').press('Enter');
    await until('the commit button enabled', () => byId('commit').isEnabled());
  }

  /** A receipt for a sale recorded by the server (not the provisional one), and its number. */
  async function receiptNo(): Promise<string> {
    await byId('receipt').waitFor();
    return until('a numbered receipt', async () => {
      const no = await textOf(byId('receipt-no'));
      return /\d/.test(no) ? no : undefined;
    });
  }

  async function newPage(): Promise<void> {
    await context?.close();
    context = await browser.newContext({ viewport: { width: 300, height: 800 }, deviceScaleFactor: 2 });
    // Fake timers, running in real time, so a test can jump to the queue's 15-second retry.
    await context.clock.install();
    page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(playground.url);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'till-browser-'));
    ledger = join(dir, 'ledger.xlsx');
    playground = await startPlayground({ ledger, port: 0, faults: true, build: 'if-stale' });
    browser = await launchChromium();
    await newPage();
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await playground?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the playground made a sample ledger, and the till opens a session with a float', async () => {
    expect(playground.created).toBe(true);
    await byId('open-session').waitFor();
    expect(await page.locator('#scan').isVisible()).toBe(false);
    await byId('float').fill('100');
    await byId('open-session').click();
    await page.locator('#scan').waitFor();
    await until('the refresh time', async () => /\d/.test(await textOf(byId('refreshed'))));
    const sessions = await tab(ledger, 'Till Sessions');
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ Till: 'Till 1', 'Opening float': 100 });
    expect(sessions[0].Closed === '' || sessions[0].Closed === null).toBe(true);
  });

  test('the shim behaves like google.script.run: handlers with the user object, a Date or an unknown name fails', async () => {
    const answers = await page.evaluate<string[]>(`new Promise((done) => {
      const out = [];
      const note = (text) => { out.push(text); if (out.length === 3) done(out.sort()); };
      const run = google.script.run
        .withSuccessHandler((value, user) => note(user + ' ok ' + value.till))
        .withFailureHandler((error, user) => note(user + ' failed: ' + error.message));
      run.withUserObject('a').tillState('Till 1');
      run.withUserObject('b').tillState(new Date());
      run.withUserObject('c').noSuchFunction();
    })`);
    expect(answers[0]).toBe('a ok Till 1');
    expect(answers[1]).toMatch(/^b failed: Failed due to illegal value in property: args\[0\]/);
    expect(answers[2]).toBe('c failed: Script function not found: noSuchFunction');
  });

  test('scan, change the quantity, pay cash with change, commit: the receipt and the ledger rows', async () => {
    const stockBefore = (await tab(ledger, 'Stock')).find(
      (s) => s.SKU === COFFEE.sku && s.Location === 'Store',
    );
    const onHandBefore = Number(stockBefore?.['On hand']);
    expect(onHandBefore).toBeGreaterThanOrEqual(3);

    // A scan adds the product.
    await scan(COFFEE.ean);
    await line(COFFEE.sku).waitFor();
    expect(await page.locator('[data-testid=cart-line]').count()).toBe(1);
    expect(cents(await textOf(line(COFFEE.sku).locator('[data-testid=line-total]')))).toBe(COFFEE.price);
    expect(cents(await textOf(byId('total')))).toBe(COFFEE.price);

    // A misread barcode (bad check digit) says so and keeps the cart.
    const wrongDigit = (Number(COFFEE.ean.slice(-1)) + 1) % 10;
    await scan(`${COFFEE.ean.slice(0, 12)}${wrongDigit}`);
    await until('a message about the bad barcode', async () => (await textOf(byId('message'))) !== '');
    expect(await page.locator('[data-testid=cart-line]').count()).toBe(1);

    // Quantity 3: the line total and the sale total follow.
    await line(COFFEE.sku).locator('[data-testid=qty]').fill('3');
    await until('the line total for 3', async () =>
      cents(await textOf(line(COFFEE.sku).locator('[data-testid=line-total]'))) === 3 * COFFEE.price
        ? true
        : undefined,
    );
    expect(cents(await textOf(byId('total')))).toBe(3 * COFFEE.price);

    // Cash: €50 handed over for €38.70 → €11.30 change.
    await byId('pay-cash').click();
    await byId('tendered').fill('50');
    await byId('add-payment').click();
    await until('the change', async () => cents(await textOf(byId('change'))) === 5000 - 3 * COFFEE.price);
    expect(await byId('commit').isEnabled()).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'till-cart.png'), fullPage: true });

    await byId('commit').click();
    const orderNo = await receiptNo();
    // Today's totals at this till count the sale, from the refresh that follows it.
    await until("today's cash total", async () => {
      const [method, amount] = (await textOf(byId('today-methods'))).split(' · ');
      return method === 'Cash: 1' && cents(amount) === 3 * COFFEE.price ? true : undefined;
    });
    await page.screenshot({ path: join(ARTIFACTS, 'till.png'), fullPage: true });
    // The README's picture is committed: written when missing, or on request, not on every run.
    if (!existsSync(DOCS_SCREENSHOT) || process.env.SHOP_LEDGER_UPDATE_SCREENSHOT === '1') {
      mkdirSync(dirname(DOCS_SCREENSHOT), { recursive: true });
      copyFileSync(join(ARTIFACTS, 'till-cart.png'), DOCS_SCREENSHOT);
    }

    // The ledger: one Store order with its lines, payment, stock move and stock balance.
    const [order, ...others] = (await orders()).filter((o) => o['Order No'] === orderNo);
    expect(others).toHaveLength(0);
    expect(order).toMatchObject({ Channel: 'Store', Type: expect.any(String), Till: 'Till 1' });
    expect(cents(order.Total)).toBe(3 * COFFEE.price);
    const id = order['Order ID'];
    const lines = (await tab(ledger, 'Order Lines')).filter((l) => l['Order ID'] === id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ SKU: COFFEE.sku, Qty: 3 });
    expect(cents(lines[0].Total)).toBe(3 * COFFEE.price);
    const payments = (await tab(ledger, 'Payments')).filter((p) => p['Order ID'] === id);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ Method: 'cash', Channel: 'Store' });
    expect(cents(payments[0].Amount)).toBe(3 * COFFEE.price);
    const moves = (await tab(ledger, 'Movements')).filter(
      (m) => m.Reference === id || m.Reference === orderNo,
    );
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({
      SKU: COFFEE.sku,
      Qty: 3,
      From: 'Store',
      To: 'Customer',
      Reason: 'sale',
    });
    const stockAfter = (await tab(ledger, 'Stock')).find(
      (s) => s.SKU === COFFEE.sku && s.Location === 'Store',
    );
    expect(Number(stockAfter?.['On hand'])).toBe(onHandBefore - 3);
  });

  test('a double click, or Enter twice, on Complete sale records one sale each time', async () => {
    const before = (await orders()).length;
    await coffeeSalePaid();
    await byId('commit').dblclick();
    await receiptNo();
    await until('the first sale in the ledger', async () => (await orders()).length === before + 1);

    await coffeeSalePaid();
    await byId('commit').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await until('the second sale in the ledger', async () => (await orders()).length === before + 2);

    // Two clicks in the same tick, before the page can redraw.
    await coffeeSalePaid();
    await page.evaluate(
      "(() => { const b = document.querySelector('[data-testid=commit]'); b.click(); b.click(); })()",
    );
    await receiptNo();
    await until('the calls to settle', async () => (await orders()).length === before + 3);
    await new Promise((r) => setTimeout(r, 500));
    const store = await orders();
    expect(store).toHaveLength(before + 3);
    const keys = store.map((o) => o.Key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(
      await byId('message')
        .isVisible()
        .then(async (v) => (v ? textOf(byId('message')) : '')),
    ).toBe('');
  });

  test('a call that fails before it reaches the ledger: 1 pending, then replayed once by the retry', async () => {
    const before = (await orders()).length;
    await faults({ failNext: 1, only: 'recordSale' });
    await coffeeSalePaid();
    await byId('commit').click();

    await until(
      '1 pending',
      async () => (await byId('pending').isVisible()) && /\b1\b/.test(await textOf(byId('pending'))),
    );
    await byId('receipt').waitFor(); // the provisional receipt frees the till
    const queued = JSON.parse(
      (await page.evaluate<string | null>("localStorage.getItem('shop-ledger:queue')")) ?? '[]',
    );
    expect(queued).toHaveLength(1);
    const key: string = queued[0].key;
    expect(playground.calls.at(-1)).toMatchObject({ name: 'recordSale', status: 503, fault: 'before' });
    expect((await orders()).length).toBe(before);

    await context.clock.fastForward(QUEUE_RETRY_MS);
    await until('pending back to 0', async () => !(await byId('pending').isVisible()), 10_000);
    const sent = (await orders()).filter((o) => o.Key === key);
    expect(sent).toHaveLength(1);
    expect((await orders()).length).toBe(before + 1);
    // The provisional receipt on screen became the numbered one.
    expect(await receiptNo()).toBe(sent[0]['Order No']);
    expect(await page.evaluate<string | null>("localStorage.getItem('shop-ledger:queue')")).toBe('[]');
  });

  test('a sale recorded whose answer was lost: the replay returns the same receipt, still one order', async () => {
    const before = (await orders()).length;
    await faults({ failNext: 1, after: true, only: 'recordSale' });
    await coffeeSalePaid();
    await byId('commit').click();

    await until(
      '1 pending',
      async () => (await byId('pending').isVisible()) && /\b1\b/.test(await textOf(byId('pending'))),
    );
    const queued = JSON.parse(
      (await page.evaluate<string | null>("localStorage.getItem('shop-ledger:queue')")) ?? '[]',
    );
    const key: string = queued[0].key;
    expect(playground.calls.at(-1)).toMatchObject({ name: 'recordSale', status: 503, fault: 'after' });
    // The server did record it; only the answer was lost.
    const recorded = (await orders()).filter((o) => o.Key === key);
    expect(recorded).toHaveLength(1);

    const replay = page.waitForResponse((r) => r.url().endsWith('/api/recordSale'));
    await context.clock.fastForward(QUEUE_RETRY_MS);
    const answer = await (await replay).json();
    expect(answer).toMatchObject({ ok: true, value: { replayed: true, orderNo: recorded[0]['Order No'] } });
    await until('pending back to 0', async () => !(await byId('pending').isVisible()), 10_000);
    expect((await orders()).filter((o) => o.Key === key)).toHaveLength(1);
    expect((await orders()).length).toBe(before + 1);
    expect(await receiptNo()).toBe(recorded[0]['Order No']);
    expect(await textOf(byId('message'))).toContain(String(recorded[0]['Order No']));
    await page.screenshot({ path: join(ARTIFACTS, 'till-replayed.png'), fullPage: true });
  });

  test('a customer earns store credit, sees it with the history on the card, and spends it at the next sale', async () => {
    await newPage();
    // A new customer from the search box, put on the sale.
    await byId('customer-search').fill('Bea Ruiz');
    await byId('customer-new').click();
    await page.locator('[data-testid=customer-form] input[type=email]').fill('bea@example.com');
    await byId('customer-save').click();
    await byId('customer').waitFor();
    await coffeeSalePaid();
    await byId('commit').click();
    await receiptNo();
    // 5 % of the net (12.90 at 10 % VAT: 11.73) is 0.58, shown as the credit left.
    const earned = Math.floor((Math.round(COFFEE.price / 1.1) * 5) / 100);
    await until('the credit left on the receipt', async () =>
      (await textOf(byId('receipt'))).includes('Store credit left') ? true : undefined,
    );

    // The next sale: the customer is found by email and the card shows the credit and the history.
    await byId('new-sale').click();
    await byId('customer-search').fill('bea@example.com');
    await byId('customer-search').press('Enter');
    await byId('customer-card').waitFor();
    await until('the balance', async () =>
      cents(await textOf(byId('customer-balance'))) === earned ? true : undefined,
    );
    await byId('customer-history').click();
    await until('one purchase in the history', async () =>
      (await byId('customer-history-list').locator('li').count()) === 1 ? true : undefined,
    );
    expect(await textOf(byId('customer-history-list'))).toContain('Store');

    // Store credit pays part of the coffee, cash the rest.
    await scan(COFFEE.ean);
    await line(COFFEE.sku).waitFor();
    await byId('pay-credit').click();
    await byId('credit-amount').press('Enter');
    await byId('pay-cash').click();
    await byId('tendered').press('Enter');
    await until('the commit button enabled', () => byId('commit').isEnabled());
    await byId('commit').click();
    const orderNo = await receiptNo();
    await until('the credit used among the receipt payments', async () =>
      (await textOf(byId('receipt').locator('.receipt-payments'))).includes('Store credit')
        ? true
        : undefined,
    );
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'till-credit.png'), fullPage: true });
    const [order] = (await orders()).filter((o) => o['Order No'] === orderNo);
    const payments = (await tab(ledger, 'Payments')).filter((x) => x['Order ID'] === order['Order ID']);
    expect(payments.map((x) => [x.Method, cents(x.Amount)])).toEqual([
      ['credit', earned],
      ['cash', COFFEE.price - earned],
    ]);
    const loyalty = (await tab(ledger, 'Loyalty')).filter((e) => e['Order ID'] === order['Order ID']);
    expect(loyalty.map((e) => [e.Kind, cents(e.Amount)])).toEqual([
      ['redeem', -earned],
      ['earn', expect.any(Number)],
    ]);
  });
});
