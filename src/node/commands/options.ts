/** Parsing the repeatable option values of the CLI: SKU:QTY lines and METHOD:AMOUNT payments. */
import { randomUUID } from 'node:crypto';
import { parseMoney } from '../../core/money';
import { CliProblem } from '../errors';

export function parseLine(text: string, what = 'line'): { sku: string; qty: number } {
  const m = /^(.+):(-?\d+)$/.exec(text.trim());
  if (!m) throw new CliProblem(`--${what} "${text}" must be SKU:QUANTITY, like COF-ETH-250:2.`);
  return { sku: m[1].trim(), qty: Number(m[2]) };
}

export function parseAmount(text: string, exponent: number, what: string): number {
  const minor = parseMoney(String(text), exponent);
  if (minor === null) throw new CliProblem(`${what} "${text}" is not an amount. Write it like 12.50.`);
  return minor;
}

/** A key for a command run without --key: each run is a new command. */
export function keyOr(key: string | undefined, prefix: string): string {
  return key?.trim() || `${prefix}-${randomUUID()}`;
}
