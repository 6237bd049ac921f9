/** `shop-ledger init`: create the ledger, or add what is missing to an existing one. */
import { seedSample } from '../../app/seed-sample';
import { describeSetup, type SetupReport, setUpLedger } from '../../app/set-up-ledger';
import { withLedgerFile } from '../ledger-file';
import { nodePlatform } from '../node-platform';

export interface InitOptions {
  ledger: string;
  sample?: boolean;
  timeZone?: string;
  json?: boolean;
}

export interface InitResult {
  ledger: string;
  setup: SetupReport;
  sample: { products: number; moves: number } | null;
}

export async function init(opts: InitOptions): Promise<InitResult> {
  const timeZone = opts.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return withLedgerFile(opts.ledger, { create: true, timeZone }, (wb, lock) => {
    const platform = nodePlatform(wb, lock, { quiet: opts.json });
    const setup = setUpLedger(platform);
    const sample = opts.sample ? seedSample(platform) : null;
    return { ledger: opts.ledger, setup, sample };
  });
}

export function describeInit(r: InitResult): string {
  const lines = [describeSetup(r.setup)];
  if (r.sample) {
    lines.push(
      `Added the sample catalogue: ${r.sample.products} products and ${r.sample.moves} opening stock moves.`,
    );
  }
  lines.push(`Ledger: ${r.ledger}`);
  return lines.join('\n');
}
