/**
 * One customer, both channels, in a real browser (Debian's chromium through playwright-core) on
 * the local playground — the README's story in three pictures:
 *   1. Ana is made a customer at the till (+ New, with her email) and buys a coffee; a paid web
 *      order with the same email is imported. Her card shows a Store and a Web purchase and the
 *      credit both earned (docs/story-card.png).
 *   2. She brings the web-bought mug back to the counter, refunded in store credit: the return's
 *      receipt shows the R number and her new balance (docs/story-return.png).
 *   3. She spends the credit on two coffees, the rest by card: the receipt shows the credit used
 *      and left (docs/story-credit.png).
 * Each step checks what staff see, and the end checks what the ledger (.xlsx) holds.
 * Screenshots go to tests/artifacts/ always (gitignored); the docs/ copies are written when
 * missing, or with SHOP_LEDGER_UPDATE_SCREENSHOT=1, like docs/till.png.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { importOrders } from '../../src/app/sync/import-orders';
import { ean13CheckDigit } from '../../src/core/barcode';
import { onStockLedger } from '../../src/node/commands/stock-common';
import { type Playground, startPlayground } from '../../src/node/playground/server';
import { loadXlsx } from '../../src/node/xlsx-file';
import { describeInBrowser as describeInBrowserOr, launchChromium } from '../helpers/browser';
import { productLine, webOrder } from '../helpers/web-orders';

const ROOT = join(__dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
const DOCS = join(ROOT, 'docs');
const describeInBrowser = describeInBrowserOr('browser test of the cross-channel story');

const ANA = { name: 'Ana García', email: 'ana.garcia@example.com' };
/** Sample catalogue: coffee €12.90 at 10 % VAT; the web order's mug €12.00 and French press €29.00 at 21 %. */
const COFFEE = { sku: 'COF-ETH-250', ean: `841234510001${ean13CheckDigit('841234510001')}`, price: 1290 };
const MUG = { sku: 'ACC-MUG-W', name: 'Stoneware mug, white', price: 1200 };
const PRESS = { sku: 'ACC-FRP-350', name: 'French press 350 ml', price: 2900 };
/** A line of the web order, named as the shop names it. */
const webLine = (p: typeof MUG) => ({ ...productLine(p.sku, 1, p.price), name: p.name });
const WEB_NO = '#5001';
const DAY = 24 * 60 * 60 * 1000;
/** CSS pixels of page kept around a picture's panel. */
const MARGIN = 8;

type Row = Record<string, unknown>;
async function tab(ledger: string, name: string): Promise<Row[]> {
  const [header, ...rows] = (await loadXlsx(ledger)).read(name);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

/** Money shown as text ("€13.78") or kept in a cell (13.78) → minor units. */
function cents(value: unknown): number {
  if (typeof value === 'number') return Math.round(value * 100);
  const m = /(-|−)?\s*\D*?([\d.,\s]*\d)[.,](\d{2})\b/.exec(String(value ?? ''));
  if (!m) throw new Error(`No amount in "${value}"`);
  return (m[1] ? -1 : 1) * (Number(m[2].replace(/\D/g, '')) * 100 + Number(m[3]));
}

/** 5 % (the default earn rate) of the net, rounded down to the cent. */
const earnOn = (net: number) => Math.floor((net * 5) / 100);
const netOf = (gross: number, rate: number) => gross - Math.round((gross * rate) / (100 + rate));

/** Polls until `check` gives a value (a throw counts as not yet), or fails naming `what`. */
async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

describeInBrowser('one customer in both channels, at the till in chromium', () => {
  let dir: string;
  let ledger: string;
  let playground: Playground;
  let browser: Browser;
  let page: Page;
  const byId = (id: string) => page.locator(`[data-testid=${id}]`);

  /**
   * Saves a picture of `what`, with a little of the page around it (a card edge needs air), to
   * tests/artifacts/, and to docs/ when missing or asked for.
   */
  async function picture(name: string, what: Locator): Promise<void> {
    const artifact = join(ARTIFACTS, name);
    await what.scrollIntoViewIfNeeded();
    const box = await what.boundingBox();
    if (!box) throw new Error(`${name}: nothing to take a picture of`);
    const width = page.viewportSize()?.width ?? box.width;
    const x = Math.max(0, box.x - MARGIN);
    const clip = {
      x,
      y: Math.max(0, box.y - MARGIN),
      width: Math.min(width, box.x + box.width + MARGIN) - x,
    };
    await page.screenshot({
      path: artifact,
      clip: { ...clip, height: box.height + 2 * MARGIN },
    });
    const doc = join(DOCS, name);
    if (!existsSync(doc) || process.env.SHOP_LEDGER_UPDATE_SCREENSHOT === '1') {
      mkdirSync(DOCS, { recursive: true });
      copyFileSync(artifact, doc);
    }
  }

  /** Scans the coffee (the only product the till sells in this story). */
  async function scanCoffee(): Promise<void> {
    const code = COFFEE.ean;
    await page.locator('#scan').fill(code);
    await page.locator('#scan').press('Enter');
    await page.locator(`[data-testid=cart-line][data-sku="${COFFEE.sku}"]`).waitFor();
  }

  /** The receipt's number, once the server's (the provisional one has none). */
  async function receiptNo(): Promise<string> {
    await byId('receipt').waitFor();
    await page.waitForFunction(
      "/\\d/.test(document.querySelector('[data-testid=receipt-no]')?.textContent ?? '')",
    );
    return textOf(byId('receipt-no'));
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cross-channel-'));
    ledger = join(dir, 'ledger.xlsx');
    playground = await startPlayground({ ledger, port: 0, build: 'if-stale' });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 300, height: 900 }, deviceScaleFactor: 2 });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(playground.url);
    await byId('float').fill('100');
    await byId('open-session').click();
    await page.locator('#scan').waitFor();
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await playground?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const tillEarned = earnOn(netOf(COFFEE.price, 10));
  const webNet = netOf(MUG.price, 21) + netOf(PRESS.price, 21);
  const webEarned = earnOn(webNet);
  // Returning the mug takes back its share of what the web order earned.
  const reversed = Math.round((webEarned * netOf(MUG.price, 21)) / webNet);
  const afterReturn = tillEarned + webEarned - reversed + MUG.price;

  test('1. made a customer at the till, matched to her web order by email: one card, both channels', async () => {
    await byId('customer-search').fill(ANA.name);
    await byId('customer-new').click();
    await page.locator('[data-testid=customer-form] input[type=email]').fill(ANA.email);
    await byId('customer-save').click();
    await byId('customer').waitFor();
    await scanCoffee();
    await byId('pay-cash').click();
    await byId('tendered').press('Enter');
    await byId('commit').click();
    const tillNo = await receiptNo();
    await byId('new-sale').click();

    // Her web order, bought three days ago with the same email (in another case), shipped.
    await onStockLedger(ledger, (p) =>
      importOrders(p, 'shop', {
        orders: [
          webOrder(WEB_NO.slice(1), 'fulfilled', [webLine(PRESS), webLine(MUG)], {
            created: Date.now() - 3 * DAY,
            updated: Date.now() - 3 * DAY,
            customer: { externalId: '7', email: 'Ana.Garcia@Example.com', name: ANA.name, phone: '' },
          }),
        ],
        problems: [],
      }),
    );

    // Next visit: staff find her by email; the card has both purchases and the credit both earned.
    await byId('customer-search').fill(ANA.email);
    await byId('customer-search').press('Enter');
    await byId('customer-card').waitFor();
    await byId('customer-history').click();
    const rows = byId('customer-history-list').locator('li');
    await page.waitForFunction(
      "document.querySelectorAll('[data-testid=customer-history-list] li').length === 2",
    );
    const history = await rows.allTextContents();
    expect(history.some((r) => r.startsWith('Store') && r.includes(tillNo) && r.includes('12.90'))).toBe(
      true,
    );
    expect(history.some((r) => r.startsWith('Web') && r.includes(WEB_NO) && r.includes('41.00'))).toBe(true);
    expect(cents(await textOf(byId('customer-balance')))).toBe(tillEarned + webEarned);
    await picture('story-card.png', page.locator('.customer'));
  });

  test('2. the web-bought mug comes back at the counter, refunded in store credit: R number and new balance', async () => {
    await page.locator('[data-testid=returns] > summary').click();
    await byId('return-order').fill(WEB_NO);
    await byId('return-order').press('Enter');
    const mug = page.locator(`[data-testid=return-line][data-sku="${MUG.sku}"]`);
    await mug.waitFor();
    expect(await textOf(mug)).toMatch(/sold 1/);
    await mug.locator('[data-testid=return-qty]').fill('1');
    await mug.locator('[data-testid=return-qty]').press('Tab');
    await byId('return-refund').selectOption('credit');
    await byId('return-confirm').click();

    await byId('return-receipt').waitFor({ state: 'visible' });
    expect(await textOf(byId('return-no'))).toMatch(/R-\d{4}-000001/);
    // It cites the web order's invoice (W series) and the number Ana knows.
    expect(await textOf(byId('return-corrects'))).toMatch(/^Corrects W-\d{4}-000001 \(#5001\)$/);
    expect(await textOf(byId('return-refunded'))).toMatch(/12[.,]00.*Store credit/);
    expect(cents(await textOf(byId('return-balance')))).toBe(afterReturn);
    await picture('story-return.png', byId('returns'));
  });

  test('3. she spends the credit on two coffees, the rest by card: credit used and left on the receipt', async () => {
    await page.locator('[data-testid=returns] > summary').click(); // fold the panel away
    // Still the sale's customer since step 1: the card shows the credit the return gave her.
    expect(await textOf(byId('customer'))).toContain(ANA.name);
    await until('the balance after the return on the card', async () =>
      cents(await textOf(byId('customer-balance'))) === afterReturn ? true : undefined,
    );
    await scanCoffee();
    await page.locator('[data-testid=cart-line] [data-testid=qty]').fill('2');
    await page.waitForFunction(`document.querySelector('[data-testid=total]')?.textContent.includes('25')`);
    expect(cents(await textOf(byId('pay-credit')))).toBe(afterReturn);
    await byId('pay-credit').click();
    await byId('credit-amount').press('Enter');
    await byId('pay-card').click();
    await byId('card-amount').press('Enter');
    await page.waitForFunction("!document.querySelector('[data-testid=commit]')?.disabled");
    await byId('commit').click();
    const saleNo = await receiptNo();
    // The credit and the card pay it, each once; what she has left under her name.
    const paid = await byId('receipt').locator('.receipt-payments .row').allTextContents();
    expect(paid.map((r) => [r.replace(/[€\d.,\s]+$/, ''), cents(r)])).toEqual([
      ['Store credit', afterReturn],
      ['Card', 2 * COFFEE.price - afterReturn],
    ]);
    const [units, hundredths] = (afterReturn / 100).toFixed(2).split('.');
    const shown = (await textOf(byId('receipt'))).match(new RegExp(`${units}[.,]${hundredths}`, 'g'));
    expect(shown).toHaveLength(1);
    // Earned on the part paid by card only.
    const paidByCard = 2 * COFFEE.price - afterReturn;
    const earnedNow = earnOn(netOf(paidByCard, 10));
    expect(cents(await textOf(byId('receipt').locator('.credit-left')))).toBe(earnedNow);
    await picture('story-credit.png', byId('receipt'));

    // The ledger: one customer, every order on her, the R citing the W, and her credit's entries.
    const customers = (await tab(ledger, 'Customers')).filter((c) => c.Email === ANA.email);
    expect(customers).toHaveLength(1);
    const anaId = customers[0]['Customer ID'];
    const orders = await tab(ledger, 'Orders');
    const web = orders.find((o) => o['Order No'] === WEB_NO && o.Type !== 'return');
    const ret = orders.find((o) => o.Type === 'return');
    const till = orders.filter((o) => o.Channel === 'Store' && o.Type !== 'return');
    expect(web).toMatchObject({ Channel: 'Web', 'Customer ID': anaId, Status: 'partially refunded' });
    expect(till.map((o) => o['Customer ID'])).toEqual([anaId, anaId]);
    expect(till.map((o) => o['Order No'])).toContain(saleNo);
    expect(ret).toMatchObject({
      Channel: 'Web',
      'Refund of': web?.['Order ID'],
      Status: 'refunded',
      Total: -12,
    });
    expect(String(ret?.['Invoice No'])).toMatch(/^R-/);
    const invoices = await tab(ledger, 'Invoices');
    expect(String(web?.['Invoice No'])).toMatch(/^W-/);
    expect(invoices.find((i) => i['Invoice No'] === ret?.['Invoice No'])).toMatchObject({
      Corrects: web?.['Invoice No'],
      Total: -12,
    });
    // Her credit: earned in both channels, the web earning partly taken back and the refund
    // given as credit (one commit, in either order), spent, and earned again on the card part.
    const loyalty = (await tab(ledger, 'Loyalty')).filter((e) => e['Customer ID'] === anaId);
    const entries = loyalty.map((e) => [e.Kind, cents(e.Amount)]);
    expect(entries.slice(0, 2)).toEqual([
      ['earn', tillEarned],
      ['earn', webEarned],
    ]);
    expect(entries.slice(2, 4)).toEqual(
      expect.arrayContaining([
        ['reverse', -reversed],
        ['adjust', MUG.price],
      ]),
    );
    expect(entries.slice(4)).toEqual([
      ['redeem', -afterReturn],
      ['earn', earnedNow],
    ]);
    expect(cents(customers[0]['Loyalty balance'])).toBe(earnedNow);
    const moves = (await tab(ledger, 'Movements')).filter((m) => m.Reference === ret?.['Order ID']);
    expect(moves.map((m) => [m.SKU, m.Qty, m.From, m.To, m.Reason])).toEqual([
      [MUG.sku, 1, 'Customer', 'Store', 'return'],
    ]);
    expect(customers[0]['Shop IDs']).toBe('shop:7');
    const payments = (await tab(ledger, 'Payments')).filter((x) => x['Order ID'] === ret?.['Order ID']);
    expect(payments.map((x) => [x.Method, cents(x.Amount)])).toEqual([['credit', -MUG.price]]);
  });
});
