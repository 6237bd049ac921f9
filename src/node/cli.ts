/**
 * The `shop-ledger` command line: the same use cases as the add-on, on a local .xlsx ledger.
 * Exit codes: 0 success, 1 a business or validation error with a clear message, 2 a usage error.
 */
import { Command, CommanderError } from 'commander';
import { CustomerProblem } from '../app/customers/problem';
import { TillRefusal } from '../app/till/problems';
import { SaleProblem } from '../core/sale';
import { LedgerError } from '../ledger/problem';
import { LockTimeoutError } from '../platform/lock';
import { check, describeCheck } from './commands/check';
import { registerCount } from './commands/count';
import { registerCustomer } from './commands/customer';
import { DEMO_LEDGER, demo } from './commands/demo';
import { registerExchange } from './commands/exchange';
import { describeInit, init } from './commands/init';
import { registerInvoice } from './commands/invoice';
import { registerOrder } from './commands/order';
import { registerRebuildStock } from './commands/rebuild-stock';
import { registerReceive } from './commands/receive';
import { registerReport } from './commands/report';
import { registerReturn } from './commands/return';
import { registerSale } from './commands/sale';
import { registerPlayground } from './commands/start';
import { registerSync } from './commands/sync';
import { registerTill } from './commands/till';
import { registerTransfer } from './commands/transfer';
import { CliProblem, EXIT_OK, EXIT_PROBLEM, EXIT_USAGE } from './errors';
import { LedgerLockedError } from './file-lock';
import { LedgerFileError } from './xlsx-file';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const stdio: CliIo = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

function program(io: CliIo, setExit: (code: number) => void): Command {
  const root = new Command('shop-ledger')
    .description('One ledger for a shop’s till and web shop, in a spreadsheet.')
    .showHelpAfterError()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  root
    .command('init')
    .description(
      'Create the ledger, or add missing tabs, columns and settings to an existing one (never touches data).',
    )
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .option(
      '--sample',
      'add a sample catalogue of 30 products with opening stock (only on a ledger without products)',
    )
    .option('--time-zone <zone>', 'time zone of a new ledger, e.g. Europe/Madrid (default: this computer’s)')
    .option('--json', 'print machine-readable JSON')
    .action(async (o: { ledger: string; sample?: boolean; timeZone?: string; json?: boolean }) => {
      const result = await init(o);
      io.out(o.json ? JSON.stringify(result) : describeInit(result));
    });

  root
    .command('check')
    .description(
      'Check the ledger: bad cells, duplicate keys, missing tabs. Exits 1 if there is any problem.',
    )
    .requiredOption('--ledger <file>', 'the ledger workbook (.xlsx)')
    .option('--json', 'print {"ok", "problems": [{"tab", "cell", "message"}]}')
    .action(async (o: { ledger: string; json?: boolean }) => {
      const report = await check(o);
      io.out(o.json ? JSON.stringify(report) : describeCheck(report));
      if (!report.ok) setExit(EXIT_PROBLEM);
    });

  root
    .command('demo')
    .description(
      `Run everything Shop Ledger does on a fresh local ledger and say what happened (writes ${DEMO_LEDGER}).`,
    )
    .option('--ledger <file>', 'where to write the demo ledger', DEMO_LEDGER)
    .action(async (o: { ledger: string }) => {
      await demo({ ledger: o.ledger }, io.out);
    });

  registerTill(root, io);
  registerSale(root, io);
  registerReturn(root, io);
  registerExchange(root, io);
  registerOrder(root, io);
  registerPlayground(root, io);
  registerReceive(root, io);
  registerTransfer(root, io);
  registerCount(root, io);
  registerRebuildStock(root, io);
  registerReport(root, io);
  registerSync(root, io);
  registerInvoice(root, io);
  registerCustomer(root, io);

  return root;
}

// A refusal from a use case speaks to a person: its message is printed as it is (exit 1).
const PROBLEMS = [
  CliProblem,
  LedgerError,
  LedgerFileError,
  LedgerLockedError,
  LockTimeoutError,
  CustomerProblem,
  TillRefusal,
  SaleProblem,
];

/** Runs the CLI and returns its exit code (it never calls process.exit, so tests can call it). */
export async function runCli(argv: string[], io: CliIo = stdio): Promise<number> {
  let code = EXIT_OK;
  const cli = program(io, (c) => {
    code = c;
  });
  if (argv.length === 0) {
    // A usage error: the help goes to stderr, like commander's own usage errors.
    cli.outputHelp({ error: true });
    return EXIT_USAGE;
  }
  try {
    await cli.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // `help [command]` ends in 'commander.help', exit code 0 (1 when it is the help for an unknown command).
      const helped =
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        (e.code === 'commander.help' && e.exitCode === 0);
      return helped ? EXIT_OK : EXIT_USAGE;
    }
    if (PROBLEMS.some((type) => e instanceof type)) {
      io.err(`shop-ledger: ${(e as Error).message}`);
      return EXIT_PROBLEM;
    }
    io.err(`shop-ledger: unexpected error: ${(e as Error).stack ?? e}`);
    return EXIT_PROBLEM;
  }
}
