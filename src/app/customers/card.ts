/** The loyalty card a new customer gets: made from the customer's number (C-000042 → 2900000000421). */
import { loyaltyCardNumber } from '../../core/customer/loyalty-card';
import { parseId } from '../../core/stock';

export function cardFor(customerId: string): string {
  const n = parseId('C', customerId);
  return n === null ? '' : loyaltyCardNumber(n);
}
