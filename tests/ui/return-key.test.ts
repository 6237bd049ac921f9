/**
 * The Return panel's idempotency keys: one per return. A call that got no answer keeps its key for
 * a retry of that order's return; another order's return gets its own; an answered return ends its
 * key, so the next return of the same order is a new one.
 * google.script.run is a stand-in whose calls wait for the test to answer them.
 */
import type { ReturnableOrder, ReturnReceipt } from '../../src/app/returns/return-api-types';
import { returning, sendReturn } from '../../src/ui/till/returns';
import { emptySale, state } from '../../src/ui/till/state';
import { COFFEE, MUG, tillState } from './till-fixtures';

const calls: { name: string; args: unknown[]; succeed: (v: unknown) => void; fail: (e: unknown) => void }[] =
  [];
function runner(succeed: (v: unknown) => void = () => {}, fail: (e: unknown) => void = () => {}): unknown {
  return new Proxy(
    {},
    {
      get(_t, prop: string) {
        if (prop === 'withSuccessHandler') return (fn: (v: unknown) => void) => runner(fn, fail);
        if (prop === 'withFailureHandler') return (fn: (e: unknown) => void) => runner(succeed, fn);
        return (...args: unknown[]) => calls.push({ name: prop, args, succeed, fail });
      },
    },
  );
}
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const globals = globalThis as { google?: unknown };
beforeAll(() => {
  globals.google = { script: { run: runner() } };
});
afterAll(() => {
  delete globals.google;
});

const order = (orderId: string, sku: string, price: number): ReturnableOrder => ({
  orderId,
  orderNo: `R-${orderId.slice(2)}`,
  channel: 'Store',
  shop: '',
  status: 'fulfilled',
  created: '2024-05-01T10:00:00.000Z',
  invoiceNo: '',
  total: 2 * price,
  lines: [{ sku, name: sku, sold: 2, returned: 0, returnable: 2, unitPrice: price }],
  currency: 'EUR',
  exponent: 2,
});
const COFFEE_ORDER = order('O-000003', COFFEE.sku, COFFEE.price);
const MUG_ORDER = order('O-000004', MUG.sku, MUG.price);

/** Confirm return for one unit of the order's line; the key it was sent with. */
async function confirm(o: ReturnableOrder): Promise<{ key: string; index: number }> {
  returning.order = o;
  returning.choices = [{ qty: 1, disposition: 'restock' }];
  void sendReturn();
  await flush();
  const index = calls.length - 1;
  expect(calls[index].name).toBe('recordReturn');
  return { key: (calls[index].args[0] as { key: string }).key, index };
}

test('a lost answer keeps the key for that order only; an answered return ends it', async () => {
  state.data = tillState();
  state.sale = emptySale('sale-key');
  const lost = await confirm(COFFEE_ORDER);
  calls[lost.index].fail(new Error('network'));
  await flush();

  // Another customer's return: its own key, so the server cannot answer with the coffee's.
  const mug = await confirm(MUG_ORDER);
  expect(mug.key).not.toBe(lost.key);
  calls[mug.index].succeed({
    ok: true,
    value: { skusChanged: [], loyalty: null } as unknown as ReturnReceipt,
  });
  await flush();

  // The coffee again: the same key, so a return recorded before the answer was lost is replayed.
  const retry = await confirm(COFFEE_ORDER);
  expect(retry.key).toBe(lost.key);
  calls[retry.index].succeed({
    ok: true,
    value: { skusChanged: [], loyalty: null } as unknown as ReturnReceipt,
  });
  await flush();

  // Answered: the next return of either order is a new one.
  const next = await confirm(COFFEE_ORDER);
  expect([lost.key, mug.key]).not.toContain(next.key);
  calls[next.index].fail(new Error('network'));
  await flush();
  const nextMug = await confirm(MUG_ORDER);
  expect([lost.key, mug.key, next.key]).not.toContain(nextMug.key);
});
