/**
 * Finding and creating customers at the till. Matching here is the simple form (email in lower
 * case, phone digits, card as typed, name contains); the loyalty work normalises further.
 */
import { parseText } from '../../ledger/cells';
import { CUSTOMERS } from '../../ledger/schema';
import { appendRows, type Row, readTable, type Table } from '../../ledger/table';
import type { Platform } from '../../platform/platform';
import type { Workbook } from '../../platform/workbook';
import { underLock } from '../commit';
import { takeIds } from '../sequence';
import type { CustomerSummary, NewCustomer } from './api-types';
import { checkKey, refuse } from './problems';

const digits = (s: string) => s.replace(/\D/g, '');
const email = (s: string) => s.trim().toLowerCase();

function summary(t: Table, r: Row): CustomerSummary {
  const f = (h: string) => parseText(t.get(r, h));
  return {
    customerId: f('Customer ID'),
    name: f('Name'),
    email: f('Email'),
    phone: f('Phone'),
    loyaltyCard: f('Loyalty card'),
  };
}

export function findCustomers(wb: Workbook, query: string, limit = 10): CustomerSummary[] {
  const q = String(query ?? '').trim();
  if (q.length < 2) return [];
  const table = readTable(wb, CUSTOMERS, wb.tabNames());
  const all = table.rows.map((r) => summary(table, r));
  const exact = all.filter(
    (c) =>
      (c.email && email(c.email) === email(q)) ||
      (c.loyaltyCard && c.loyaltyCard === q) ||
      (digits(q).length >= 6 && digits(c.phone).endsWith(digits(q))) ||
      c.customerId === q,
  );
  if (exact.length > 0) return exact.slice(0, limit);
  const needle = q.toLowerCase();
  return all
    .filter((c) => c.name.toLowerCase().includes(needle) || c.email.toLowerCase().includes(needle))
    .slice(0, limit);
}

export function createCustomer(
  p: Pick<Platform, 'workbook' | 'lock' | 'properties' | 'clock'>,
  input: NewCustomer,
): CustomerSummary {
  const key = checkKey(input.key);
  const name = String(input.name ?? '').trim();
  const mail = email(String(input.email ?? ''));
  const phone = String(input.phone ?? '').trim();
  if (!name) refuse('bad-input', 'Type the customer’s name.');
  if (mail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(mail))
    refuse('bad-input', `"${mail}" is not an email address.`);
  if (!mail && !phone)
    refuse('bad-input', 'Give an email or a phone number, so the customer can be found again.');
  return underLock(p, () => {
    const table = readTable(p.workbook, CUSTOMERS, p.workbook.tabNames());
    const earlier = table.rows.find((r) => parseText(table.get(r, 'Key')) === key);
    if (earlier) return summary(table, earlier);
    const same = table.rows.find((r) => mail !== '' && email(parseText(table.get(r, 'Email'))) === mail);
    if (same) return summary(table, same);
    const [id] = takeIds(p, table, 'Customer ID', 'C');
    const [row] = appendRows(p.workbook, table, [
      {
        'Customer ID': id,
        Name: name,
        Email: mail,
        Phone: phone,
        'Loyalty card': String(input.loyaltyCard ?? '').trim(),
        Created: new Date(p.clock.now()),
        Key: key,
      },
    ]);
    return summary(table, row);
  });
}
