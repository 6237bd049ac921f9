/**
 * The "Full invoice for a ticket" dialog: the ticket number, the buyer's tax ID, name and address,
 * then the issued full invoice's document to print. One idempotency key per request, so a double
 * click or a retry after a network error gets the same invoice, never a second one.
 */
import { newKey } from '../shared/key';
import { callServer } from '../shared/server';

type Answer =
  | { ok: true; invoiceNo: string; replaces: string; replayed: boolean; html: string }
  | { ok: false; message: string };

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>('request');
const status = $<HTMLElement>('status');
const button = $<HTMLButtonElement>('issue');
const done = $<HTMLElement>('done');
const frame = $<HTMLIFrameElement>('document');
const field = (id: string) => $<HTMLInputElement | HTMLTextAreaElement>(id).value;

let key = newKey();
// A changed request is a new command: a new key. The same one sent again keeps its key.
form.addEventListener('input', () => {
  key = newKey();
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  button.disabled = true;
  status.className = '';
  status.textContent = 'Issuing…';
  const request = {
    ticket: field('ticket').trim(),
    taxId: field('taxId'),
    name: field('name'),
    address: field('address'),
    key,
  };
  callServer<Answer>('fullInvoiceIssue', request).then(
    (answer) => {
      button.disabled = false;
      if (!answer.ok) {
        status.textContent = answer.message;
        return;
      }
      status.textContent = '';
      form.hidden = true;
      done.hidden = false;
      $<HTMLElement>('issued').textContent = answer.replayed
        ? `${answer.replaces} was already replaced by ${answer.invoiceNo}:`
        : `Issued ${answer.invoiceNo}, replacing ${answer.replaces}:`;
      frame.srcdoc = answer.html;
    },
    (error: Error) => {
      button.disabled = false;
      status.textContent = `The invoice could not be issued: ${error.message}. Try again: the same request never issues a second invoice.`;
    },
  );
});

$<HTMLButtonElement>('print').addEventListener('click', () => {
  frame.contentWindow?.print();
});
$<HTMLButtonElement>('another').addEventListener('click', () => {
  form.reset();
  key = newKey();
  done.hidden = true;
  form.hidden = false;
});
