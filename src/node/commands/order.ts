/** `shop-ledger order collect|ship|to-collect`: click and collect hand-over and tracking numbers for web orders. */
import type { Command } from 'commander';
import { type Fulfilled, handOver, ordersToCollect, setTracking } from '../../app/orders/fulfil-order';
import { asResult } from '../../app/till/problems';
import { formatMoney, toDecimal } from '../../core/money';
import { onLedger, unwrap } from './till';

type Io = { out: (t: string) => void };

function said(f: Fulfilled, what: string): string {
  return f.replayed
    ? `Already done: ${f.orderNo} (${f.orderId}) is ${f.fulfilment}${f.tracking ? `, tracking ${f.tracking}` : ''}.`
    : `${what}: ${f.orderNo} (${f.orderId}) is ${f.fulfilment}${f.tracking ? `, tracking ${f.tracking}` : ''}.`;
}

const asJson = (f: Fulfilled) =>
  JSON.stringify({
    orderId: f.orderId,
    orderNo: f.orderNo,
    fulfilment: f.fulfilment,
    tracking: f.tracking,
    skusChanged: f.skusChanged,
    replayed: f.replayed,
  });

export function registerOrder(root: Command, io: Io): void {
  const order = root.command('order').description('Click and collect and tracking numbers of web orders.');
  order
    .command('to-collect')
    .description('List the paid click-and-collect web orders waiting at the counter.')
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .option(
      '--json',
      'print [{"orderId", "orderNo", "shop", "customerId", "total", "currency", "exponent", "created"}]',
    )
    .action(async (o: { ledger: string; json?: boolean }) => {
      // Each total in its order's own currency (a web order may be in another than the ledger's).
      const list = await onLedger(o.ledger, (p) => ordersToCollect(p.workbook));
      if (o.json) {
        io.out(JSON.stringify(list.map((x) => ({ ...x, total: toDecimal(x.total, x.exponent) }))));
      } else if (list.length === 0) {
        io.out('No web order is waiting to be collected.');
      } else {
        io.out(
          list
            .map((x) => `${x.orderNo}  ${x.shop}  ${formatMoney(x.total, x.currency)}  ${x.orderId}`)
            .join('\n'),
        );
      }
    });
  order
    .command('collect')
    .description(
      'Hand a click-and-collect web order over at the counter: its goods leave the Store and it becomes "collected" (running it again does nothing).',
    )
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .requiredOption('--order <number>', 'the web order number (#1001 or 1001) or the Order ID')
    .option('--json', 'print {"orderId", "orderNo", "fulfilment", "tracking", "skusChanged", "replayed"}')
    .action(async (o: { ledger: string; order: string; json?: boolean }) => {
      const f = await onLedger(o.ledger, (p) => unwrap(asResult(() => handOver(p, { order: o.order }))));
      io.out(o.json ? asJson(f) : said(f, 'Handed over'));
    });
  order
    .command('ship')
    .description('Set the carrier’s tracking number of a web order, which marks it shipped.')
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .requiredOption('--order <number>', 'the web order number (#1001 or 1001) or the Order ID')
    .requiredOption('--tracking <number>', 'the carrier’s tracking number')
    .option('--json', 'print {"orderId", "orderNo", "fulfilment", "tracking", "skusChanged", "replayed"}')
    .action(async (o: { ledger: string; order: string; tracking: string; json?: boolean }) => {
      const f = await onLedger(o.ledger, (p) =>
        unwrap(asResult(() => setTracking(p, { order: o.order, tracking: o.tracking }))),
      );
      io.out(o.json ? asJson(f) : said(f, 'Shipped'));
    });
}
