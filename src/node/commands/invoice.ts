/**
 * `shop-ledger invoice`:
 * - `--number T-2026-000001 --html out.html` writes the invoice's document, the same HTML the
 *   add-on shows for printing or saving as PDF (read-only on the ledger);
 * - `--full T-2026-000001 --tax-id ID --name NAME --address ADDRESS [--key K] [--json] [--html F]`
 *   issues the full invoice (F) that replaces that ticket, through the same use case as the
 *   add-on's dialog, and optionally writes its document.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type FullInvoiceResult, issueFullInvoice } from '../../app/invoices/full-invoice';
import { invoiceDocument } from '../../app/invoices/invoice-document';
import { withLedgerFile } from '../ledger-file';
import { keyOr } from './options';
import { type Io, onStockLedger } from './stock-common';

export async function invoiceHtml(opts: { ledger: string; number: string; html: string }): Promise<string> {
  const doc = await withLedgerFile(opts.ledger, { create: false }, (wb) => invoiceDocument(wb, opts.number));
  const path = resolve(opts.html);
  writeFileSync(path, doc.html, 'utf8');
  return path;
}

interface InvoiceOptions {
  ledger: string;
  number?: string;
  html?: string;
  full?: string;
  taxId?: string;
  name?: string;
  address?: string;
  key?: string;
  json?: boolean;
}

/** The flags --full needs that are missing. */
function missingForFull(o: InvoiceOptions): string[] {
  return (
    [
      ['--tax-id', o.taxId],
      ['--name', o.name],
      ['--address', o.address],
    ] as const
  )
    .filter(([, v]) => v === undefined)
    .map(([flag]) => flag);
}

async function fullInvoice(o: InvoiceOptions & { full: string }, io: Io): Promise<void> {
  const result: FullInvoiceResult = await onStockLedger(o.ledger, (p) =>
    issueFullInvoice(p, {
      ticket: o.full,
      taxId: o.taxId ?? '',
      name: o.name ?? '',
      address: o.address ?? '',
      key: keyOr(o.key, 'full-invoice'),
    }),
  );
  const path = o.html ? await invoiceHtml({ ledger: o.ledger, number: result.invoiceNo, html: o.html }) : '';
  if (o.json) {
    io.out(JSON.stringify({ ...result, html: path || null }));
    return;
  }
  io.out(
    result.replayed
      ? `${result.replaces} was already replaced by the full invoice ${result.invoiceNo} (same --key): nothing new was issued.`
      : `Issued the full invoice ${result.invoiceNo}, replacing the simplified invoice ${result.replaces}.`,
  );
  if (result.customerUpdated) io.out(`Customer ${result.customerUpdated}: their Tax ID was filled in.`);
  if (path) io.out(`Wrote invoice ${result.invoiceNo} to ${path}.`);
}

export function registerInvoice(root: Command, io: Io): void {
  root
    .command('invoice')
    .description(
      'Write an issued invoice as a printable HTML document (--number … --html FILE), or issue the full invoice that replaces a ticket (--full T-… --tax-id … --name … --address …).',
    )
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .option('--number <invoice-no>', 'the invoice to write, like T-2026-000001 (with --html)')
    .option('--html <file>', 'where to write the document')
    .option('--full <ticket-no>', 'issue a full invoice (F) replacing this simplified invoice (T or W)')
    .option(
      '--tax-id <id>',
      "the customer's tax ID: a Spanish NIF, NIE or CIF, or an EU VAT number (DE123456789)",
    )
    .option('--name <name>', "the customer's name or company name")
    .option('--address <address>', "the customer's address")
    .option('--key <key>', 'idempotency key: running again with the same key returns the same full invoice')
    .option('--json', 'with --full: print {"invoiceNo", "replaces", "replayed", "customerUpdated", "html"}')
    .action(async function (this: Command, o: InvoiceOptions) {
      const usage = (message: string) => this.error(`error: ${message}`, { code: 'shop-ledger.usage' });
      if (o.full !== undefined) {
        if (o.number !== undefined)
          usage('give either --number (to write a document) or --full (to issue one), not both');
        const missing = missingForFull(o);
        if (missing.length > 0) {
          usage(
            `--full needs the customer's ${missing.join(', ')}, like --full T-2026-000001 --tax-id B12345674 --name "Name" --address "Street, town"`,
          );
        }
        await fullInvoice({ ...o, full: o.full }, io);
        return;
      }
      if (o.number === undefined || o.html === undefined) {
        usage(
          'say what to do: --number T-2026-000001 --html FILE writes an invoice; --full T-2026-000001 --tax-id … --name … --address … issues a full invoice',
        );
        return;
      }
      const path = await invoiceHtml({ ledger: o.ledger, number: o.number, html: o.html });
      io.out(`Wrote invoice ${o.number.trim()} to ${path}.`);
    });
}
