/** `shop-ledger rebuild-stock`: the Stock tab recomputed from Movements and Transfers. */
import type { Command } from 'commander';
import { describeRebuild, rebuildStock } from '../../app/stock/rebuild-stock';
import { type Io, onStockLedger } from './stock-common';

export function registerRebuildStock(root: Command, io: Io): void {
  root
    .command('rebuild-stock')
    .description(
      'Recompute the Stock tab from Movements and Transfers (fixes any drift that check reports). Safe to run again.',
    )
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .option('--json', 'print {"updated", "added", "zeroed", "cleared", "unchanged"} row counts')
    .action(async (o: { ledger: string; json?: boolean }) => {
      const result = await onStockLedger(o.ledger, (p) => rebuildStock(p));
      io.out(o.json ? JSON.stringify(result) : describeRebuild(result));
    });
}
