/** `shop-ledger exchange`: goods back and other goods out in one commit, the difference paid or refunded. */
import type { Command } from 'commander';
import { type ExchangeReceipt, recordExchange } from '../../app/returns/record-exchange';
import { asResult } from '../../app/till/problems';
import { formatMoney, toDecimal } from '../../core/money';
import { REFUND_METHODS, type RefundMethod } from '../../core/returns/return-types';
import { CliProblem } from '../errors';
import { keyOr, parseAmount, parseLine } from './options';
import { describeReturn, parseReturnLine } from './return';
import { describeReceipt } from './sale';
import { collectAll } from './stock-common';
import { DEFAULT_TILL, onLedger, unwrap } from './till';

type Io = { out: (t: string) => void };

interface ExchangeOptions {
  ledger: string;
  order: string;
  line: string[];
  sell: string[];
  pay?: string;
  refund?: string;
  to: string;
  till: string;
  key?: string;
  json?: boolean;
}

export function describeExchange(x: ExchangeReceipt): string {
  const m = (v: number) => formatMoney(Math.abs(v), x.sale.currency);
  return [
    describeReturn(x.return),
    describeReceipt(x.sale),
    x.difference === 0
      ? 'Even exchange: nothing to pay.'
      : x.difference > 0
        ? `The customer paid ${m(x.difference)} more (${x.method}).`
        : `Refunded ${m(x.difference)} (${x.method}).`,
  ].join('\n');
}

/** --pay cash[:HANDED_OVER] | card */
function parsePay(text: string, exponent: number): { method: 'cash' | 'card'; tendered?: number } {
  const [method, amount] = text.trim().toLowerCase().split(':');
  if (method !== 'cash' && method !== 'card')
    throw new CliProblem(
      `--pay "${text}": the difference is paid in cash (cash or cash:AMOUNT handed over) or card.`,
    );
  return amount ? { method, tendered: parseAmount(amount, exponent, '--pay') } : { method };
}

export function registerExchange(root: Command, io: Io): void {
  root
    .command('exchange')
    .description(
      'Exchange goods: a return and a sale in one commit, each with its invoice (R and T); only the difference is paid or refunded.',
    )
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .requiredOption(
      '--order <number>',
      'the order the goods came from (Order ID, receipt, web order or invoice number)',
    )
    .option(
      '--line <sku:qty:disposition>',
      'what comes back, like COF-ETH-250:1:restock (repeat)',
      collectAll,
      [],
    )
    .option('--sell <sku:qty>', 'what the customer takes instead, like ACC-MUG-W:2 (repeat)', collectAll, [])
    .option(
      '--pay <method[:amount]>',
      'when the new goods cost more: cash (or cash:AMOUNT handed over) or card',
    )
    .option('--refund <method>', 'when they cost less: cash, card or credit (default cash)')
    .option('--to <location>', 'where returned goods are restocked and new goods come from', 'Store')
    .option('--till <name>', 'the till (it must be open)', DEFAULT_TILL)
    .option('--key <key>', 'idempotency key: running again with the same key records the exchange once')
    .option(
      '--json',
      'print {"returnId", "returnInvoiceNo", "saleId", "saleInvoiceNo", "difference", "method", "change", …}',
    )
    .action(async (o: ExchangeOptions) => {
      if (o.line.length === 0)
        throw new CliProblem('An exchange needs at least one --line SKU:QTY:DISPOSITION.');
      if (o.sell.length === 0) throw new CliProblem('An exchange needs at least one --sell SKU:QTY.');
      const refund = o.refund?.trim().toLowerCase();
      if (refund !== undefined && !REFUND_METHODS.includes(refund as RefundMethod))
        throw new CliProblem(`--refund "${o.refund}": the refund method must be cash, card or credit.`);
      const lines = o.line.map(parseReturnLine);
      const sell = o.sell.map((l) => parseLine(l, 'sell'));
      const x = await onLedger(o.ledger, (p, exponent) =>
        unwrap(
          asResult(() =>
            recordExchange(p, {
              key: keyOr(o.key, 'exchange'),
              order: o.order,
              lines,
              sell,
              till: o.till,
              location: o.to,
              pay: o.pay ? parsePay(o.pay, exponent) : undefined,
              refund: refund as RefundMethod | undefined,
            }),
          ),
        ),
      );
      if (o.json) {
        const d = (v: number) => toDecimal(v, x.sale.exponent);
        io.out(
          JSON.stringify({
            returnId: x.return.returnId,
            returnInvoiceNo: x.return.invoiceNo,
            saleId: x.sale.orderId,
            saleNo: x.sale.orderNo,
            saleInvoiceNo: x.sale.invoiceNo,
            returned: d(-x.return.total),
            sold: d(x.sale.total),
            difference: d(x.difference),
            method: x.method,
            change: d(x.sale.change),
            currency: x.sale.currency,
            replayed: x.replayed,
          }),
        );
      } else {
        io.out(describeExchange(x));
      }
    });
}
