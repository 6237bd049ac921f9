/**
 * `shop-ledger report`: what the shop owner reads. For now the products low on stock; the JSON is
 * an object so that later sections (sales figures) join it without breaking readers.
 */
import type { Command } from 'commander';
import { type LowStockLine, lowStock } from '../../app/stock/low-stock';
import { withLedgerFile } from '../ledger-file';
import type { Io } from './stock-common';

export interface Report {
  lowStock: LowStockLine[];
}

export async function report(opts: { ledger: string }): Promise<Report> {
  return withLedgerFile(opts.ledger, { create: false }, (wb) => ({ lowStock: lowStock({ workbook: wb }) }));
}

export function describeReport(r: Report): string {
  if (r.lowStock.length === 0) return 'Low stock: none. Every product is above its reorder point.';
  return [
    `Low stock: ${r.lowStock.length} (available at or below the reorder point)`,
    ...r.lowStock.map(
      (l) =>
        `  ${l.sku}  ${l.name} — ${l.location}: ${l.available} available, reorder point ${l.reorderPoint}`,
    ),
  ].join('\n');
}

export function registerReport(root: Command, io: Io): void {
  root
    .command('report')
    .description('Report on the shop: products whose available stock is at or below their reorder point.')
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .option('--json', 'print {"lowStock": [{"sku", "name", "location", "available", "reorderPoint"}]}')
    .action(async (o: { ledger: string; json?: boolean }) => {
      const r = await report(o);
      io.out(o.json ? JSON.stringify(r) : describeReport(r));
    });
}
