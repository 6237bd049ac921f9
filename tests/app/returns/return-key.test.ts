/**
 * A return's key belongs to one return: a retry with it replays that return, but the same key sent
 * for another order (a till that lost an answer, then confirmed another customer's return) is
 * refused with what to do, never answered with the first order's receipt.
 */
import { recordReturn } from '../../../src/app/returns/record-return';
import { asResult } from '../../../src/app/till/problems';
import { recordSale } from '../../../src/app/till/record-sale';
import { COFFEE, cashSale, MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';

type Env = ReturnType<typeof tillLedger>['env'];
const rows = (env: Env, tab: string) =>
  env.meter.uncounted(
    () => (env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues().length ?? 1) - 1,
  );

/** Two customers' sales: a coffee, then a mug. */
function twoSales() {
  const s = tillLedger();
  const coffee = recordSale(s.platform, cashSale('sale-1', [{ sku: COFFEE.sku, qty: 1 }], COFFEE.price));
  const mug = recordSale(s.platform, cashSale('sale-2', [{ sku: MUG.sku, qty: 1 }], MUG.price));
  return { ...s, coffee, mug };
}

test('the same key for another order is refused, writing nothing; for the same order it replays', () => {
  const { env, coffee, mug } = twoSales();
  const first = recordReturn(nextExecution(env.shared).platform, {
    key: 'ret-lost-answer',
    order: coffee.orderNo,
    lines: [{ sku: COFFEE.sku, qty: 1, disposition: 'restock' }],
    refund: 'card',
    till: 'Till 1',
  });
  const tabs = ['Orders', 'Order Lines', 'Payments', 'Movements', 'Invoices'];
  const counts = tabs.map((t) => rows(env, t));

  const other = asResult(() =>
    recordReturn(nextExecution(env.shared).platform, {
      key: 'ret-lost-answer',
      order: mug.orderNo,
      lines: [{ sku: MUG.sku, qty: 1, disposition: 'restock' }],
      refund: 'card',
      till: 'Till 1',
    }),
  );
  expect(other).toMatchObject({ ok: false, problem: { code: 'bad-input' } });
  const message = other.ok ? '' : other.problem.message;
  expect(message).toContain(coffee.orderNo);
  expect(message).toContain(mug.orderNo);
  expect(message).toMatch(/new key/);
  expect(tabs.map((t) => rows(env, t))).toEqual(counts);

  const again = recordReturn(nextExecution(env.shared).platform, {
    key: 'ret-lost-answer',
    order: coffee.orderNo,
    lines: [{ sku: COFFEE.sku, qty: 1, disposition: 'restock' }],
    refund: 'card',
    till: 'Till 1',
  });
  expect(again).toMatchObject({ replayed: true, returnId: first.returnId, originalId: coffee.orderId });
  expect(tabs.map((t) => rows(env, t))).toEqual(counts);
});
