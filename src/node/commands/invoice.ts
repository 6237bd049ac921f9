/**
 * `shop-ledger invoice --ledger F --number T-2026-000001 --html out.html`: writes the invoice's
 * document, the same HTML the add-on shows for printing or saving as PDF. Read-only on the ledger.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { invoiceDocument } from '../../app/invoices/invoice-document';
import { withLedgerFile } from '../ledger-file';
import type { Io } from './stock-common';

export async function invoiceHtml(opts: { ledger: string; number: string; html: string }): Promise<string> {
  const doc = await withLedgerFile(opts.ledger, { create: false }, (wb) => invoiceDocument(wb, opts.number));
  const path = resolve(opts.html);
  writeFileSync(path, doc.html, 'utf8');
  return path;
}

export function registerInvoice(root: Command, io: Io): void {
  root
    .command('invoice')
    .description(
      'Write an issued invoice as a printable HTML document (open it in a browser to print or save as PDF).',
    )
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .requiredOption('--number <invoice-no>', 'the invoice number, like T-2026-000001')
    .requiredOption('--html <file>', 'where to write the document')
    .action(async (o: { ledger: string; number: string; html: string }) => {
      const path = await invoiceHtml(o);
      io.out(`Wrote invoice ${o.number.trim()} to ${path}.`);
    });
}
