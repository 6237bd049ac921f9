/**
 * `shop-ledger demo`: everything that exists so far, on a fresh local ledger, told step by step.
 * Later features add their steps here.
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadContext } from '../../app/ledger-context';
import { formatMoney } from '../../core/money';
import { readMoves } from '../../ledger/movements';
import { readProducts } from '../../ledger/products';
import { INVOICES } from '../../ledger/schema';
import { readTable } from '../../ledger/table';
import { CliProblem } from '../errors';
import { withLedgerFile } from '../ledger-file';
import { check, describeCheck } from './check';
import { demoCustomer } from './demo-customer';
import { demoTill } from './demo-till';
import { describeInit, init } from './init';
import { describeReport, report } from './report';
import { demoSync } from './sync';
import { demoTransfer } from './transfer';

export const DEMO_LEDGER = 'shop-ledger-demo.xlsx';

export async function demo(
  opts: { ledger?: string; timeZone?: string },
  out: (line: string) => void,
): Promise<void> {
  const path = resolve(opts.ledger ?? DEMO_LEDGER);
  if (existsSync(path)) {
    if (opts.ledger && resolve(opts.ledger) !== resolve(DEMO_LEDGER)) {
      throw new CliProblem(
        `${path} already exists. The demo writes a fresh ledger: name a new file, or delete this one.`,
      );
    }
    rmSync(path);
    out(`Removed the previous demo ledger.`);
  }

  out('1. Create the ledger with a sample catalogue (shop-ledger init --sample)');
  out(
    indent(
      describeInit(
        await init({ ledger: path, sample: true, timeZone: opts.timeZone ?? 'Europe/Madrid', json: true }),
      ),
    ),
  );

  out('2. What is in it');
  const summary = await withLedgerFile(path, { create: false }, (wb) => {
    const ctx = loadContext(wb);
    const products = readProducts(wb, ctx.cells, ctx.tabs).products;
    const moves = readMoves(wb, ctx.cells, ctx.tabs).moves;
    const units = new Map<string, number>();
    for (const m of moves) units.set(m.to, (units.get(m.to) ?? 0) + m.qty);
    const value = products.reduce((sum, p) => {
      const qty = moves.filter((m) => m.sku === p.sku).reduce((s, m) => s + m.qty, 0);
      return sum + qty * (p.cost ?? 0);
    }, 0);
    const rates = [...new Set(products.map((p) => p.vatRate))].sort((a, b) => a - b);
    return { ctx, products: products.length, units, value, rates };
  });
  out(`   Products: ${summary.products}, at VAT rates ${summary.rates.map((r) => `${r} %`).join(' and ')}`);
  for (const [location, qty] of summary.units) out(`   Opening stock in ${location}: ${qty} units`);
  out(`   Stock value at cost: ${formatMoney(summary.value, summary.ctx.settings.currency)}`);

  out('3. Transfer stock from the warehouse to the store, and receive it in two goes');
  await demoTransfer(path, out);

  out('4. A day at the till: open, a dozen sales, close with the Z report (shop-ledger till, sale)');
  await demoTill(path, out);

  out('5. Sync with a web shop: a fake WooCommerce shop on this computer (shop-ledger sync)');
  await demoSync(path, out);

  out('6. One customer in both channels: a web order returned at the counter, the credit spent at the till');
  await demoCustomer(path, out);

  out('7. The per-channel report, with the summary tabs rebuilt (shop-ledger report --rebuild)');
  out(indent(describeReport(await report({ ledger: path, rebuild: true }))));

  out('8. Check the ledger, the invoice numbering and hash chain included (shop-ledger check)');
  const checked = await check({ ledger: path });
  out(indent(describeCheck(checked)));
  if (checked.ok) out(indent(await describeChain(path)));

  out(`\nWrote ${path}. Open it in Google Sheets, Excel or LibreOffice.`);
}

/** How many invoices, per series, the check verified in the hash chain. */
async function describeChain(path: string): Promise<string> {
  const perSeries = await withLedgerFile(path, { create: false }, (wb) => {
    const ctx = loadContext(wb);
    const invoices = readTable(wb, INVOICES, ctx.tabs);
    const counts = new Map<string, number>();
    for (const row of invoices.rows) {
      const series = String(invoices.get(row, 'Series')).trim();
      counts.set(series, (counts.get(series) ?? 0) + 1);
    }
    return [...counts].sort(([a], [b]) => a.localeCompare(b));
  });
  const total = perSeries.reduce((sum, [, n]) => sum + n, 0);
  const detail = perSeries.map(([series, n]) => `${series} ${n}`).join(', ');
  return `Invoice chain verified: ${total} invoices${detail ? ` (${detail})` : ''}, numbered without gaps, none edited.`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `   ${l}`)
    .join('\n');
}
