/**
 * Loyalty at the till, inside the sale's commit: store credit is checked against the
 * customer's balance under the lock (so two tills cannot spend the same credit), then the
 * sale writes a `redeem` entry for the credit taken and an `earn` entry for what it earns.
 * Keys derive from the sale's key, so a retry never redeems or earns twice.
 */
import { addMonths, earnAmount, redeemProblem } from '../../core/loyalty';
import { formatDecimal, toMinor } from '../../core/money';
import { readOrderEntries } from '../../ledger/loyalty';
import type { Workbook } from '../../platform/workbook';
import type { LedgerContext } from '../ledger-context';
import { findCustomerRow, findSurvivorRow } from './customer-row';
import { type LoyaltyPorts, postLoyalty } from './post-entries';

export class CreditRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CreditRefused';
  }
}

/** Throws CreditRefused with a message for the till when the credit cannot be taken. */
export function checkCredit(wb: Workbook, ctx: LedgerContext, customerId: string, amount: number): void {
  if (amount === 0) return;
  const customer = customerId ? findCustomerRow(wb, ctx, customerId) : null;
  const problem = redeemProblem(
    {
      customerId: customerId ?? '',
      known: customer !== null,
      // Named by the end of its chain: the customer who holds the credit now.
      mergedInto: customer?.mergedInto ? (findSurvivorRow(wb, ctx, customerId)?.customerId ?? '') : '',
      balance: customer?.balance ?? 0,
      amount,
    },
    (m) => formatDecimal(m, ctx.cells.exponent),
  );
  if (problem) throw new CreditRefused(problem);
}

export interface SaleCredit {
  /** Credit taken as payment. */
  redeemed: number;
  earned: number;
  /** The balance after the sale. */
  balance: number;
}

/** The rules' minimum purchase in minor units. */
export function earnRules(ctx: LedgerContext) {
  return {
    earnPercent: ctx.settings.loyalty.earnPercent,
    minimumPurchase: toMinor(ctx.settings.loyalty.minimumPurchase, ctx.cells.exponent),
  };
}

export function expiresFrom(ctx: LedgerContext, now: number): number | null {
  const months = ctx.settings.loyalty.expiryMonths;
  return months === null ? null : addMonths(now, months);
}

/**
 * Writes the sale's redeem and earn entries; checkCredit ran before, under the same lock. A sale
 * on a merged customer earns for its survivor, the one who can spend it.
 */
export function creditOnSale(
  p: LoyaltyPorts,
  ctx: LedgerContext,
  sale: { customerId: string; orderId: string; key: string; net: number; total: number; credit: number },
  now: number,
): SaleCredit {
  const holder = findSurvivorRow(p.workbook, ctx, sale.customerId);
  const customerId = holder?.customerId ?? sale.customerId;
  const earned = earnAmount(
    { net: sale.net, total: sale.total, paidWithCredit: sale.credit },
    earnRules(ctx),
  );
  const posted = postLoyalty(
    p,
    ctx,
    [
      {
        customerId,
        amount: -sale.credit,
        kind: 'redeem',
        orderId: sale.orderId,
        expires: null,
        key: `${sale.key}:redeem`,
      },
      {
        customerId,
        amount: earned,
        kind: 'earn',
        orderId: sale.orderId,
        expires: expiresFrom(ctx, now),
        key: `${sale.key}:earn`,
      },
    ],
    now,
  );
  const balance = posted.balances.get(customerId) ?? holder?.balance ?? 0;
  return { redeemed: sale.credit, earned, balance };
}

/**
 * What a sale recorded before did with credit, for its replayed receipt: its own `redeem` and
 * `earn` entries (by its Order ID: one search) and the holder's balance as it stands now.
 */
export function creditOfSale(
  wb: Workbook,
  ctx: LedgerContext,
  sale: { customerId: string; orderId: string; key: string },
): SaleCredit {
  const entries = readOrderEntries(wb, ctx.cells, ctx.tabs, sale.orderId);
  const sum = (key: string) => entries.filter((e) => e.key === key).reduce((s, e) => s + e.amount, 0);
  return {
    redeemed: 0 - sum(`${sale.key}:redeem`), // 0 - x: no -0 when nothing was redeemed
    earned: sum(`${sale.key}:earn`),
    balance: findSurvivorRow(wb, ctx, sale.customerId)?.balance ?? 0,
  };
}
