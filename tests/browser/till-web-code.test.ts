/**
 * "Send web code" at the till, in a real browser (Debian's chromium through playwright-core) on
 * the local playground, with the fake WooCommerce shop (src/node/fake-shop) serving on loopback in
 * a child process, connected to the playground's ledger as Shop settings connects a shop (its
 * name and address and its credentials in the ledger's document properties). Ana has 12.34 of
 * store credit; staff choose her, press Send web code, and see the code and the held balance (0
 * left). The ledger then holds the code as live, with the shop's id of the coupon, and the hold.
 * Screenshot: tests/artifacts/till-web-code.png (gitignored).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadContext } from '../../src/app/ledger-context';
import { postLoyalty } from '../../src/app/loyalty/post-entries';
import { saveShop } from '../../src/app/sync/shop-config';
import { createCustomer } from '../../src/app/till/customers';
import { onStockLedger } from '../../src/node/commands/stock-common';
import { type FakeShopProcess, startFakeShopProcess } from '../../src/node/fake-shop/process';
import { FAKE_WOO_KEY, FAKE_WOO_SECRET } from '../../src/node/fake-shop/scenario';
import { type Playground, startPlayground } from '../../src/node/playground/server';
import { loadXlsx } from '../../src/node/xlsx-file';
import { describeInBrowser as describeInBrowserOr, launchChromium } from '../helpers/browser';

const ARTIFACTS = join(__dirname, '..', 'artifacts');
const describeInBrowser = describeInBrowserOr('browser test of Send web code');
const ANA = { name: 'Ana García', email: 'ana.garcia@example.com' };

type Row = Record<string, unknown>;
async function tab(ledger: string, name: string): Promise<Row[]> {
  const [header, ...rows] = (await loadXlsx(ledger)).read(name);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

describeInBrowser('Send web code at the till, in chromium', () => {
  let dir: string;
  let ledger: string;
  let playground: Playground;
  let shop: FakeShopProcess;
  let browser: Browser;
  let page: Page;
  let customerId = '';
  const byId = (id: string) => page.locator(`[data-testid=${id}]`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'till-web-code-'));
    ledger = join(dir, 'ledger.xlsx');
    playground = await startPlayground({ ledger, port: 0, build: 'if-stale' });
    shop = await startFakeShopProcess({ orders: 7 });
    await onStockLedger(ledger, (p) => {
      saveShop(
        p.properties,
        { name: 'Fake shop', platform: 'woocommerce', url: shop.url },
        { platform: 'woocommerce', key: FAKE_WOO_KEY, secret: FAKE_WOO_SECRET },
      );
      customerId = createCustomer(p, { key: 'ana', name: ANA.name, email: ANA.email }).customerId;
      postLoyalty(
        p,
        loadContext(p.workbook),
        [{ customerId, amount: 1234, kind: 'adjust', orderId: '', expires: null, key: 'gift' }],
        Date.now(),
      );
    });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 300, height: 900 }, deviceScaleFactor: 2 });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(playground.url);
    await byId('float').fill('100');
    await byId('open-session').click();
    await page.locator('#scan').waitFor();
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await playground?.close();
    await shop?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('choose a customer with credit, send a web code: the code shows and the balance is held (0 left)', async () => {
    await byId('customer-search').fill(ANA.email);
    await byId('customer-search').press('Enter');
    await byId('customer-card').waitFor();
    await page.waitForFunction(
      "(document.querySelector('[data-testid=customer-balance]')?.textContent ?? '').includes('12.34')",
    );
    // One shop connected: no question, the code is sent at once.
    await byId('customer-web-code').click();
    await byId('customer-web-code-sent').waitFor({ state: 'visible' });
    const shown = ((await byId('customer-web-code-sent').textContent()) ?? '').trim();
    const code = /SL-[2-9A-Z]{5}-[2-9A-Z]{5}/.exec(shown)?.[0] ?? '';
    expect(code).not.toBe('');
    expect(shown).toContain('12.34');
    await page.waitForFunction(
      "(document.querySelector('[data-testid=customer-balance]')?.textContent ?? '').includes('0.00')",
    );
    expect(await byId('customer-web-code').isDisabled()).toBe(true); // nothing left to send
    await page.locator('.customer').screenshot({ path: join(ARTIFACTS, 'till-web-code.png') });

    // The ledger: the code live with the shop's coupon id, and the credit held under it.
    const codes = await tab(ledger, 'Web Codes');
    expect(codes).toEqual([
      expect.objectContaining({
        Code: code,
        'Customer ID': customerId,
        Shop: 'Fake shop',
        Amount: 12.34,
        Status: 'live',
      }),
    ]);
    expect(String(codes[0]['Shop code ID'])).toMatch(/^\d+$/);
    const hold = (await tab(ledger, 'Loyalty')).filter((e) => e.Key === `hold:${code}`);
    expect(hold).toEqual([expect.objectContaining({ Kind: 'redeem', Amount: -12.34 })]);
    // What the shop was asked: its tax setting, then the coupon.
    const asked = (await shop.requests()).map((r) => `${r.method} ${r.path}`);
    expect(asked).toEqual(
      expect.arrayContaining([
        'GET /wp-json/wc/v3/settings/tax/woocommerce_prices_include_tax',
        'POST /wp-json/wc/v3/coupons',
      ]),
    );
  });
});
