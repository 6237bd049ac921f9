/**
 * The demo's day at the till: open with a float, a dozen sales (cash, card, split, one with a
 * customer), then close with the counted cash and print the Z report.
 */
import type { PaymentDraft, SaleDraft } from '../../app/till/api-types';
import { createCustomer } from '../../app/till/customers';
import { quoteSale } from '../../app/till/quote-sale';
import { recordSale } from '../../app/till/record-sale';
import { closeTill, openTill } from '../../app/till/sessions';
import { formatMoney } from '../../core/money';
import { withLedgerFile } from '../ledger-file';
import { nodePlatform } from '../node-platform';
import { ANA_EMAIL } from './demo-customer';
import { describeZReport } from './till';

type Pay = 'cash' | 'card' | 'split';

const SALES: { lines: [string, number][]; pay: Pay; customer?: boolean }[] = [
  { lines: [['COF-ETH-250', 1]], pay: 'cash' },
  {
    lines: [
      ['TEA-EGR-100', 2],
      ['BIS-ALM-200', 1],
    ],
    pay: 'card',
  },
  { lines: [['ACC-MUG-W', 2]], pay: 'cash' },
  {
    lines: [
      ['COF-ESP-500', 1],
      ['SYR-VAN-250', 1],
    ],
    pay: 'split',
  },
  { lines: [['TEA-MAT-50', 1]], pay: 'card', customer: true },
  { lines: [['CHO-DRK-100', 3]], pay: 'cash' },
  {
    lines: [
      ['ACC-FRP-350', 1],
      ['COF-COL-250', 1],
    ],
    pay: 'card',
  },
  { lines: [['TEA-BAG-20', 2]], pay: 'cash' },
  {
    lines: [
      ['ACC-INF-S', 1],
      ['TEA-SEN-100', 1],
    ],
    pay: 'split',
  },
  { lines: [['COF-CAP-10', 4]], pay: 'card' },
  { lines: [['GFT-BOX-S', 1]], pay: 'card' },
  {
    lines: [
      ['CHO-HOT-250', 1],
      ['ACC-CUP-ESP', 2],
    ],
    pay: 'cash',
  },
];

/** Cash rounded up to the next 5 euros, as a customer hands it over. */
function payments(total: number, pay: Pay): PaymentDraft[] {
  const handed = (amount: number) => Math.ceil(amount / 500) * 500;
  if (pay === 'card') return [{ method: 'card', amount: total }];
  if (pay === 'cash') return [{ method: 'cash', amount: total, tendered: handed(total) }];
  const card = Math.floor(total / 2);
  return [
    { method: 'card', amount: card },
    { method: 'cash', amount: total - card, tendered: handed(total - card) },
  ];
}

export async function demoTill(path: string, out: (line: string) => void): Promise<void> {
  await withLedgerFile(path, { create: false }, (wb, lock) => {
    const p = nodePlatform(wb, lock, { quiet: true });
    const session = openTill(p, { key: 'demo-open', till: 'Till 1', float: 15000 });
    out(
      `   Opened Till 1 with a float of ${formatMoney(session.openingFloat, 'EUR')} (session ${session.sessionId})`,
    );
    const ana = createCustomer(p, {
      key: 'demo-ana',
      name: 'Ana García',
      // The email of her web shop account: the sync will put her web orders on this customer.
      email: ANA_EMAIL,
      phone: '+34 600 111 222',
    });
    let cash = 0;
    SALES.forEach((sale, i) => {
      const lines = sale.lines.map(([sku, qty]) => ({ sku, qty }));
      const { total } = quoteSale(wb, lines);
      const draft: SaleDraft = {
        key: `demo-sale-${i + 1}`,
        till: 'Till 1',
        lines,
        payments: payments(total, sale.pay),
        customerId: sale.customer ? ana.customerId : undefined,
      };
      const r = recordSale(p, draft);
      cash += r.payments.filter((x) => x.method === 'cash').reduce((s, x) => s + x.amount, 0);
      const who = r.customer ? `, customer ${r.customer.name}` : '';
      const change = r.change > 0 ? `, change ${formatMoney(r.change, r.currency)}` : '';
      out(`   ${r.orderNo}: ${formatMoney(r.total, r.currency)} by ${sale.pay}${change}${who}`);
    });
    // The counted cash is a euro short, so the Z report shows a difference.
    const z = closeTill(p, { key: 'demo-close', till: 'Till 1', counted: 15000 + cash - 100 });
    out(
      describeZReport(z)
        .split('\n')
        .map((l) => `   ${l}`)
        .join('\n'),
    );
  });
}
