/** The menu's privacy requests: export a customer as JSON, forget a customer after a confirmation. */
import { createCustomer } from '../../src/app/till/customers';
import { recordSale } from '../../src/app/till/record-sale';
import { entryPoints } from '../../src/gas/entry-points';
import { MENU_ITEMS } from '../../src/gas/menu';
import { COFFEE, tillLedger } from '../helpers/till-ledger';

type Env = ReturnType<typeof tillLedger>['env'];
const customers = (env: Env) =>
  env.meter.uncounted(() => {
    const [header, ...rows] = env.spreadsheet.getSheetByName('Customers')?.getDataRange().getValues() ?? [];
    return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
  });

function anaBought() {
  const setup = tillLedger();
  const ana = createCustomer(setup.platform, {
    key: 'c1',
    name: 'Ana <García>',
    email: 'ana@example.com',
    phone: '+34 600 111 222',
  });
  recordSale(setup.platform, {
    key: 's1',
    till: 'Till 1',
    customerId: ana.customerId,
    lines: [{ sku: COFFEE.sku, qty: 1 }],
    payments: [{ method: 'card', amount: COFFEE.price }],
  });
  return { ...setup, ana };
}

test('both are in the menu', () => {
  expect(MENU_ITEMS).toContainEqual(['Export a customer', 'menuExportCustomer']);
  expect(MENU_ITEMS).toContainEqual(['Forget a customer', 'menuForgetCustomer']);
});

test('"Export a customer" shows everything held about one customer as JSON, escaped, with a download link', () => {
  const { env, ana } = anaBought();
  env.ui.answerNextPrompt('OK', ana.customerId.toLowerCase());
  entryPoints.menuExportCustomer();
  const dialog = env.ui.dialogs.at(-1);
  expect(dialog).toMatchObject({ title: `Customer ${ana.customerId}`, modal: true });
  expect(dialog?.content).toContain(`download="customer-${ana.customerId}.json"`);
  expect(dialog?.content).toContain('Ana &lt;García&gt;');
  expect(dialog?.content).not.toContain('Ana <García>');
  expect(dialog?.content).toContain('ana@example.com');
  expect(dialog?.content).toMatch(/T-\d{4}-000001/); // the sale's invoice is part of what is held
});

test('"Forget a customer" asks, confirms, then blanks the personal fields; "No" changes nothing', () => {
  const { env, ana } = anaBought();
  env.ui.answerNextPrompt('OK', ana.customerId);
  env.ui.answerNextAlert('NO');
  entryPoints.menuForgetCustomer();
  expect(env.ui.alerts.at(-1)?.message).toBe(
    `Forget ${ana.customerId} (Ana <García>)? This cannot be undone.`,
  );
  expect(customers(env)[0]).toMatchObject({ Email: 'ana@example.com' });

  env.ui.answerNextPrompt('OK', ana.customerId);
  env.ui.answerNextAlert('YES');
  entryPoints.menuForgetCustomer();
  expect(env.ui.alerts.at(-1)?.message).toBe(
    `${ana.customerId} is forgotten: the personal fields are blank.`,
  );
  expect(customers(env)[0]).toMatchObject({
    'Customer ID': ana.customerId,
    Name: 'Forgotten customer',
    Email: '',
    Phone: '',
    'Loyalty card': '',
  });
});

test('not an ID, or an unknown one: said plainly, nothing written', () => {
  const { env } = anaBought();
  env.ui.answerNextPrompt('OK', 'ana@example.com');
  entryPoints.menuForgetCustomer();
  expect(env.ui.alerts.at(-1)?.message).toMatch(/is not a Customer ID: copy it from the Customers tab/);
  env.ui.answerNextPrompt('OK', 'C-000099');
  entryPoints.menuExportCustomer();
  expect(env.ui.alerts.at(-1)?.message).toMatch(/No customer with ID C-000099/);
  expect(env.ui.dialogs).toHaveLength(0);
  expect(customers(env)[0]).toMatchObject({ Email: 'ana@example.com' });
});
