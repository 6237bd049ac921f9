/** The process entry of the CLI (bin/shop-ledger.js loads the built copy of this file). */
import { runCli } from './cli';

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
