/** The chosen customer's card: purchases in both channels, loaded on demand, and merging a duplicate. */
import type { CustomerCard } from '../../app/till/api-types';
import { call, reason } from './api';
import { withBusy } from './busy';
import { money } from './format';
import { t } from './i18n';
import { changed, say, state } from './state';

/** The card of the sale's customer, once loaded (null: not asked for, or another customer). */
export let shownCard: CustomerCard | null = null;

export async function loadCard(customerId: string): Promise<CustomerCard | null> {
  try {
    const result = await call('customerCard', customerId);
    if (!result.ok) {
      say(result.problem.message);
      return null;
    }
    shownCard = result.value;
    changed();
    return result.value;
  } catch (error) {
    say(t.serverFailed(reason(error)));
    return null;
  }
}

export function forgetCard(): void {
  shownCard = null;
}

/** Merges the duplicate into the sale's customer; the credit moved shows on the card at once. */
export async function mergeIntoChosen(from: string): Promise<boolean> {
  const into = state.sale.customer;
  const dup = from.trim();
  if (!into || !dup) return false;
  const merged = await withBusy('customer', async () => {
    const result = await call('mergeCustomers', { from: dup, into: into.customerId });
    if (!result.ok) {
      say(result.problem.message);
      return false;
    }
    state.sale.customer = { ...into, balance: result.value.balance };
    say(t.merged(result.value.from, money(result.value.moved)), 'notice');
    await loadCard(into.customerId);
    return true;
  });
  return merged ?? false;
}

/**
 * After a return moved store credit (its order's customer is often the one on the sale), the
 * chosen customer's balance is read again, so the card and the Store credit button never offer
 * the balance from before the return.
 */
export async function refreshChosenBalance(): Promise<void> {
  const chosen = state.sale.customer;
  if (!chosen) return;
  const card = await loadCard(chosen.customerId);
  // The sale may have changed customer while the call was out.
  if (card && state.sale.customer?.customerId === chosen.customerId) {
    state.sale.customer = { ...state.sale.customer, balance: card.balance };
    changed();
  }
}
