/**
 * One execution of the concurrency test (tests/node/invoice-hundreds.test.ts), run as its own
 * process: records `count` till sales one after another on a shared .xlsx ledger, each a full
 * `shop-ledger sale` command (file lock, load, sale, atomic save, unlock), and prints the invoice
 * numbers it got as one JSON line. Usage: node sale-loop.js LEDGER WORKER COUNT
 */
import { runCli } from '../../src/node/cli';

async function main(): Promise<number> {
  const [ledger, worker, count] = process.argv.slice(2);
  const numbers: string[] = [];
  for (let i = 0; i < Number(count); i++) {
    let out = '';
    let err = '';
    const code = await runCli(
      [
        'sale',
        '--ledger',
        ledger,
        '--line',
        'ACC-MUG-W:1',
        '--pay',
        'card:12',
        '--key',
        `w${worker}-${i}`,
        '--json',
      ],
      {
        out: (t) => {
          out += t;
        },
        err: (t) => {
          err += t;
        },
      },
    );
    if (code !== 0) {
      process.stderr.write(`worker ${worker}, sale ${i}: exit ${code}: ${err}\n`);
      return 1;
    }
    numbers.push(JSON.parse(out).invoiceNo);
  }
  process.stdout.write(`${JSON.stringify(numbers)}\n`);
  return 0;
}

main().then((code) => {
  process.exitCode = code;
});
