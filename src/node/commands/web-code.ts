/**
 * `shop-ledger customer web-code`: send a customer's store credit to the web shop as a single-use
 * code (or cancel one with --cancel), through the same use case as the till's "Send web code".
 * The shop is named by the same flags as `sync` (--shop PLATFORM --url … and its credentials);
 * --key is the command's idempotency key, so the WooCommerce key is --consumer-key here.
 */
import { type Command, Option } from 'commander';
import { CustomerProblem } from '../../app/customers/problem';
import { closeWebCode, issueWebCode, type WebCodeView } from '../../app/loyalty/online-code';
import type { ShopConfig, ShopSecret } from '../../app/sync/shop-config';
import { findCustomers } from '../../app/till/customers';
import { currencyExponent, toDecimal } from '../../core/money';
import type { Workbook } from '../../platform/workbook';
import { webCodesFor } from '../../shops/web-codes';
import { CliProblem } from '../errors';
import { withLedgerFile } from '../ledger-file';
import { sleep } from '../node-http';
import { nodePlatform } from '../node-platform';
import type { Io } from './stock-common';
import { shopFromOptions } from './sync';

interface WebCodeOptions {
  ledger: string;
  customer?: string;
  cancel?: string;
  shop: 'woocommerce' | 'shopify';
  url: string;
  consumerKey?: string;
  consumerSecret?: string;
  token?: string;
  name?: string;
  key?: string;
  days?: string;
  json?: boolean;
}

function customerId(wb: Workbook, who: string): string {
  const text = String(who ?? '').trim();
  if (/^C-\d+$/.test(text)) return text;
  const found = findCustomers(wb, text);
  if (found.length === 1) return found[0].customerId;
  throw new CliProblem(
    found.length === 0
      ? `No customer matches "${text}": give the Customer ID (C-…), the email, phone or card.`
      : `"${text}" matches ${found.length} customers: give the Customer ID.`,
  );
}

export function webCodeJson(v: WebCodeView) {
  const exponent = currencyExponent(v.currency);
  return {
    code: v.code,
    customerId: v.customerId,
    shop: v.shop,
    amount: toDecimal(v.amount, exponent),
    currency: v.currency,
    status: v.status,
    expires: v.expires,
    orderId: v.orderId,
    balance: toDecimal(v.balance, exponent),
    message: v.message,
  };
}

export function describeWebCode(v: WebCodeView): string {
  const j = webCodeJson(v);
  return [
    `Web code ${v.code} for ${j.amount} ${v.currency} of ${v.customerId}'s store credit in ${v.shop}: ${v.status}, valid until ${v.expires.slice(0, 10)}${v.orderId ? `, used by ${v.orderId}` : ''}.`,
    v.message,
    `Store credit left to spend: ${j.balance} ${v.currency}.`,
  ].join('\n');
}

async function runWebCode(o: WebCodeOptions): Promise<WebCodeView> {
  const { config, secret } = shopFromOptions({
    ledger: o.ledger,
    shop: o.shop,
    url: o.url,
    key: o.consumerKey,
    secret: o.consumerSecret,
    token: o.token,
    name: o.name,
  });
  // The file is saved only when the callback returns: a refusal comes back as a value, so what
  // the commits wrote (a hold, a pending code the shop may have made) is never lost unsaved.
  const done = await withLedgerFile(o.ledger, { create: false }, (wb, lock, properties) => {
    const p = { ...nodePlatform(wb, lock, { quiet: true }), properties };
    const shops = {
      list: () => [config],
      codesFor: (c: ShopConfig) => webCodesFor(c, secret as ShopSecret, { http: p.http, wait: sleep }),
    };
    const key = o.key?.trim() || p.digest.uuid();
    try {
      if (o.cancel) return { key, view: closeWebCode(p, shops, o.cancel) };
      const days = o.days === undefined ? undefined : Number(o.days);
      return {
        key,
        view: issueWebCode(p, shops, {
          customerId: customerId(wb, o.customer ?? ''),
          shop: config.name,
          key,
          days,
        }),
      };
    } catch (e) {
      if (e instanceof CustomerProblem) return { key, problem: e.message };
      throw e;
    }
  });
  if (done.problem !== undefined) throw new CliProblem(done.problem);
  const v = done.view as WebCodeView;
  if (v.status === 'pending') {
    // Not confirmed by the shop: a failure for scripts, saying how to finish that same code.
    throw new CliProblem(
      o.cancel ? v.message : `${v.message}\nSend again with --key ${done.key} to finish this code.`,
    );
  }
  return v;
}

export function registerWebCode(customer: Command, io: Io): void {
  customer
    .command('web-code')
    .description(
      'Send the customer’s store credit to the web shop as a single-use code (held until used, expired or cancelled), or --cancel one.',
    )
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .option(
      '--customer <who>',
      'a Customer ID (C-000042), or an email, phone or card that finds one customer',
    )
    .option('--cancel <code>', 'stop this code in the shop and give its credit back (unless it was used)')
    .addOption(
      new Option('--shop <platform>', 'the shop’s platform')
        .choices(['woocommerce', 'shopify'])
        .makeOptionMandatory(),
    )
    .requiredOption('--url <url>', 'the shop’s root address, as for sync')
    .option('--consumer-key <ck_…>', 'WooCommerce consumer key')
    .option('--consumer-secret <cs_…>', 'WooCommerce consumer secret')
    .option('--token <shpat_…>', 'Shopify Admin API access token (needs write_discounts)')
    .option(
      '--name <name>',
      'the shop’s name in the ledger (default: the URL’s host, with its port), as for sync',
    )
    .option('--key <key>', 'idempotency key: the same key again gives the same code, holding nothing more')
    .option('--days <n>', 'days the code is valid (default 30)')
    .option(
      '--json',
      'print {"code", "customerId", "shop", "amount", "currency", "status", "expires", "orderId", "balance", "message"}',
    )
    .action(async function (this: Command, o: WebCodeOptions) {
      if (!o.customer === !o.cancel) {
        this.error('error: give --customer to send a code, or --cancel CODE to cancel one', {
          code: 'shop-ledger.usage',
        });
      }
      if (o.shop === 'woocommerce' && (!o.consumerKey || !o.consumerSecret)) {
        this.error('error: --shop woocommerce needs --consumer-key ck_… and --consumer-secret cs_…', {
          code: 'shop-ledger.usage',
        });
      }
      if (o.shop === 'shopify' && !o.token) {
        this.error('error: --shop shopify needs --token shpat_…', { code: 'shop-ledger.usage' });
      }
      const v = await runWebCode(o);
      io.out(o.json ? JSON.stringify(webCodeJson(v)) : describeWebCode(v));
    });
}
