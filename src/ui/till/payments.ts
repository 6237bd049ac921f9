/**
 * Split payments as plain functions. A sale can be paid in parts (some cash, the rest by card);
 * it can be completed only when the parts add up to the total exactly. Cash can be more than
 * what is due: the difference is the change, and only what is due is applied to the sale.
 */
import type { PaymentDraft } from '../../app/till/api-types';

export type Payments = readonly PaymentDraft[];

export function paidSum(payments: Payments): number {
  return payments.reduce((sum, p) => sum + p.amount, 0);
}

/** What is left to pay; negative when the payments are more than the total. */
export function remaining(total: number, payments: Payments): number {
  return total - paidSum(payments);
}

/** Change to hand back for the cash already taken. */
export function changeDue(payments: Payments): number {
  return payments.reduce((sum, p) => sum + (p.tendered !== undefined ? p.tendered - p.amount : 0), 0);
}

/** Cash handed over: what is due is applied, the rest is change. */
export function cashPayment(tendered: number, due: number): PaymentDraft | 'nothing-due' | 'bad-amount' {
  if (due <= 0) return 'nothing-due';
  if (!Number.isSafeInteger(tendered) || tendered <= 0) return 'bad-amount';
  return { method: 'cash', amount: Math.min(tendered, due), tendered };
}

/** A card payment: any part of what is due, never more (a card is not given change). */
export function cardPayment(
  amount: number,
  due: number,
): PaymentDraft | 'nothing-due' | 'bad-amount' | 'too-much' {
  if (due <= 0) return 'nothing-due';
  if (!Number.isSafeInteger(amount) || amount <= 0) return 'bad-amount';
  if (amount > due) return 'too-much';
  return { method: 'card', amount };
}

/**
 * Store credit: at most what is due and what the customer holds (the server checks the balance
 * again under the lock, so two tills cannot spend the same credit).
 */
export function creditPayment(
  amount: number,
  due: number,
  balance: number,
): PaymentDraft | 'nothing-due' | 'bad-amount' | 'too-much' | 'over-balance' {
  if (due <= 0) return 'nothing-due';
  if (!Number.isSafeInteger(amount) || amount <= 0) return 'bad-amount';
  if (amount > due) return 'too-much';
  if (amount > balance) return 'over-balance';
  return { method: 'credit', amount };
}

/** The change a cash entry would give, while the person is still typing the amount. */
export function previewChange(tendered: number | null, due: number): number {
  if (tendered === null || due <= 0) return 0;
  return Math.max(0, tendered - due);
}

/** Payments match the total to the cent (a sale discounted to 0 needs none). */
export function paymentsComplete(total: number, payments: Payments): boolean {
  return total >= 0 && paidSum(payments) === total;
}

export function removePayment(payments: Payments, index: number): Payments {
  return payments.filter((_, i) => i !== index);
}
