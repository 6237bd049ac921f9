/**
 * The sidebar's customer search: matches come back as a list; a misread loyalty card is the
 * server's refusal, shown as a message (scan it again) with no matches under it.
 * google.script.run is a stand-in that answers each findCustomers call with what the test sets.
 */
import type { CustomerSummary, Result } from '../../src/app/till/api-types';
import { searchCustomers } from '../../src/ui/till/customers';
import { state } from '../../src/ui/till/state';

let answer: Result<CustomerSummary[]> = { ok: true, value: [] };
function runner(succeed: (v: unknown) => void = () => {}): unknown {
  return new Proxy(
    {},
    {
      get(_t, prop: string) {
        if (prop === 'withSuccessHandler') return (fn: (v: unknown) => void) => runner(fn);
        if (prop === 'withFailureHandler') return () => runner(succeed);
        return () => setTimeout(() => succeed(answer), 0);
      },
    },
  );
}
const globals = globalThis as { google?: unknown };
beforeAll(() => {
  globals.google = { script: { run: runner() } };
});
afterAll(() => {
  delete globals.google;
});
beforeEach(() => {
  state.messages = [];
});

const ANA = {
  customerId: 'C-000001',
  name: 'Ana',
  email: 'ana@example.com',
  phone: '',
  loyaltyCard: '2900000000018',
  balance: 0,
} as CustomerSummary;

test('the matches of a search are returned, with no message', async () => {
  answer = { ok: true, value: [ANA] };
  expect(await searchCustomers('ana@example.com')).toEqual([ANA]);
  expect(state.messages).toEqual([]);
});

test('a misread card: the refusal is said, and no customer is listed', async () => {
  const message = 'This card number does not check out (misread?): scan it again.';
  answer = { ok: false, problem: { code: 'bad-input', message } };
  expect(await searchCustomers('2900010000018')).toEqual([]);
  expect(state.messages.map((m) => m.text)).toEqual([message]);
});
