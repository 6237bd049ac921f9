/**
 * The demo's cross-channel story. Ana was made a customer at the till (step 4) with the email she
 * also uses in the web shop, so the sync (step 5) put her web orders on the same customer. Here
 * she brings one web-bought item back to the counter, and spends the rest of her credit at the till.
 */
import { customerCard } from '../../app/customers/customer-card';
import { recordReturn } from '../../app/returns/record-return';
import { findCustomers } from '../../app/till/customers';
import { quoteSale } from '../../app/till/quote-sale';
import { recordSale } from '../../app/till/record-sale';
import { closeTill, openTill } from '../../app/till/sessions';
import { formatMoney } from '../../core/money';
import { parseText } from '../../ledger/cells';
import { ORDER_LINES } from '../../ledger/schema';
import { findRows, readFoundRows, readHeaderTable } from '../../ledger/table';
import type { Workbook } from '../../platform/workbook';
import { CliProblem } from '../errors';
import { withLedgerFile } from '../ledger-file';
import { nodePlatform } from '../node-platform';
import { describeCard } from './customer';
import { describeReturn } from './return';

/** The email Ana gave at the till, the same as her web shop account's. */
export const ANA_EMAIL = 'ana.garcia@example.com';
/** What she buys with her credit. */
const SPEND_ON = 'COF-ETH-250';

export async function demoCustomer(path: string, out: (line: string) => void): Promise<void> {
  await withLedgerFile(path, { create: false }, (wb, lock) => {
    const p = nodePlatform(wb, lock, { quiet: true });
    const anaId = customerWithEmail(wb, ANA_EMAIL);
    const before = customerCard(wb, anaId);
    const web = before.history.filter((h) => h.channel === 'Web' && h.type === 'sale');
    out(
      `   ${before.name} (${anaId}, card ${before.loyaltyCard}) was made a customer at the till; the sync matched her web orders by email: ${before.ordersCount} orders in both channels, store credit ${money(before.balance, before.currency)}`,
    );

    const bringsBack = web.find((h) => h.status === 'fulfilled');
    if (!bringsBack)
      throw new CliProblem(`The demo found no shipped web order of ${before.name} to bring back.`);
    const sku = firstSku(wb, bringsBack.orderId);
    const session = openTill(p, { key: 'demo-open-2', till: 'Till 1', float: 15000 });
    out(`   Next morning: Till 1 opened again (${session.sessionId}).`);
    out(
      `   She brings one item of web order ${bringsBack.orderNo} back to the counter, refunded to her card:`,
    );
    out(`   shop-ledger return --order ${bringsBack.orderNo} --line ${sku}:1:restock --refund card`);
    const returned = recordReturn(p, {
      key: 'demo-return-1',
      order: bringsBack.orderNo,
      till: 'Till 1',
      lines: [{ sku, qty: 1, disposition: 'restock' }],
      refund: 'card',
    });
    out(indent(describeReturn(returned)));

    // Enough coffee to use up the credit, the rest paid by card.
    const credit = customerCard(wb, anaId).balance;
    const price = quoteSale(wb, [{ sku: SPEND_ON, qty: 1 }]).total;
    const qty = Math.max(1, Math.ceil(credit / price));
    const { total } = quoteSale(wb, [{ sku: SPEND_ON, qty }]);
    const fromCredit = Math.min(credit, total);
    out(
      `   She spends the rest of her credit at the till: shop-ledger sale --customer ${anaId} --pay credit:… --pay card`,
    );
    const receipt = recordSale(p, {
      key: 'demo-credit-sale',
      till: 'Till 1',
      customerId: anaId,
      lines: [{ sku: SPEND_ON, qty }],
      payments: [
        ...(fromCredit > 0 ? [{ method: 'credit' as const, amount: fromCredit }] : []),
        ...(total > fromCredit ? [{ method: 'card' as const, amount: total - fromCredit }] : []),
      ],
    });
    const l = receipt.loyalty;
    out(
      `   ${receipt.orderNo} (${receipt.invoiceNo}): ${money(receipt.total, receipt.currency)}, ${money(l?.redeemed ?? 0, receipt.currency)} in store credit and the rest by card; credit earned ${money(l?.earned ?? 0, receipt.currency)}, left ${money(l?.balance ?? 0, receipt.currency)}`,
    );
    closeTill(p, { key: 'demo-close-2', till: 'Till 1', counted: 15000 });
    out('   Her customer card (shop-ledger customer show), one history for both channels:');
    out(indent(describeCard(customerCard(wb, anaId))));
  });
}

function customerWithEmail(wb: Workbook, email: string): string {
  const [found] = findCustomers(wb, email);
  if (!found) throw new CliProblem(`The demo found no customer with the email ${email}.`);
  return found.customerId;
}

function firstSku(wb: Workbook, orderId: string): string {
  const lines = readHeaderTable(wb, ORDER_LINES, wb.tabNames());
  const [row] = readFoundRows(wb, lines, findRows(wb, lines, 'Order ID', orderId)).filter(
    (r) => parseText(lines.get(r, 'SKU')) !== '',
  );
  if (!row) throw new CliProblem(`The demo found no product line in ${orderId}.`);
  return parseText(lines.get(row, 'SKU'));
}

const money = (minor: number, currency: string) => formatMoney(minor, currency);

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `   ${line}`)
    .join('\n');
}
