/** Finding the customer of a sale (by email, phone, loyalty card or name) or adding a new one. */
import type { CustomerSummary } from '../../app/till/api-types';
import { call, reason } from './api';
import { withBusy } from './busy';
import { commandAnswered, commandKey } from './command-keys';
import { t } from './i18n';
import { setCustomer } from './sale-actions';
import { say } from './state';

export const MIN_QUERY = 2;

let latest = 0;

/** The matches for a query, or null when a newer search has started meanwhile (drop the old answer). */
export async function searchCustomers(query: string): Promise<CustomerSummary[] | null> {
  const mine = ++latest;
  if (query.trim().length < MIN_QUERY) return [];
  try {
    const found = await call('findCustomers', query.trim());
    if (mine !== latest) return null;
    if (found.ok) return found.value;
    // A misread loyalty card: say to scan it again, with no results under it.
    say(found.problem.message, 'warn');
    return [];
  } catch (error) {
    if (mine === latest) say(t.serverFailed(reason(error)));
    return null;
  }
}

export interface NewCustomerForm {
  name: string;
  email: string;
  phone: string;
}

/** Creates the customer and puts them on the sale. Returns true when done. */
export async function addCustomer(form: NewCustomerForm): Promise<boolean> {
  const name = form.name.trim();
  const email = form.email.trim();
  const phone = form.phone.trim();
  if (!name) {
    say(t.customerNeedsName);
    return false;
  }
  if (!email && !phone) {
    say(t.customerNeedsContact);
    return false;
  }
  const created = await withBusy('customer', async () => {
    const input = {
      key: commandKey('customer'),
      name,
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
    };
    const result = await call('createCustomer', input);
    commandAnswered('customer');
    if (!result.ok) {
      say(result.problem.message);
      return false;
    }
    setCustomer(result.value);
    // An email or phone that could not be normalised was kept as typed: say so.
    if (result.value.warnings?.length) say(result.value.warnings.join(' '), 'warn');
    return true;
  });
  return created ?? false;
}
