/**
 * An exchange's difference as the till collected it: the sidebar sends the amount (by card what the
 * terminal charged, in cash what it asked for), and the server refuses, writing nothing, when its
 * own difference is another (the sidebar's prices were out of date, the returned goods worth less).
 */
import { recordExchange } from '../../../src/app/returns/record-exchange';
import { asResult } from '../../../src/app/till/problems';
import { recordSale } from '../../../src/app/till/record-sale';
import { COFFEE, cashSale, MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';

type Env = ReturnType<typeof tillLedger>['env'];
const rows = (env: Env, tab: string) =>
  env.meter.uncounted(
    () => (env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues().length ?? 1) - 1,
  );
const TABS = ['Orders', 'Order Lines', 'Payments', 'Movements', 'Invoices', 'Loyalty'];

/** A coffee sold in cash; the customer swaps it for two mugs. */
function coffeeSold() {
  const s = tillLedger();
  const receipt = recordSale(s.platform, cashSale('sale-1', [{ sku: COFFEE.sku, qty: 1 }], COFFEE.price));
  const base = {
    order: receipt.orderNo,
    lines: [{ sku: COFFEE.sku, qty: 1, disposition: 'restock' as const }],
    sell: [{ sku: MUG.sku, qty: 2 }],
    till: 'Till 1',
  };
  return { ...s, base };
}
const DIFFERENCE = 2 * MUG.price - COFFEE.price;

test.each([
  ['card', { method: 'card' as const, amount: DIFFERENCE + 100 }],
  ['card, less', { method: 'card' as const, amount: DIFFERENCE - 1 }],
  ['cash', { method: 'cash' as const, amount: DIFFERENCE + 50, tendered: 5000 }],
])('a difference collected (%s) that is not the server’s is refused, writing nothing', (_, pay) => {
  const { env, base } = coffeeSold();
  const counts = TABS.map((t) => rows(env, t));
  const result = asResult(() =>
    recordExchange(nextExecution(env.shared).platform, { ...base, key: 'x', pay }),
  );
  expect(result).toMatchObject({ ok: false, problem: { code: 'payments-mismatch' } });
  const message = result.ok ? '' : result.problem.message;
  const euros = (minor: number) => `€${(minor / 100).toFixed(2)}`;
  expect(message).toContain(`The difference is ${euros(DIFFERENCE)}, not ${euros(pay.amount)}`);
  expect(message).toMatch(/Nothing was exchanged/);
  expect(TABS.map((t) => rows(env, t))).toEqual(counts);
});

test('a difference collected that is the server’s goes through, by card and in cash', () => {
  for (const pay of [
    { method: 'card' as const, amount: DIFFERENCE },
    { method: 'cash' as const, amount: DIFFERENCE, tendered: 5000 },
  ]) {
    const { env, base } = coffeeSold();
    const x = recordExchange(nextExecution(env.shared).platform, { ...base, key: 'x', pay });
    expect(x).toMatchObject({ difference: DIFFERENCE, method: pay.method, replayed: false });
  }
});

test('money taken for an exchange where nothing is to pay is refused', () => {
  const { env, base } = coffeeSold();
  const result = asResult(() =>
    recordExchange(nextExecution(env.shared).platform, {
      ...base,
      key: 'x',
      sell: [{ sku: MUG.sku, qty: 1 }], // costs less than the coffee
      pay: { method: 'card', amount: 100 },
    }),
  );
  expect(result).toMatchObject({ ok: false, problem: { code: 'payments-mismatch' } });
  expect(result.ok ? '' : result.problem.message).toMatch(/nothing to pay/i);
});

test('an amount that is not whole minor units is refused as bad input', () => {
  const { env, base } = coffeeSold();
  const result = asResult(() =>
    recordExchange(nextExecution(env.shared).platform, {
      ...base,
      key: 'x',
      pay: { method: 'card', amount: 5.5 },
    }),
  );
  expect(result).toMatchObject({ ok: false, problem: { code: 'bad-input' } });
});
