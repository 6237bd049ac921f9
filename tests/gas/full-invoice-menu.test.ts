/** "Full invoice for a ticket" and "Verify invoices" through the Apps Script entry points, on the fakes. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordSale } from '../../src/app/till/record-sale';
import { entryPoints } from '../../src/gas/entry-points';
import { MENU_ITEMS } from '../../src/gas/menu';
import { installAppsScript } from '../helpers/apps-script';
import { COFFEE, cashSale, tillLedger } from '../helpers/till-ledger';

const FORM = {
  taxId: 'B12345674',
  name: 'Cafetería <Sol>',
  address: 'Calle Mayor 1, Madrid',
  key: 'dialog-key-1',
};

function ledgerWithTicket() {
  const setup = tillLedger({ settings: { 'Seller name': 'Tienda', 'Seller tax ID': 'B12345674' } });
  const sale = recordSale(setup.platform, cashSale('s1', [{ sku: COFFEE.sku, qty: 1 }], COFFEE.price));
  return { ...setup, ticket: sale.invoiceNo as string };
}

test('the menu has "Full invoice for a ticket" and "Verify invoices", each a registered entry point', () => {
  expect(MENU_ITEMS).toContainEqual(['Full invoice for a ticket', 'menuFullInvoice']);
  expect(MENU_ITEMS).toContainEqual(['Verify invoices', 'menuVerifyInvoices']);
  for (const name of ['menuFullInvoice', 'menuVerifyInvoices', 'fullInvoiceIssue'] as const) {
    expect(typeof entryPoints[name]).toBe('function');
  }
});

test('"Full invoice for a ticket" opens its dialog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'full-invoice-html-'));
  writeFileSync(join(dir, 'full-invoice.html'), '<p>form</p>');
  const { env } = installAppsScript({ htmlDir: dir });
  entryPoints.menuFullInvoice();
  expect(env.ui.dialogs.at(-1)).toMatchObject({ title: 'Full invoice for a ticket', modal: true });
});

test('the dialog’s call issues the F and returns its document as plain data; a retry gets the same F', () => {
  const { env, ticket } = ledgerWithTicket();
  const answer = entryPoints.fullInvoiceIssue({ ticket: ` ${ticket} `, ...FORM });
  expect(JSON.parse(JSON.stringify(answer))).toEqual(answer); // only plain data crosses google.script.run
  expect(answer).toMatchObject({ ok: true, replaces: ticket, replayed: false });
  if (!answer.ok) throw new Error(answer.message);
  expect(answer.invoiceNo).toMatch(/^F-\d{4}-000001$/);
  expect(answer.html).toContain(`Replaces simplified invoice ${ticket}`);
  expect(answer.html).toContain('Cafetería &lt;Sol&gt;');
  expect(answer.html).toContain('Calle Mayor 1, Madrid');

  const again = entryPoints.fullInvoiceIssue({ ticket, ...FORM });
  expect(again).toMatchObject({ ok: true, invoiceNo: answer.invoiceNo, replayed: true });
  const rows = env.meter.uncounted(() => env.spreadsheet.getSheetByName('Invoices')?.getLastRow());
  expect(rows).toBe(3); // header, T, F
});

test('a refusal comes back as a message, nothing written', () => {
  const { env, ticket } = ledgerWithTicket();
  expect(entryPoints.fullInvoiceIssue({ ticket, ...FORM, taxId: '12345678A' })).toEqual({
    ok: false,
    message: expect.stringMatching(/tax ID: The NIF 12345678A has the wrong control letter/),
  });
  expect(entryPoints.fullInvoiceIssue({ ticket: 'T-2026-999999', ...FORM })).toEqual({
    ok: false,
    message: expect.stringMatching(/no invoice T-2026-999999/),
  });
  const rows = env.meter.uncounted(() => env.spreadsheet.getSheetByName('Invoices')?.getLastRow());
  expect(rows).toBe(2);
});

test('"Verify invoices" says the invoices are in order, or names the row edited by hand', () => {
  const first = ledgerWithTicket();
  // A second execution on the same spreadsheet: its globals are the ones the entry points see now.
  const { env, platform } = installAppsScript({ shared: first.env.shared });
  recordSale(platform, cashSale('s2', [{ sku: COFFEE.sku, qty: 1 }], COFFEE.price));
  entryPoints.menuVerifyInvoices();
  expect(env.ui.alerts.at(-1)).toMatchObject({
    title: 'Verify invoices',
    message: expect.stringMatching(/The 2 invoice\(s\) are in order/),
  });

  env.meter.uncounted(() => env.spreadsheet.getSheetByName('Invoices')?.getRange(3, 10).setValue(0.01));
  entryPoints.menuVerifyInvoices();
  const message = env.ui.alerts.at(-1)?.message ?? '';
  expect(message).toMatch(/1 problem\(s\) in the invoices/);
  expect(message).toMatch(
    /Invoices!A3: Row 3 \(T-\d{4}-000002\): its fields no longer match its Hash: it was edited by hand/,
  );
});
