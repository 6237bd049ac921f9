/**
 * The Return panel before Confirm: the server's quote (quoteReturn) for what is chosen, an answer
 * for an older choice dropped, Confirm waiting for it, the exchange's credit taken from it; and a
 * receipt's barcode scanned into #scan opening the panel on that order.
 * google.script.run is a stand-in whose calls wait for the test to answer them.
 */
import type { ReturnableOrder, ReturnQuote } from '../../src/app/returns/return-api-types';
import { startExchange } from '../../src/ui/till/exchange-actions';
import { ProductIndex } from '../../src/ui/till/lookup';
import { answerFor, chosenLines, draftKey, quoteDraft } from '../../src/ui/till/return-quote';
import {
  chooseLine,
  chooseRefund,
  currentQuote,
  newReturn,
  quoteNow,
  quotePending,
  quoteProblem,
  returning,
} from '../../src/ui/till/returns';
import * as actions from '../../src/ui/till/sale-actions';
import { emptySale, state } from '../../src/ui/till/state';
import { COFFEE, MUG, tillState } from './till-fixtures';

/** R-000003: 2 coffees sold, 1 already back; 2 mugs with a discount. */
const ORDER: ReturnableOrder = {
  orderId: 'O-000003',
  orderNo: 'R-000003',
  channel: 'Store',
  shop: '',
  status: 'partially refunded',
  created: '2024-05-01T10:00:00.000Z',
  invoiceNo: 'T-2024-000003',
  total: 2 * COFFEE.price + 2 * MUG.price - 200,
  lines: [
    { sku: COFFEE.sku, name: COFFEE.name, sold: 2, returned: 1, returnable: 1, unitPrice: COFFEE.price },
    { sku: MUG.sku, name: MUG.name, sold: 2, returned: 0, returnable: 2, unitPrice: MUG.price },
  ],
  currency: 'EUR',
  exponent: 2,
};

/** Two mugs back: 17.98 less the 2.00 discount; 5.00 of it was paid in store credit. */
const QUOTE: ReturnQuote = {
  orderId: 'O-000003',
  orderNo: 'R-000003',
  lines: [{ sku: MUG.sku, name: MUG.name, qty: -2, total: -(2 * MUG.price - 200) }],
  net: -1320,
  vat: -278,
  total: -(2 * MUG.price - 200),
  method: 'cash',
  refund: 2 * MUG.price - 200 - 500,
  givenBack: 500,
  currency: 'EUR',
  exponent: 2,
};

const calls: { name: string; args: unknown[]; succeed: (v: unknown) => void }[] = [];
function runner(succeed: (v: unknown) => void = () => {}, fail: (e: unknown) => void = () => {}): unknown {
  return new Proxy(
    {},
    {
      get(_t, prop: string) {
        if (prop === 'withSuccessHandler') return (fn: (v: unknown) => void) => runner(fn, fail);
        if (prop === 'withFailureHandler') return (fn: (e: unknown) => void) => runner(succeed, fn);
        return (...args: unknown[]) => calls.push({ name: prop, args, succeed });
      },
    },
  );
}
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const globals = globalThis as { google?: unknown };
beforeAll(() => {
  globals.google = { script: { run: runner() } };
});
afterAll(() => {
  delete globals.google;
});
beforeEach(() => {
  calls.length = 0;
  state.data = tillState();
  state.sale = emptySale('sale-key');
  state.receipt = null;
  newReturn();
});
afterEach(() => {
  // A quote asked for by chooseLine waits QUOTE_DELAY_MS: drop the choice so it asks nothing.
  newReturn();
});

const twoMugs = () => {
  returning.order = ORDER;
  returning.choices = [
    { qty: 0, disposition: 'restock' },
    { qty: 2, disposition: 'damaged' },
  ];
};

describe('the choice as the server takes it', () => {
  it('keeps the chosen lines only, never more than may come back, with their disposition', () => {
    expect(
      chosenLines(ORDER, [
        { qty: 5, disposition: 'lost' },
        { qty: 0, disposition: 'restock' },
      ]),
    ).toEqual([{ sku: COFFEE.sku, qty: 1, disposition: 'lost' }]);
    expect(quoteDraft(ORDER, [], 'cash', 'Till 1', 'Store')).toBeNull();
    expect(quoteDraft(null, [{ qty: 1, disposition: 'restock' }], 'cash', 'Till 1', 'Store')).toBeNull();
  });

  it('a quote answers only the choice it was asked for', () => {
    const draft = quoteDraft(ORDER, [{ qty: 1, disposition: 'restock' }], 'cash', 'Till 1', 'Store');
    const quoted = { key: draftKey(draft), quote: QUOTE, problem: null };
    expect(answerFor(quoted, draft)).toBe(quoted);
    for (const other of [
      quoteDraft(ORDER, [{ qty: 1, disposition: 'damaged' }], 'cash', 'Till 1', 'Store'),
      quoteDraft(ORDER, [{ qty: 1, disposition: 'restock' }], 'card', 'Till 1', 'Store'),
      quoteDraft(ORDER, [{ qty: 1, disposition: 'restock' }], 'cash', 'Till 2', 'Store'),
    ])
      expect(answerFor(quoted, other)).toBeNull();
  });
});

describe('the Return panel asks the server for the amount', () => {
  it('sends quoteReturn for what is chosen; Confirm waits until it answers, then shows its figures', async () => {
    twoMugs();
    expect(quotePending()).toBe(true);
    void quoteNow();
    expect(calls.map((c) => c.name)).toEqual(['quoteReturn']);
    expect(calls[0].args[0]).toEqual({
      order: 'O-000003',
      lines: [{ sku: MUG.sku, qty: 2, disposition: 'damaged' }],
      refund: 'cash',
      till: 'Till 1',
      location: 'Store',
    });
    expect(quotePending()).toBe(true);
    calls[0].succeed({ ok: true, value: QUOTE });
    await flush();
    expect(quotePending()).toBe(false);
    expect(currentQuote()).toEqual(QUOTE);

    // Another refund method is another return to price: the quote on screen no longer stands.
    chooseRefund('card');
    expect(quotePending()).toBe(true);
    expect(currentQuote()).toBeNull();
  });

  it('drops an answer for a choice changed while it was on its way', async () => {
    twoMugs();
    void quoteNow();
    chooseLine(1, { qty: 1 });
    calls[0].succeed({ ok: true, value: QUOTE });
    await flush();
    expect(currentQuote()).toBeNull();
    expect(quotePending()).toBe(true);
  });

  it('a refusal is shown in the panel, and Confirm is not held back by it', async () => {
    twoMugs();
    void quoteNow();
    calls[0].succeed({ ok: false, problem: { code: 'no-session', message: 'Till 1 is not open.' } });
    await flush();
    expect(quotePending()).toBe(false);
    expect(quoteProblem()).toBe('Till 1 is not open.');
  });

  it('Exchange instead takes its credit from the quote: the money given back, not qty × price', async () => {
    twoMugs();
    void quoteNow();
    calls[0].succeed({ ok: true, value: QUOTE });
    await flush();
    startExchange();
    expect(state.sale.exchange).toMatchObject({
      value: QUOTE.refund,
      givenBack: 500,
      lines: [{ sku: MUG.sku, qty: 2, value: 2 * MUG.price - 200 }],
    });
    expect(state.sale.exchange?.value).not.toBe(2 * MUG.price);
  });
});

describe('a receipt scanned into #scan', () => {
  it('opens the Return panel on that order and leaves the cart alone', () => {
    state.index = new ProductIndex([COFFEE, MUG]);
    expect(actions.addToCart(MUG)).toBe(true);
    const cart = state.sale.cart;
    expect(actions.scanEnter('R-000003', null)).toBe(true);
    expect(returning.asked).toBe('R-000003');
    expect(calls.map((c) => [c.name, c.args[0]])).toEqual([['findReturnable', 'R-000003']]);
    expect(state.sale.cart).toBe(cart);
  });

  it('a product whose SKU has that shape still sells', () => {
    const odd = { ...MUG, sku: 'R-000777', barcode: '' };
    state.index = new ProductIndex([odd]);
    expect(actions.scanEnter('R-000777', null)).toBe(true);
    expect(returning.asked).toBeNull();
    expect(state.sale.cart.map((l) => l.sku)).toEqual(['R-000777']);
    expect(calls).toEqual([]);
  });
});
