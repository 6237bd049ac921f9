/**
 * The till's "Send web code" server functions (the same module the Apps Script entry points and
 * the playground forward to), with the shop saved in document properties as Shop settings saves
 * it, and the fake shop behind the Http port.
 */

import { loadContext } from '../../../src/app/ledger-context';
import { postLoyalty } from '../../../src/app/loyalty/post-entries';
import { saveShop } from '../../../src/app/sync/shop-config';
import { createCustomer } from '../../../src/app/till/customers';
import { tillApi } from '../../../src/app/till/till-api';
import { fakeShop } from '../../../src/node/fake-shop/fake-shop';
import { FAKE_WOO_KEY, FAKE_WOO_SECRET } from '../../../src/node/fake-shop/scenario';
import type { Platform } from '../../../src/platform/platform';
import { tillLedger } from '../../helpers/till-ledger';

test('send a web code from the customer card, again with the same key, then cancel it: plain data only', () => {
  const s = tillLedger();
  const shop = fakeShop({ orders: 7 });
  const platform: Platform = { ...s.platform, http: { request: (req) => shop.handle(req) } };
  saveShop(
    platform.properties,
    { name: 'shop.example.com', platform: 'woocommerce', url: 'https://shop.example.com' },
    { platform: 'woocommerce', key: FAKE_WOO_KEY, secret: FAKE_WOO_SECRET },
  );
  const ana = createCustomer(platform, { key: 'c1', name: 'Ana', email: 'ana@example.com' });
  postLoyalty(
    platform,
    loadContext(platform.workbook),
    [{ customerId: ana.customerId, amount: 1234, kind: 'adjust', orderId: '', expires: null, key: 'gift' }],
    Date.now(),
  );
  const api = tillApi(() => platform);

  const sent = api.sendWebCode({ key: 'till-web-1', customerId: ana.customerId });
  if (!sent.ok) throw new Error(sent.problem.message);
  expect(sent.value).toMatchObject({ status: 'live', amount: 1234, balance: 0, currency: 'EUR' });
  // Only what crosses google.script.run: no Date, nothing lost in JSON.
  expect(JSON.parse(JSON.stringify(sent.value))).toEqual(sent.value);
  expect(shop.codes).toHaveLength(1);

  const again = api.sendWebCode({ key: 'till-web-1', customerId: ana.customerId });
  expect(again.ok && again.value.code).toBe(sent.value.code);
  expect(shop.codes).toHaveLength(1);

  const refused = api.sendWebCode({ key: 'till-web-2', customerId: ana.customerId });
  expect(refused).toEqual({
    ok: false,
    problem: { code: 'bad-input', message: expect.stringMatching(/no store credit/) },
  });
  expect(api.sendWebCode({ key: 'bad key!', customerId: ana.customerId })).toMatchObject({ ok: false });

  const cancelled = api.cancelWebCode({ code: sent.value.code });
  expect(cancelled).toMatchObject({ ok: true, value: { status: 'released', balance: 1234 } });
  expect(shop.codes[0].deleted).toBe(true);
});

test('with two shops the till gets their names only, and the code goes to the shop the cashier chose', () => {
  const s = tillLedger();
  const main = fakeShop({ orders: 7 });
  const outlet = fakeShop({ orders: 7 });
  const platform: Platform = {
    ...s.platform,
    http: {
      request: (req) => (req.url.startsWith('https://outlet.example.com/') ? outlet : main).handle(req),
    },
  };
  const secret = { platform: 'woocommerce' as const, key: FAKE_WOO_KEY, secret: FAKE_WOO_SECRET };
  saveShop(
    platform.properties,
    { name: 'Main shop', platform: 'woocommerce', url: 'https://shop.example.com' },
    secret,
  );
  saveShop(
    platform.properties,
    { name: 'Outlet', platform: 'woocommerce', url: 'https://outlet.example.com' },
    secret,
  );
  const ana = createCustomer(platform, { key: 'c1', name: 'Ana', email: 'ana@example.com' });
  postLoyalty(
    platform,
    loadContext(platform.workbook),
    [{ customerId: ana.customerId, amount: 800, kind: 'adjust', orderId: '', expires: null, key: 'gift' }],
    Date.now(),
  );
  const api = tillApi(() => platform);

  const names = api.webCodeShops();
  expect(names).toEqual(['Main shop', 'Outlet']);
  // Nothing but the names crosses to the sidebar: no address, no key, no secret.
  const crossed = JSON.stringify(names);
  for (const secretText of [FAKE_WOO_KEY, FAKE_WOO_SECRET, 'https://', 'example.com']) {
    expect(crossed).not.toContain(secretText);
  }

  expect(api.sendWebCode({ key: 'till-web-1', customerId: ana.customerId })).toEqual({
    ok: false,
    problem: { code: 'bad-input', message: 'No shop named "": the shops are Main shop, Outlet.' },
  });
  const sent = api.sendWebCode({ key: 'till-web-2', customerId: ana.customerId, shop: 'Outlet' });
  expect(sent).toMatchObject({
    ok: true,
    value: { shop: 'Outlet', amount: 800, balance: 0, status: 'live' },
  });
  expect(JSON.parse(JSON.stringify(sent))).toEqual(sent);
  expect(outlet.codes).toHaveLength(1);
  expect(main.codes).toHaveLength(0);
});
