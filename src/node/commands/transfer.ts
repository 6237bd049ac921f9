/** `shop-ledger transfer send|receive`: moving stock between locations through Transit. */
import type { Command } from 'commander';
import { loadContext } from '../../app/ledger-context';
import { type ReceiveTransferResult, receiveTransfer } from '../../app/stock/receive-transfer';
import { type SendTransferResult, sendTransfer } from '../../app/stock/send-transfer';
import { balanceKey } from '../../core/stock';
import { readProducts } from '../../ledger/products';
import { readStock } from '../../ledger/stock-tab';
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

export function describeSend(r: SendTransferResult): string {
  return r.repeated
    ? `${r.transferId}: already sent with this key, ${r.from} → ${r.to}: ${listLines(r.lines)}. Nothing was written now.`
    : `${r.transferId}: sent ${r.from} → ${r.to}: ${listLines(r.lines)}. It is in transit until received (shop-ledger transfer receive --id ${r.transferId}).`;
}

export function describeTransferReceipt(r: ReceiveTransferResult): string {
  const route = `${r.transferId} (${r.from} → ${r.to})`;
  const lines = [
    r.repeated
      ? `${route}: already recorded with this key, so nothing was written now. That receipt took in ${listLines(r.received)}.`
      : `${route}: received ${listLines(r.received)} at ${r.to}.`,
  ];
  if (r.lost.length > 0) lines.push(`  Written off to Loss: ${listLines(r.lost)}.`);
  lines.push(
    r.remaining.length > 0
      ? `  Still in transit: ${listLines(r.remaining)} (shown as In transit at ${r.to} on the Stock tab).`
      : `  Nothing is left in transit: the transfer is received.`,
  );
  return lines.join('\n');
}

export function registerTransfer(root: Command, io: Io): void {
  const transfer = root
    .command('transfer')
    .description('Move stock between locations: send it into Transit, then receive it at the other end.');

  transfer
    .command('send')
    .description('Send stock from one location to another. Prints the transfer id (TR-000001).')
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .requiredOption('--from <location>', 'where the goods leave from')
    .requiredOption('--to <location>', 'where they are going')
    .option('--line <sku:qty>', `a product and the quantity sent, ${LINE_FORMAT}`, collectAll)
    .option('--key <key>', KEY_HELP)
    .option('--json', 'print {"transferId", "from", "to", "sent", "lines", "repeated"}')
    .action(
      async (o: {
        ledger: string;
        from: string;
        to: string;
        line?: string[];
        key?: string;
        json?: boolean;
      }) => {
        if (!o.line?.length) throw new CliProblem('Say what to send: at least one --line SKU:QTY.');
        const lines = stockLines(o.line);
        const result = await onStockLedger(o.ledger, (p) =>
          sendTransfer(p, { key: keyOr(o.key, 'transfer-send'), from: o.from, to: o.to, lines }),
        );
        io.out(o.json ? JSON.stringify(result) : describeSend(result));
      },
    );

  transfer
    .command('receive')
    .description(
      'Receive a transfer at its destination: everything still in transit, or the --line quantities (the rest stays in transit); --lost writes units off to Loss.',
    )
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .requiredOption('--id <transfer>', 'the transfer id that "transfer send" printed, like TR-000001')
    .option(
      '--line <sku:qty>',
      `a product and the quantity that arrived, ${LINE_FORMAT}; leave out to receive everything in transit`,
      collectAll,
    )
    .option(
      '--lost <sku:qty>',
      'a product and the quantity lost on the way, written off to Loss (repeatable)',
      collectAll,
    )
    .option('--key <key>', KEY_HELP)
    .option(
      '--json',
      'print {"transferId", "from", "to", "received", "lost", "remaining", "status", "repeated"}',
    )
    .action(
      async (o: {
        ledger: string;
        id: string;
        line?: string[];
        lost?: string[];
        key?: string;
        json?: boolean;
      }) => {
        const lines = o.line?.length ? stockLines(o.line) : undefined;
        const lost = stockLines(o.lost, 'lost');
        const result = await onStockLedger(o.ledger, (p) =>
          receiveTransfer(p, { key: keyOr(o.key, 'transfer-receive'), transferId: o.id, lines, lost }),
        );
        io.out(o.json ? JSON.stringify(result) : describeTransferReceipt(result));
      },
    );
}

/**
 * The demo's transfer: a few products Warehouse → Store, received in two goes. The first receipt
 * takes in all but two units of the last product, of which one was lost on the way and one is
 * still in transit (the Stock tab shows it at the Store); the second receives the rest.
 */
export async function demoTransfer(ledger: string, out: (line: string) => void): Promise<void> {
  await onStockLedger(ledger, (p) => {
    const ctx = loadContext(p.workbook);
    const stock = readStock(p.workbook, ctx.cells, ctx.tabs);
    const skus = readProducts(p.workbook, ctx.cells, ctx.tabs)
      .products.map((product) => product.sku)
      .filter((sku) => (stock.balances.get(balanceKey(sku, 'Warehouse'))?.available ?? 0) >= 10)
      .slice(0, 3);
    if (skus.length === 0) throw new CliProblem('The demo found nothing in the Warehouse to transfer.');
    const lines = skus.map((sku, i) => ({ sku, qty: 6 - i }));
    const sent = sendTransfer(p, { key: 'demo-transfer-send', from: 'Warehouse', to: 'Store', lines });
    out(
      `   shop-ledger transfer send --from Warehouse --to Store ${lines.map((l) => `--line ${l.sku}:${l.qty}`).join(' ')}`,
    );
    out(`   ${describeSend(sent)}`);

    const last = lines[lines.length - 1];
    const arrived = lines.map((l) => (l === last ? { sku: l.sku, qty: l.qty - 2 } : l));
    const first = receiveTransfer(p, {
      key: 'demo-transfer-receive-1',
      transferId: sent.transferId,
      lines: arrived,
      lost: [{ sku: last.sku, qty: 1 }],
    });
    out(
      `   shop-ledger transfer receive --id ${sent.transferId} ${arrived.map((l) => `--line ${l.sku}:${l.qty}`).join(' ')} --lost ${last.sku}:1`,
    );
    out(indent(describeTransferReceipt(first)));
    const inTransit = readStock(p.workbook, ctx.cells, ctx.tabs).balances.get(balanceKey(last.sku, 'Store'));
    out(`   The Stock tab shows ${last.sku} at Store with In transit ${inTransit?.inTransit ?? 0}.`);

    const rest = receiveTransfer(p, { key: 'demo-transfer-receive-2', transferId: sent.transferId });
    out(`   shop-ledger transfer receive --id ${sent.transferId}`);
    out(indent(describeTransferReceipt(rest)));
  });
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `   ${l}`)
    .join('\n');
}
