import type { PaymentDraft } from '../../src/app/till/api-types';
import { addProduct, type Cart, setDiscountText, setQtyText } from '../../src/ui/till/cart';
import {
  cardPayment,
  cashPayment,
  changeDue,
  creditPayment,
  paidSum,
  paymentsComplete,
  previewChange,
  remaining,
  removePayment,
} from '../../src/ui/till/payments';
import { saleDraft, saleFigures } from '../../src/ui/till/sale';
import { emptySale, type SaleState } from '../../src/ui/till/state';
import { COFFEE, MUG, tillState } from './till-fixtures';

/** Narrows a payment result to a payment, failing the test when it is a refusal. */
function ok(result: PaymentDraft | string): PaymentDraft {
  if (typeof result === 'string') throw new Error(`expected a payment, got '${result}'`);
  return result;
}

describe('split payments', () => {
  it('card for part, cash for the rest: change is tendered minus what was applied', () => {
    const total = 2500;
    const card = ok(cardPayment(1000, remaining(total, [])));
    expect(card).toStrictEqual({ method: 'card', amount: 1000 });
    expect(remaining(total, [card])).toBe(1500);
    expect(paymentsComplete(total, [card])).toBe(false);

    const cash = ok(cashPayment(2000, remaining(total, [card])));
    expect(cash).toStrictEqual({ method: 'cash', amount: 1500, tendered: 2000 });
    const payments = [card, cash];
    expect(paidSum(payments)).toBe(2500);
    expect(remaining(total, payments)).toBe(0);
    expect(changeDue(payments)).toBe(500);
    expect(paymentsComplete(total, payments)).toBe(true);
  });

  it('cash first for less than due, then card for exactly the rest', () => {
    const total = 4349;
    const cash = ok(cashPayment(2000, total));
    expect(cash).toStrictEqual({ method: 'cash', amount: 2000, tendered: 2000 });
    expect(remaining(total, [cash])).toBe(2349);
    expect(changeDue([cash])).toBe(0);
    expect(cardPayment(2350, remaining(total, [cash]))).toBe('too-much');
    const card = ok(cardPayment(2349, remaining(total, [cash])));
    expect(paymentsComplete(total, [cash, card])).toBe(true);
    expect(changeDue([cash, card])).toBe(0);
  });

  it('adds up the change of several cash payments', () => {
    const payments: PaymentDraft[] = [
      { method: 'cash', amount: 700, tendered: 1000 },
      { method: 'card', amount: 300 },
      { method: 'cash', amount: 450, tendered: 500 },
    ];
    expect(changeDue(payments)).toBe(300 + 50);
    expect(paidSum(payments)).toBe(1450);
  });

  it('completes only when the payments equal the total exactly', () => {
    const total = 1000;
    expect(paymentsComplete(total, [])).toBe(false);
    expect(paymentsComplete(total, [{ method: 'card', amount: 999 }])).toBe(false);
    expect(paymentsComplete(total, [{ method: 'card', amount: 1000 }])).toBe(true);
    expect(paymentsComplete(total, [{ method: 'card', amount: 1001 }])).toBe(false);
    expect(
      paymentsComplete(total, [
        { method: 'card', amount: 600 },
        { method: 'cash', amount: 500, tendered: 500 },
      ]),
    ).toBe(false);
    expect(remaining(total, [{ method: 'card', amount: 1200 }])).toBe(-200);
    // A sale discounted to nothing needs no payment.
    expect(paymentsComplete(0, [])).toBe(true);
  });

  it('refuses a payment when nothing is due, a bad amount, or card above what is due', () => {
    expect(cashPayment(500, 0)).toBe('nothing-due');
    expect(cashPayment(500, -10)).toBe('nothing-due');
    expect(cardPayment(500, 0)).toBe('nothing-due');
    for (const bad of [0, -100, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(cashPayment(bad, 1000)).toBe('bad-amount');
      expect(cardPayment(bad, 1000)).toBe('bad-amount');
    }
    expect(cardPayment(1001, 1000)).toBe('too-much');
    expect(cardPayment(1000, 1000)).toStrictEqual({ method: 'card', amount: 1000 });
  });

  it('previews the change of the cash being typed', () => {
    expect(previewChange(2000, 1500)).toBe(500);
    expect(previewChange(1000, 1500)).toBe(0);
    expect(previewChange(null, 1500)).toBe(0);
    expect(previewChange(2000, 0)).toBe(0);
  });

  it('removes one payment by position', () => {
    const payments: PaymentDraft[] = [
      { method: 'card', amount: 1 },
      { method: 'card', amount: 2 },
      { method: 'card', amount: 3 },
    ];
    expect(removePayment(payments, 1).map((p) => p.amount)).toStrictEqual([1, 3]);
    expect(payments).toHaveLength(3);
  });
});

describe('the sale in progress (saleFigures)', () => {
  const data = tillState();
  const cart: Cart = setDiscountText(addProduct(addProduct([], COFFEE, 2), MUG), COFFEE.sku, '10%');
  const total = 2250 + 899;
  const sale = (over: Partial<SaleState> = {}): SaleState => ({ ...emptySale('sale-1'), cart, ...over });

  it('shows the total, what is left to pay and the change', () => {
    const figures = saleFigures(
      sale({ payments: [{ method: 'card', amount: 1000 }], entry: { method: 'cash', text: '30,00' } }),
      data,
      'bad',
    );
    expect(figures.total).toBe(total);
    expect(figures.due).toBe(total - 1000);
    expect(figures.entryAmount).toBe(3000);
    expect(figures.change).toBe(3000 - (total - 1000));
    expect(figures.canComplete).toBe(false);
  });

  it('can complete only when card + cash equal the total exactly', () => {
    const card: PaymentDraft = { method: 'card', amount: 1000 };
    const cash = ok(cashPayment(5000, total - 1000));
    const figures = saleFigures(sale({ payments: [card, cash] }), data, 'bad');
    expect(figures).toMatchObject({ due: 0, change: 5000 - (total - 1000), canComplete: true });

    expect(saleFigures(sale({ payments: [card] }), data, 'bad').canComplete).toBe(false);
    const over: PaymentDraft = { method: 'card', amount: total - 999 };
    expect(saleFigures(sale({ payments: [card, over] }), data, 'bad')).toMatchObject({
      due: -1,
      canComplete: false,
    });
  });

  it('cannot complete a priced and paid sale when a line has a problem, the till is closed, or it is being sent', () => {
    const paid: PaymentDraft[] = [{ method: 'card', amount: total }];
    const badQty = saleFigures(sale({ cart: setQtyText(cart, MUG.sku, '0'), payments: paid }), data, 'bad');
    expect(badQty.blocked).toBe(true);
    expect(badQty.qtyProblems.get(MUG.sku)).toBe('zero');
    expect(badQty.canComplete).toBe(false);

    const badDiscount = saleFigures(
      sale({ cart: setDiscountText(cart, MUG.sku, '?'), payments: paid }),
      data,
      'bad',
    );
    expect(badDiscount).toMatchObject({ total: null, blocked: true, canComplete: false });

    expect(saleFigures(sale({ payments: paid }), tillState({ session: null }), 'bad').canComplete).toBe(
      false,
    );
    expect(saleFigures(sale({ payments: paid, committing: true }), data, 'bad').canComplete).toBe(false);
    expect(saleFigures(sale({ cart: [], payments: [] }), data, 'bad').canComplete).toBe(false);
    // The control: the same sale otherwise completes.
    expect(saleFigures(sale({ payments: paid }), data, 'bad').canComplete).toBe(true);
  });

  it('sends the payments and lines as taken', () => {
    const payments: PaymentDraft[] = [
      { method: 'card', amount: 1000 },
      { method: 'cash', amount: total - 1000, tendered: 5000 },
    ];
    expect(saleDraft(sale({ payments }), data)).toStrictEqual({
      key: 'sale-1',
      till: 'Till 1',
      location: 'Store',
      lines: [
        { sku: COFFEE.sku, qty: 2, discount: { kind: 'percent', value: 10 } },
        { sku: MUG.sku, qty: 1 },
      ],
      payments,
    });
  });
});

test('store credit is at most what is due and what the customer holds', () => {
  expect(creditPayment(500, 1200, 800)).toEqual({ method: 'credit', amount: 500 });
  expect(creditPayment(900, 1200, 800)).toBe('over-balance');
  expect(creditPayment(1300, 1200, 5000)).toBe('too-much');
  expect(creditPayment(0, 1200, 800)).toBe('bad-amount');
  expect(creditPayment(100, 0, 800)).toBe('nothing-due');
});
