import { recordSale } from '../../src/app/till/record-sale';
import { entryPoints } from '../../src/gas/entry-points';
import { MENU_ITEMS } from '../../src/gas/menu';
import { COFFEE, cashSale, tillLedger } from '../helpers/till-ledger';

test('"Show invoice" asks for the number and shows the invoice document in a modal dialog', () => {
  expect(MENU_ITEMS).toContainEqual(['Show invoice', 'menuShowInvoice']);
  const { env, platform } = tillLedger({
    settings: { 'Seller name': 'Tienda <Ámbar>', 'Seller tax ID': 'B12345674' },
  });
  const sale = recordSale(platform, cashSale('s1', [{ sku: COFFEE.sku, qty: 1 }], COFFEE.price));
  const invoiceNo = (sale as { invoiceNo: string }).invoiceNo;
  expect(invoiceNo).toMatch(/^T-\d{4}-000001$/);

  env.ui.answerNextPrompt('OK', ` ${invoiceNo} `);
  entryPoints.menuShowInvoice();
  const dialog = env.ui.dialogs.at(-1);
  expect(dialog).toMatchObject({ title: `Invoice ${invoiceNo}`, modal: true });
  expect(dialog?.content).toContain(invoiceNo);
  expect(dialog?.content).toContain('Tienda &lt;Ámbar&gt;');
  expect(dialog?.content).toContain('B12345674');
  expect(dialog?.content).toContain('window.print()');
});

test('"Show invoice" with an unknown number says so; cancelled, it does nothing', () => {
  const { env } = tillLedger();
  env.ui.answerNextPrompt('OK', 'T-2026-999999');
  entryPoints.menuShowInvoice();
  expect(env.ui.alerts.at(-1)?.message).toMatch(/no invoice T-2026-999999/);
  expect(env.ui.dialogs).toHaveLength(0);
  const alerts = env.ui.alerts.length;
  entryPoints.menuShowInvoice();
  expect(env.ui.alerts).toHaveLength(alerts);
  expect(env.ui.dialogs).toHaveLength(0);
});
