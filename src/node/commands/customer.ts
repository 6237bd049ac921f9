/**
 * `shop-ledger customer show|merge|export|forget|rebuild-balances|expire-credit`: one customer
 * across channels, through the same use cases as the till sidebar.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { customerCard } from '../../app/customers/customer-card';
import { exportCustomer } from '../../app/customers/export';
import { forgetCustomer } from '../../app/customers/forget';
import { describeMerge, mergeCustomers } from '../../app/customers/merge';
import { CustomerProblem } from '../../app/customers/problem';
import { loadContext } from '../../app/ledger-context';
import { expireCredit } from '../../app/loyalty/expire';
import { rebuildLoyalty } from '../../app/loyalty/rebuild';
import type { CustomerCard } from '../../app/till/api-types';
import { findCustomers } from '../../app/till/customers';
import { formatMoney, toDecimal } from '../../core/money';
import type { Platform } from '../../platform/platform';
import type { Workbook } from '../../platform/workbook';
import { CliProblem } from '../errors';
import { type Io, onStockLedger } from './stock-common';
import { registerWebCode } from './web-code';

const LEDGER = ['--ledger <file>', 'the ledger workbook (.xlsx)'] as const;
const WHO = 'a Customer ID (C-000042), or an email, phone or loyalty card that finds one customer';

/** A Customer ID as is; anything else is searched as the till does, and must find exactly one. */
function resolve(wb: Workbook, who: string): string {
  const text = String(who ?? '').trim();
  if (/^C-\d+$/.test(text)) return text;
  const found = findCustomers(wb, text);
  if (found.length === 1) return found[0].customerId;
  if (found.length === 0)
    throw new CliProblem(
      `No customer matches "${text}": give the Customer ID (C-…), the email, phone or card.`,
    );
  throw new CliProblem(
    `"${text}" matches ${found.length} customers (${found.map((c) => `${c.customerId} ${c.name}`).join(', ')}): give the Customer ID.`,
  );
}

/** Runs a customer use case; its refusals are the CLI's problems (exit 1). */
async function run<T>(ledger: string, work: (p: Platform) => T): Promise<T> {
  return onStockLedger(ledger, (p) => {
    try {
      return work(p);
    } catch (e) {
      if (e instanceof CustomerProblem) throw new CliProblem(e.message);
      throw e;
    }
  });
}

export function describeCard(c: CustomerCard): string {
  const m = (x: number) => formatMoney(x, c.currency);
  return [
    `${c.customerId} ${c.name}${c.mergedInto ? ` (merged into ${c.mergedInto})` : ''}`,
    ...[
      ['Email', c.email],
      ['Phone', c.phone],
      ['Loyalty card', c.loyaltyCard],
    ]
      .filter(([, v]) => v !== '')
      .map(([k, v]) => `  ${k}: ${v}`),
    `  Store credit: ${m(c.balance)}`,
    ...(c.mergedFrom.length > 0 ? [`  Merged from: ${c.mergedFrom.join(', ')}`] : []),
    `  Orders: ${c.ordersCount}${c.ordersCount > c.history.length ? ` (the latest ${c.history.length} below)` : ''}`,
    ...c.history.map(
      (h) =>
        `    ${h.created.slice(0, 10)}  ${h.channel.padEnd(5)} ${(h.orderNo || h.orderId).padEnd(12)} ${h.type === 'return' ? 'return ' : ''}${m(h.total)}`,
    ),
  ].join('\n');
}

function cardJson(c: CustomerCard) {
  const d = (x: number) => toDecimal(x, c.exponent);
  return { ...c, balance: d(c.balance), history: c.history.map((h) => ({ ...h, total: d(h.total) })) };
}

export function registerCustomer(root: Command, io: Io): void {
  const customer = root
    .command('customer')
    .description('One customer across the till and the web shop: show, merge, export, forget.');

  customer
    .command('show')
    .description('The customer’s details, store credit and purchases in both channels.')
    .requiredOption(...LEDGER)
    .requiredOption('--customer <who>', WHO)
    .option(
      '--json',
      'print the card: {"customerId", "name", "email", "phone", "loyaltyCard", "balance", "history": [{"channel", "created", "total", …}], …}',
    )
    .action(async (o: { ledger: string; customer: string; json?: boolean }) => {
      const card = await run(o.ledger, (p) => customerCard(p.workbook, resolve(p.workbook, o.customer)));
      io.out(o.json ? JSON.stringify(cardJson(card)) : describeCard(card));
    });

  customer
    .command('merge')
    .description(
      'Merge a duplicate into the customer that stays: credit and shop ids move, history is shown together; nothing is deleted.',
    )
    .requiredOption(...LEDGER)
    .requiredOption('--from <who>', `the duplicate: ${WHO}`)
    .requiredOption('--into <who>', 'the customer that stays (same forms)')
    .option('--json', 'print {"from", "into", "moved", "balance", "merged"}')
    .action(async (o: { ledger: string; from: string; into: string; json?: boolean }) => {
      const { result, exponent, currency } = await run(o.ledger, (p) => {
        const ctx = loadContext(p.workbook);
        const r = mergeCustomers(p, { from: resolve(p.workbook, o.from), into: resolve(p.workbook, o.into) });
        return { result: r, exponent: ctx.cells.exponent, currency: ctx.settings.currency };
      });
      io.out(
        o.json
          ? JSON.stringify({
              ...result,
              moved: toDecimal(result.moved, exponent),
              balance: toDecimal(result.balance, exponent),
            })
          : describeMerge(result, exponent, currency),
      );
    });

  customer
    .command('export')
    .description(
      'Everything the ledger holds about one customer, as JSON (to the screen, or --out FILE). Reads only.',
    )
    .requiredOption(...LEDGER)
    .requiredOption('--customer <who>', WHO)
    .option('--out <file>', 'write the JSON to this file instead of printing it')
    .action(async (o: { ledger: string; customer: string; out?: string }) => {
      const data = await run(o.ledger, (p) =>
        exportCustomer(p.workbook, resolve(p.workbook, o.customer), p.clock.now()),
      );
      const text = JSON.stringify(data, null, 2);
      if (o.out) {
        await writeFile(o.out, `${text}\n`);
        io.out(`Wrote everything about ${data.customer['Customer ID']} to ${o.out}.`);
      } else io.out(text);
    });

  customer
    .command('forget')
    .description(
      'Anonymise the customer: name, email, phone, card, consent and shop ids blanked; orders, credit and invoices kept. Safe to run again.',
    )
    .requiredOption(...LEDGER)
    .requiredOption('--customer <id>', 'the Customer ID (C-000042): forgetting is never done on a search')
    .option('--json', 'print {"customerId", "changed"}')
    .action(async (o: { ledger: string; customer: string; json?: boolean }) => {
      const id = o.customer.trim();
      if (!/^C-\d+$/.test(id))
        throw new CliProblem(
          `--customer "${id}" must be a Customer ID like C-000042: forgetting is never done on a search.`,
        );
      const r = await run(o.ledger, (p) => forgetCustomer(p, id));
      io.out(
        o.json
          ? JSON.stringify(r)
          : r.changed
            ? `Forgot ${r.customerId}: personal fields blanked; orders, credit and invoices kept.`
            : `${r.customerId} was forgotten already: nothing changed.`,
      );
    });

  customer
    .command('rebuild-balances')
    .description(
      'Rewrite every customer’s Loyalty balance from the Loyalty entries (fixes what check reports).',
    )
    .requiredOption(...LEDGER)
    .action(async (o: { ledger: string }) => {
      const n = await run(o.ledger, (p) => rebuildLoyalty(p));
      io.out(
        n === 0
          ? 'Every Loyalty balance matched its entries: nothing changed.'
          : `Rewrote ${n} Loyalty balance(s) from the entries.`,
      );
    });

  customer
    .command('expire-credit')
    .description(
      'Expire the loyalty credit whose date has passed (the hourly tick does this in Google Sheets).',
    )
    .requiredOption(...LEDGER)
    .option('--json', 'print {"entries", "amount"}')
    .action(async (o: { ledger: string; json?: boolean }) => {
      const r = await run(o.ledger, (p) => ({
        ...expireCredit(p),
        exponent: loadContext(p.workbook).cells.exponent,
      }));
      io.out(
        o.json
          ? JSON.stringify({ entries: r.entries, amount: toDecimal(r.amount, r.exponent) })
          : r.entries === 0
            ? 'No credit was due to expire.'
            : `Expired ${r.entries} lot(s) of credit, ${toDecimal(r.amount, r.exponent)} in all.`,
      );
    });

  registerWebCode(customer, io);
}
