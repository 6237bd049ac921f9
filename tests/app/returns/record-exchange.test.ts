/** An exchange: a return and a sale in one commit, the difference paid or refunded, one key. */
import { checkLedger } from '../../../src/app/check-ledger';
import { type ExchangeDraft, recordExchange } from '../../../src/app/returns/record-exchange';
import { createCustomer } from '../../../src/app/till/customers';
import { asResult } from '../../../src/app/till/problems';
import { recordSale } from '../../../src/app/till/record-sale';
import { COFFEE, cashSale, MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';

type Env = ReturnType<typeof tillLedger>['env'];
const records = (env: Env, tab: string) =>
  env.meter.uncounted(() => {
    const [header, ...data] = env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues() ?? [];
    return data.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
  });
const cents = (v: unknown) => Math.round(Number(v) * 100);
const drawer = (env: Env) => cents(records(env, 'Till Sessions')[0]['Expected cash']);
const onHand = (env: Env, sku: string) =>
  records(env, 'Stock').find((s) => s.SKU === sku && s.Location === 'Store')?.['On hand'] as number;

/** A coffee (12.90) sold in cash: the customer comes back to swap it. */
function coffeeSold() {
  const s = tillLedger();
  const receipt = recordSale(s.platform, cashSale('sale-1', [{ sku: COFFEE.sku, qty: 1 }], COFFEE.price));
  return { ...s, receipt };
}

test('the new goods cost more: one commit with both invoices, the customer pays the difference, the drawer moves by it', () => {
  const { env, receipt } = coffeeSold();
  const run = nextExecution(env.shared);
  const before = { drawer: drawer(env), coffee: onHand(env, COFFEE.sku), mug: onHand(env, MUG.sku) };
  // Two mugs for one coffee: 2 × MUG − COFFEE more, paid in cash with a round note.
  const difference = 2 * MUG.price - COFFEE.price;
  expect(difference).toBeGreaterThan(0);
  const x = recordExchange(run.platform, {
    key: 'ex-1',
    order: receipt.orderNo,
    lines: [{ sku: COFFEE.sku, qty: 1, disposition: 'restock' }],
    sell: [{ sku: MUG.sku, qty: 2 }],
    till: 'Till 1',
    pay: { method: 'cash', tendered: 5000 },
  });
  expect(run.env.meter.snapshot().byMethod['SpreadsheetApp.flush']).toBe(1);
  expect(x.difference).toBe(difference);
  expect(x.method).toBe('cash');
  expect(x.return.invoiceNo).toMatch(/^R-\d{4}-000001$/);
  expect(x.sale.invoiceNo).toMatch(/^T-\d{4}-000002$/);
  expect(x.sale.change).toBe(5000 - difference);
  expect(x.return.total).toBe(-COFFEE.price);
  expect(x.sale.total).toBe(2 * MUG.price);

  const orders = records(env, 'Orders');
  expect(orders.map((o) => [o.Type, o.Key, o['Refund of']])).toEqual([
    ['sale', 'sale-1', ''],
    ['return', 'ex-1:return', receipt.orderId],
    ['sale', 'ex-1:sale', ''],
  ]);
  // The coffee's value goes through cash both ways; the drawer keeps only the difference.
  expect(drawer(env)).toBe(before.drawer + difference);
  expect(onHand(env, COFFEE.sku)).toBe(before.coffee + 1);
  expect(onHand(env, MUG.sku)).toBe(before.mug - 2);
  expect(records(env, 'Invoices').map((i) => i.Series)).toEqual(['T', 'R', 'T']);
  expect(checkLedger(run.platform.workbook).problems).toEqual([]);
});

test('the new goods cost less: the rest is refunded in the method asked (card), and the drawer does not move', () => {
  const { env, receipt } = coffeeSold();
  const before = drawer(env);
  const x = recordExchange(nextExecution(env.shared).platform, {
    key: 'ex-2',
    order: receipt.orderNo,
    lines: [{ sku: COFFEE.sku, qty: 1, disposition: 'damaged' }],
    sell: [{ sku: MUG.sku, qty: 1 }],
    till: 'Till 1',
    refund: 'card',
  });
  expect(x.difference).toBe(MUG.price - COFFEE.price);
  expect(x.method).toBe('card');
  expect(drawer(env)).toBe(before);
  const [ret, sale] = records(env, 'Orders').slice(1);
  const pays = records(env, 'Payments');
  expect(
    pays.filter((p) => p['Order ID'] === ret['Order ID']).map((p) => [p.Method, cents(p.Amount)]),
  ).toEqual([['card', -COFFEE.price]]);
  expect(
    pays.filter((p) => p['Order ID'] === sale['Order ID']).map((p) => [p.Method, cents(p.Amount)]),
  ).toEqual([['card', MUG.price]]);
});

test('the new goods cost less, refunded in cash: the drawer drops by the difference only', () => {
  const { env, receipt } = coffeeSold();
  const before = drawer(env);
  recordExchange(nextExecution(env.shared).platform, {
    key: 'ex-3',
    order: receipt.orderNo,
    lines: [{ sku: COFFEE.sku, qty: 1, disposition: 'restock' }],
    sell: [{ sku: MUG.sku, qty: 1 }],
    till: 'Till 1',
  });
  expect(drawer(env)).toBe(before - (COFFEE.price - MUG.price));
});

test('a retry with the same key writes nothing and gets both receipts again', () => {
  const { env, receipt } = coffeeSold();
  const draft: ExchangeDraft = {
    key: 'ex-4',
    order: receipt.orderNo,
    lines: [{ sku: COFFEE.sku, qty: 1, disposition: 'restock' }],
    sell: [{ sku: MUG.sku, qty: 2 }],
    till: 'Till 1',
    pay: { method: 'card' },
  };
  const first = recordExchange(nextExecution(env.shared).platform, draft);
  const tabs = ['Orders', 'Order Lines', 'Payments', 'Movements', 'Invoices'];
  const counts = tabs.map((t) => records(env, t).length);
  const cash = drawer(env);
  const again = recordExchange(nextExecution(env.shared).platform, draft);
  expect(again.replayed).toBe(true);
  expect(again.return.returnId).toBe(first.return.returnId);
  expect(again.sale.orderId).toBe(first.sale.orderId);
  expect(again.sale.invoiceNo).toBe(first.sale.invoiceNo);
  expect(again.difference).toBe(first.difference);
  expect(tabs.map((t) => records(env, t).length)).toEqual(counts);
  expect(drawer(env)).toBe(cash);
});

test('refused before anything is written: new goods short of stock, or the difference not paid', () => {
  const { env, receipt } = coffeeSold();
  const tabs = ['Orders', 'Payments', 'Movements', 'Invoices'];
  const counts = tabs.map((t) => records(env, t).length);
  const base = {
    order: receipt.orderNo,
    lines: [{ sku: COFFEE.sku, qty: 1, disposition: 'restock' as const }],
    till: 'Till 1',
  };
  const short = asResult(() =>
    recordExchange(nextExecution(env.shared).platform, {
      ...base,
      key: 'ex-5',
      sell: [{ sku: MUG.sku, qty: 100_000 }],
      pay: { method: 'card' },
    }),
  );
  expect(short).toMatchObject({ ok: false, problem: { code: 'stock-short' } });
  const unpaid = asResult(() =>
    recordExchange(nextExecution(env.shared).platform, {
      ...base,
      key: 'ex-6',
      sell: [{ sku: MUG.sku, qty: 3 }],
    }),
  );
  expect(unpaid).toMatchObject({ ok: false, problem: { code: 'bad-input' } });
  expect(unpaid.ok ? '' : unpaid.problem.message).toMatch(/difference/);
  const tooLittle = asResult(() =>
    recordExchange(nextExecution(env.shared).platform, {
      ...base,
      key: 'ex-7',
      sell: [{ sku: MUG.sku, qty: 3 }],
      pay: { method: 'cash', tendered: 1 },
    }),
  );
  expect(tooLittle).toMatchObject({ ok: false, problem: { code: 'payments-mismatch' } });
  expect(tabs.map((t) => records(env, t).length)).toEqual(counts);
});

test('an exchange costs the same service calls whatever the ledger size (no per-row calls)', () => {
  const counts = [1, 6].map((n) => {
    const s = coffeeSold();
    for (let i = 0; i < n; i++)
      recordSale(s.platform, cashSale(`pad-${i}`, [{ sku: 'TEA-EGR-100', qty: 1 }], 890));
    s.env.meter.uncounted(() => {
      for (const t of ['Orders', 'Order Lines', 'Payments', 'Movements', 'Invoices']) {
        const sheet = s.env.spreadsheet.getSheetByName(t);
        sheet?.insertRowsAfter(sheet.getMaxRows(), 100);
      }
    });
    const run = nextExecution(s.env.shared);
    recordExchange(run.platform, {
      key: 'ex',
      order: s.receipt.orderNo,
      lines: [{ sku: COFFEE.sku, qty: 1, disposition: 'restock' }],
      sell: [{ sku: MUG.sku, qty: 1 }],
      till: 'Till 1',
    });
    return run.env.meter.snapshot().byMethod;
  });
  expect(counts[1]).toEqual(counts[0]);
});

test('a refund method the till does not know is refused before anything is written', () => {
  const { env, receipt } = coffeeSold();
  const tabs = ['Orders', 'Payments', 'Movements', 'Invoices', 'Till Sessions'];
  const before = tabs.map((t) => records(env, t));
  const result = asResult(() =>
    recordExchange(nextExecution(env.shared).platform, {
      key: 'ex-cheque',
      order: receipt.orderNo,
      lines: [{ sku: COFFEE.sku, qty: 1, disposition: 'restock' }],
      sell: [{ sku: MUG.sku, qty: 1 }],
      till: 'Till 1',
      refund: 'cheque' as never,
    }),
  );
  expect(result).toEqual({
    ok: false,
    problem: expect.objectContaining({
      code: 'bad-input',
      message: '"cheque" is not a refund method: use cash, card or credit.',
    }),
  });
  expect(tabs.map((t) => records(env, t))).toEqual(before);
});

test('what the sale half would refuse (its customer gone from Customers) is refused before the return half is written', () => {
  const s = tillLedger();
  const ana = createCustomer(s.platform, { key: 'c1', name: 'Ana', email: 'ana@example.com' });
  const receipt = recordSale(s.platform, {
    ...cashSale('sale-ana', [{ sku: COFFEE.sku, qty: 1 }], COFFEE.price),
    customerId: ana.customerId,
  });
  // The customer's row is removed by hand: the Orders row still names her.
  s.env.meter.uncounted(() => {
    const sheet = s.env.spreadsheet.getSheetByName('Customers');
    const values = sheet?.getDataRange().getValues() ?? [];
    const row = values.findIndex((r) => r[values[0].indexOf('Customer ID')] === ana.customerId);
    sheet?.deleteRow(row + 1);
  });
  const tabs = [
    'Orders',
    'Order Lines',
    'Payments',
    'Movements',
    'Stock',
    'Invoices',
    'Till Sessions',
    'Loyalty',
  ];
  const before = tabs.map((t) => records(s.env, t));
  const result = asResult(() =>
    recordExchange(nextExecution(s.env.shared).platform, {
      key: 'ex-gone',
      order: receipt.orderNo,
      lines: [{ sku: COFFEE.sku, qty: 1, disposition: 'restock' }],
      sell: [{ sku: MUG.sku, qty: 1 }],
      till: 'Till 1',
    }),
  );
  expect(result).toMatchObject({ ok: false, problem: { code: 'unknown-customer' } });
  expect(tabs.map((t) => records(s.env, t))).toEqual(before);
});

test('an exchange whose commit was cut short after the return half is completed on retry: the sale is recorded, paid as on the first try', () => {
  const { env, receipt } = coffeeSold();
  const draft: ExchangeDraft = {
    key: 'ex-half',
    order: receipt.orderNo,
    lines: [{ sku: COFFEE.sku, qty: 1, disposition: 'restock' }],
    sell: [{ sku: MUG.sku, qty: 2 }],
    till: 'Till 1',
    pay: { method: 'cash', tendered: 5000 },
  };
  // A whole exchange on one copy of the ledger, to compare with.
  const whole = coffeeSold();
  const expected = recordExchange(nextExecution(whole.env.shared).platform, draft);

  // On this one the execution stops between the halves (the clock is asked once by each half:
  // the second time it throws, as a timeout would), so only the return half is written.
  const cut = nextExecution(env.shared).platform;
  let asked = 0;
  const stopping = {
    ...cut,
    clock: {
      ...cut.clock,
      now: () => {
        asked += 1;
        if (asked > 1) throw new Error('Exceeded maximum execution time');
        return cut.clock.now();
      },
    },
  };
  expect(() => recordExchange(stopping, draft)).toThrow('Exceeded maximum execution time');
  expect(records(env, 'Orders').map((o) => o.Key)).toEqual(['sale-1', 'ex-half:return']);

  const again = recordExchange(nextExecution(env.shared).platform, draft);
  expect(again.return.replayed).toBe(true);
  expect(again.sale.replayed).toBe(false);
  expect(again.sale.total).toBe(expected.sale.total);
  expect(again.difference).toBe(expected.difference);
  expect(again.sale.change).toBe(expected.sale.change);
  expect(records(env, 'Orders').map((o) => o.Key)).toEqual(['sale-1', 'ex-half:return', 'ex-half:sale']);
  const pays = (e: Env) =>
    records(e, 'Payments')
      .filter((p) => String(p['Payment ID']).startsWith(String(records(e, 'Orders')[2]['Order ID'])))
      .map((p) => [p.Method, cents(p.Amount)]);
  expect(pays(env)).toEqual(pays(whole.env));
  expect(drawer(env)).toBe(drawer(whole.env));
  // And a third try replays both halves.
  expect(recordExchange(nextExecution(env.shared).platform, draft).replayed).toBe(true);
});
