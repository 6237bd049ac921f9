/**
 * "Send web code" in the sidebar with one web shop or several: one shop sends at once; several
 * show a select of their names first, and the code goes to the shop chosen, with a key of its own.
 * google.script.run is a stand-in that answers at once and records what was called.
 */
import fc from 'fast-check';
import type { WebCodeSent } from '../../src/app/till/api-types';
import { state } from '../../src/ui/till/state';
import {
  chooseShop,
  forgetShopChoice,
  sendWebCode,
  sentCode,
  shopChoice,
  webCodeStep,
} from '../../src/ui/till/web-code';

const ANA = { customerId: 'C-000001', name: 'Ana', email: 'ana@example.com', phone: '', loyaltyCard: '' };

let shops: string[] = [];
/** The status the server answers sendWebCode with. */
let status: WebCodeSent['status'] = 'live';
const calls: { name: string; args: unknown[] }[] = [];

function answer(name: string, args: unknown[]): unknown {
  if (name === 'webCodeShops') return shops;
  if (name === 'sendWebCode') {
    const input = args[0] as { customerId: string; shop: string };
    const sent: WebCodeSent = {
      code: 'SL-7KM4Q-X9D2T',
      customerId: input.customerId,
      shop: input.shop,
      amount: 1234,
      currency: 'EUR',
      status,
      expires: '2026-12-26T12:00:00.000Z',
      orderId: '',
      balance: 0,
      message:
        status === 'live'
          ? 'Tell the customer the code SL-7KM4Q-X9D2T.'
          : 'shop.example.com has not confirmed the code SL-7KM4Q-X9D2T (timeout). The credit stays held under it until the shop confirms it: send again with the same key in a few minutes.',
    };
    return { ok: true, value: sent };
  }
  if (name === 'customerCard')
    return { ok: false, problem: { code: 'bad-input', message: 'not needed here' } };
  throw new Error(`unexpected call ${name}`);
}

function runner(succeed: (v: unknown) => void = () => {}, fail: (e: unknown) => void = () => {}): unknown {
  return new Proxy(
    {},
    {
      get(_target, prop: string) {
        if (prop === 'withSuccessHandler') return (fn: (v: unknown) => void) => runner(fn, fail);
        if (prop === 'withFailureHandler') return (fn: (e: unknown) => void) => runner(succeed, fn);
        return (...args: unknown[]) => {
          calls.push({ name: prop, args });
          try {
            succeed(answer(prop, args));
          } catch (e) {
            fail(e);
          }
        };
      },
    },
  );
}

const globals = globalThis as { google?: unknown };
beforeAll(() => {
  globals.google = { script: { run: runner() } };
});
afterAll(() => {
  delete globals.google;
});
beforeEach(() => {
  calls.length = 0;
  status = 'live';
  state.messages = [];
  forgetShopChoice(true);
  state.sale.customer = { ...ANA, balance: 1234 };
});

test('with several shops the first press asks which (names only); the second sends to the one chosen', async () => {
  shops = ['shop.example.com', 'outlet.example.com'];
  expect(await sendWebCode()).toBe(false);
  expect(calls.map((c) => c.name)).toEqual(['webCodeShops']);
  expect(shopChoice).toEqual({ customerId: ANA.customerId, shops, chosen: 'shop.example.com' });

  chooseShop('not a shop'); // only a listed name can be chosen
  expect(shopChoice?.chosen).toBe('shop.example.com');
  chooseShop('outlet.example.com');
  expect(await sendWebCode()).toBe(true);
  const send = calls.find((c) => c.name === 'sendWebCode');
  expect(send?.args[0]).toMatchObject({ customerId: ANA.customerId, shop: 'outlet.example.com' });
  expect(sentCode).toMatchObject({ shop: 'outlet.example.com', code: 'SL-7KM4Q-X9D2T' });
  expect(shopChoice).toBeNull();
  expect(state.sale.customer?.balance).toBe(0);
  // The shops are asked once per sidebar.
  expect(calls.filter((c) => c.name === 'webCodeShops')).toHaveLength(1);
});

test('with one shop the press sends at once, to that shop', async () => {
  shops = ['shop.example.com'];
  expect(await sendWebCode()).toBe(true);
  expect(calls.map((c) => c.name)).toEqual(['webCodeShops', 'sendWebCode', 'customerCard']);
  expect(calls[1].args[0]).toMatchObject({ customerId: ANA.customerId, shop: 'shop.example.com' });
  expect(shopChoice).toBeNull();
});

test('the question belongs to the customer it was asked for', async () => {
  shops = ['a.example.com', 'b.example.com'];
  await sendWebCode();
  state.sale.customer = { ...ANA, customerId: 'C-000002', balance: 500 };
  calls.length = 0;
  expect(await sendWebCode()).toBe(false); // asks again, for C-000002, without asking the server again
  expect(calls).toEqual([]);
  expect(shopChoice?.customerId).toBe('C-000002');
});

test('the step: more than one shop is a choice among all of them; otherwise the one shop, or none', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.string({ minLength: 1 }), { maxLength: 6 }), (names) => {
      const step = webCodeStep(names);
      if (names.length > 1) expect(step).toEqual({ choose: names });
      else expect(step).toEqual({ send: names[0] ?? '' });
    }),
  );
});

test('a code the shop has not confirmed (pending): the server’s message, no "code sent", and the next press keeps the key', async () => {
  shops = ['shop.example.com'];
  status = 'pending';
  expect(await sendWebCode()).toBe(false);
  expect(state.messages.map((m) => m.text)).toEqual([expect.stringMatching(/has not confirmed.*stays held/)]);
  expect(state.messages.map((m) => m.text).join()).not.toMatch(/Tell the customer/);
  expect(sentCode?.status === 'pending').toBe(false); // the card never shows an unconfirmed code as sent
  expect(state.sale.customer?.balance).toBe(0); // the credit is held
  const sends = () =>
    calls.filter((c) => c.name === 'sendWebCode').map((c) => (c.args[0] as { key: string }).key);
  status = 'live';
  expect(await sendWebCode()).toBe(true);
  expect(sends()).toHaveLength(2);
  expect(sends()[1]).toBe(sends()[0]); // the same key: the server finishes the same code
  expect(sentCode).toMatchObject({ status: 'live', code: 'SL-7KM4Q-X9D2T' });
  // Once live, the next press is a new command.
  await sendWebCode();
  expect(sends()[2]).not.toBe(sends()[0]);
});
