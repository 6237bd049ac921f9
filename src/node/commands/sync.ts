/**
 * `shop-ledger sync`: one sync of one web shop with the local ledger, import then push, as the
 * add-on's "Sync now" does: nodePlatform + connectorFor + syncShop, under the ledger file's lock.
 *
 * The credentials come from the flags and live only for this command: they are never written to
 * the ledger file (not even to its document properties, where the sync keeps its cursor) and never
 * printed. Exit 0 when the run completed, even with problems listed (they are in Sync Problems);
 * exit 1 when the shop could not be reached or refused the credentials, or the run stopped early.
 */
import { basename } from 'node:path';
import { type Command, Option } from 'commander';
import { loadContext } from '../../app/ledger-context';
import type { SyncProblem } from '../../app/sync/import-orders';
import {
  defaultShopName,
  type ShopConfig,
  type Platform as ShopPlatform,
  type ShopSecret,
  shopConfigError,
} from '../../app/sync/shop-config';
import { type SyncReport, syncShop } from '../../app/sync/sync-shop';
import { zoneOffsetMs } from '../../core/wall-clock';
import { parseText } from '../../ledger/cells';
import { ORDERS } from '../../ledger/schema';
import { readTable } from '../../ledger/table';
import type { Http } from '../../platform/http';
import type { Workbook } from '../../platform/workbook';
import { connectorFor } from '../../shops/connector-for';
import { SHOPIFY_API_VERSION, SHOPIFY_GRAPHQL_PATH } from '../../shops/shopify/api';
import { WOO_API_PATH } from '../../shops/woocommerce/site';
import { CliProblem } from '../errors';
import { startFakeShopProcess } from '../fake-shop/process';
import { FAKE_WOO_KEY, FAKE_WOO_SECRET } from '../fake-shop/scenario';
import { DEFAULT_ORDER_COUNT } from '../fake-shop/shop-data';
import { withLedgerFile } from '../ledger-file';
import { sleep } from '../node-http';
import { nodePlatform } from '../node-platform';

export interface SyncOptions {
  ledger: string;
  shop: ShopPlatform;
  url: string;
  key?: string;
  secret?: string;
  token?: string;
  name?: string;
  since?: string;
}

/** What --json prints. */
export interface SyncJson {
  ordersNew: number;
  ordersUpdated: number;
  stockPushed: number;
  problems: number;
  problemList: SyncProblem[];
}

export const PLATFORM_NAMES: Record<ShopPlatform, string> = {
  woocommerce: 'WooCommerce',
  shopify: 'Shopify',
};

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * --since as an ISO instant. A bare date is the start of that day in the ledger's time zone (what
 * the shop owner means by "since 1 November"); a date and time without an offset is read as UTC.
 */
export function sinceInstant(text: string, timeZone: string): string {
  const value = text.trim();
  const day = DATE_ONLY.exec(value);
  if (day) {
    const midnight = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    if (new Date(midnight).toISOString().slice(0, 10) === value) {
      let time = midnight - zoneOffsetMs(midnight, timeZone);
      time = midnight - zoneOffsetMs(time, timeZone);
      return new Date(time).toISOString();
    }
  } else if (DATE_TIME.test(value)) {
    const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value.replace(' ', 'T')}Z`;
    const time = Date.parse(withZone);
    if (Number.isFinite(time)) return new Date(time).toISOString();
  }
  throw new CliProblem(
    `--since "${text}" is not a date: write it like 2026-11-01 (or 2026-11-01T09:00:00Z).`,
  );
}

/** The shop as configured by the flags, and its credentials; a CliProblem when they cannot work. */
export function shopFromOptions(o: SyncOptions): { config: ShopConfig; secret: ShopSecret } {
  const url = o.url.trim().replace(/\/+$/, '');
  const secret: ShopSecret =
    o.shop === 'woocommerce'
      ? { platform: 'woocommerce', key: (o.key ?? '').trim(), secret: (o.secret ?? '').trim() }
      : { platform: 'shopify', token: (o.token ?? '').trim() };
  const problem = shopConfigError(
    { platform: o.shop, url },
    secret.platform === 'woocommerce' ? { key: secret.key, secret: secret.secret } : { token: secret.token },
  );
  if (problem) throw new CliProblem(problem);
  const name = o.name?.trim() || defaultShopName(url);
  return { config: { name, platform: o.shop, url }, secret };
}

/**
 * Runs one sync on the ledger file and returns its report (the file is saved with what the run
 * imported, even when it stopped early). `io` replaces the real HTTP and the blocking wait in tests.
 */
export async function runSync(
  o: SyncOptions,
  io: { http?: Http; wait?: (ms: number) => void } = {},
): Promise<SyncReport> {
  const { config, secret } = shopFromOptions(o);
  return withLedgerFile(o.ledger, { create: false }, (wb, lock, properties) => {
    const ports = { ...nodePlatform(wb, lock, { quiet: true }), properties };
    const since =
      o.since === undefined ? undefined : sinceInstant(o.since, loadContext(wb).settings.timeZone);
    const connector = connectorFor(config, secret, { http: io.http ?? ports.http, wait: io.wait ?? sleep });
    return syncShop(ports, config, connector, { since });
  });
}

/** The message of a run that did not complete; null when it did. */
export function syncFailure(r: SyncReport): string | null {
  if (r.error) return `${r.shop}: ${r.error}`;
  if (r.stoppedEarly) {
    return `${r.shop}: the sync stopped to stay within its time limit after ${r.ordersNew} new and ${r.ordersUpdated} updated orders. Run it again to go on from there.`;
  }
  return null;
}

export function syncJson(r: SyncReport): SyncJson {
  return {
    ordersNew: r.ordersNew,
    ordersUpdated: r.ordersUpdated,
    stockPushed: r.stockPushed,
    problems: r.problems,
    problemList: r.problemList,
  };
}

export function describeProblem(p: SyncProblem): string {
  const where = [
    p.orderId
      ? `${p.orderId} (shop order ${p.externalId})`
      : p.externalId
        ? `shop order ${p.externalId}`
        : '',
    p.line ? `line ${p.line}` : '',
    p.sku && !p.problem.includes(p.sku) ? `SKU ${p.sku}` : '',
  ].filter((part) => part !== '');
  return `${where.length > 0 ? `${where.join(', ')}: ` : ''}${p.problem}`;
}

export function describeSync(r: SyncReport, platform: ShopPlatform): string {
  const nothing = r.ordersNew + r.ordersUpdated + r.stockPushed + r.problems === 0;
  const lines = [
    nothing && !r.error
      ? `${r.shop} (${PLATFORM_NAMES[platform]}): nothing new since the last sync.`
      : `${r.shop} (${PLATFORM_NAMES[platform]}): ${r.ordersNew} new orders (refunds are return orders of their own), ${r.ordersUpdated} updated; stock pushed for ${r.stockPushed} SKU${r.stockPushed === 1 ? '' : 's'}.`,
  ];
  if (r.problems > 0) {
    lines.push(`${r.problems} problem${r.problems === 1 ? '' : 's'} listed in the Sync Problems tab:`);
    for (const p of r.problemList) lines.push(`  ${describeProblem(p)}`);
  }
  return lines.join('\n');
}

export function registerSync(root: Command, io: { out: (t: string) => void }): void {
  root
    .command('sync')
    .description(
      'Sync one web shop with the ledger: import its new and changed orders, then push the stock back.',
    )
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .addOption(
      new Option('--shop <platform>', 'the shop’s platform')
        .choices(['woocommerce', 'shopify'])
        .makeOptionMandatory(),
    )
    .requiredOption(
      '--url <url>',
      'the shop’s root address: https://shop.example.com, or https://STORE.myshopify.com (plain http only on this computer, 127.0.0.1)',
    )
    .option('--key <ck_…>', 'WooCommerce consumer key (WooCommerce › Settings › Advanced › REST API)')
    .option('--secret <cs_…>', 'WooCommerce consumer secret')
    .option('--token <shpat_…>', 'Shopify Admin API access token')
    .option(
      '--name <name>',
      'the shop’s name in the ledger’s Shop column (default: the URL’s host, with its port)',
    )
    .option(
      '--since <date>',
      'import orders changed since this date (2026-11-01: the start of that day in the ledger’s time zone) instead of since the last sync',
    )
    .option('--json', 'print {"ordersNew", "ordersUpdated", "stockPushed", "problems", "problemList"}')
    .addHelpText(
      'after',
      [
        '',
        'The API is fixed in code; --url is only the shop’s root:',
        `  WooCommerce  REST API v3 at URL${WOO_API_PATH}, with the consumer key and secret (HTTPS Basic auth)`,
        `  Shopify      GraphQL Admin API, version ${SHOPIFY_API_VERSION}, at URL${SHOPIFY_GRAPHQL_PATH}, with the access token`,
        'The key, secret and token are used for this command only: never written to the ledger, never printed.',
        'Exit 0 when the sync completed (problems are listed in Sync Problems); 1 when the shop could not be',
        'reached or refused the credentials, or the sync stopped early (run it again to go on).',
      ].join('\n'),
    )
    .action(async function (this: Command, o: SyncOptions & { json?: boolean }) {
      if (o.shop === 'woocommerce' && (!o.key || !o.secret)) {
        this.error('error: --shop woocommerce needs --key ck_… and --secret cs_…', {
          code: 'shop-ledger.usage',
        });
      }
      if (o.shop === 'shopify' && !o.token) {
        this.error('error: --shop shopify needs --token shpat_…', { code: 'shop-ledger.usage' });
      }
      const report = await runSync(o);
      const failure = syncFailure(report);
      const didSomething = report.ordersNew + report.ordersUpdated + report.stockPushed + report.problems > 0;
      if (o.json) io.out(JSON.stringify(syncJson(report)));
      else if (!failure || didSomething) io.out(describeSync(report, o.shop));
      if (failure) throw new CliProblem(failure);
    });
}

/**
 * The demo's web-shop step: the built-in fake WooCommerce shop on loopback (a child process), one
 * sync with it (three pages of orders, a refund, a cancellation, a product the ledger does not
 * know), what came in, and the shop stopped again.
 */
export async function demoSync(ledger: string, out: (line: string) => void): Promise<void> {
  const shop = await startFakeShopProcess();
  try {
    const orders = DEFAULT_ORDER_COUNT;
    out(
      `   A fake WooCommerce shop serves ${orders} orders of the last ten days on ${shop.url} (this computer only).`,
    );
    out(
      `   shop-ledger sync --ledger ${basename(ledger)} --shop woocommerce --url ${shop.url} --key ck_… --secret cs_…`,
    );
    const report = await runSync({
      ledger,
      shop: 'woocommerce',
      url: shop.url,
      key: FAKE_WOO_KEY,
      secret: FAKE_WOO_SECRET,
    });
    const failure = syncFailure(report);
    if (failure) throw new CliProblem(`The demo's sync failed: ${failure}`);
    out(indent(describeSync(report, 'woocommerce')));
    const pages = (await shop.requests()).filter((r) => r.operation === 'GET /orders').length;
    const tally = await withLedgerFile(ledger, { create: false }, (wb) => webOrderTally(wb, report.shop));
    out(`   It read ${pages} pages of orders. In the Orders tab now: ${tally}.`);
  } finally {
    await shop.stop();
  }
}

/** "236 web orders (…), 1 refund": the shop's rows of the Orders tab, by status. */
function webOrderTally(wb: Workbook, shop: string): string {
  const ctx = loadContext(wb);
  const orders = readTable(wb, ORDERS, ctx.tabs);
  const byStatus = new Map<string, number>();
  let returns = 0;
  for (const row of orders.rows) {
    if (parseText(orders.get(row, 'Shop')) !== shop) continue;
    if (parseText(orders.get(row, 'Type')) === 'return') returns++;
    else {
      const status = parseText(orders.get(row, 'Status'));
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    }
  }
  const sales = [...byStatus.values()].reduce((a, b) => a + b, 0);
  const words: Record<string, string> = {
    fulfilled: 'shipped',
    paid: 'paid and reserved in the Warehouse',
    pending: 'awaiting payment',
    cancelled: 'cancelled',
    'partially refunded': 'partly refunded',
    refunded: 'refunded',
  };
  const parts = [...byStatus].map(([status, n]) => `${n} ${words[status] ?? status}`);
  return `${sales} web orders (${parts.join(', ')}), and ${returns === 1 ? '1 refund as its own return order' : `${returns} refunds as return orders of their own`}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `   ${l}`)
    .join('\n');
}
