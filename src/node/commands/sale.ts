/** `shop-ledger sale`: a till sale from the command line, through the same use case as the sidebar. */
import type { Command } from 'commander';
import type { PaymentDraft, PaymentMethod, Receipt } from '../../app/till/api-types';
import { createCustomer, findCustomers } from '../../app/till/customers';
import { asResult } from '../../app/till/problems';
import { quoteSale } from '../../app/till/quote-sale';
import { recordSale } from '../../app/till/record-sale';
import { formatMoney, toDecimal } from '../../core/money';
import { CliProblem } from '../errors';
import { keyOr, parseAmount, parseLine } from './options';
import { collectAll } from './stock-common';
import { DEFAULT_TILL, onLedger, unwrap } from './till';

type Io = { out: (t: string) => void };

interface SaleOptions {
  ledger: string;
  till: string;
  location?: string;
  line: string[];
  pay: string[];
  customer?: string;
  key?: string;
  json?: boolean;
}

/**
 * --pay METHOD:AMOUNT. A card payment is taken as given; for cash the amount is what the
 * customer hands over, and the sale takes what is left to pay from it, giving change.
 */
function payments(pays: string[], exponent: number): { method: PaymentMethod; given: number }[] {
  if (pays.length === 0) throw new CliProblem('Say how the sale is paid: --pay cash:20 or --pay card:12.50.');
  return pays.map((text) => {
    const m = /^(\w+):(.+)$/.exec(text.trim());
    if (!m) throw new CliProblem(`--pay "${text}" must be METHOD:AMOUNT, like cash:20.`);
    const method = m[1].toLowerCase();
    if (method !== 'cash' && method !== 'card' && method !== 'credit') {
      throw new CliProblem(`--pay "${text}": the method must be cash, card or credit.`);
    }
    return { method, given: parseAmount(m[2], exponent, '--pay') };
  });
}

function applyCash(total: number, pays: { method: PaymentMethod; given: number }[]): PaymentDraft[] {
  let left = total - pays.filter((p) => p.method !== 'cash').reduce((s, p) => s + p.given, 0);
  return pays.map((p) => {
    if (p.method !== 'cash') return { method: p.method, amount: p.given };
    const amount = Math.max(0, Math.min(p.given, left));
    left -= amount;
    return { method: 'cash', amount, tendered: p.given };
  });
}

export function describeReceipt(r: Receipt): string {
  const m = (x: number) => formatMoney(x, r.currency);
  return [
    `${r.replayed ? 'Already recorded' : 'Sold'}: ${r.orderNo} (${r.orderId}) at ${r.till}${r.invoiceNo ? `, invoice ${r.invoiceNo}` : ''}`,
    ...r.lines.map((l) => `  ${l.qty} × ${l.name}  ${m(l.total)}`),
    `  Total ${m(r.total)} (VAT ${m(r.vat)})`,
    ...r.payments.map((p) => `  Paid ${p.method} ${m(p.amount)}`),
    ...(r.change > 0 ? [`  Change ${m(r.change)}`] : []),
    ...(r.loyalty
      ? [
          `  Store credit: ${m(r.loyalty.redeemed)} used, ${m(r.loyalty.earned)} earned, ${m(r.loyalty.balance)} left`,
        ]
      : []),
  ].join('\n');
}

export function registerSale(root: Command, io: Io): void {
  root
    .command('sale')
    .description('Record a till sale: lines, payments, stock and the till session, in one commit.')
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .option('--till <name>', 'the till (it must be open: shop-ledger till open)', DEFAULT_TILL)
    .option('--location <location>', 'where the goods leave from', 'Store')
    .option(
      '--line <sku:qty>',
      'a product and quantity, like COF-ETH-250:2 (repeat for more lines)',
      collectAll,
      [],
    )
    .option(
      '--pay <method:amount>',
      'cash:AMOUNT handed over, card:AMOUNT, or credit:AMOUNT of the customer’s store credit (repeat to split)',
      collectAll,
      [],
    )
    .option('--customer <email>', 'the customer’s email (created if new)')
    .option('--key <key>', 'idempotency key: running again with the same key records the sale once')
    .option('--json', 'print {"orderId", "orderNo", "invoiceNo", "total", "change", …} with decimal amounts')
    .action(async (o: SaleOptions) => {
      if (o.line.length === 0) throw new CliProblem('A sale needs at least one --line SKU:QTY.');
      const lines = o.line.map((l) => parseLine(l));
      const receipt = await onLedger(o.ledger, (p, exponent) => {
        let customerId: string | undefined;
        if (o.customer) {
          const found = findCustomers(p.workbook, o.customer).find(
            (c) => c.email === o.customer?.trim().toLowerCase(),
          );
          const key = `customer-${o.customer
            .trim()
            .toLowerCase()
            .replace(/[^\w:.-]/g, '_')}`;
          customerId =
            found?.customerId ??
            unwrap(
              asResult(() =>
                createCustomer(p, { key, name: o.customer?.split('@')[0] ?? '', email: o.customer }),
              ),
            ).customerId;
        }
        const pays = payments(o.pay, exponent);
        const quote = unwrap(asResult(() => quoteSale(p.workbook, lines)));
        const draft = { key: keyOr(o.key, 'sale'), till: o.till, location: o.location, lines, customerId };
        const result = asResult(() => recordSale(p, { ...draft, payments: applyCash(quote.total, pays) }));
        if (!result.ok && result.problem.code === 'no-session') {
          throw new CliProblem(
            `${result.problem.message} From the command line: shop-ledger till open --ledger ${o.ledger} --till "${o.till}" --float AMOUNT`,
          );
        }
        return unwrap(result);
      });
      if (o.json) {
        const d = (x: number) => toDecimal(x, receipt.exponent);
        io.out(
          JSON.stringify({
            orderId: receipt.orderId,
            orderNo: receipt.orderNo,
            invoiceNo: receipt.invoiceNo,
            total: d(receipt.total),
            net: d(receipt.net),
            vat: d(receipt.vat),
            change: d(receipt.change),
            currency: receipt.currency,
            replayed: receipt.replayed,
            payments: receipt.payments.map((x) => ({ method: x.method, amount: d(x.amount) })),
            loyalty: receipt.loyalty
              ? {
                  redeemed: d(receipt.loyalty.redeemed),
                  earned: d(receipt.loyalty.earned),
                  balance: d(receipt.loyalty.balance),
                }
              : null,
          }),
        );
      } else {
        io.out(describeReceipt(receipt));
      }
    });
}
