/**
 * `npm run bench`: what the main operations cost in Sheets service calls and cells, as counted
 * by the Apps Script fakes, and the local wall time. Speed targets live here, not in tests.
 */
import { checkLedger } from '../src/app/check-ledger';
import { recordReturn } from '../src/app/returns/record-return';
import { seedSample } from '../src/app/seed-sample';
import { setUpLedger } from '../src/app/set-up-ledger';
import { rebuildSummaries } from '../src/app/summaries/rebuild-summaries';
import { importOrders } from '../src/app/sync/import-orders';
import type { ShopConfig } from '../src/app/sync/shop-config';
import { syncShop } from '../src/app/sync/sync-shop';
import { createCustomer } from '../src/app/till/customers';
import { recordSale } from '../src/app/till/record-sale';
import { openTill } from '../src/app/till/sessions';
import { sampleCatalogue } from '../src/core/sample-catalogue';
import { TABS } from '../src/ledger/schema';
import { readTable } from '../src/ledger/table';
import { fakeShop } from '../src/node/fake-shop/fake-shop';
import { FAKE_WOO_KEY, FAKE_WOO_SECRET } from '../src/node/fake-shop/scenario';
import { connectorFor } from '../src/shops/connector-for';
import type { MeterSnapshot } from '../tests/fakes';
import { installAppsScript } from '../tests/helpers/apps-script';

interface Row {
  operation: string;
  rows: number;
  /** Requests to the web shop (UrlFetchApp.fetch), for the sync rows. */
  http?: number;
  calls: number;
  reads: number;
  writes: number;
  cellsRead: number;
  cellsWritten: number;
  ms: number;
}

const results: Row[] = [];

function measure(
  operation: string,
  rows: number,
  meter: ReturnType<typeof installAppsScript>['env']['meter'],
  run: () => void,
) {
  meter.reset();
  const start = performance.now();
  run();
  const ms = performance.now() - start;
  const m = meter.snapshot();
  results.push({
    operation,
    rows,
    calls: m.calls,
    reads: m.byMethod['Range.getValues'] ?? 0,
    writes: m.byMethod['Range.setValues'] ?? 0,
    cellsRead: m.cellsRead,
    cellsWritten: m.cellsWritten,
    ms: Math.round(ms * 10) / 10,
  });
}

/** Fills Orders with `n` rows straight into the fake, outside the meter. */
function fillOrders(env: ReturnType<typeof installAppsScript>['env'], n: number) {
  if (n === 0) return;
  const sheet = env.spreadsheet.getSheetByName('Orders');
  if (!sheet) throw new Error('no Orders tab');
  const when = new Date(Date.UTC(2026, 0, 1));
  const rows = Array.from({ length: n }, (_, i) => [
    `O-${String(i + 1).padStart(6, '0')}`,
    'sale',
    i % 2 ? 'Web' : 'Store',
    '',
    '',
    `${1000 + i}`,
    'paid',
    when,
    '',
    10,
    2.1,
    12.1,
    'EUR',
    '',
    '',
    `k${i}`,
  ]);
  if (sheet.getMaxRows() < n + 1) sheet.insertRowsAfter(sheet.getMaxRows(), n + 1 - sheet.getMaxRows());
  sheet.getRange(2, 1, n, rows[0].length).setValues(rows);
}

for (const size of [0, 10, 10_000, 100_000]) {
  const { env, platform } = installAppsScript();
  if (size === 0) measure('set up ledger (new spreadsheet)', 0, env.meter, () => setUpLedger(platform));
  else setUpLedger(platform);
  fillOrders(env, size);
  if (size === 0) {
    const again = installAppsScript({ shared: env.shared });
    measure('set up ledger (again: nothing to do)', 0, again.env.meter, () => setUpLedger(again.platform));
  }
  const load = installAppsScript({ shared: env.shared });
  measure('load Orders tab', size, load.env.meter, () => void readTable(load.platform.workbook, TABS[3]));
  const all = installAppsScript({ shared: env.shared });
  measure(
    'check ledger (load and validate all tabs)',
    size,
    all.env.meter,
    () => void checkLedger(all.platform.workbook),
  );
}

// A till sale commits with a constant number of calls, whatever the number of orders before it.
for (const size of [0, 10_000, 100_000]) {
  const setup = installAppsScript();
  setUpLedger(setup.platform);
  seedSample(setup.platform);
  openTill(setup.platform, { key: 'bench-open', till: 'Till 1', float: 10000 });
  setup.env.meter.uncounted(() => fillOrders(setup.env, size));
  const mug = sampleCatalogue()[17].product;
  const sale = installAppsScript({ shared: setup.env.shared });
  measure('till sale commit', size, sale.env.meter, () =>
    recordSale(sale.platform, {
      key: `bench-${size}`,
      till: 'Till 1',
      lines: [{ sku: mug.sku, qty: 1 }],
      payments: [{ method: 'cash', amount: mug.price, tendered: 5000 }],
    }),
  );
}

// Issuing the sale's T invoice: the sale costs the same calls with 0 or 100,000 invoices before it
// (the number and the previous hash come from one search and one row read, never the whole tab;
// an empty Invoices tab skips the search, so compare 10 with 100,000).
function fillInvoices(env: ReturnType<typeof installAppsScript>['env'], n: number) {
  if (n === 0) return;
  const sheet = env.spreadsheet.getSheetByName('Invoices');
  if (!sheet) throw new Error('no Invoices tab');
  const year = new Date().getUTCFullYear();
  const rows = Array.from({ length: n }, (_, i) => [
    `T-${year}-${String(i + 1).padStart(6, '0')}`,
    'T',
    'simplified',
    `${year}-01-01T10:00:00+01:00`,
    `O-${i + 1}`,
    '',
    '',
    10,
    2.1,
    12.1,
    '21:10.00:2.10',
    '',
    'ab'.repeat(32),
    'ab'.repeat(32),
  ]);
  if (sheet.getMaxRows() < n + 1) sheet.insertRowsAfter(sheet.getMaxRows(), n + 1 - sheet.getMaxRows());
  sheet.getRange(2, 1, n, rows[0].length).setValues(rows);
}
for (const size of [10, 100_000]) {
  const setup = installAppsScript();
  setUpLedger(setup.platform);
  seedSample(setup.platform);
  openTill(setup.platform, { key: 'bench-open', till: 'Till 1', float: 10000 });
  setup.env.meter.uncounted(() => {
    fillOrders(setup.env, size);
    fillInvoices(setup.env, size);
  });
  const mug = sampleCatalogue()[17].product;
  const sale = installAppsScript({ shared: setup.env.shared });
  measure(
    'till sale commit with its T invoice (rows = orders and invoices before it)',
    size,
    sale.env.meter,
    () =>
      recordSale(sale.platform, {
        key: `bench-invoice-${size}`,
        till: 'Till 1',
        lines: [{ sku: mug.sku, qty: 1 }],
        payments: [{ method: 'cash', amount: mug.price, tendered: 5000 }],
      }),
  );
}

// Rebuild summaries reads each tab once (Orders, Order Lines, Payments, Products, Settings, the
// summary tabs' headers): the same reads over 10 or 100,000 orders; only the cells grow.
for (const size of [10, 100_000]) {
  const setup = installAppsScript();
  setUpLedger(setup.platform);
  seedSample(setup.platform);
  setup.env.meter.uncounted(() => fillOrders(setup.env, size));
  const run = installAppsScript({ shared: setup.env.shared });
  measure(
    'rebuild summaries (rows = orders)',
    size,
    run.env.meter,
    () => void rebuildSummaries(run.platform),
  );
}

// A return at the till (return row, lines, moves, R invoice, refund, loyalty reversal and a
// store-credit refund) and a sale paid partly in store credit: constant calls whatever the size
// of Orders (the return finds its order by one search) or of the Loyalty tab (a customer's
// balance is the Customers cache; the entries are only appended).
function fillLoyalty(env: ReturnType<typeof installAppsScript>['env'], n: number) {
  const sheet = env.spreadsheet.getSheetByName('Loyalty');
  if (!sheet) throw new Error('no Loyalty tab');
  const when = new Date(Date.UTC(2026, 0, 1));
  const rows = Array.from({ length: n }, (_, i) => [
    `L-${String(i + 1).padStart(6, '0')}`,
    when,
    `C-${String(900000 + (i % 5000)).padStart(6, '0')}`,
    0.5,
    'earn',
    `O-${i + 1}`,
    '',
    `bench-earn-${i}`,
  ]);
  if (sheet.getMaxRows() < n + 1) sheet.insertRowsAfter(sheet.getMaxRows(), n + 1 - sheet.getMaxRows());
  sheet.getRange(2, 1, n, rows[0].length).setValues(rows);
}
// 50,000 of each: with 100,000 of both the fake refuses to grow past Google's 10,000,000-cell
// limit per spreadsheet (see the README).
for (const size of [10, 50_000]) {
  const setup = installAppsScript();
  setUpLedger(setup.platform);
  seedSample(setup.platform);
  openTill(setup.platform, { key: 'bench-open', till: 'Till 1', float: 10000 });
  // The filler rows first: the sale and its customer come after them, as they would.
  setup.env.meter.uncounted(() => {
    fillOrders(setup.env, size);
    fillLoyalty(setup.env, size);
  });
  const ana = createCustomer(setup.platform, { key: 'bench-ana', name: 'Ana', email: 'ana@example.com' });
  const mug = sampleCatalogue()[17].product;
  const sold = recordSale(setup.platform, {
    key: 'bench-sold',
    till: 'Till 1',
    customerId: ana.customerId,
    lines: [{ sku: mug.sku, qty: 2 }],
    payments: [{ method: 'card', amount: 2 * mug.price }],
  });
  const back = installAppsScript({ shared: setup.env.shared });
  measure(
    'return at the till, refunded in store credit (rows = orders and loyalty entries)',
    size,
    back.env.meter,
    () =>
      recordReturn(back.platform, {
        key: `bench-return-${size}`,
        order: sold.orderNo,
        till: 'Till 1',
        lines: [{ sku: mug.sku, qty: 1, disposition: 'restock' }],
        refund: 'credit',
      }),
  );
  const spend = installAppsScript({ shared: setup.env.shared });
  measure(
    'till sale paid partly in store credit (rows = orders and loyalty entries)',
    size,
    spend.env.meter,
    () =>
      recordSale(spend.platform, {
        key: `bench-credit-${size}`,
        till: 'Till 1',
        customerId: ana.customerId,
        lines: [{ sku: mug.sku, qty: 1 }],
        payments: [
          { method: 'credit', amount: 500 },
          { method: 'card', amount: mug.price - 500 },
        ],
      }),
  );
}

// Web-shop sync through the UrlFetchApp fake, against the fake WooCommerce shop of the tests and
// the demo: 1,000 orders (ten pages of 100) into a ledger that already holds 10 or 100,000 orders.
// `calls` are the Apps Script service calls other than UrlFetchApp's (counted apart, as `http`).
const isHttp = (method: string) => method.startsWith('UrlFetchApp.') || method.startsWith('HTTPResponse.');
function serviceRow(
  operation: string,
  rows: number,
  before: MeterSnapshot,
  after: MeterSnapshot,
  ms: number,
): Row {
  const count = (m: MeterSnapshot, pick: (method: string) => boolean) =>
    Object.entries(m.byMethod).reduce((sum, [method, n]) => sum + (pick(method) ? n : 0), 0);
  const delta = (method: string) => (after.byMethod[method] ?? 0) - (before.byMethod[method] ?? 0);
  return {
    operation,
    rows,
    http: delta('UrlFetchApp.fetch'),
    calls: count(after, (m) => !isHttp(m)) - count(before, (m) => !isHttp(m)),
    reads: delta('Range.getValues'),
    writes: delta('Range.setValues'),
    cellsRead: after.cellsRead - before.cellsRead,
    cellsWritten: after.cellsWritten - before.cellsWritten,
    ms: Math.round(ms * 10) / 10,
  };
}

const WEB_ORDERS = 1000;
const SHOP_NOW = Date.UTC(2026, 10, 26, 12);
const SHOP: ShopConfig = {
  name: 'shop.example.com',
  platform: 'woocommerce',
  url: 'https://shop.example.com',
};
const SECRET = { platform: 'woocommerce' as const, key: FAKE_WOO_KEY, secret: FAKE_WOO_SECRET };
const SINCE = new Date(SHOP_NOW - 11 * 86_400_000).toISOString();

for (const size of [10, 100_000]) {
  // One page at a time, as syncShop takes them: fetch a page, import it in one commit.
  {
    const shop = fakeShop({ now: SHOP_NOW, orders: WEB_ORDERS });
    const setup = installAppsScript({ fetch: (req) => shop.handle(req) });
    setUpLedger(setup.platform);
    seedSample(setup.platform);
    setup.env.meter.uncounted(() => fillOrders(setup.env, size));
    const run = installAppsScript({ shared: setup.env.shared, fetch: (req) => shop.handle(req) });
    const connector = connectorFor(SHOP, SECRET, { http: run.platform.http, wait: () => {} });
    const pages: Row[] = [];
    for (let cursor: string | null = null, page = 1; ; page++) {
      const before = run.env.meter.snapshot();
      const start = performance.now();
      const fetched = connector.fetchOrders(SINCE, cursor);
      importOrders(run.platform, SHOP.name, fetched);
      pages.push(
        serviceRow(
          `web import: page ${page}`,
          size,
          before,
          run.env.meter.snapshot(),
          performance.now() - start,
        ),
      );
      cursor = fetched.next;
      if (!cursor) break;
    }
    const most = (pick: (r: Row) => number) => Math.max(...pages.map(pick));
    results.push({
      operation: `web import: one page of 100 orders (most of ${pages.length} pages)`,
      rows: size,
      http: most((r) => r.http ?? 0),
      calls: most((r) => r.calls),
      reads: most((r) => r.reads),
      writes: most((r) => r.writes),
      cellsRead: most((r) => r.cellsRead),
      cellsWritten: most((r) => r.cellsWritten),
      ms: Math.round((pages.reduce((sum, r) => sum + r.ms, 0) / pages.length) * 10) / 10,
    });
  }
  // The whole sync: 10 pages (and the refunds' details), then the stock push; then again with nothing new.
  {
    const shop = fakeShop({ now: SHOP_NOW, orders: WEB_ORDERS });
    const setup = installAppsScript({ fetch: (req) => shop.handle(req) });
    setUpLedger(setup.platform);
    seedSample(setup.platform);
    setup.env.meter.uncounted(() => fillOrders(setup.env, size));
    for (const [operation, since] of [
      [`web sync: import ${WEB_ORDERS.toLocaleString('en')} orders, push stock`, SINCE],
      ['web sync again: nothing new', undefined],
    ] as const) {
      const run = installAppsScript({ shared: setup.env.shared, fetch: (req) => shop.handle(req) });
      const connector = connectorFor(SHOP, SECRET, { http: run.platform.http, wait: () => {} });
      const before = run.env.meter.snapshot();
      const start = performance.now();
      syncShop(run.platform, SHOP, connector, { since });
      results.push(serviceRow(operation, size, before, run.env.meter.snapshot(), performance.now() - start));
    }
  }
}

console.log('Shop Ledger benchmark: Sheets service calls and cells, counted by the Apps Script fakes');
console.table(results);
