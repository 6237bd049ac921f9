/**
 * Finding and creating customers at the till, on the normalised identifiers (core/customer):
 * a card scan (EAN-13 with its check digit), a phone in any common form (compared in E.164 with
 * Settings › Country as the default), an email in any case, or part of the name. A merged
 * customer is found as the customer it was merged into. A card number that fails its check digit
 * is refused (CustomerProblem) as misread, rather than found as nobody.
 */

import { normalizeBarcode } from '../../core/barcode';
import { normaliseEmail, normalisePhone, phoneDigits } from '../../core/customer/identifiers';
import { isMisreadCard } from '../../core/customer/loyalty-card';
import { parseText } from '../../ledger/cells';
import { CUSTOMERS } from '../../ledger/schema';
import { appendRows, type Row, readTable, type Table } from '../../ledger/table';
import type { Platform } from '../../platform/platform';
import type { Workbook } from '../../platform/workbook';
import { underLock } from '../commit';
import { cardFor } from '../customers/card';
import { CustomerProblem } from '../customers/problem';
import { survivors } from '../customers/survivor';
import { loadContext } from '../ledger-context';
import { cachedBalance } from '../loyalty/post-entries';
import { takeIds } from '../sequence';
import type { CustomerSummary, NewCustomer } from './api-types';
import { checkKey, refuse } from './problems';

function summary(t: Table, r: Row, exponent: number): CustomerSummary {
  const f = (h: string) => (t.has(h) ? parseText(t.get(r, h)) : '');
  return {
    customerId: f('Customer ID'),
    name: f('Name'),
    email: f('Email'),
    phone: f('Phone'),
    loyaltyCard: f('Loyalty card'),
    balance: cachedBalance(t, r, { exponent }),
  };
}

export function findCustomers(wb: Workbook, query: string, limit = 10): CustomerSummary[] {
  const q = String(query ?? '').trim();
  if (q.length < 2) return [];
  const ctx = loadContext(wb);
  const table = readTable(wb, CUSTOMERS, ctx.tabs);
  const merged = (r: Row) => (table.has('Merged into') ? parseText(table.get(r, 'Merged into')) : '');
  /** A merged customer stands for its survivor (followed, in case of a chain). */
  const survivor = survivors(table);
  const country = ctx.settings.country;
  const mail = normaliseEmail(q).value;
  const card = normalizeBarcode(q);
  const digits = q.replace(/\D/g, '').length >= 6 ? phoneDigits(q, country) : '';
  const text = (r: Row, h: string) => (table.has(h) ? parseText(table.get(r, h)) : '');
  const exact = table.rows.filter((r) => {
    if (text(r, 'Customer ID') === q) return true;
    if (mail.includes('@') && text(r, 'Email').toLowerCase() === mail) return true;
    if (/^\d{8,14}$/.test(card) && normalizeBarcode(text(r, 'Loyalty card')) === card) return true;
    if (digits) {
      const stored = phoneDigits(text(r, 'Phone'), country);
      // The whole number, or its last digits when staff type it without the country code.
      if (stored && (stored === digits || stored.endsWith(q.replace(/\D/g, '')))) return true;
    }
    return false;
  });
  // A card failing its check digit was misread: say so, or staff would add the customer again.
  // (A card stored as typed, wrong digit and all, is still found above.)
  if (exact.length === 0 && isMisreadCard(q)) {
    throw new CustomerProblem(
      'bad-input',
      `This card number does not check out (misread?): scan it again, or find the customer by email or phone.`,
    );
  }
  const needle = q.toLowerCase();
  const found =
    exact.length > 0
      ? exact
      : table.rows.filter(
          (r) =>
            !merged(r) &&
            (text(r, 'Name').toLowerCase().includes(needle) ||
              text(r, 'Email').toLowerCase().includes(needle)),
        );
  const seen = new Set<number>();
  const out: CustomerSummary[] = [];
  for (const r of found.map(survivor)) {
    if (seen.has(r.rowNumber)) continue;
    seen.add(r.rowNumber);
    out.push(summary(table, r, ctx.cells.exponent));
  }
  return out.slice(0, limit);
}

/**
 * A new customer with a loyalty card. The email and phone are stored normalised; one that
 * cannot be is kept as typed and the summary carries a warning for the till to show. A customer
 * with the same email (or the same phone, when there is no email) is the same customer.
 */
export function createCustomer(
  p: Pick<Platform, 'workbook' | 'lock' | 'properties' | 'clock'>,
  input: NewCustomer,
): CustomerSummary {
  const key = checkKey(input.key);
  const name = String(input.name ?? '').trim();
  if (!name) refuse('bad-input', 'Type the customer’s name.');
  const typedMail = String(input.email ?? '').trim();
  const typedPhone = String(input.phone ?? '').trim();
  if (!typedMail && !typedPhone)
    refuse('bad-input', 'Give an email or a phone number, so the customer can be found again.');
  return underLock(p, () => {
    const ctx = loadContext(p.workbook);
    const mail = normaliseEmail(typedMail);
    const phone = normalisePhone(typedPhone, ctx.settings.country);
    const warnings = [mail.warning, phone.warning].filter((w): w is string => w !== null);
    const table = readTable(p.workbook, CUSTOMERS, ctx.tabs);
    const text = (r: Row, h: string) => parseText(table.get(r, h));
    // A customer merged since stands for its survivor: the till works on the one holding the credit.
    const survivor = survivors(table);
    const earlier = table.rows.find((r) => text(r, 'Key') === key);
    if (earlier) return summary(table, survivor(earlier), ctx.cells.exponent);
    const same = table.rows.find((r) =>
      mail.value
        ? text(r, 'Email').toLowerCase() === mail.value.toLowerCase()
        : phone.value !== '' && text(r, 'Phone') === phone.value,
    );
    if (same) return withWarnings(summary(table, survivor(same), ctx.cells.exponent), warnings);
    const [id] = takeIds(p, table, 'Customer ID', 'C');
    const [row] = appendRows(p.workbook, table, [
      {
        'Customer ID': id,
        Name: name,
        Email: mail.value,
        Phone: phone.value,
        'Loyalty card': String(input.loyaltyCard ?? '').trim() || cardFor(id),
        Created: new Date(p.clock.now()),
        Key: key,
      },
    ]);
    return withWarnings(summary(table, row, ctx.cells.exponent), warnings);
  });
}

function withWarnings(c: CustomerSummary, warnings: string[]): CustomerSummary {
  return warnings.length > 0 ? { ...c, warnings } : c;
}
