/**
 * The invoice document in a real browser (Debian's chromium through playwright-core): a till sale
 * on a fresh ledger through the CLI in-process, `shop-ledger invoice --html`, then the page opened
 * in chromium, printed with page.pdf() (A4 and a narrow receipt roll), and its text checked.
 *
 * Without /usr/bin/chromium (or SHOP_LEDGER_CHROMIUM) the suite is skipped, and says so.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { formatMoney, toMinor } from '../../src/core/money';
import { loadXlsx, saveXlsx } from '../../src/node/xlsx-file';
import { describeInBrowser as describeInBrowserOr, launchChromium } from '../helpers/browser';
import { captureCli } from '../helpers/cli';

const describeInBrowser = describeInBrowserOr('invoice PDF browser test');

const SELLER = 'Café Ámbar <S.L.>';

describeInBrowser('the invoice document printed to PDF in chromium', () => {
  let dir: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'invoice-pdf-'));
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('a till sale’s invoice shows its number, the seller and the total, and prints to a PDF', async () => {
    const ledger = join(dir, 'ledger.xlsx');
    const cli = async (...argv: string[]) => {
      const r = await captureCli(argv);
      expect(r).toMatchObject({ code: 0, err: '' });
      return r.out;
    };
    await cli('init', '--ledger', ledger, '--sample', '--time-zone', 'Europe/Madrid');
    const wb = await loadXlsx(ledger);
    const settings = wb.read('Settings');
    const row = settings.findIndex((r) => String(r[0]).trim() === 'Seller name');
    expect(row).toBeGreaterThan(0);
    wb.write('Settings', row + 1, 2, [[SELLER]]);
    await saveXlsx(wb, ledger);
    await cli('till', 'open', '--ledger', ledger, '--float', '100');
    const sale = JSON.parse(
      await cli('sale', '--ledger', ledger, '--line', 'ACC-MUG-W:2', '--pay', 'card:24', '--json'),
    );
    const invoiceNo: string = sale.invoiceNo;
    expect(invoiceNo).toMatch(/^T-\d{4}-000001$/);
    const html = join(dir, 'invoice.html');
    await cli('invoice', '--ledger', ledger, '--number', invoiceNo, '--html', html);

    const [header, ...rows] = (await loadXlsx(ledger)).read('Invoices');
    const total = formatMoney(toMinor(Number(rows[0][header.indexOf('Total')])), 'EUR');

    if (!browser) throw new Error('chromium did not start');
    const page = await browser.newPage();
    try {
      await page.goto(pathToFileURL(html).href);
      const text = (await page.textContent('body')) ?? '';
      expect(text).toContain(invoiceNo);
      expect(text).toContain(SELLER);
      expect(text).toContain(total);
      expect(await page.locator('script').count()).toBe(0);

      const a4 = await page.pdf({ format: 'A4', printBackground: true });
      expect(a4.length).toBeGreaterThan(1000);
      expect(a4.subarray(0, 4).toString('latin1')).toBe('%PDF');

      // A narrow receipt roll: the document still fits, one page wide.
      await page.setViewportSize({ width: 300, height: 800 });
      const receipt = await page.pdf({ width: '80mm', printBackground: true });
      expect(receipt.subarray(0, 4).toString('latin1')).toBe('%PDF');
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await page.close();
    }
    expect(readFileSync(html, 'utf8')).toContain('<style>');
  }, 60_000);
});
