/**
 * The exchange in the sidebar: the Return panel's chosen lines become a credit on the sale, only
 * the difference is paid (one payment, cash or card) or given back, and Complete sends one
 * recordExchange with the sale's key, the same key on every retry.
 */
import fc from 'fast-check';
import type { ExchangeReceipt, ReturnableOrder, ReturnQuote } from '../../src/app/returns/return-api-types';
import type { Receipt } from '../../src/app/till/api-types';
import { addProduct } from '../../src/ui/till/cart';
import { exchangeCredit, exchangeDone, exchangeDraft, exchangeSplit } from '../../src/ui/till/exchange';
import { cancelExchange, startExchange } from '../../src/ui/till/exchange-actions';
import { draftKey, quoteDraft } from '../../src/ui/till/return-quote';
import { returning } from '../../src/ui/till/returns';
import { saleFigures } from '../../src/ui/till/sale';
import * as actions from '../../src/ui/till/sale-actions';
import { emptySale, type SaleState, state } from '../../src/ui/till/state';
import { COFFEE, MUG, tillState } from './till-fixtures';

/** R-000003: 2 coffees sold, 1 already back; a mug. */
const ORDER: ReturnableOrder = {
  orderId: 'O-000003',
  orderNo: 'R-000003',
  channel: 'Store',
  shop: '',
  status: 'paid',
  created: '2024-05-01T10:00:00.000Z',
  invoiceNo: 'T-2024-000003',
  total: 2 * COFFEE.price + MUG.price,
  lines: [
    { sku: COFFEE.sku, name: COFFEE.name, sold: 2, returned: 1, returnable: 1, unitPrice: COFFEE.price },
    { sku: MUG.sku, name: MUG.name, sold: 1, returned: 0, returnable: 1, unitPrice: MUG.price },
  ],
  currency: 'EUR',
  exponent: 2,
};

/** The server's quote for lines back at the price they were sold (no discount, no credit spent). */
function quoteOf(order: ReturnableOrder, qtys: number[]): ReturnQuote {
  const lines = order.lines.flatMap((l, i) =>
    qtys[i] > 0 ? [{ sku: l.sku, name: l.name, qty: -qtys[i], total: -qtys[i] * l.unitPrice }] : [],
  );
  const total = lines.reduce((sum, l) => sum + l.total, 0);
  return {
    orderId: order.orderId,
    orderNo: order.orderNo,
    lines,
    net: total,
    vat: 0,
    total,
    method: 'cash',
    refund: -total,
    givenBack: 0,
    currency: 'EUR',
    exponent: 2,
  };
}

/** The Return panel as it is when the server's quote for what is chosen has come. */
function chooseWithQuote(order: ReturnableOrder, qtys: number[], quote = quoteOf(order, qtys)): void {
  returning.order = order;
  returning.refund = 'cash';
  returning.choices = qtys.map((qty) => ({ qty, disposition: 'restock' }));
  const draft = quoteDraft(order, returning.choices, 'cash', state.till, state.data?.location);
  returning.quoted = { key: draftKey(draft), quote, problem: null };
}

const data = tillState();
const coffeeBack = () =>
  exchangeCredit(
    ORDER,
    [
      { qty: 1, disposition: 'restock' },
      { qty: 0, disposition: 'restock' },
    ],
    'cash',
    quoteOf(ORDER, [1, 0]),
  );
const saleWith = (cart: SaleState['cart'], over: Partial<SaleState> = {}): SaleState => ({
  ...emptySale('key-1'),
  cart,
  exchange: coffeeBack(),
  ...over,
});
const twoMugs = addProduct([], MUG, 2); // 2 × 8.99 = 17.98 > 12.50

describe('the credit of an exchange', () => {
  it('is the chosen lines (never more than may come back) at the server’s quoted value', () => {
    const quote = quoteOf(ORDER, [1, 1]);
    const credit = exchangeCredit(
      ORDER,
      [
        { qty: 5, disposition: 'damaged' },
        { qty: 1, disposition: 'restock' },
      ],
      'cash',
      quote,
    );
    expect(credit).toEqual({
      orderId: 'O-000003',
      orderNo: 'R-000003',
      lines: [
        { sku: COFFEE.sku, name: COFFEE.name, qty: 1, disposition: 'damaged', value: COFFEE.price },
        { sku: MUG.sku, name: MUG.name, qty: 1, disposition: 'restock', value: MUG.price },
      ],
      value: COFFEE.price + MUG.price,
      givenBack: 0,
      refund: 'cash',
    });
    expect(exchangeCredit(ORDER, [{ qty: 0, disposition: 'restock' }], 'cash', quote)).toBeNull();
  });

  it('two lines of one SKU each show their own quoted value, not the last one’s', () => {
    // The same coffee sold twice in one order: at full price, then with 2.00 off.
    const twice: ReturnableOrder = {
      ...ORDER,
      lines: [
        { sku: COFFEE.sku, name: COFFEE.name, sold: 1, returned: 0, returnable: 1, unitPrice: COFFEE.price },
        { sku: COFFEE.sku, name: COFFEE.name, sold: 1, returned: 0, returnable: 1, unitPrice: COFFEE.price },
      ],
    };
    const quote = quoteOf(twice, [1, 1]);
    quote.lines[1].total += 200;
    quote.total += 200;
    quote.refund -= 200;
    const credit = exchangeCredit(
      twice,
      [
        { qty: 1, disposition: 'restock' },
        { qty: 1, disposition: 'damaged' },
      ],
      'cash',
      quote,
    );
    expect(credit?.lines.map((l) => l.value)).toEqual([COFFEE.price, COFFEE.price - 200]);
    expect(credit?.value).toBe(2 * COFFEE.price - 200);
  });

  it('each line’s values add up to the quote’s lines however the server spread a SKU over them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 4 }),
        (chosen, quoted) => {
          const order: ReturnableOrder = {
            ...ORDER,
            lines: chosen.map((qty) => ({
              sku: COFFEE.sku,
              name: COFFEE.name,
              sold: qty,
              returned: 0,
              returnable: qty,
              unitPrice: COFFEE.price,
            })),
          };
          const quote = quoteOf(order, chosen);
          quote.lines = quoted.map((v) => ({ sku: COFFEE.sku, name: COFFEE.name, qty: -1, total: -v }));
          const credit = exchangeCredit(
            order,
            chosen.map((qty) => ({ qty, disposition: 'restock' as const })),
            'cash',
            quote,
          );
          const sum = (credit?.lines ?? []).reduce((s, l) => s + l.value, 0);
          expect(sum).toBe(quoted.reduce((s, v) => s + v, 0));
        },
      ),
    );
  });

  it('pays for the new goods: what is left to pay and what is given back never both, and add up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (total, credit) => {
          const { toPay, giveBack } = exchangeSplit(total, credit);
          expect(toPay).toBeGreaterThanOrEqual(0);
          expect(giveBack).toBeGreaterThanOrEqual(0);
          expect(toPay === 0 || giveBack === 0).toBe(true);
          expect(toPay - giveBack).toBe(total - credit);
        },
      ),
    );
  });
});

describe('the payment of an exchange', () => {
  it('new goods that cost more: the difference is to pay, and Complete waits for it', () => {
    const f = saleFigures(saleWith(twoMugs), data, 'bad');
    expect(f).toMatchObject({ total: 2 * MUG.price, credit: COFFEE.price, giveBack: 0, canComplete: false });
    expect(f.due).toBe(2 * MUG.price - COFFEE.price);
    const paid = saleFigures(
      saleWith(twoMugs, { payments: [{ method: 'cash', amount: f.due, tendered: 1000 }] }),
      data,
      'bad',
    );
    expect(paid).toMatchObject({ due: 0, change: 1000 - f.due, canComplete: true });
  });

  it('new goods that cost less: nothing to pay, the rest is given back, Complete is ready', () => {
    const f = saleFigures(saleWith(addProduct([], MUG)), data, 'bad');
    expect(f).toMatchObject({ due: 0, giveBack: COFFEE.price - MUG.price, canComplete: true });
    // An exchange sells something: an empty cart cannot be completed.
    expect(saleFigures(saleWith([]), data, 'bad').canComplete).toBe(false);
  });

  it('the draft carries the sale key, what comes back, what goes out, and the one payment', () => {
    const cash = saleWith(twoMugs, { payments: [{ method: 'cash', amount: 548, tendered: 1000 }] });
    expect(exchangeDraft(cash, data)).toEqual({
      key: 'key-1',
      order: 'O-000003',
      lines: [{ sku: COFFEE.sku, qty: 1, disposition: 'restock' }],
      sell: [{ sku: MUG.sku, qty: 2 }],
      till: 'Till 1',
      location: 'Store',
      refund: 'cash',
      pay: { method: 'cash', amount: 548, tendered: 1000 },
    });
    const card = saleWith(twoMugs, { payments: [{ method: 'card', amount: 548 }] });
    // The amount collected goes with it: the server refuses a difference that is not its own.
    expect(exchangeDraft(card, data, true)).toMatchObject({
      pay: { method: 'card', amount: 548 },
      confirmOversell: true,
    });
    const less = saleWith(addProduct([], MUG));
    less.exchange = { ...(less.exchange as NonNullable<SaleState['exchange']>), refund: 'card' };
    const draft = exchangeDraft(less, data);
    expect(draft.pay).toBeUndefined();
    expect(draft.refund).toBe('card');
  });

  it('the receipt tells the return, the difference and the cash handed over for it', () => {
    const done = exchangeDone({
      return: { returnId: 'O-000004', invoiceNo: 'R-2024-000001', total: -COFFEE.price },
      sale: { change: 452 },
      difference: 548,
      method: 'cash',
      replayed: false,
    } as unknown as ExchangeReceipt);
    expect(done).toEqual({
      returnNo: 'O-000004',
      returnInvoiceNo: 'R-2024-000001',
      returned: COFFEE.price,
      difference: 548,
      method: 'cash',
      handed: 1000,
    });
  });
});

/** A google.script.run whose recordExchange calls wait for the test; other calls fail (offline). */
const sent: { draft: unknown; succeed: (v: unknown) => void; fail: (e: unknown) => void }[] = [];
function runner(succeed: (v: unknown) => void = () => {}, fail: (e: unknown) => void = () => {}): unknown {
  return new Proxy(
    {},
    {
      get(_t, prop) {
        if (prop === 'withSuccessHandler') return (fn: (v: unknown) => void) => runner(fn, fail);
        if (prop === 'withFailureHandler') return (fn: (e: unknown) => void) => runner(succeed, fn);
        if (prop === 'recordExchange') return (draft: unknown) => sent.push({ draft, succeed, fail });
        return (..._args: unknown[]) => fail(new Error('offline'));
      },
    },
  );
}
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('Exchange instead, then Complete', () => {
  beforeAll(() => {
    (globalThis as { google?: unknown }).google = { script: { run: runner() } };
  });

  it('one recordExchange per exchange: a double click sends nothing new, a failed call is sent again with the same key', async () => {
    state.data = tillState();
    state.sale = emptySale('sale-key');
    chooseWithQuote(ORDER, [1, 0]);
    startExchange();
    expect(state.sale.exchange?.value).toBe(COFFEE.price);
    expect(returning.order).toBeNull(); // the Return panel is done with it

    expect(actions.addToCart(MUG)).toBe(true);
    actions.stepQty(MUG.sku, 1);
    // Part of the difference is refused: one payment for the whole of it.
    actions.startPayment('card');
    actions.typeEntry('1');
    actions.confirmEntry();
    expect(state.sale.payments).toEqual([]);
    expect(state.messages[state.messages.length - 1]?.text).toMatch(/one payment for the whole difference/);
    actions.startPayment('cash');
    actions.typeEntry('10');
    actions.confirmEntry();
    const due = 2 * MUG.price - COFFEE.price;
    expect(state.sale.payments).toEqual([{ method: 'cash', amount: due, tendered: 1000 }]);

    void actions.completeSale();
    void actions.completeSale(); // a double click
    expect(sent).toHaveLength(1);
    sent[0].fail(new Error('network'));
    await flush();
    expect(state.sale.exchange).not.toBeNull(); // kept on screen, not queued
    void actions.completeSale();
    expect(sent).toHaveLength(2);
    expect(sent[1].draft).toEqual(sent[0].draft);
    expect(sent[1].draft).toMatchObject({
      key: 'sale-key',
      order: 'O-000003',
      pay: { method: 'cash', amount: due, tendered: 1000 },
    });

    const sale = { orderNo: 'R-000004', invoiceNo: 'T-2024-000004', change: 1000 - due } as Receipt;
    sent[1].succeed({
      ok: true,
      value: {
        return: { returnId: 'O-000005', invoiceNo: 'R-2024-000001', total: -COFFEE.price, skusChanged: [] },
        sale,
        difference: due,
        method: 'cash',
        replayed: false,
      },
    });
    await flush();
    expect(state.receipt).toMatchObject({
      receipt: sale,
      exchange: { returnInvoiceNo: 'R-2024-000001', difference: due, handed: 1000 },
    });
    expect(state.sale.exchange).toBeNull();
    expect(state.sale.key).not.toBe('sale-key');
  });
});

describe('Cancel exchange after a call that got no answer', () => {
  it('is refused until a retry is answered: the exchange may be recorded, and the sale must not be sent again', async () => {
    sent.length = 0;
    state.data = tillState();
    state.sale = emptySale('unanswered-key');
    state.messages = [];
    chooseWithQuote(ORDER, [1, 0]);
    startExchange();
    actions.addToCart(MUG); // costs less than the coffee: nothing to pay
    void actions.completeSale();
    sent[0].fail(new Error('network'));
    await flush();

    cancelExchange();
    expect(state.sale.exchange).not.toBeNull();
    expect(state.messages[state.messages.length - 1]?.text).toMatch(/Complete exchange again/);
    // So Complete still sends the exchange (same key), never a plain sale with that key.
    void actions.completeSale();
    expect(sent.map((s) => (s.draft as { key: string }).key)).toEqual(['unanswered-key', 'unanswered-key']);

    // A refusal is an answer: nothing was recorded, so the exchange may be cancelled now.
    sent[1].succeed({ ok: false, problem: { code: 'no-session', message: 'Till 1 is not open.' } });
    await flush();
    cancelExchange();
    expect(state.sale.exchange).toBeNull();
    expect(state.sale.cart.map((l) => l.sku)).toEqual([MUG.sku]);
  });
});

describe('Exchange instead without the server’s quote', () => {
  it('does nothing but say so: the credit is only ever the server’s figure', () => {
    state.data = tillState();
    state.sale = emptySale('no-quote-key');
    state.messages = [];
    returning.order = ORDER;
    returning.choices = [
      { qty: 1, disposition: 'restock' },
      { qty: 0, disposition: 'restock' },
    ];
    returning.quoted = null;
    startExchange();
    expect(state.sale.exchange).toBeNull();
    expect(returning.order).toBe(ORDER); // the Return panel keeps the choice
    expect(state.messages[state.messages.length - 1]?.text).toMatch(/amount/i);

    // A refusal is no quote either.
    const draft = quoteDraft(ORDER, returning.choices, 'cash', state.till, state.data.location);
    returning.quoted = { key: draftKey(draft), quote: null, problem: 'Till 1 is not open.' };
    startExchange();
    expect(state.sale.exchange).toBeNull();
  });
});
