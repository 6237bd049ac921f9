/** The loyalty reversal in the return's commit: earned credit back in proportion, spent credit given back, credit refunds. */
import { checkLedger } from '../../../src/app/check-ledger';
import { loadContext } from '../../../src/app/ledger-context';
import { postLoyalty } from '../../../src/app/loyalty/post-entries';
import { recordReturn } from '../../../src/app/returns/record-return';
import { createCustomer } from '../../../src/app/till/customers';
import { recordSale } from '../../../src/app/till/record-sale';
import { MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';

type Env = ReturnType<typeof tillLedger>['env'];
const records = (env: Env, tab: string) =>
  env.meter.uncounted(() => {
    const [header, ...data] = env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues() ?? [];
    return data.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
  });
const balanceOf = (env: Env, id: string) =>
  Math.round(
    Number(records(env, 'Customers').find((c) => c['Customer ID'] === id)?.['Loyalty balance']) * 100,
  );
const loyaltyRows = (env: Env) => records(env, 'Loyalty');

/** Ana buys 4 mugs at the till: paid `credit` in store credit (given to her first), the rest by card. */
function anaBought(credit = 0) {
  const s = tillLedger();
  const ana = createCustomer(s.platform, { key: 'c1', name: 'Ana', email: 'ana@example.com' });
  if (credit > 0) {
    postLoyalty(
      s.platform,
      loadContext(s.platform.workbook),
      [
        {
          customerId: ana.customerId,
          amount: credit,
          kind: 'adjust',
          orderId: '',
          expires: null,
          key: 'gift',
        },
      ],
      Date.UTC(2026, 0, 1),
    );
  }
  const total = 4 * MUG.price;
  const receipt = recordSale(s.platform, {
    key: 'sale-1',
    till: 'Till 1',
    lines: [{ sku: MUG.sku, qty: 4 }],
    payments: [
      ...(credit > 0 ? [{ method: 'credit' as const, amount: credit }] : []),
      { method: 'card' as const, amount: total - credit },
    ],
    customerId: ana.customerId,
  });
  return { ...s, ana, receipt, earned: receipt.loyalty?.earned ?? 0 };
}

test('returning half the sale takes back half the credit it earned, in the same commit', () => {
  const { env, platform, ana, receipt, earned } = anaBought();
  expect(earned).toBeGreaterThan(0);
  const before = balanceOf(env, ana.customerId);
  const r = recordReturn(platform, {
    key: 'ret-1',
    order: receipt.orderNo,
    till: 'Till 1',
    lines: [{ sku: MUG.sku, qty: 2, disposition: 'restock' }],
    refund: 'card',
  });
  expect(r.loyalty).toEqual({
    reversed: Math.round(earned / 2),
    givenBack: 0,
    credited: 0,
    balance: before - Math.round(earned / 2),
  });
  expect(r.refund).toEqual({ method: 'card', amount: 2 * MUG.price });
  expect(balanceOf(env, ana.customerId)).toBe(before - Math.round(earned / 2));
  expect(loyaltyRows(env).filter((e) => e.Kind === 'reverse')).toEqual([
    expect.objectContaining({
      'Order ID': receipt.orderId,
      Amount: -Math.round(earned / 2) / 100,
      Key: 'ret-1:reverse-earn',
    }),
  ]);
  expect(checkLedger(platform.workbook).problems).toEqual([]);
});

test('a refund to store credit goes on the balance (one Payments row of Method credit), and a retry writes nothing', () => {
  const { env, platform, ana, receipt, earned } = anaBought();
  const before = balanceOf(env, ana.customerId);
  const draft = {
    key: 'ret-credit',
    order: receipt.orderNo,
    till: 'Till 1',
    lines: [{ sku: MUG.sku, qty: 1, disposition: 'restock' as const }],
    refund: 'credit' as const,
  };
  const r = recordReturn(platform, draft);
  const reversed = Math.round(earned / 4);
  expect(r.loyalty).toEqual({
    reversed,
    givenBack: 0,
    credited: MUG.price,
    balance: before + MUG.price - reversed,
  });
  expect(balanceOf(env, ana.customerId)).toBe(before + MUG.price - reversed);
  expect(records(env, 'Payments').filter((x) => x['Order ID'] === r.returnId)).toEqual([
    expect.objectContaining({ Method: 'credit', Amount: -MUG.price / 100 }),
  ]);
  expect(loyaltyRows(env).find((e) => e.Key === 'ret-credit:refund-credit')).toMatchObject({
    Kind: 'adjust',
    Amount: MUG.price / 100,
    'Order ID': r.returnId,
  });

  const rows = loyaltyRows(env).length;
  const again = recordReturn(nextExecution(env.shared).platform, draft);
  expect(again.replayed).toBe(true);
  expect(again.loyalty).toEqual(r.loyalty);
  expect(again.refund).toEqual(r.refund);
  expect(loyaltyRows(env)).toHaveLength(rows);
  expect(balanceOf(env, ana.customerId)).toBe(before + MUG.price - reversed);
  expect(checkLedger(platform.workbook).problems).toEqual([]);
});

test('store credit spent on the sale goes back as credit; only the rest comes out of the drawer', () => {
  const { env, platform, ana, receipt } = anaBought(1000);
  const cashBefore = records(env, 'Till Sessions')[0]['Expected cash'] as number;
  // All 4 mugs back, in cash: 10.00 was paid in credit, so 10.00 goes back as credit.
  const r = recordReturn(platform, {
    key: 'ret-all',
    order: receipt.orderNo,
    till: 'Till 1',
    lines: [{ sku: MUG.sku, qty: 4, disposition: 'restock' }],
    refund: 'cash',
  });
  expect(r.loyalty?.givenBack).toBe(1000);
  expect(r.refund).toEqual({ method: 'cash', amount: 4 * MUG.price - 1000 });
  expect(records(env, 'Payments').filter((x) => x['Order ID'] === r.returnId)).toEqual([
    expect.objectContaining({ Method: 'cash', Amount: -(4 * MUG.price - 1000) / 100 }),
    expect.objectContaining({ Method: 'credit', Amount: -10 }),
  ]);
  expect(records(env, 'Till Sessions')[0]['Expected cash']).toBeCloseTo(
    cashBefore - (4 * MUG.price - 1000) / 100,
    2,
  );
  // Everything earned is taken back, everything spent is given back: the gift is whole again.
  expect(balanceOf(env, ana.customerId)).toBe(1000);
  expect(r.loyalty?.balance).toBe(1000);
  expect(checkLedger(platform.workbook).problems).toEqual([]);
});

test('a return with a customer costs the same service calls with 10 or 10,000 loyalty entries', () => {
  const counts = [10, 10_000].map((n) => {
    const s = anaBought();
    s.env.meter.uncounted(() => {
      const when = new Date(Date.UTC(2026, 0, 1));
      const rows = Array.from({ length: n }, (_, i) => [
        `L-${900000 + i}`,
        when,
        'C-999',
        0.01,
        'adjust',
        `O-9${i}`,
        '',
        `x${i}`,
      ]);
      const last = s.platform.workbook.lastRow('Loyalty');
      s.platform.workbook.write('Loyalty', last + 1, 1, rows);
      // Room below every tab the return appends to, so neither run grows a grid.
      for (const t of ['Orders', 'Order Lines', 'Payments', 'Movements', 'Invoices', 'Loyalty']) {
        const sheet = s.env.spreadsheet.getSheetByName(t);
        sheet?.insertRowsAfter(sheet.getMaxRows(), 100);
      }
    });
    const run = nextExecution(s.env.shared);
    recordReturn(run.platform, {
      key: `r${n}`,
      order: s.receipt.orderNo,
      till: 'Till 1',
      lines: [{ sku: MUG.sku, qty: 1, disposition: 'restock' }],
      refund: 'credit',
    });
    const m = run.env.meter.snapshot();
    return { byMethod: m.byMethod, cellsRead: m.cellsRead };
  });
  expect(counts[1].byMethod).toEqual(counts[0].byMethod);
  expect(counts[1].cellsRead).toBe(counts[0].cellsRead);
  expect(counts[0].byMethod['SpreadsheetApp.flush']).toBe(1);
});
