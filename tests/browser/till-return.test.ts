/**
 * A return at the till in a real browser (Debian's chromium through playwright-core), on the local
 * playground: a coffee sold in cash, then taken back to stock with a cash refund through the Return
 * panel; the receipt's barcode reads as its number, the server's amount shows before Confirm, the R
 * number on screen and the stock back in the ledger. Then an exchange started by scanning the
 * receipt into #scan (a coffee back, two mugs out, the difference in cash) with its R and T; then a
 * click-and-collect web order listed
 * To collect and handed over. Screenshots: tests/artifacts/till-return.png, till-exchange.png and
 * till-collect.png (gitignored).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { importOrders } from '../../src/app/sync/import-orders';
import { ean13CheckDigit } from '../../src/core/barcode';
import { sampleCatalogue } from '../../src/core/sample-catalogue';
import { onStockLedger } from '../../src/node/commands/stock-common';
import { type Playground, startPlayground } from '../../src/node/playground/server';
import { loadXlsx } from '../../src/node/xlsx-file';
import { describeInBrowser as describeInBrowserOr, launchChromium } from '../helpers/browser';
import { readCode128, svgModules } from '../helpers/code128';
import { productLine, webOrder } from '../helpers/web-orders';

const ARTIFACTS = join(__dirname, '..', 'artifacts');
const describeInBrowser = describeInBrowserOr('browser tests of returns');
const COFFEE = { sku: 'COF-ETH-250', ean: `841234510001${ean13CheckDigit('841234510001')}`, price: 1290 };
const MUG = {
  sku: 'ACC-MUG-W',
  ean: sampleCatalogue().find((i) => i.product.sku === 'ACC-MUG-W')?.product.barcode ?? '',
};

type Row = Record<string, unknown>;
async function tab(ledger: string, name: string): Promise<Row[]> {
  const [header, ...rows] = (await loadXlsx(ledger)).read(name);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}
const onHand = async (ledger: string, sku: string) =>
  Number((await tab(ledger, 'Stock')).find((s) => s.SKU === sku && s.Location === 'Store')?.['On hand']);

async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

describeInBrowser('returns and click and collect at the till, in chromium', () => {
  let dir: string;
  let ledger: string;
  let playground: Playground;
  let browser: Browser;
  let page: Page;
  const byId = (id: string) => page.locator(`[data-testid=${id}]`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'till-return-'));
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

  test('sell a coffee, return it to stock with a cash refund: the R number shows and the stock is back', async () => {
    await page.locator('#scan').fill(COFFEE.ean);
    await page.locator('#scan').press('Enter');
    await page.locator(`[data-testid=cart-line][data-sku="${COFFEE.sku}"]`).waitFor();
    await byId('pay-cash').click();
    await byId('tendered').press('Enter');
    await byId('commit').click();
    await byId('receipt').waitFor();
    // The provisional receipt has no number yet: wait for the server's.
    await page.waitForFunction(
      "/\\d/.test(document.querySelector('[data-testid=receipt-no]')?.textContent ?? '')",
    );
    const receiptNo = await textOf(byId('receipt-no'));
    // The receipt carries its number as a barcode too: what a scanner reads from it is that number.
    const svg = await page.locator('[data-testid=receipt-barcode] svg').evaluate((el) => el.outerHTML);
    expect(readCode128(svgModules(svg))).toBe(receiptNo);
    await byId('new-sale').click();
    const afterSale = await onHand(ledger, COFFEE.sku);

    // The Return panel: the receipt's number (a scanner types it and Enter).
    await page.locator('[data-testid=returns] > summary').click();
    await byId('return-order').fill(receiptNo);
    await byId('return-order').press('Enter');
    const row = page.locator(`[data-testid=return-line][data-sku="${COFFEE.sku}"]`);
    await row.waitFor();
    expect(await textOf(row)).toMatch(/sold 1/);
    await row.locator('[data-testid=return-qty]').fill('1');
    await row.locator('[data-testid=return-qty]').press('Tab');
    expect(await row.locator('[data-testid=return-disposition]').inputValue()).toBe('restock');
    expect(await byId('return-refund').inputValue()).toBe('cash');
    // The server's amount before Confirm.
    await page.waitForFunction(
      "/12[.,]90/.test(document.querySelector('[data-testid=return-quote-refund]')?.textContent ?? '')",
    );
    await byId('return-confirm').click();

    await byId('return-receipt').waitFor({ state: 'visible' });
    const returnNo = await textOf(byId('return-no'));
    expect(returnNo).toMatch(/R-\d{4}-000001/);
    expect(await textOf(byId('return-refunded'))).toMatch(/12[.,]90/);
    await byId('return-receipt').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'till-return.png'), fullPage: true });

    expect(await onHand(ledger, COFFEE.sku)).toBe(afterSale + 1);
    const ret = (await tab(ledger, 'Orders')).find((o) => o.Type === 'return');
    expect(ret).toMatchObject({ 'Order No': receiptNo, Status: 'refunded', Total: -12.9, Till: 'Till 1' });
    expect(returnNo).toContain(String(ret?.['Invoice No']));
    expect((await tab(ledger, 'Payments')).find((x) => x['Order ID'] === ret?.['Order ID'])).toMatchObject({
      Method: 'cash',
      Amount: -12.9,
    });
  });

  test('an exchange: a coffee back, two mugs out, the difference paid in cash; one commit with its R and its T', async () => {
    // A coffee sold in cash, as the customer's receipt shows it.
    await page.locator('#scan').fill(COFFEE.ean);
    await page.locator('#scan').press('Enter');
    await page.locator(`[data-testid=cart-line][data-sku="${COFFEE.sku}"]`).waitFor();
    await byId('pay-cash').click();
    await byId('tendered').press('Enter');
    await byId('commit').click();
    // The last sale's receipt, hidden, still holds its number: wait for this one to show.
    await byId('receipt').waitFor();
    await page.waitForFunction(
      "/\\d/.test(document.querySelector('[data-testid=receipt-no]')?.textContent ?? '')",
    );
    const receiptNo = await textOf(byId('receipt-no'));
    await byId('new-sale').click();

    // The receipt scanned into #scan (a scanner types its number and Enter): the Return panel
    // opens on that order. The coffee comes back; "Exchange instead" puts it on the sale as a credit.
    const panel = page.locator('[data-testid=returns]');
    if (await panel.evaluate((el) => (el as { open?: boolean }).open))
      await page.locator('[data-testid=returns] > summary').click();
    await page.locator('#scan').focus();
    await page.keyboard.type(receiptNo);
    await page.keyboard.press('Enter');
    const row = page.locator(`[data-testid=return-line][data-sku="${COFFEE.sku}"]`);
    await row.waitFor();
    expect(await panel.evaluate((el) => (el as { open?: boolean }).open)).toBe(true);
    expect(await byId('return-order').inputValue()).toBe(receiptNo);
    expect(await textOf(page.locator('.return-of'))).toContain(receiptNo);
    expect(await page.locator('[data-testid=cart-line]').count()).toBe(0);
    await row.locator('[data-testid=return-qty]').fill('1');
    await row.locator('[data-testid=return-qty]').press('Tab');
    await page.waitForFunction(
      "/12[.,]90/.test(document.querySelector('[data-testid=return-quote-refund]')?.textContent ?? '')",
    );
    await byId('return-exchange').click();
    await page.locator(`[data-testid=exchange-line][data-sku="${COFFEE.sku}"]`).waitFor();
    expect(await textOf(byId('exchange'))).toContain(receiptNo);

    // Two mugs scanned: 24.00 for a 12.90 coffee, 11.10 to pay, in cash with a 20 note.
    for (let i = 0; i < 2; i++) {
      await page.locator('#scan').fill(MUG.ean);
      await page.locator('#scan').press('Enter');
    }
    await page.waitForFunction(
      `document.querySelector('[data-testid=cart-line][data-sku="${MUG.sku}"] [data-testid=qty]')?.value === '2'`,
    );
    expect(await textOf(byId('exchange-credit'))).toMatch(/12[.,]90/);
    expect(await textOf(byId('due'))).toMatch(/11[.,]10/);
    await byId('pay-cash').click();
    await byId('tendered').fill('20');
    await byId('tendered').press('Enter');
    expect(await textOf(byId('change'))).toMatch(/8[.,]90/);
    await byId('commit').click();

    await byId('exchange-return-no').waitFor();
    const returnLine = await textOf(byId('exchange-return-no'));
    const saleLine = await textOf(byId('exchange-sale-no'));
    expect(returnLine).toMatch(/R-\d{4}-\d{6}/);
    expect(saleLine).toMatch(/T-\d{4}-\d{6}/);
    expect(await textOf(byId('exchange-difference'))).toMatch(/11[.,]10/);
    await byId('receipt').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'till-exchange.png'), fullPage: true });

    // The ledger: the return row citing the coffee's order, the mugs' sale, both invoices.
    const orders = await tab(ledger, 'Orders');
    const original = orders.find((o) => o['Order No'] === receiptNo);
    const ret = orders.find((o) => o.Type === 'return' && o['Refund of'] === original?.['Order ID']);
    expect(ret).toMatchObject({ Total: -12.9, Till: 'Till 1' });
    const invoices = await tab(ledger, 'Invoices');
    const r = invoices.find((i) => i['Order ID'] === ret?.['Order ID']);
    expect(r).toMatchObject({ Series: 'R', Total: -12.9 });
    expect(returnLine).toContain(String(r?.['Invoice No']));
    const t = invoices.find((i) => saleLine.includes(String(i['Invoice No'])));
    expect(t).toMatchObject({ Series: 'T', Total: 24 });
    const sale = orders.find((o) => o['Order ID'] === t?.['Order ID']);
    expect(sale).toMatchObject({ Type: 'sale', Total: 24, Till: 'Till 1' });
    const lines = (await tab(ledger, 'Order Lines')).filter((l) => l['Order ID'] === sale?.['Order ID']);
    expect(lines).toEqual([expect.objectContaining({ SKU: MUG.sku, Qty: 2 })]);
  });

  test('a click-and-collect web order is listed To collect and handed over from the Store', async () => {
    await onStockLedger(ledger, (p) =>
      importOrders(p, 'shop', {
        orders: [webOrder('5001', 'paid', [productLine('ACC-MUG-W', 1, 1200)], { localPickup: true })],
        problems: [],
      }),
    );
    await page.locator('[data-testid=collect] > summary').click();
    const order = page.locator('[data-testid=collect-order][data-order="#5001"]');
    await order.waitFor();
    await order.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'till-collect.png'), fullPage: true });
    await order.locator('[data-testid=collect-hand-over]').click();
    await order.waitFor({ state: 'detached' });
    expect((await tab(ledger, 'Orders')).find((o) => o['Order No'] === '#5001')).toMatchObject({
      Fulfilment: 'collected',
    });
  });
});
