/** `shop-ledger playground` (and `npm start`): try the till in a browser on a local ledger. */
import type { Command } from 'commander';
import { CliProblem } from '../errors';
import {
  DEFAULT_PLAYGROUND_HOST,
  DEFAULT_PLAYGROUND_LEDGER,
  DEFAULT_PLAYGROUND_PORT,
  isLoopback,
  startPlayground,
} from '../playground/server';

type Io = { out: (t: string) => void; err?: (t: string) => void };

interface PlaygroundFlags {
  ledger: string;
  port: string;
  host: string;
  quiet?: boolean;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || port > 65535) {
    throw new CliProblem(`--port "${text}" must be a port number from 0 to 65535 (0 = any free port).`);
  }
  return port;
}

/** Resolves on Ctrl+C or a termination signal. */
function untilStopped(): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function registerPlayground(root: Command, io: Io): void {
  root
    .command('playground')
    .description(
      'Try the till sidebar in a browser, without a Google account: serves it on this computer with a local ledger (npm start).',
    )
    .option(
      '--ledger <file>',
      'the ledger workbook (.xlsx); created with the sample catalogue if it does not exist',
      DEFAULT_PLAYGROUND_LEDGER,
    )
    .option('--port <n>', 'the port to listen on; 0 takes any free port', String(DEFAULT_PLAYGROUND_PORT))
    .option(
      '--host <address>',
      'a loopback address to listen on: 127.0.0.1, ::1 or localhost',
      DEFAULT_PLAYGROUND_HOST,
    )
    .option('--quiet', 'do not print a line for each call from the page')
    .action(async (o: PlaygroundFlags) => {
      const port = parsePort(o.port);
      if (!isLoopback(o.host)) {
        throw new CliProblem(
          `--host ${o.host}: the playground listens on this computer only (127.0.0.1, ::1 or localhost).`,
        );
      }
      const say = io.err ?? io.out;
      let playground: Awaited<ReturnType<typeof startPlayground>>;
      try {
        playground = await startPlayground({
          ledger: o.ledger,
          port,
          host: o.host,
          log: o.quiet ? undefined : (line) => say(line),
          warn: (message) => say(message),
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') {
          throw new CliProblem(
            `Port ${port} is in use: give another with --port, or --port 0 for any free port.`,
          );
        }
        if (code === 'EACCES')
          throw new CliProblem(`Not allowed to listen on port ${port}: use a port above 1023.`);
        throw error;
      }
      io.out(
        [
          playground.created
            ? `Created ${playground.ledger} with the sample catalogue.`
            : `Ledger: ${playground.ledger}`,
          `Till playground: ${playground.url}`,
          'Open it in a browser (a 300 px wide window looks like the Sheets sidebar). Ctrl+C stops it.',
        ].join('\n'),
      );
      await untilStopped();
      await playground.close();
      io.out('Playground stopped.');
    });
}
