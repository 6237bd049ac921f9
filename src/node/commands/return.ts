/** `shop-ledger return`: a return at the counter, through the same use case as the till sidebar. */
import type { Command } from 'commander';
import { recordReturn } from '../../app/returns/record-return';
import type { ReturnLineDraft, ReturnReceipt } from '../../app/returns/return-api-types';
import { asResult } from '../../app/till/problems';
import { formatMoney, toDecimal } from '../../core/money';
import {
  DISPOSITIONS,
  type Disposition,
  REFUND_METHODS,
  type RefundMethod,
} from '../../core/returns/return-types';
import { CliProblem } from '../errors';
import { keyOr } from './options';
import { collectAll } from './stock-common';
import { DEFAULT_TILL, onLedger, unwrap } from './till';

type Io = { out: (t: string) => void };

interface ReturnOptions {
  ledger: string;
  order: string;
  line: string[];
  refund: string;
  to: string;
  till: string;
  key?: string;
  json?: boolean;
}

/** --line SKU:QTY:DISPOSITION */
export function parseReturnLine(text: string): ReturnLineDraft {
  const m = /^(.+):(\d+):(\w+)$/.exec(text.trim());
  if (!m)
    throw new CliProblem(`--line "${text}" must be SKU:QUANTITY:DISPOSITION, like COF-ETH-250:1:restock.`);
  const disposition = m[3].toLowerCase();
  if (!DISPOSITIONS.includes(disposition as Disposition)) {
    throw new CliProblem(`--line "${text}": the disposition must be restock, damaged or lost.`);
  }
  return { sku: m[1].trim(), qty: Number(m[2]), disposition: disposition as Disposition };
}

export function describeReturn(r: ReturnReceipt): string {
  const m = (x: number) => formatMoney(x, r.currency);
  return [
    `${r.replayed ? 'Already recorded' : 'Returned'}: ${r.returnId} of ${r.originalNo} (${r.originalId}), now ${r.originalStatus}${r.invoiceNo ? `, corrective invoice ${r.invoiceNo} citing ${r.originalInvoiceNo}` : ''}`,
    ...r.lines.map((l) => `  ${-l.qty} × ${l.name}  ${m(l.total)}  ${l.disposition}`),
    `  Total ${m(r.total)} (VAT ${m(r.vat)})`,
    `  Refunded ${r.refund.method} ${m(r.refund.amount)}`,
    ...(r.loyalty
      ? [
          `  Store credit: ${m(r.loyalty.credited)} refunded as credit, ${m(r.loyalty.givenBack)} spent on the sale given back, ${m(r.loyalty.reversed)} earned taken back; balance ${m(r.loyalty.balance)}`,
        ]
      : []),
  ].join('\n');
}

export function registerReturn(root: Command, io: Io): void {
  root
    .command('return')
    .description(
      'Take goods back from a till sale or a web order: the return, its stock moves, the corrective invoice and the refund, in one commit.',
    )
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .requiredOption(
      '--order <number>',
      'the Order ID, the receipt number (R-000003), the web order number (#1001) or the invoice number',
    )
    .option(
      '--line <sku:qty:disposition>',
      'what comes back, like COF-ETH-250:1:restock; dispositions restock, damaged, lost (repeat for more lines)',
      collectAll,
      [],
    )
    .requiredOption('--refund <method>', 'how the money goes back: cash, card or credit')
    .option('--to <location>', 'where restocked goods go', 'Store')
    .option('--till <name>', 'the till a cash refund is paid from (it must be open)', DEFAULT_TILL)
    .option('--key <key>', 'idempotency key: running again with the same key records the return once')
    .option(
      '--json',
      'print {"returnId", "invoiceNo", "originalId", "originalStatus", "total", "refund", …} with decimal amounts',
    )
    .action(async (o: ReturnOptions) => {
      if (o.line.length === 0)
        throw new CliProblem('A return needs at least one --line SKU:QTY:DISPOSITION.');
      const refund = o.refund.trim().toLowerCase();
      if (!REFUND_METHODS.includes(refund as RefundMethod)) {
        throw new CliProblem(`--refund "${o.refund}": the refund method must be cash, card or credit.`);
      }
      const lines = o.line.map(parseReturnLine);
      const receipt = await onLedger(o.ledger, (p) =>
        unwrap(
          asResult(() =>
            recordReturn(p, {
              key: keyOr(o.key, 'return'),
              order: o.order,
              lines,
              refund: refund as RefundMethod,
              location: o.to,
              till: o.till,
            }),
          ),
        ),
      );
      if (o.json) {
        const d = (x: number) => toDecimal(x, receipt.exponent);
        io.out(
          JSON.stringify({
            returnId: receipt.returnId,
            invoiceNo: receipt.invoiceNo,
            originalId: receipt.originalId,
            originalNo: receipt.originalNo,
            originalStatus: receipt.originalStatus,
            lines: receipt.lines.map((l) => ({ ...l, total: d(l.total) })),
            net: d(receipt.net),
            vat: d(receipt.vat),
            total: d(receipt.total),
            refund: { method: receipt.refund.method, amount: d(receipt.refund.amount) },
            loyalty: receipt.loyalty
              ? {
                  reversed: d(receipt.loyalty.reversed),
                  givenBack: d(receipt.loyalty.givenBack),
                  credited: d(receipt.loyalty.credited),
                  balance: d(receipt.loyalty.balance),
                }
              : null,
            currency: receipt.currency,
            replayed: receipt.replayed,
          }),
        );
      } else {
        io.out(describeReturn(receipt));
      }
    });
}
