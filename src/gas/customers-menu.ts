/**
 * A customer's privacy requests, from the menu, for a shop owner who never opens a terminal:
 * "Export a customer" shows everything held about one customer as JSON, to copy or download;
 * "Forget a customer" asks for the Customer ID, confirms, and blanks the personal fields
 * (orders, credit and invoices stay, as the books and the law need).
 */
import { customerCard } from '../app/customers/customer-card';
import { exportCustomer } from '../app/customers/export';
import { forgetCustomer } from '../app/customers/forget';
import { CustomerProblem } from '../app/customers/problem';
import { escapeHtml } from '../core/invoice/document';
import { appsScriptPlatform } from './platform';

const ID = /^C-\d{6}$/;

/** Asks for a Customer ID; null when cancelled or not an ID (then it says so). */
function askId(title: string, question: string): string | null {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(title, question, ui.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== ui.Button.OK) return null;
  const id = answer.getResponseText().trim().toUpperCase();
  if (ID.test(id)) return id;
  ui.alert(
    title,
    `"${id}" is not a Customer ID: copy it from the Customers tab (like C-000042).`,
    ui.ButtonSet.OK,
  );
  return null;
}

export function menuExportCustomer(): void {
  const ui = SpreadsheetApp.getUi();
  const id = askId('Export a customer', 'Customer ID (like C-000042):');
  if (!id) return;
  const p = appsScriptPlatform();
  let json: string;
  try {
    json = JSON.stringify(exportCustomer(p.workbook, id, p.clock.now()), null, 2);
  } catch (e) {
    if (!(e instanceof CustomerProblem)) throw e;
    ui.alert('Export a customer', e.message, ui.ButtonSet.OK);
    return;
  }
  const file = `customer-${id}.json`;
  const html = HtmlService.createHtmlOutput(
    `<p style="font-family:sans-serif">Everything the ledger holds about ${escapeHtml(id)}. ` +
      `<a download="${file}" href="data:application/json;charset=utf-8,${encodeURIComponent(json)}">Download ${file}</a></p>` +
      `<pre style="font-size:12px;white-space:pre-wrap">${escapeHtml(json)}</pre>`,
  )
    .setWidth(720)
    .setHeight(560);
  ui.showModalDialog(html, `Customer ${id}`);
}

export function menuForgetCustomer(): void {
  const ui = SpreadsheetApp.getUi();
  const title = 'Forget a customer';
  const id = askId(
    title,
    'Customer ID to forget (like C-000042). Their name, email, phone, card and web shop ids are blanked; their orders, store credit and invoices stay.',
  );
  if (!id) return;
  const p = appsScriptPlatform();
  let name: string;
  try {
    name = customerCard(p.workbook, id).name;
  } catch (e) {
    if (!(e instanceof CustomerProblem)) throw e;
    ui.alert(title, e.message, ui.ButtonSet.OK);
    return;
  }
  const sure = ui.alert(title, `Forget ${id} (${name})? This cannot be undone.`, ui.ButtonSet.YES_NO);
  if (sure !== ui.Button.YES) return;
  const r = forgetCustomer(p, id);
  ui.alert(
    title,
    r.changed
      ? `${id} is forgotten: the personal fields are blank.`
      : `${id} was forgotten already: nothing changed.`,
    ui.ButtonSet.OK,
  );
}
