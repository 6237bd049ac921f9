/** quoteReturn: the figures the Return panel shows before Confirm are the ones recordReturn then records, and quoting writes nothing. */
import fc from 'fast-check';
import { loadContext } from '../../../src/app/ledger-context';
import { postLoyalty } from '../../../src/app/loyalty/post-entries';
import { quoteReturn } from '../../../src/app/returns/quote-return';
import { recordReturn } from '../../../src/app/returns/record-return';
import type { ReturnQuoteDraft } from '../../../src/app/returns/return-api-types';
import { createCustomer } from '../../../src/app/till/customers';
import { quoteSale } from '../../../src/app/till/quote-sale';
import { recordSale } from '../../../src/app/till/record-sale';
import { tillApi } from '../../../src/app/till/till-api';
import { COFFEE, MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';

/**
 * Ana, given `credit` of store credit, buys 4 mugs (a `discount` off the line, in cents) and a
 * coffee, paying `credit` in store credit and the rest by card.
 */
function anaBought(credit: number, discount: number) {
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
  const lines = [
    { sku: MUG.sku, qty: 4, discount: { kind: 'amount' as const, value: discount } },
    { sku: COFFEE.sku, qty: 1 },
  ];
  const total = quoteSale(s.platform.workbook, lines).total;
  const receipt = recordSale(s.platform, {
    key: 'sale-1',
    till: 'Till 1',
    lines,
    payments: [
      ...(credit > 0 ? [{ method: 'credit' as const, amount: credit }] : []),
      { method: 'card' as const, amount: total - credit },
    ],
    customerId: ana.customerId,
  });
  return { ...s, receipt };
}

const draftOf = (
  orderNo: string,
  mugs: number,
  coffees: number,
  refund: ReturnQuoteDraft['refund'],
): ReturnQuoteDraft => ({
  order: orderNo,
  till: 'Till 1',
  refund,
  lines: [
    ...(mugs > 0 ? [{ sku: MUG.sku, qty: mugs, disposition: 'restock' as const }] : []),
    ...(coffees > 0 ? [{ sku: COFFEE.sku, qty: coffees, disposition: 'damaged' as const }] : []),
  ],
});

test('the quote of a discounted line on a sale partly paid in store credit is what the return records', () => {
  const { env, receipt } = anaBought(1000, 150);
  const draft = draftOf(receipt.orderNo, 2, 0, 'cash');

  // A fresh execution, as google.script.run gives each call: reads only.
  const quoting = nextExecution(env.shared);
  const quote = quoteReturn(quoting.platform, draft);
  const m = quoting.env.meter.snapshot();
  expect(m.cellsWritten).toBe(0);
  expect(m.cellsFormatted).toBe(0);
  for (const method of Object.keys(m.byMethod)) {
    expect(method).not.toMatch(
      /^(Range\.set|Range\.clear|Sheet\.(append|insert|delete)|SpreadsheetApp\.flush|Lock)/,
    );
  }
  expect(m.byMethod['LockService.getDocumentLock']).toBeUndefined();

  // The browser's guess (qty × price sold) is off: the discount's share comes off, and the credit
  // spent on the sale goes back as credit, not as cash.
  expect(-quote.total).toBeLessThan(2 * MUG.price);
  expect(quote.givenBack).toBeGreaterThan(0);
  expect(quote.refund).toBe(-quote.total - quote.givenBack);

  const recording = nextExecution(env.shared);
  const recorded = recordReturn(recording.platform, { ...draft, key: 'ret-1' });
  expect(quote).toEqual({
    orderId: recorded.originalId,
    orderNo: recorded.originalNo,
    lines: recorded.lines.map(({ sku, name, qty, total }) => ({ sku, name, qty, total })),
    net: recorded.net,
    vat: recorded.vat,
    total: recorded.total,
    method: 'cash',
    refund: recorded.refund.amount,
    givenBack: recorded.loyalty?.givenBack,
    currency: recorded.currency,
    exponent: recorded.exponent,
  });
});

test('any quote equals what Confirm then records (fast-check: discounts, credit spent, quantities, methods)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2000 }),
      fc.integer({ min: 0, max: 300 }),
      fc.integer({ min: 0, max: 4 }),
      fc.integer({ min: 0, max: 1 }),
      fc.constantFrom('cash' as const, 'card' as const, 'credit' as const),
      (credit, discount, mugs, coffees, refund) => {
        fc.pre(mugs + coffees > 0);
        const { env, receipt } = anaBought(credit, discount);
        const draft = draftOf(receipt.orderNo, mugs, coffees, refund);
        const quote = quoteReturn(nextExecution(env.shared).platform, draft);
        const recorded = recordReturn(nextExecution(env.shared).platform, { ...draft, key: 'ret' });
        expect([quote.net, quote.vat, quote.total]).toEqual([recorded.net, recorded.vat, recorded.total]);
        expect(quote.refund).toBe(recorded.refund.amount);
        expect(quote.givenBack).toBe(recorded.loyalty?.givenBack ?? 0);
      },
    ),
    { numRuns: 12 },
  );
});

test('quoteReturn through the API: plain data; what cannot come back is refused as a problem, nothing written', () => {
  const { env, platform, receipt } = anaBought(0, 0);
  const api = tillApi(() => platform);
  const quote = api.quoteReturn(draftOf(receipt.orderNo, 1, 0, 'card'));
  expect(JSON.parse(JSON.stringify(quote))).toEqual(quote);
  expect(quote).toMatchObject({ ok: true, value: { total: -MUG.price, refund: MUG.price, givenBack: 0 } });

  const before = env.meter.snapshot().cellsWritten;
  expect(api.quoteReturn(draftOf(receipt.orderNo, 5, 0, 'card'))).toMatchObject({
    ok: false,
    problem: { code: 'not-returnable' },
  });
  expect(
    api.quoteReturn({ ...draftOf(receipt.orderNo, 1, 0, 'card'), refund: 'cheque' as never }),
  ).toMatchObject({
    ok: false,
    problem: { code: 'bad-input' },
  });
  expect(api.quoteReturn({ ...draftOf(receipt.orderNo, 1, 0, 'card'), lines: [] })).toMatchObject({
    ok: false,
    problem: { code: 'bad-input' },
  });
  expect(env.meter.snapshot().cellsWritten).toBe(before);
});
