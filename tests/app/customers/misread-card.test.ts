/**
 * A loyalty card that fails its check digit was misread (a smudged label, a digit typed wrong):
 * the till says so, rather than "no customer", so staff scan it again instead of making a
 * duplicate customer.
 */
import { createCustomer, findCustomers } from '../../../src/app/till/customers';
import { tillApi } from '../../../src/app/till/till-api';
import { isLoyaltyCard, loyaltyCardNumber } from '../../../src/core/customer/loyalty-card';
import { tillLedger } from '../../helpers/till-ledger';

const MISREAD = /This card number does not check out \(misread\?\): scan it again/;

function withAna() {
  const s = tillLedger();
  const ana = createCustomer(s.platform, { key: 'c1', name: 'Ana', email: 'ana@example.com' });
  return { ...s, ana };
}

/** The card with one digit changed (never the check digit's own fix: the check then fails). */
const misread = (card: string) => {
  const i = 5;
  return `${card.slice(0, i)}${(Number(card[i]) + 1) % 10}${card.slice(i + 1)}`;
};

test('a scanned card finds its customer; the same card misread says to scan it again', () => {
  const { platform, ana } = withAna();
  expect(isLoyaltyCard(ana.loyaltyCard)).toBe(true);
  expect(findCustomers(platform.workbook, ana.loyaltyCard).map((c) => c.customerId)).toEqual([
    ana.customerId,
  ]);
  const bad = misread(ana.loyaltyCard);
  expect(isLoyaltyCard(bad)).toBe(false);
  expect(() => findCustomers(platform.workbook, bad)).toThrow(MISREAD);
  // With spaces as a person types it, too.
  expect(() => findCustomers(platform.workbook, `${bad.slice(0, 6)} ${bad.slice(6)}`)).toThrow(MISREAD);
});

test('a valid card of nobody, a product barcode or a phone number is still just "no customer"', () => {
  const { platform } = withAna();
  expect(findCustomers(platform.workbook, loyaltyCardNumber(9999))).toEqual([]); // a right check digit
  expect(findCustomers(platform.workbook, '8412345100013')).toEqual([]); // not our prefix
  expect(findCustomers(platform.workbook, '2900000000')).toEqual([]); // not 13 digits
});

test('a card stored as typed (from an old system) is found even when its check digit is wrong', () => {
  const { platform } = withAna();
  const old = createCustomer(platform, {
    key: 'c2',
    name: 'Bo',
    email: 'bo@example.com',
    loyaltyCard: '2900000012340',
  });
  expect(isLoyaltyCard(old.loyaltyCard)).toBe(false);
  expect(findCustomers(platform.workbook, '2900000012340').map((c) => c.customerId)).toEqual([
    old.customerId,
  ]);
});

test('through the till API the misread card is a refusal the sidebar shows; a search is { ok: true }', () => {
  const { platform, ana } = withAna();
  const api = tillApi(() => platform as never);
  expect(api.findCustomers('ana@example.com')).toEqual({
    ok: true,
    value: [expect.objectContaining({ customerId: ana.customerId })],
  });
  expect(api.findCustomers(misread(ana.loyaltyCard))).toEqual({
    ok: false,
    problem: { code: 'bad-input', message: expect.stringMatching(MISREAD) },
  });
});
