/** `shop-ledger receive`: goods in from a supplier, through the same use case as the sidebar. */
import type { Command } from 'commander';
import { type ReceiveGoodsResult, receiveGoods } from '../../app/stock/receive-goods';
import { CliProblem } from '../errors';
import { keyOr } from './options';
import {
  collectAll,
  type Io,
  KEY_HELP,
  LINE_FORMAT,
  listLines,
  onStockLedger,
  stockLines,
} from './stock-common';

export function describeReceive(r: ReceiveGoodsResult): string {
  return r.repeated
    ? `Already recorded with this key as ${r.reference}: ${listLines(r.lines)} at ${r.location}. Nothing was written now.`
    : `Received ${r.reference} at ${r.location}: ${listLines(r.lines)}.`;
}

export function registerReceive(root: Command, io: Io): void {
  root
    .command('receive')
    .description('Goods in from a supplier: one move Supplier → LOCATION per SKU, and the Stock tab updated.')
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .requiredOption('--to <location>', 'where the goods arrive: a location from Settings › Locations')
    .option('--line <sku:qty>', `a product and the quantity received, ${LINE_FORMAT}`, collectAll)
    .option('--key <key>', KEY_HELP)
    .option('--json', 'print {"reference", "location", "time", "lines", "moves", "repeated"}')
    .action(async (o: { ledger: string; to: string; line?: string[]; key?: string; json?: boolean }) => {
      if (!o.line?.length) throw new CliProblem('Say what arrived: at least one --line SKU:QTY.');
      const lines = stockLines(o.line);
      const result = await onStockLedger(o.ledger, (p) =>
        receiveGoods(p, { key: keyOr(o.key, 'receive'), location: o.to, lines }),
      );
      io.out(o.json ? JSON.stringify(result) : describeReceive(result));
    });
}
