/**
 * Debian's Chromium for the browser tests (never a downloaded browser). Without it a suite is
 * skipped, and says so on the console.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.SHOP_LEDGER_CHROMIUM || '/usr/bin/chromium';

/** `describe` when Chromium is there; otherwise a skipped suite, with `what` named in the message. */
export function describeInBrowser(what: string): jest.Describe {
  if (existsSync(CHROMIUM)) return describe;
  console.warn(`${what} skipped: ${CHROMIUM} not found — apt-get install chromium`);
  return describe.skip;
}

/** Headless Chromium with the flags this closed network needs (no background connections). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
