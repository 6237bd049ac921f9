/**
 * Store credit on a sale in the sidebar: a sale paid (in part) with credit is never put in the
 * offline queue (only the server can check the balance), and changing the customer drops credit
 * payments, which were the other customer's money.
 * google.script.run is a stand-in whose recordSale calls wait for the test to answer them.
 */
import type { CustomerSummary } from '../../src/app/till/api-types';
import * as actions from '../../src/ui/till/sale-actions';
import { emptySale, state } from '../../src/ui/till/state';
import { queue } from '../../src/ui/till/till-data';
import { COFFEE, MUG, tillState } from './till-fixtures';

const sent: { name: string; args: unknown[]; fail: (e: unknown) => void }[] = [];
function runner(succeed: (v: unknown) => void = () => {}, fail: (e: unknown) => void = () => {}): unknown {
  return new Proxy(
    {},
    {
      get(_t, prop: string) {
        if (prop === 'withSuccessHandler') return (fn: (v: unknown) => void) => runner(fn, fail);
        if (prop === 'withFailureHandler') return (fn: (e: unknown) => void) => runner(succeed, fn);
        return (...args: unknown[]) => sent.push({ name: prop, args, fail });
      },
    },
  );
}
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const globals = globalThis as { google?: unknown };

const ANA: CustomerSummary = {
  customerId: 'C-000001',
  name: 'Ana',
  email: 'ana@example.com',
  phone: '',
  loyaltyCard: '',
  balance: 500,
} as CustomerSummary;
const BEA: CustomerSummary = { ...ANA, customerId: 'C-000002', name: 'Bea', balance: 2000 };

beforeAll(() => {
  globals.google = { script: { run: runner() } };
});
afterAll(() => {
  delete globals.google;
});
beforeEach(() => {
  sent.length = 0;
  state.data = tillState();
  state.sale = emptySale('sale-key');
  state.receipt = null;
  state.messages = [];
  for (const sale of queue.list()) queue.remove(sale.key);
});

/** A coffee for Ana: 5.00 of her credit, the rest by card. */
function paidWithCredit(): void {
  actions.setCustomer(ANA);
  actions.addToCart(COFFEE);
  actions.startPayment('credit');
  actions.confirmEntry();
  actions.startPayment('card');
  actions.confirmEntry();
  expect(state.sale.payments).toEqual([
    { method: 'credit', amount: 500 },
    { method: 'card', amount: COFFEE.price - 500 },
  ]);
}

const lastMessage = () => state.messages[state.messages.length - 1]?.text ?? '';

describe('a sale paid with store credit when the server cannot be reached', () => {
  it('stays on screen with its key, not in the queue, and is sent again with the same key', async () => {
    paidWithCredit();
    void actions.completeSale();
    expect(sent.map((s) => s.name)).toEqual(['recordSale']);
    sent[0].fail(new Error('network'));
    await flush();
    expect(queue.size).toBe(0);
    expect(state.pending).toBe(0);
    expect(state.receipt).toBeNull();
    expect(state.sale).toMatchObject({ key: 'sale-key', committing: false, customer: ANA });
    expect(state.sale.cart.map((l) => l.sku)).toEqual([COFFEE.sku]);
    expect(lastMessage()).toMatch(/store credit/i);
    expect(lastMessage()).toMatch(/again/i);

    void actions.completeSale();
    expect(sent).toHaveLength(2);
    expect(sent[1].args[0]).toEqual(sent[0].args[0]);
  });

  it('a sale without credit is still queued and the till is freed', async () => {
    state.sale = emptySale('mug-key'); // the queue never takes back a key it was told is done
    actions.addToCart(MUG);
    actions.startPayment('card');
    actions.confirmEntry();
    void actions.completeSale();
    sent[0].fail(new Error('network'));
    await flush();
    expect(queue.list().map((s) => s.key)).toEqual(['mug-key']);
    expect(state.sale.key).not.toBe('mug-key');
    expect(state.receipt).toMatchObject({ key: 'mug-key', provisional: true });
  });
});

describe('changing the customer', () => {
  it('drops the store-credit payments, says so, and keeps the others', () => {
    paidWithCredit();
    actions.setCustomer(BEA);
    expect(state.sale.customer).toBe(BEA);
    expect(state.sale.payments).toEqual([{ method: 'card', amount: COFFEE.price - 500 }]);
    expect(lastMessage()).toMatch(/store credit/i);
  });

  it('removing the customer drops them too', () => {
    paidWithCredit();
    actions.setCustomer(null);
    expect(state.sale.payments.map((p) => p.method)).toEqual(['card']);
  });

  it('the same customer again (a fresh balance) keeps them, and nothing is said', () => {
    paidWithCredit();
    const before = state.messages.length;
    actions.setCustomer({ ...ANA, balance: 900 });
    expect(state.sale.payments.map((p) => p.method)).toEqual(['credit', 'card']);
    expect(state.messages.length).toBe(before);
  });
});
