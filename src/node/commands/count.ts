/** `shop-ledger count`: a stock count at one location; each difference becomes a count move. */
import type { Command } from 'commander';
import { type CountStockResult, countStock } from '../../app/stock/count-stock';
import { CliProblem } from '../errors';
import { keyOr } from './options';
import { collectAll, type Io, KEY_HELP, onStockLedger, stockLines } from './stock-common';

const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

export function describeCount(r: CountStockResult): string {
  if (r.repeated) {
    return [
      `Already recorded with this key as ${r.reference} at ${r.location}; nothing was written now. Its adjustments:`,
      ...r.adjustments.map((a) => `  ${a.sku}: ${signed(a.difference)}`),
    ].join('\n');
  }
  const lines = [
    r.reference
      ? `Counted at ${r.location} (${r.reference}): ${r.adjustments.length} adjustment(s).`
      : `Counted at ${r.location}: everything matched On hand, so nothing was written.`,
    ...r.adjustments.map(
      (a) => `  ${a.sku}: counted ${a.counted}, On hand was ${a.before} → ${signed(a.difference)}`,
    ),
  ];
  if (r.unchanged.length > 0) lines.push(`  Matched: ${r.unchanged.join(', ')}`);
  return lines.join('\n');
}

export function registerCount(root: Command, io: Io): void {
  root
    .command('count')
    .description(
      'Record a stock count at a location: each SKU counted becomes On hand; a difference is written as a count move (Count ↔ LOCATION).',
    )
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .requiredOption('--location <location>', 'where you counted: a location from Settings › Locations')
    .option(
      '--line <sku:counted>',
      'a product and the quantity you counted there (0 or more), like COF-ETH-250:11 (repeat for more)',
      collectAll,
    )
    .option('--key <key>', KEY_HELP)
    .option('--json', 'print {"reference", "location", "adjustments", "unchanged", "repeated"}')
    .action(
      async (o: { ledger: string; location: string; line?: string[]; key?: string; json?: boolean }) => {
        if (!o.line?.length) throw new CliProblem('Say what you counted: at least one --line SKU:COUNTED.');
        const lines = stockLines(o.line).map((l) => ({ sku: l.sku, counted: l.qty }));
        const result = await onStockLedger(o.ledger, (p) =>
          countStock(p, { key: keyOr(o.key, 'count'), location: o.location, lines }),
        );
        io.out(o.json ? JSON.stringify(result) : describeCount(result));
      },
    );
}
