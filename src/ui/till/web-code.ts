/**
 * "Send web code" on the customer card: the customer's store credit becomes a single-use code in
 * the web shop (held while it is live), shown to tell the customer only once the shop confirmed
 * it (`live`). The key is kept until the server answers, and while it answers `pending` (the shop
 * has not confirmed the code), so pressing again gives the same code, never a second one.
 * With several shops connected the cashier picks one first (a select of their names: the server
 * tells the till names only, never an address or a credential).
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

/** Several shops are connected: the select on the card, for this customer, with the one chosen. */
export let shopChoice: { customerId: string; shops: string[]; chosen: string } | null = null;

/** The shops' names, asked once per sidebar (a shop added meanwhile shows after a reload). */
let knownShops: string[] | null = null;

/** What pressing the button does: send to the one shop (or to none: the server says why), or ask which. */
export function webCodeStep(shops: readonly string[]): { send: string } | { choose: string[] } {
  return shops.length > 1 ? { choose: [...shops] } : { send: shops[0] ?? '' };
}

export function chooseShop(name: string): void {
  if (shopChoice?.shops.includes(name)) {
    shopChoice = { ...shopChoice, chosen: name };
    changed();
  }
}

/** Forgets the question (another customer chosen, or the till reloaded its data in a test). */
export function forgetShopChoice(resetShops = false): void {
  shopChoice = null;
  if (resetShops) knownShops = null;
}

/**
 * The button. With one shop (or none) it sends at once; with several it first shows the select,
 * and sends to the chosen shop when pressed again.
 */
export async function sendWebCode(): Promise<boolean> {
  const customer = state.sale.customer;
  if (!customer || state.busy.has('customer')) return false;
  let shop: string;
  if (shopChoice?.customerId === customer.customerId) {
    shop = shopChoice.chosen;
  } else {
    state.busy.add('customer');
    changed();
    try {
      knownShops ??= await call('webCodeShops');
    } catch (error) {
      say(t.serverFailed(reason(error)));
      return false;
    } finally {
      state.busy.delete('customer');
      changed();
    }
    const step = webCodeStep(knownShops);
    if ('choose' in step) {
      shopChoice = { customerId: customer.customerId, shops: step.choose, chosen: step.choose[0] };
      changed();
      return false;
    }
    shop = step.send;
  }
  return send(customer.customerId, shop);
}

async function send(customerId: string, shop: string): Promise<boolean> {
  const customer = state.sale.customer;
  if (!customer || customer.customerId !== customerId) return false;
  state.busy.add('customer');
  changed();
  // One key per customer and shop: a retry to the same shop replays, another shop is a new code.
  const command = `web-code:${customerId}:${shop}`;
  try {
    const result = await call('sendWebCode', { key: commandKey(command), customerId, shop });
    // A pending code is not settled yet: the next press replays the key and finishes that code.
    if (!result.ok || result.value.status !== 'pending') commandAnswered(command);
    if (!result.ok) {
      say(result.problem.message);
      return false;
    }
    if (result.value.status !== 'live') {
      // Not sent (yet): the server says why and what happens to the held credit.
      state.sale.customer = { ...customer, balance: result.value.balance };
      say(result.value.message);
      return false;
    }
    sentCode = result.value;
    shopChoice = null;
    state.sale.customer = { ...customer, balance: result.value.balance };
    say(
      t.webCodeSent(result.value.code, money(result.value.amount), dateTime(result.value.expires)),
      'notice',
    );
    await loadCard(customerId);
    return true;
  } catch (error) {
    say(t.serverFailed(reason(error)));
    return false;
  } finally {
    state.busy.delete('customer');
    changed();
  }
}
