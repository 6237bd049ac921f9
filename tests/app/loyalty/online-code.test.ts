/**
 * Store credit redeemed online: a web code issued for the balance holds it, an imported order
 * that used it settles it once, expiry or cancelling releases it, and a shop that fails holds
 * nothing. The real connectors (src/shops) talk to the fake shop (src/node/fake-shop) in process;
 * the ledger is the Apps Script fakes' spreadsheet.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkLedger } from '../../../src/app/check-ledger';
import { mergeCustomers } from '../../../src/app/customers/merge';
import { loadContext } from '../../../src/app/ledger-context';
import { closeWebCode, expireWebCodes, issueWebCode } from '../../../src/app/loyalty/online-code';
import { USED_ORDER_WAIT_DAYS } from '../../../src/app/loyalty/overdue-codes';
import { postLoyalty } from '../../../src/app/loyalty/post-entries';
import { importOrders } from '../../../src/app/sync/import-orders';
import type { ShopConfig, ShopSecret } from '../../../src/app/sync/shop-config';
import { syncShop } from '../../../src/app/sync/sync-shop';
import { createCustomer } from '../../../src/app/till/customers';
import { recordSale } from '../../../src/app/till/record-sale';
import { fakeShop } from '../../../src/node/fake-shop/fake-shop';
import {
  FAKE_SHOPIFY_TOKEN,
  FAKE_WOO_KEY,
  FAKE_WOO_SECRET,
  type FakeShopScenario,
} from '../../../src/node/fake-shop/scenario';
import { HttpUnreachableError } from '../../../src/platform/http';
import type { Platform } from '../../../src/platform/platform';
import { connectorFor } from '../../../src/shops/connector-for';
import { webCodesFor } from '../../../src/shops/web-codes';
import { parseOrder } from '../../../src/shops/woocommerce/order';
import { MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';
import { productLine, webOrder } from '../../helpers/web-orders';

const NOW = Date.UTC(2026, 10, 26, 12);
const DAY = 86_400_000;
const SHOPS: Record<'woocommerce' | 'shopify', ShopConfig> = {
  woocommerce: { name: 'shop.example.com', platform: 'woocommerce', url: 'https://shop.example.com' },
  shopify: { name: 'fake-coffee', platform: 'shopify', url: 'https://fake-coffee.myshopify.com' },
};
const SECRETS: Record<'woocommerce' | 'shopify', ShopSecret> = {
  woocommerce: { platform: 'woocommerce', key: FAKE_WOO_KEY, secret: FAKE_WOO_SECRET },
  shopify: { platform: 'shopify', token: FAKE_SHOPIFY_TOKEN },
};

function setup(platformName: 'woocommerce' | 'shopify' = 'woocommerce', scenario: FakeShopScenario = {}) {
  const s = tillLedger({ open: true });
  const shop = fakeShop({ now: NOW, orders: 7, ...scenario });
  let now = NOW + DAY;
  /** How the next POSTs fail: carried out with the answer lost, or never reaching the shop. */
  let posts: { carriedOut: boolean; error: string }[] = [];
  const io = {
    http: {
      request: (req: Parameters<typeof shop.handle>[0]) => {
        const fault = req.method.toUpperCase() === 'POST' ? posts.shift() : undefined;
        if (fault && !fault.carriedOut) throw new HttpUnreachableError(fault.error);
        const answer = shop.handle(req);
        if (fault) throw new HttpUnreachableError(fault.error);
        return answer;
      },
    },
    wait: () => {},
  };
  const platform: Platform = { ...s.platform, clock: { now: () => now }, http: io.http };
  const config = SHOPS[platformName];
  const shops = {
    list: () => [config],
    codesFor: (c: ShopConfig) => webCodesFor(c, SECRETS[platformName], io),
  };
  const ana = createCustomer(platform, { key: 'c1', name: 'Ana', email: 'ana@example.com' });
  const ctx = loadContext(platform.workbook);
  // 25.00 of credit: 10.00 expiring at the end of the year, 15.00 that never expires.
  postLoyalty(
    platform,
    ctx,
    [
      {
        customerId: ana.customerId,
        amount: 1000,
        kind: 'adjust',
        orderId: '',
        expires: Date.UTC(2026, 11, 31),
        key: 'gift-1',
      },
      { customerId: ana.customerId, amount: 1500, kind: 'adjust', orderId: '', expires: null, key: 'gift-2' },
    ],
    NOW,
  );
  const records = (tab: string) =>
    s.env.meter.uncounted(() => {
      const [header, ...data] = s.env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues() ?? [];
      return data.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
    });
  const balance = () =>
    records('Customers').find((c) => c['Customer ID'] === ana.customerId)?.['Loyalty balance'];
  const sync = () =>
    syncShop(platform, config, connectorFor(config, SECRETS[platformName], io), {
      since: '2026-11-01T00:00:00.000Z',
    });
  return {
    ...s,
    platform,
    shop,
    shops,
    config,
    ana,
    records,
    balance,
    sync,
    setNow: (t: number) => {
      now = t;
    },
    failPosts: (faults: { carriedOut: boolean; error: string }[]) => {
      posts = [...faults];
    },
  };
}

describe('issuing a web code for the balance', () => {
  test('WooCommerce: a single-use fixed-cart coupon for the customer’s email; the balance is held', () => {
    const s = setup();
    const code = issueWebCode(s.platform, s.shops, {
      customerId: s.ana.customerId,
      shop: s.config.name,
      key: 'w1',
    });
    expect(code).toMatchObject({ status: 'live', amount: 2500, balance: 0, customerId: s.ana.customerId });
    expect(code.code).toMatch(/^SL-[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    // The request as the WooCommerce docs describe it.
    expect(s.shop.codes).toHaveLength(1);
    expect(s.shop.codes[0].request).toEqual({
      code: code.code,
      discount_type: 'fixed_cart',
      amount: '25.00',
      description: `Store credit of ${s.ana.customerId} (Shop Ledger)`,
      individual_use: true,
      usage_limit: 1,
      usage_limit_per_user: 1,
      email_restrictions: ['ana@example.com'],
      date_expires_gmt: new Date(NOW + DAY + 30 * DAY).toISOString().slice(0, 19),
    });
    expect(s.balance()).toBe(0);
    const hold = s.records('Loyalty').filter((e) => e.Key === `hold:${code.code}`);
    expect(hold).toEqual([expect.objectContaining({ Kind: 'redeem', Amount: -25, 'Order ID': '' })]);
    expect(s.records('Web Codes')).toEqual([
      expect.objectContaining({
        Code: code.code,
        'Customer ID': s.ana.customerId,
        Shop: s.config.name,
        Amount: 25,
        'Shop code ID': s.shop.codes[0].id.toString(),
        Status: 'live',
        Key: 'w1',
      }),
    ]);
  });

  test('the same key again gives the same code and holds nothing more; the till cannot spend the held credit', () => {
    const s = setup();
    const first = issueWebCode(s.platform, s.shops, {
      customerId: s.ana.customerId,
      shop: s.config.name,
      key: 'w1',
    });
    const rows = s.records('Loyalty').length;
    const again = issueWebCode(s.platform, s.shops, {
      customerId: s.ana.customerId,
      shop: s.config.name,
      key: 'w1',
    });
    expect(again.code).toBe(first.code);
    expect(s.shop.codes).toHaveLength(1);
    expect(s.records('Loyalty')).toHaveLength(rows);
    expect(() =>
      recordSale(s.platform, {
        key: 'sale-credit',
        till: 'Till 1',
        lines: [{ sku: MUG.sku, qty: 1 }],
        payments: [
          { method: 'credit', amount: 500 },
          { method: 'cash', amount: MUG.price - 500, tendered: MUG.price - 500 },
        ],
        customerId: s.ana.customerId,
      }),
    ).toThrow(/store credit/i);
    // And a second code for nothing is refused.
    expect(() =>
      issueWebCode(s.platform, s.shops, { customerId: s.ana.customerId, shop: s.config.name, key: 'w2' }),
    ).toThrow(/no store credit/);
  });

  test('a shop that refuses holds nothing: the credit is back and the code is released', () => {
    const s = setup();
    s.shop.failNext({ status: 401 });
    expect(() =>
      issueWebCode(s.platform, s.shops, { customerId: s.ana.customerId, shop: s.config.name, key: 'w1' }),
    ).toThrow(/Nothing is held.*25\.00/);
    expect(s.shop.codes).toHaveLength(0);
    expect(s.balance()).toBe(25);
    expect(s.records('Web Codes')).toEqual([expect.objectContaining({ Status: 'released' })]);
  });

  test.each([
    ['the connection drops after the shop made it', [true, true, true, true], 'read ECONNRESET'],
    [
      'retries end in "connection refused" after a first try that timed out',
      [true, false, false, false],
      'connect ECONNREFUSED 203.0.113.7:443',
    ],
  ])('an answer lost when %s: the code is looked up and found, not released', (_, carried, error) => {
    const s = setup();
    // The create and its three retries, each failing as Node's http does ('unreachable' in the end).
    s.failPosts(carried.map((carriedOut, i) => ({ carriedOut, error: i === 0 ? 'socket timeout' : error })));
    const code = issueWebCode(s.platform, s.shops, {
      customerId: s.ana.customerId,
      shop: s.config.name,
      key: 'w1',
    });
    expect(code).toMatchObject({ status: 'live', balance: 0 });
    expect(s.shop.codes).toHaveLength(1);
    expect(s.balance()).toBe(0);
    expect(s.records('Web Codes')).toEqual([expect.objectContaining({ Status: 'live' })]);
  });

  test('a shop that cannot say keeps the code pending; the hourly run confirms or releases it later', () => {
    const s = setup();
    s.shop.failNext({ status: 503 }, 8); // create and the lookup both fail, after their retries
    const pending = issueWebCode(s.platform, s.shops, {
      customerId: s.ana.customerId,
      shop: s.config.name,
      key: 'w1',
    });
    expect(pending).toMatchObject({ status: 'pending', balance: 0 });
    expect(pending.message).toMatch(/stays held.*same key/);
    expect(s.balance()).toBe(0);
    // Too young for the hourly run: left alone (it may still be being made).
    expect(expireWebCodes(s.platform, s.shops)).toMatchObject({ released: 0, confirmed: 0 });
    s.setNow(NOW + DAY + 20 * 60_000);
    expect(expireWebCodes(s.platform, s.shops)).toMatchObject({ released: 1 });
    expect(s.balance()).toBe(25);
  });

  describe('a pending code younger than 15 minutes is never released outside the hourly run', () => {
    /** A code whose create failed (the shop may still be making it) and whose lookup found nothing. */
    function youngPending() {
      const s = setup();
      s.shop.failNext({ status: 503 }, 4); // the create fails after its retries; the lookup answers
      const first = issueWebCode(s.platform, s.shops, {
        customerId: s.ana.customerId,
        shop: s.config.name,
        key: 'w1',
      });
      expect(first).toMatchObject({ status: 'pending', balance: 0 });
      expect(s.shop.codes).toHaveLength(0);
      return { s, first };
    }

    test('sending again with the same key: still pending, still held, with what to do', () => {
      const { s, first } = youngPending();
      s.setNow(NOW + DAY + 5 * 60_000);
      const again = issueWebCode(s.platform, s.shops, {
        customerId: s.ana.customerId,
        shop: s.config.name,
        key: 'w1',
      });
      expect(again).toMatchObject({ code: first.code, status: 'pending', balance: 0 });
      expect(again.message).toMatch(/stays held/);
      expect(s.balance()).toBe(0);
      expect(s.records('Web Codes')).toEqual([expect.objectContaining({ Status: 'pending' })]);
      // Past the grace, the shop surely has no such code: the same key releases it.
      s.setNow(NOW + DAY + 20 * 60_000);
      expect(() =>
        issueWebCode(s.platform, s.shops, { customerId: s.ana.customerId, shop: s.config.name, key: 'w1' }),
      ).toThrow(/Nothing is held/);
      expect(s.balance()).toBe(25);
    });

    test('staff cancel it: still pending, still held; after the grace it is released', () => {
      const { s, first } = youngPending();
      const cancelled = closeWebCode(s.platform, s.shops, first.code);
      expect(cancelled).toMatchObject({ status: 'pending', balance: 0 });
      expect(cancelled.message).toMatch(/15 minutes/);
      expect(s.balance()).toBe(0);
      s.setNow(NOW + DAY + 20 * 60_000);
      expect(closeWebCode(s.platform, s.shops, first.code)).toMatchObject({
        status: 'released',
        balance: 2500,
      });
    });

    test('a lookup the shop refuses says nothing of the code: a retry keeps it held', () => {
      const { s, first } = youngPending();
      s.setNow(NOW + DAY + 20 * 60_000);
      s.shop.failNext({ status: 401 });
      expect(() =>
        issueWebCode(s.platform, s.shops, { customerId: s.ana.customerId, shop: s.config.name, key: 'w1' }),
      ).not.toThrow();
      expect(s.balance()).toBe(0);
      expect(s.records('Web Codes')).toEqual([
        expect.objectContaining({ Code: first.code, Status: 'pending' }),
      ]);
    });
  });

  test('a shop without saved credentials is refused before anything is held; the hourly run releases a pending code whose shop lost them', () => {
    const s = setup();
    const noCredentials = {
      list: s.shops.list,
      codesFor: (c: ShopConfig) => webCodesFor(c, null, { http: s.platform.http, wait: () => {} }),
    };
    expect(() =>
      issueWebCode(s.platform, noCredentials, {
        customerId: s.ana.customerId,
        shop: s.config.name,
        key: 'w0',
      }),
    ).toThrow(/connect the shop in Shop settings first/);
    expect(s.balance()).toBe(25);
    expect(s.records('Web Codes')).toEqual([]);
    expect(s.records('Loyalty').filter((e) => String(e.Key).startsWith('hold:'))).toEqual([]);

    // A code left pending (the shop could not say), and then the credentials are removed.
    s.shop.failNext({ status: 503 }, 8);
    expect(
      issueWebCode(s.platform, s.shops, { customerId: s.ana.customerId, shop: s.config.name, key: 'w1' }),
    ).toMatchObject({ status: 'pending' });
    expect(expireWebCodes(s.platform, noCredentials)).toMatchObject({ released: 0 }); // too young
    s.setNow(NOW + DAY + 20 * 60_000);
    expect(expireWebCodes(s.platform, noCredentials)).toMatchObject({ released: 1, failures: [] });
    expect(s.balance()).toBe(25);
    expect(s.records('Web Codes')).toEqual([expect.objectContaining({ Status: 'released' })]);
  });

  test('refusals: unknown customer, no email for WooCommerce, unknown shop', () => {
    const s = setup();
    const bob = createCustomer(s.platform, { key: 'c2', name: 'Bob', phone: '+34612345678' });
    postLoyalty(
      s.platform,
      loadContext(s.platform.workbook),
      [{ customerId: bob.customerId, amount: 100, kind: 'adjust', orderId: '', expires: null, key: 'g-bob' }],
      NOW,
    );
    const issue = (customerId: string, shop = s.config.name) =>
      issueWebCode(s.platform, s.shops, { customerId, shop, key: `k-${customerId}-${shop}` });
    expect(() => issue('C-999999')).toThrow(/No customer with ID C-999999/);
    expect(() => issue(bob.customerId)).toThrow(/has no email/);
    expect(() => issue(s.ana.customerId, 'nope')).toThrow(/No shop named "nope"/);
    expect(s.shop.codes).toHaveLength(0);
    expect(s.records('Web Codes')).toHaveLength(0);
  });
});

describe('an order that uses the code', () => {
  test('settles it once: the order redeems the credit with its Order ID, earns only on what was paid, and a re-import changes nothing', () => {
    const s = setup();
    const code = issueWebCode(s.platform, s.shops, {
      customerId: s.ana.customerId,
      shop: s.config.name,
      key: 'w1',
    });
    const id = s.shop.orderWithCode({ code: code.code, email: 'ana@example.com', lines: [[MUG.sku, 4]] });
    s.sync();
    const order = s.records('Orders').find((o) => o['External ID'] === String(id));
    expect(order).toBeDefined();
    const orderId = order?.['Order ID'];
    // The order's Total is what was charged after the code: 4 mugs less 25.00.
    expect(order?.Total).toBeCloseTo((4 * MUG.price - 2500) / 100, 2);
    const net = Math.round(Number(order?.Net) * 100);
    const earned = Math.floor((net * 5) / 100);
    expect(s.records('Web Codes')).toEqual([
      expect.objectContaining({ Status: 'used', 'Order ID': orderId }),
    ]);
    const mine = s.records('Loyalty').filter((e) => e['Order ID'] === orderId);
    expect(mine.map((e) => [e.Kind, Math.round(Number(e.Amount) * 100)])).toEqual(
      expect.arrayContaining([
        ['redeem', -2500],
        ['earn', earned],
      ]),
    );
    expect(s.balance()).toBeCloseTo(earned / 100, 2);
    const rows = s.records('Loyalty').length;

    s.sync();
    s.shop.updateOrder(id, { note: 'touched' }); // the order changes in the shop: imported again
    s.sync();
    expect(s.records('Loyalty')).toHaveLength(rows);
    expect(s.balance()).toBeCloseTo(earned / 100, 2);
  });

  test('an order smaller than the code takes what it needs; the rest comes back to the customer', () => {
    const s = setup();
    const code = issueWebCode(s.platform, s.shops, {
      customerId: s.ana.customerId,
      shop: s.config.name,
      key: 'w1',
    });
    s.shop.orderWithCode({ code: code.code, email: 'ana@example.com', lines: [[MUG.sku, 1]] });
    s.sync();
    expect(MUG.price).toBeLessThan(2500);
    expect(s.balance()).toBeCloseTo((2500 - MUG.price) / 100, 2);
  });

  test('Shopify: a basic code discount for the amount, for all buyers while the shop’s customer id is unknown', () => {
    const s = setup('shopify');
    // The customer's Shopify id is remembered from an earlier order (Shop IDs "fake-coffee:…").
    const code = issueWebCode(s.platform, s.shops, {
      customerId: s.ana.customerId,
      shop: s.config.name,
      key: 's1',
    });
    expect(s.shop.codes[0].request).toEqual({
      title: `Store credit of ${s.ana.customerId} (Shop Ledger)`,
      code: code.code,
      startsAt: new Date(NOW + DAY).toISOString(),
      endsAt: new Date(NOW + 31 * DAY).toISOString(),
      context: { all: 'ALL' },
      customerGets: {
        value: { discountAmount: { amount: '25.00', appliesOnEachItem: false } },
        items: { all: true },
      },
      usageLimit: 1,
      appliesOncePerCustomer: true,
    });
    expect(code.status).toBe('live');
    s.shop.orderWithCode({ code: code.code, email: 'ana@example.com', lines: [[MUG.sku, 4]] });
    s.sync();
    const [row] = s.records('Web Codes');
    expect(row).toMatchObject({ Status: 'used' });
    const order = s.records('Orders').find((o) => o['Order ID'] === row['Order ID']);
    expect(order?.Total).toBeCloseTo((4 * MUG.price - 2500) / 100, 2);
    expect(
      s.records('Loyalty').filter((e) => e['Order ID'] === row['Order ID'] && e.Kind === 'redeem'),
    ).toEqual([expect.objectContaining({ Amount: -25 })]);
  });
});

describe('an order that uses a code already released (the shop counted the use late)', () => {
  function released() {
    const s = setup();
    const code = issueWebCode(s.platform, s.shops, {
      customerId: s.ana.customerId,
      shop: s.config.name,
      key: 'w1',
    });
    closeWebCode(s.platform, s.shops, code.code);
    expect(s.balance()).toBe(25);
    const late = webOrder('9001', 'paid', [productLine(MUG.sku, 4, MUG.price)], {
      customer: { externalId: '', email: 'ana@example.com', name: 'Ana', phone: '' },
      discountCodes: [{ code: code.code.toLowerCase(), amount: 2500 }],
    });
    return { s, code, late };
  }
  const uses = (s: ReturnType<typeof setup>) =>
    s.records('Loyalty').filter((e) => String(e.Key).startsWith('use:'));

  test('the credit is there: the order takes it again, once, and nothing is listed', () => {
    const { s, code, late } = released();
    importOrders(s.platform, s.config.name, { orders: [late], problems: [] });
    expect(uses(s)).toEqual([
      expect.objectContaining({ Key: `use:${code.code}`, Kind: 'redeem', Amount: -25 }),
    ]);
    expect(s.records('Sync Problems')).toEqual([]);
    expect(s.records('Web Codes')).toEqual([expect.objectContaining({ Status: 'used' })]);
    const rows = s.records('Loyalty').length;
    importOrders(s.platform, s.config.name, { orders: [late], problems: [] });
    expect(s.records('Loyalty')).toHaveLength(rows);
  });

  test('part of it was spent meanwhile: what is left is taken (never below 0), and the shortfall is listed', () => {
    const { s, late } = released();
    // 10.00 of the credit spent at the till.
    recordSale(s.platform, {
      key: 'sale-credit',
      till: 'Till 1',
      lines: [{ sku: MUG.sku, qty: 1 }],
      payments: [
        { method: 'credit', amount: 1000 },
        { method: 'cash', amount: MUG.price - 1000, tendered: MUG.price - 1000 },
      ],
      customerId: s.ana.customerId,
    });
    const left = Math.round(Number(s.balance()) * 100);
    expect(left).toBeLessThan(2500);
    importOrders(s.platform, s.config.name, { orders: [late], problems: [] });
    // All she has is taken (what was left, and what this order itself earned just before): 0, never below.
    const [use] = uses(s).map((e) => -Math.round(Number(e.Amount) * 100));
    expect(use).toBeGreaterThanOrEqual(left);
    expect(use).toBeLessThan(2500);
    expect(s.balance()).toBe(0);
    expect(s.records('Sync Problems')).toEqual([
      expect.objectContaining({
        'External ID': '9001',
        Problem: expect.stringMatching(/had been released.*no longer there/),
      }),
    ]);
  });
});

describe('a code that is not used', () => {
  test('expires in the hourly run: deleted in the shop, the credit back with its lots’ own expiry, once', () => {
    const s = setup();
    const code = issueWebCode(s.platform, s.shops, {
      customerId: s.ana.customerId,
      shop: s.config.name,
      key: 'w1',
    });
    expect(expireWebCodes(s.platform, s.shops)).toMatchObject({ released: 0 });
    s.setNow(NOW + 32 * DAY);
    expect(expireWebCodes(s.platform, s.shops)).toMatchObject({ released: 1, used: 0 });
    expect(s.shop.codes[0].deleted).toBe(true);
    expect(s.balance()).toBe(25);
    const back = s.records('Loyalty').filter((e) => String(e.Key).startsWith(`release:${code.code}`));
    expect(
      back.map((e) => [e.Kind, e.Amount, e.Expires instanceof Date ? e.Expires.getTime() : e.Expires]),
    ).toEqual([
      ['reverse', 10, Date.UTC(2026, 11, 31)],
      ['reverse', 15, ''],
    ]);
    const rows = s.records('Loyalty').length;
    expect(expireWebCodes(s.platform, s.shops)).toMatchObject({ released: 0 });
    expect(s.records('Loyalty')).toHaveLength(rows);
    expect(s.records('Web Codes')).toEqual([expect.objectContaining({ Status: 'released' })]);
  });

  test('staff cancel it: released at once; a code the shop says was used waits for its order instead', () => {
    const s = setup();
    const first = issueWebCode(s.platform, s.shops, {
      customerId: s.ana.customerId,
      shop: s.config.name,
      key: 'w1',
    });
    expect(closeWebCode(s.platform, s.shops, first.code)).toMatchObject({
      status: 'released',
      balance: 2500,
    });
    expect(closeWebCode(s.platform, s.shops, first.code).message).toMatch(/released already/);

    const second = issueWebCode(s.platform, s.shops, {
      customerId: s.ana.customerId,
      shop: s.config.name,
      key: 'w2',
    });
    s.shop.orderWithCode({ code: second.code, email: 'ana@example.com', lines: [[MUG.sku, 4]] });
    expect(closeWebCode(s.platform, s.shops, second.code)).toMatchObject({ status: 'used', balance: 0 });
    s.sync();
    expect(s.records('Web Codes')[1]).toMatchObject({ Status: 'used' });
    expect(s.records('Web Codes')[1]['Order ID']).not.toBe('');
  });
});

test('a customer merged while the code is live: cancelling gives the credit back to the survivor', () => {
  const s = setup();
  const code = issueWebCode(s.platform, s.shops, {
    customerId: s.ana.customerId,
    shop: s.config.name,
    key: 'w1',
  });
  const survivor = createCustomer(s.platform, {
    key: 'c2',
    name: 'Ana García',
    email: 'ana.garcia@example.com',
  });
  mergeCustomers(s.platform, { from: s.ana.customerId, into: survivor.customerId });
  expect(closeWebCode(s.platform, s.shops, code.code)).toMatchObject({ status: 'released', balance: 2500 });
  const balances = new Map(s.records('Customers').map((c) => [c['Customer ID'], c['Loyalty balance']]));
  expect(balances.get(survivor.customerId)).toBe(25);
  expect(balances.get(s.ana.customerId)).toBe(0);
  expect(checkLedger(s.platform.workbook).problems).toEqual([]);
});

describe('a customer merged twice while the code is live (Ana into B, then B into C)', () => {
  function chain() {
    const s = setup();
    const code = issueWebCode(s.platform, s.shops, {
      customerId: s.ana.customerId,
      shop: s.config.name,
      key: 'w1',
    });
    const b = createCustomer(s.platform, { key: 'c2', name: 'Ana G', email: 'ana.g@example.com' });
    const c = createCustomer(s.platform, { key: 'c3', name: 'Ana García', email: 'ana.garcia@example.com' });
    mergeCustomers(s.platform, { from: s.ana.customerId, into: b.customerId });
    mergeCustomers(s.platform, { from: b.customerId, into: c.customerId });
    const balances = () =>
      new Map(
        s.records('Customers').map((x) => [x['Customer ID'], Math.round(Number(x['Loyalty balance']) * 100)]),
      );
    return { s, code, b, c, balances };
  }

  test('cancelling gives the credit to the end of the chain', () => {
    const { s, code, b, c, balances } = chain();
    expect(closeWebCode(s.platform, s.shops, code.code)).toMatchObject({ status: 'released', balance: 2500 });
    expect(balances().get(c.customerId)).toBe(2500);
    expect(balances().get(b.customerId)).toBe(0);
    expect(checkLedger(s.platform.workbook).problems).toEqual([]);
  });

  test('its order settles it on the end of the chain: the hold back and the spend taken there', () => {
    const { s, code, b, c, balances } = chain();
    const order = webOrder('9300', 'paid', [productLine(MUG.sku, 1, MUG.price)], {
      customer: { externalId: '', email: 'ana.garcia@example.com', name: 'Ana García', phone: '' },
      discountCodes: [{ code: code.code, amount: MUG.price }],
    });
    importOrders(s.platform, s.config.name, { orders: [order], problems: [] });
    const settle = s.records('Loyalty').filter((e) => /^(settle|use):/.test(String(e.Key)));
    expect(new Set(settle.map((e) => e['Customer ID']))).toEqual(new Set([c.customerId]));
    expect(balances().get(b.customerId)).toBe(0);
    expect(balances().get(s.ana.customerId)).toBe(0); // her hold was given back to C, not to her
    expect(balances().get(c.customerId)).toBeGreaterThanOrEqual(2500 - MUG.price);
  });
});

test('issuing a code costs the same Sheets calls with 10 or 5,000 earlier loyalty entries and codes', () => {
  const counts = [10, 5000].map((n) => {
    const s = setup();
    const when = new Date(NOW);
    s.env.meter.uncounted(() => {
      const wb = s.platform.workbook;
      wb.append(
        'Loyalty',
        Array.from({ length: n }, (_, i) => [`L-X${i}`, when, `C-9${i}`, 1, 'adjust', '', '', `other-${i}`]),
      );
      wb.append(
        'Web Codes',
        Array.from({ length: n }, (_, i) => [
          `SL-OLD${i}`,
          `C-9${i}`,
          s.config.name,
          1,
          `${i}`,
          'released',
          when,
          '',
          `old-${i}`,
          when,
        ]),
      );
      for (const t of ['Loyalty', 'Web Codes', 'Orders', 'Order Lines', 'Payments', 'Movements']) {
        const sheet = s.env.spreadsheet.getSheetByName(t);
        sheet?.insertRowsAfter(sheet.getMaxRows(), 100);
      }
    });
    // A fresh execution, as the till's call would be: its own meter and sheet sizes.
    const run = nextExecution(s.env.shared);
    const platform: Platform = { ...run.platform, clock: s.platform.clock, http: s.platform.http };
    const before = run.env.meter.snapshot();
    const code = issueWebCode(platform, s.shops, {
      customerId: s.ana.customerId,
      shop: s.config.name,
      key: `w${n}`,
    });
    const issued = run.env.meter.snapshot();
    s.shop.orderWithCode({ code: code.code, email: 'ana@example.com', lines: [[MUG.sku, 4]] });
    s.sync();
    expect(s.balance()).toBeGreaterThan(0);
    const diff = (a: typeof before, b: typeof before) =>
      Object.fromEntries(Object.entries(b.byMethod).map(([k, v]) => [k, v - (a.byMethod[k] ?? 0)]));
    return { issue: diff(before, issued), cellsRead: issued.cellsRead - before.cellsRead };
  });
  expect(counts[1].issue).toEqual(counts[0].issue);
  expect(counts[1].cellsRead).toBe(counts[0].cellsRead); // Loyalty and Web Codes are searched, never read whole
  // Two commits (hold, then the shop's answer), each flushed once.
  expect(counts[0].issue['SpreadsheetApp.flush']).toBe(2);
});

describe('settling a code reads the customer’s history at a cost that does not grow with it', () => {
  /** Ana with `n` more entries of her own, each between two of other customers, then a live code. */
  function regular(n: number) {
    const s = setup();
    const when = new Date(NOW);
    s.env.meter.uncounted(() => {
      s.platform.workbook.append(
        'Loyalty',
        Array.from({ length: n }, (_, i) => [
          [`L-Y${i}`, when, `C-9${i}`, 1, 'adjust', '', '', `other-${i}`],
          [`L-Z${i}`, when, s.ana.customerId, 0.01, 'adjust', '', '', `mine-${i}`],
        ]).flat(),
      );
      const sheet = s.env.spreadsheet.getSheetByName('Loyalty');
      sheet?.insertRowsAfter(sheet.getMaxRows(), 100);
    });
    const code = issueWebCode(s.platform, s.shops, {
      customerId: s.ana.customerId,
      shop: s.config.name,
      key: 'w1',
    });
    const order = webOrder('9200', 'paid', [productLine(MUG.sku, 1, MUG.price)], {
      customer: { externalId: '', email: 'ana@example.com', name: 'Ana', phone: '' },
      discountCodes: [{ code: code.code, amount: MUG.price }],
    });
    return { s, code, order };
  }

  test('the same Sheets calls with 3 or 300 of her entries scattered through Loyalty', () => {
    const counts = [3, 300].map((n) => {
      const { s, code, order } = regular(n);
      const run = nextExecution(s.env.shared);
      const platform: Platform = { ...run.platform, clock: s.platform.clock, http: s.platform.http };
      const before = run.env.meter.snapshot();
      importOrders(platform, s.config.name, { orders: [order], problems: [] });
      const after = run.env.meter.snapshot();
      expect(s.records('Web Codes')).toEqual([expect.objectContaining({ Code: code.code, Status: 'used' })]);
      return Object.fromEntries(
        Object.entries(after.byMethod).map(([k, v]) => [k, v - (before.byMethod[k] ?? 0)]),
      );
    });
    expect(counts[1]).toEqual(counts[0]);
  });

  test('a hand-edited bad cell in her Loyalty rows is reported with its cell; the import and the settlement go on', () => {
    const { s, code, order } = regular(3);
    // Row 4 is one of Ana's extra entries (gift-1, gift-2, then L-Y0 / L-Z0 …): its Time typed as text.
    s.env.meter.uncounted(() =>
      s.env.spreadsheet.getSheetByName('Loyalty')?.getRange('B5').setValue('yesterday'),
    );
    expect(s.records('Loyalty')[3]['Customer ID']).toBe(s.ana.customerId);
    expect(() => importOrders(s.platform, s.config.name, { orders: [order], problems: [] })).not.toThrow();
    expect(s.records('Web Codes')).toEqual([expect.objectContaining({ Code: code.code, Status: 'used' })]);
    expect(s.records('Sync Problems')).toEqual([
      expect.objectContaining({ 'External ID': '9200', Problem: expect.stringMatching(/Loyalty!B5/) }),
    ]);
    expect(s.records('Loyalty').filter((e) => e.Key === `use:${code.code}`)).toHaveLength(1);
  });
});

describe('a used code whose order never arrives', () => {
  /** A code the shop counts as used (its order placed, never imported), settled by the hourly run. */
  function usedCode() {
    const s = setup();
    const code = issueWebCode(s.platform, s.shops, {
      customerId: s.ana.customerId,
      shop: s.config.name,
      key: 'w1',
    });
    s.shop.orderWithCode({ code: code.code, email: 'ana@example.com', lines: [[MUG.sku, 4]] });
    const expires = Date.parse(code.expires);
    s.setNow(expires + DAY);
    expect(expireWebCodes(s.platform, s.shops)).toMatchObject({ used: 1, listed: 0 });
    return { s, code, expires };
  }

  test(`is listed in Sync Problems once, ${USED_ORDER_WAIT_DAYS} days after its expiry; the credit stays held`, () => {
    const { s, code, expires } = usedCode();
    s.setNow(expires + USED_ORDER_WAIT_DAYS * DAY - 1);
    expect(expireWebCodes(s.platform, s.shops)).toMatchObject({ listed: 0 });
    expect(s.records('Sync Problems')).toEqual([]);

    s.setNow(expires + USED_ORDER_WAIT_DAYS * DAY);
    expect(expireWebCodes(s.platform, s.shops)).toMatchObject({ listed: 1, released: 0 });
    s.setNow(expires + USED_ORDER_WAIT_DAYS * DAY + 5 * DAY);
    expect(expireWebCodes(s.platform, s.shops)).toMatchObject({ listed: 0 });
    expect(s.records('Sync Problems')).toEqual([
      expect.objectContaining({
        Shop: s.config.name,
        'Order ID': '',
        Status: 'open',
        Problem: expect.stringContaining(
          `Web code ${code.code} (25.00 of ${s.ana.customerId}'s store credit)`,
        ),
      }),
    ]);
    // Never released silently: the shop says it was used.
    expect(s.balance()).toBe(0);
    expect(s.records('Web Codes')).toEqual([expect.objectContaining({ Status: 'used', 'Order ID': '' })]);
    expect(s.records('Loyalty').filter((e) => String(e.Key).startsWith('release:'))).toEqual([]);
  });

  test('once its order is imported after all, it is settled as usual and no longer listed', () => {
    const { s, expires } = usedCode();
    s.sync();
    const settled = s.records('Web Codes')[0];
    expect(settled).toMatchObject({ Status: 'used' });
    expect(settled['Order ID']).not.toBe('');
    s.setNow(expires + USED_ORDER_WAIT_DAYS * DAY + DAY);
    expect(expireWebCodes(s.platform, s.shops)).toMatchObject({ listed: 0 });
    expect(s.records('Sync Problems').filter((p) => /Web code/.test(String(p.Problem)))).toEqual([]);
  });

  test('listing it costs the same Sheets calls with 10 or 5,000 rows in Sync Problems and Web Codes', () => {
    const counts = [10, 5000].map((n) => {
      const { s, expires } = usedCode();
      const when = new Date(NOW);
      s.env.meter.uncounted(() => {
        const wb = s.platform.workbook;
        wb.append(
          'Sync Problems',
          Array.from({ length: n }, (_, i) => [
            when,
            s.config.name,
            `O-X${i}`,
            `${i}`,
            '',
            '',
            `other ${i}`,
            'open',
          ]),
        );
        wb.append(
          'Web Codes',
          Array.from({ length: n }, (_, i) => [
            `SL-OLD${i}`,
            `C-9${i}`,
            s.config.name,
            1,
            `${i}`,
            'released',
            when,
            '',
            `old-${i}`,
            when,
          ]),
        );
        // Room to append in both runs, so the row count alone tells them apart.
        const sheet = s.env.spreadsheet.getSheetByName('Sync Problems');
        sheet?.insertRowsAfter(sheet.getMaxRows(), 100);
      });
      s.setNow(expires + USED_ORDER_WAIT_DAYS * DAY);
      const run = nextExecution(s.env.shared);
      const platform: Platform = { ...run.platform, clock: s.platform.clock, http: s.platform.http };
      const before = run.env.meter.snapshot();
      expect(expireWebCodes(platform, s.shops)).toMatchObject({ listed: 1 });
      const after = run.env.meter.snapshot();
      return Object.fromEntries(
        Object.entries(after.byMethod).map(([k, v]) => [k, v - (before.byMethod[k] ?? 0)]),
      );
    });
    expect(counts[1]).toEqual(counts[0]);
  });
});

describe('a WooCommerce shop whose prices are entered without tax', () => {
  /**
   * order.json (the REST API docs' order: prices_include_tax false) paid with the code: one coupon
   * line of the documented properties (code, discount, discount_tax), as WooCommerce writes it.
   */
  /** What the paid order earned (5 % of its net paid), apart from the credit the code moved. */
  const earned = (s: ReturnType<typeof setup>) =>
    Number(s.records('Loyalty').find((e) => String(e.Key).endsWith(':earn'))?.Amount ?? 0);

  function orderUsing(code: string, discount: string, discountTax: string) {
    const raw = JSON.parse(
      readFileSync(join(__dirname, '../../fixtures/webshops/woocommerce/order.json'), 'utf8'),
    );
    raw.coupon_lines = [
      { id: 321, code: code.toLowerCase(), discount, discount_tax: discountTax, meta_data: [] },
    ];
    const used = parseOrder(raw).order?.discountCodes ?? [];
    return webOrder('9100', 'paid', [productLine(MUG.sku, 4, MUG.price)], {
      customer: { externalId: '', email: 'ana@example.com', name: 'Ana', phone: '' },
      discountCodes: used,
    });
  }

  test('the coupon is the credit net of the top VAT rate (21 %): at 21 % it saves the credit, not credit + VAT', () => {
    const s = setup('woocommerce', { wooPricesIncludeTax: false });
    const code = issueWebCode(s.platform, s.shops, {
      customerId: s.ana.customerId,
      shop: s.config.name,
      key: 'w1',
    });
    expect(code).toMatchObject({ amount: 2500, balance: 0 }); // the whole credit is held
    expect((s.shop.codes[0].request as { amount: string }).amount).toBe('20.66'); // 25.00 / 1.21, down
    // The order's coupon line: 20.66 off the net and its 21 % (4.34) off the tax = 25.00, the credit.
    importOrders(s.platform, s.config.name, {
      orders: [orderUsing(code.code, '20.66', '4.34')],
      problems: [],
    });
    const use = s.records('Loyalty').filter((e) => e.Key === `use:${code.code}`);
    expect(use).toEqual([expect.objectContaining({ Kind: 'redeem', Amount: -25 })]);
    expect(Number(s.balance()) - earned(s)).toBeCloseTo(0, 2); // nothing of the credit is left over
  });

  test('spent on goods at a lower rate (10 %) it takes off less: the ledger takes what the order says, the rest comes back', () => {
    const s = setup('woocommerce', { wooPricesIncludeTax: false });
    const code = issueWebCode(s.platform, s.shops, {
      customerId: s.ana.customerId,
      shop: s.config.name,
      key: 'w1',
    });
    importOrders(s.platform, s.config.name, {
      orders: [orderUsing(code.code, '20.66', '2.07')],
      problems: [],
    });
    const use = s.records('Loyalty').filter((e) => e.Key === `use:${code.code}`);
    expect(use).toEqual([expect.objectContaining({ Amount: -22.73 })]);
    expect(Number(s.balance()) - earned(s)).toBeCloseTo(2.27, 2);
  });
});
