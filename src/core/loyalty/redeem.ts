/** Whether a customer may pay with store credit: a clear refusal, or null. */
import type { Minor } from '../money';

export interface RedeemCheck {
  /** The customer on the sale; '' when there is none. */
  customerId: string;
  /** False when no Customers row has that ID. */
  known: boolean;
  /** The survivor's ID when this customer was merged into another one; '' otherwise. */
  mergedInto: string;
  balance: Minor;
  amount: Minor;
}

export function redeemProblem(c: RedeemCheck, show: (m: Minor) => string): string | null {
  if (!Number.isInteger(c.amount) || c.amount <= 0) return 'A store credit payment must be more than 0.';
  if (!c.customerId) return 'Store credit needs a customer: find the customer first.';
  if (!c.known) return `No customer with ID ${c.customerId}: pick the customer again.`;
  if (c.mergedInto) {
    return `Customer ${c.customerId} was merged into ${c.mergedInto}: pick ${c.mergedInto}, which holds the credit now.`;
  }
  if (c.amount > c.balance) {
    return `The customer has ${show(Math.max(c.balance, 0))} of store credit, less than the ${show(c.amount)} asked: take at most ${show(Math.max(c.balance, 0))} in credit and the rest another way.`;
  }
  return null;
}
