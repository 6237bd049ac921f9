/** `shop-ledger till open|cash|close`: till sessions from the command line. */
import type { Command } from 'commander';
import { loadContext } from '../../app/ledger-context';
import type { TillSessionInfo, ZReport } from '../../app/till/api-types';
import { asResult } from '../../app/till/problems';
import { cashMove, closeTill, openTill } from '../../app/till/sessions';
import { formatDecimal, formatMoney, toDecimal } from '../../core/money';
import type { Platform } from '../../platform/platform';
import { CliProblem } from '../errors';
import { keyOr, parseAmount } from './options';
import { onStockLedger } from './stock-common';

export const DEFAULT_TILL = 'Till 1';

type Io = { out: (t: string) => void };

/** Runs on the locked ledger with the ports and the currency's decimals (for parsing amounts). */
async function onLedger<T>(ledger: string, run: (p: Platform, exponent: number) => T): Promise<T> {
  return onStockLedger(ledger, (p) => run(p, loadContext(p.workbook).cells.exponent));
}

function unwrap<T>(r: { ok: true; value: T } | { ok: false; problem: { message: string } }): T {
  if (!r.ok) throw new CliProblem(r.problem.message);
  return r.value;
}

export function describeZReport(z: ZReport): string {
  const m = (x: number) => formatMoney(x, z.currency);
  return [
    `Z report — ${z.till}, session ${z.sessionId}`,
    `  Opened ${z.opened}, closed ${z.closed}`,
    `  Sales: ${z.salesCount}, total ${m(z.salesTotal)}`,
    ...z.byMethod.map((b) => `    ${b.method}: ${b.count} payment(s), ${m(b.amount)}`),
    `  Opening float ${m(z.openingFloat)}, cash in ${m(z.cashIn)}, cash out ${m(z.cashOut)}`,
    `  Expected cash ${m(z.expectedCash)}, counted ${m(z.countedCash)}, difference ${m(z.difference)}`,
  ].join('\n');
}

/** The Z report with amounts as decimal numbers in the ledger's currency, for --json. */
function decimalZ(z: ZReport) {
  const d = (x: number) => toDecimal(x, z.exponent);
  return {
    ...z,
    openingFloat: d(z.openingFloat),
    salesTotal: d(z.salesTotal),
    byMethod: z.byMethod.map((b) => ({ ...b, amount: d(b.amount) })),
    cashIn: d(z.cashIn),
    cashOut: d(z.cashOut),
    expectedCash: d(z.expectedCash),
    countedCash: d(z.countedCash),
    difference: d(z.difference),
  };
}

export function registerTill(root: Command, io: Io): void {
  const till = root.command('till').description('Open and close till sessions, and move cash in or out.');
  till
    .command('open')
    .description('Open a till session with the cash float in the drawer.')
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .option('--till <name>', 'the till', DEFAULT_TILL)
    .requiredOption('--float <amount>', 'cash in the drawer at opening, like 100.00')
    .option('--key <key>', 'idempotency key: running again with the same key changes nothing')
    .option('--json', 'print machine-readable JSON')
    .action(async (o: { ledger: string; till: string; float: string; key?: string; json?: boolean }) => {
      const info: TillSessionInfo = await onLedger(o.ledger, (p, exp) =>
        unwrap(
          asResult(() =>
            openTill(p, {
              key: keyOr(o.key, 'open'),
              till: o.till,
              float: parseAmount(o.float, exp, '--float'),
            }),
          ),
        ),
      );
      io.out(o.json ? JSON.stringify(info) : `${info.till} is open: session ${info.sessionId}.`);
    });
  till
    .command('cash')
    .description('Put cash into the drawer (--in) or take it out (--out) during a session.')
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .option('--till <name>', 'the till', DEFAULT_TILL)
    .option('--in <amount>', 'cash put in')
    .option('--out <amount>', 'cash taken out')
    .option('--reason <text>', 'why', '')
    .option('--key <key>', 'idempotency key')
    .action(
      async (o: {
        ledger: string;
        till: string;
        in?: string;
        out?: string;
        reason: string;
        key?: string;
      }) => {
        if ((o.in === undefined) === (o.out === undefined))
          throw new CliProblem('Give either --in AMOUNT or --out AMOUNT.');
        const kind = o.in !== undefined ? 'in' : 'out';
        const line = await onLedger(o.ledger, (p, exp) => {
          const amount = parseAmount((o.in ?? o.out) as string, exp, `--${kind}`);
          const info = unwrap(
            asResult(() =>
              cashMove(p, { key: keyOr(o.key, 'cash'), till: o.till, kind, amount, reason: o.reason }),
            ),
          );
          return `Cash ${kind}: ${formatDecimal(amount, exp)}. Expected in the drawer now: ${formatDecimal(info.expectedCash, exp)}.`;
        });
        io.out(line);
      },
    );
  till
    .command('close')
    .description('Close the till session with the cash counted in the drawer, and print the Z report.')
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .option('--till <name>', 'the till', DEFAULT_TILL)
    .requiredOption('--counted <amount>', 'cash counted in the drawer')
    .option('--key <key>', 'idempotency key')
    .option('--json', 'print the Z report as JSON')
    .action(async (o: { ledger: string; till: string; counted: string; key?: string; json?: boolean }) => {
      const z = await onLedger(o.ledger, (p, exp) =>
        unwrap(
          asResult(() =>
            closeTill(p, {
              key: keyOr(o.key, 'close'),
              till: o.till,
              counted: parseAmount(o.counted, exp, '--counted'),
            }),
          ),
        ),
      );
      io.out(o.json ? JSON.stringify(decimalZ(z)) : describeZReport(z));
    });
}

export { onLedger, unwrap };
