/**
 * "Send web code" on the customer card: the customer's store credit becomes a single-use code in
 * the web shop (held while it is live), shown to tell the customer. The key is kept until the
 * server answers, so pressing again after a lost answer gives the same code, never a second one.
 */
import type { WebCodeSent } from '../../app/till/api-types';
import { call, reason } from './api';
import { commandAnswered, commandKey } from './command-keys';
import { loadCard } from './customer-card';
import { dateTime, money } from './format';
import { t } from './i18n';
import { changed, say, state } from './state';

/** The last code sent from this till, for the customer it was sent for. */
export let sentCode: WebCodeSent | null = null;

export async function sendWebCode(): Promise<boolean> {
  const customer = state.sale.customer;
  if (!customer || state.busy.has('customer')) return false;
  state.busy.add('customer');
  changed();
  const command = `web-code:${customer.customerId}`;
  try {
    const result = await call('sendWebCode', { key: commandKey(command), customerId: customer.customerId });
    commandAnswered(command);
    if (!result.ok) {
      say(result.problem.message);
      return false;
    }
    sentCode = result.value;
    state.sale.customer = { ...customer, balance: result.value.balance };
    say(
      t.webCodeSent(result.value.code, money(result.value.amount), dateTime(result.value.expires)),
      'notice',
    );
    await loadCard(customer.customerId);
    return true;
  } catch (error) {
    say(t.serverFailed(reason(error)));
    return false;
  } finally {
    state.busy.delete('customer');
    changed();
  }
}
