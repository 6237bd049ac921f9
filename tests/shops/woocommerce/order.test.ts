import type { WebOrder } from '../../../src/core/web-order';
import { mapOrderStatus, parseOrder } from '../../../src/shops/woocommerce/order';
import { copy, fixture, type OrderJson } from './helpers';

const page = fixture<OrderJson[]>('orders-page.json');
const order727 = page[0];
const order723 = page[1];

function parsed(raw: unknown): { order: WebOrder; problems: ReturnType<typeof parseOrder>['problems'] } {
  const result = parseOrder(raw);
  if (result.order === null) throw new Error(`not read: ${JSON.stringify(result.problems)}`);
  return { order: result.order, problems: result.problems };
}

function linesTotal(order: WebOrder): number {
  return order.lines.reduce((sum, line) => sum + line.net + line.tax, 0);
}

describe('parseOrder: order 727 of the docs (processing, a variation, tax, flat-rate shipping)', () => {
  const { order, problems } = parsed(order727);

  it('maps every field', () => {
    expect(order).toEqual({
      externalId: '727',
      orderNo: '727',
      status: 'paid',
      shopStatus: 'processing',
      created: Date.UTC(2017, 2, 22, 19, 28, 2),
      updated: Date.UTC(2017, 2, 22, 19, 28, 8),
      currency: 'USD',
      pricesIncludeTax: false,
      customer: { externalId: '', email: 'john.doe@example.com', name: 'John Doe', phone: '(555) 555-5555' },
      lines: [
        {
          kind: 'product',
          externalLineId: '315',
          sku: '',
          name: 'Woo Single #1',
          qty: 2,
          unitPrice: 300,
          discount: 0,
          net: 600,
          tax: 45,
          taxRate: null,
          productRef: '93',
        },
        {
          kind: 'product',
          externalLineId: '316',
          sku: 'Bar3',
          name: 'Ship Your Idea \u2013 Color: Black, Size: M Test',
          qty: 1,
          unitPrice: 1200,
          discount: 0,
          net: 1200,
          tax: 90,
          taxRate: null,
          productRef: '22/23',
        },
        {
          kind: 'shipping',
          externalLineId: '317',
          sku: '',
          name: 'Flat Rate',
          qty: 1,
          unitPrice: 1000,
          discount: 0,
          net: 1000,
          tax: 0,
          taxRate: null,
          productRef: '',
        },
      ],
      net: 2800,
      tax: 135,
      total: 2935,
      payments: [{ method: 'bacs', amount: 2935, reference: '' }],
      refunds: [],
      localPickup: false,
      trackingNumber: '',
      discountCodes: [],
    });
  });

  it('has lines that add up to the order total', () => {
    expect(linesTotal(order)).toBe(order.total);
  });

  it('lists the line without a SKU as a problem, and still imports it', () => {
    expect(problems).toEqual([
      {
        externalId: '727',
        line: '315',
        sku: '',
        problem: expect.stringContaining('"Woo Single #1" has no SKU in WooCommerce'),
      },
    ]);
    expect(order.lines.map((line) => line.externalLineId)).toContain('315');
  });

  it('reads the single-order GET (order.json) the same way', () => {
    expect(parseOrder(fixture('order.json'))).toEqual(parseOrder(order727));
  });
});

describe('parseOrder: order 723 of the docs (completed, a customer, 2 refunds)', () => {
  const { order, problems } = parsed(order723);

  it('maps every field', () => {
    expect(order).toEqual({
      externalId: '723',
      orderNo: '723',
      // 10.00 + 9.00 refunded of 39.00: a partial refund, whatever the shop's status.
      status: 'partially refunded',
      shopStatus: 'completed',
      created: Date.UTC(2017, 2, 21, 19, 16, 0),
      updated: Date.UTC(2017, 2, 21, 19, 54, 51),
      currency: 'USD',
      pricesIncludeTax: false,
      customer: {
        externalId: '26',
        email: 'joao.silva@example.com',
        name: 'Jo\u00e3o Silva',
        phone: '(11) 1111-1111',
      },
      lines: [
        {
          kind: 'product',
          externalLineId: '311',
          sku: '',
          name: 'Woo Album #2',
          qty: 1,
          unitPrice: 900,
          discount: 0,
          net: 900,
          tax: 0,
          taxRate: null,
          productRef: '87',
        },
        {
          kind: 'product',
          externalLineId: '313',
          sku: '',
          name: 'Woo Ninja',
          qty: 1,
          unitPrice: 2000,
          discount: 0,
          net: 2000,
          tax: 0,
          taxRate: null,
          productRef: '34',
        },
        {
          kind: 'shipping',
          externalLineId: '312',
          sku: '',
          name: 'Flat rate',
          qty: 1,
          unitPrice: 1000,
          discount: 0,
          net: 1000,
          tax: 0,
          taxRate: null,
          productRef: '',
        },
      ],
      net: 3900,
      tax: 0,
      total: 3900,
      // date_paid is null in the docs' example, but a completed order with refunds was paid.
      payments: [{ method: 'bacs', amount: 3900, reference: '' }],
      refunds: [
        // The list gives no refund date: the order's last change stands in (refunds.ts reads the real one).
        { refundId: '726', created: Date.UTC(2017, 2, 21, 19, 54, 51), amount: 1000, reason: '', lines: [] },
        { refundId: '724', created: Date.UTC(2017, 2, 21, 19, 54, 51), amount: 900, reason: '', lines: [] },
      ],
      localPickup: false,
      trackingNumber: '',
      discountCodes: [],
    });
  });

  it('has lines that add up to the order total', () => {
    expect(linesTotal(order)).toBe(order.total);
  });

  it('lists both lines without a SKU', () => {
    expect(problems.map((p) => [p.externalId, p.line])).toEqual([
      ['723', '311'],
      ['723', '313'],
    ]);
  });

  it('is refunded, not partially, once the refunds reach the total', () => {
    const raw = copy(order723);
    raw.refunds.push({ id: 730, reason: 'Damaged', total: '-20.00' });
    const result = parsed(raw).order;
    expect(result.status).toBe('refunded');
    expect(result.refunds.map((r) => [r.refundId, r.amount, r.reason])).toEqual([
      ['726', 1000, ''],
      ['724', 900, ''],
      ['730', 2000, 'Damaged'],
    ]);
  });
});

describe('status', () => {
  it.each([
    ['pending', 'pending'],
    ['on-hold', 'pending'],
    ['checkout-draft', 'pending'],
    ['failed', 'pending'],
    ['processing', 'paid'],
    ['completed', 'fulfilled'],
    ['cancelled', 'cancelled'],
    ['refunded', 'refunded'],
  ])('%s without refunds → %s', (shopStatus, status) => {
    expect(mapOrderStatus(shopStatus, 1000, 0)).toBe(status);
  });

  it('follows the refunded amount before the shop status', () => {
    expect(mapOrderStatus('completed', 1000, 400)).toBe('partially refunded');
    expect(mapOrderStatus('processing', 1000, 1000)).toBe('refunded');
    expect(mapOrderStatus('cancelled', 1000, 1000)).toBe('refunded');
    expect(mapOrderStatus('cancelled', 1000, 300)).toBe('partially refunded');
    expect(mapOrderStatus('wc-shipped-by-plugin', 1000, 0)).toBeNull();
  });

  it('makes a paid, cancelled and fully refunded order refunded, with its payment', () => {
    const raw = copy(order727);
    raw.status = 'cancelled';
    raw.refunds = [{ id: 900, reason: 'Out of stock', total: '-29.35' }];
    const { order } = parsed(raw);
    expect(order.status).toBe('refunded');
    expect(order.shopStatus).toBe('cancelled');
    expect(order.payments).toEqual([{ method: 'bacs', amount: 2935, reference: '' }]);
  });

  it('keeps an unpaid cancelled order cancelled, without a payment', () => {
    const raw = copy(order727);
    raw.status = 'cancelled';
    raw.date_paid = null;
    raw.date_paid_gmt = null;
    const { order } = parsed(raw);
    expect(order.status).toBe('cancelled');
    expect(order.payments).toEqual([]);
  });

  it('treats an unknown status as pending, and says so', () => {
    const raw = copy(order727);
    raw.status = 'shipped-by-plugin';
    const { order, problems } = parsed(raw);
    expect(order.status).toBe('pending');
    expect(order.shopStatus).toBe('shipped-by-plugin');
    expect(problems.map((p) => p.problem)).toContainEqual(expect.stringContaining('"shipped-by-plugin"'));
  });
});

describe('payments', () => {
  it('takes the gateway title when there is no gateway id, and the transaction id as reference', () => {
    const raw = copy(order727);
    raw.payment_method = '';
    raw.transaction_id = 'ch_3Pq';
    expect(parsed(raw).order.payments).toEqual([
      { method: 'Direct Bank Transfer', amount: 2935, reference: 'ch_3Pq' },
    ]);
  });

  it('counts a completed order as paid even when date_paid is empty (completed by hand)', () => {
    const raw = copy(order723);
    raw.refunds = [];
    const { order } = parsed(raw);
    expect(order.status).toBe('fulfilled');
    expect(order.payments).toEqual([{ method: 'bacs', amount: 3900, reference: '' }]);
  });

  it('counts an order with refunds as paid even when date_paid is empty: the refund gave money back', () => {
    const raw = copy(order727);
    raw.date_paid = null;
    raw.date_paid_gmt = null;
    raw.refunds = [{ id: 901, reason: '', total: '-5.00' }];
    const { order } = parsed(raw);
    expect(order.status).toBe('partially refunded');
    expect(order.payments).toEqual([{ method: 'bacs', amount: 2935, reference: '' }]);
  });

  it('has none while cash on delivery is still processing (no date_paid)', () => {
    const raw = copy(order727);
    raw.payment_method = 'cod';
    raw.date_paid = null;
    raw.date_paid_gmt = null;
    const { order } = parsed(raw);
    expect(order.status).toBe('paid');
    expect(order.payments).toEqual([]);
  });
});

describe('amounts', () => {
  // Derived from order 727: the tax rate 75 said as a percent, as newer WooCommerce versions do.
  it('takes the VAT rate from tax_lines rate_percent through taxes[].id = rate_id', () => {
    const raw = copy(order727);
    raw.tax_lines[0].rate_percent = 7.5;
    const { order } = parsed(raw);
    expect(order.lines.map((line) => line.taxRate)).toEqual([7.5, 7.5, null]);
  });

  it('gives no rate when a line is taxed at two rates', () => {
    const raw = copy(order727);
    raw.tax_lines[0].rate_percent = 7.5;
    raw.tax_lines.push({ id: 319, rate_id: 76, rate_percent: 1, tax_total: '0.00' });
    raw.line_items[0].taxes.push({ id: 76, total: '0.05', subtotal: '0.05' });
    expect(parsed(raw).order.lines[0].taxRate).toBeNull();
  });

  it('gives unit prices and discounts tax included when the shop prices include tax', () => {
    const raw = copy(order727);
    raw.prices_include_tax = true;
    const [single, variation, shipping] = parsed(raw).order.lines;
    // (6.00 + 0.45) / 2 = 3.225 → 3.23, half away from zero.
    expect([single.unitPrice, single.discount, single.net, single.tax]).toEqual([323, 0, 600, 45]);
    expect([variation.unitPrice, variation.net, variation.tax]).toEqual([1290, 1200, 90]);
    expect([shipping.unitPrice, shipping.net]).toEqual([1000, 1000]);
  });

  it('accepts a line price as text as well as a number (it is not used: subtotal / quantity is)', () => {
    const raw = copy(order727);
    raw.line_items[0].price = '3.00';
    raw.line_items[1].price = 11.999999999999998;
    expect(parseOrder(raw)).toEqual(parseOrder(order727));
  });

  // Written by us from the documented shape: a 20% coupon "save20" on a 10.00 line, a gift-wrap fee.
  it('keeps coupons in the product lines, adds them as 0-amount lines, and adds fees as lines', () => {
    const raw = copy(order727);
    raw.line_items[1].subtotal = '12.00';
    raw.line_items[1].total = '9.60';
    raw.line_items[1].total_tax = '0.72';
    raw.line_items[1].taxes[0].total = '0.72';
    raw.coupon_lines = [{ id: 320, code: 'save20', discount: '2.40', discount_tax: '0.18', meta_data: [] }];
    raw.fee_lines = [
      {
        id: 321,
        name: 'Gift wrap',
        tax_class: '',
        tax_status: 'none',
        total: '1.50',
        total_tax: '0.00',
        taxes: [],
      },
    ];
    raw.discount_total = '2.40';
    raw.discount_tax = '0.18';
    raw.total = '28.27';
    raw.total_tax = '1.17';
    const { order, problems } = parsed(raw);
    expect(problems.map((p) => p.line)).toEqual(['315']); // only the missing SKU
    const variation = order.lines[1];
    expect([variation.unitPrice, variation.discount, variation.net, variation.tax]).toEqual([
      1200, 240, 960, 72,
    ]);
    expect(order.lines.slice(3)).toEqual([
      {
        kind: 'fee',
        externalLineId: '321',
        sku: '',
        name: 'Gift wrap',
        qty: 1,
        unitPrice: 150,
        discount: 0,
        net: 150,
        tax: 0,
        taxRate: null,
        productRef: '',
      },
      {
        kind: 'discount',
        externalLineId: '320',
        sku: '',
        name: 'Coupon save20 (2.40 off, included in the product lines)',
        qty: 1,
        unitPrice: 0,
        discount: 0,
        net: 0,
        tax: 0,
        taxRate: null,
        productRef: '',
      },
    ]);
    expect(linesTotal(order)).toBe(2827);
    expect(order.total).toBe(2827);
    expect([order.net, order.tax]).toEqual([2710, 117]);
  });

  it('lists lines that do not add up to the total as a problem, keeping the amounts as sent', () => {
    const raw = copy(order727);
    raw.total = '29.36';
    const { order, problems } = parsed(raw);
    expect(order.total).toBe(2936);
    expect(linesTotal(order)).toBe(2935);
    expect(problems).toContainEqual({
      externalId: '727',
      line: '',
      sku: '',
      problem: expect.stringContaining("add up to 29.35 USD but WooCommerce's order total is 29.36 USD"),
    });
  });

  it('uses the currency\u2019s own decimals (JPY has none)', () => {
    const raw = copy(order723);
    raw.currency = 'JPY';
    raw.total = '3900';
    raw.line_items[0].subtotal = '900';
    raw.line_items[0].total = '900';
    raw.line_items[1].subtotal = '2000';
    raw.line_items[1].total = '2000';
    raw.shipping_lines[0].total = '1000';
    raw.refunds = [];
    const { order, problems } = parsed(raw);
    expect(order.total).toBe(3900);
    expect(order.lines.map((line) => line.net)).toEqual([900, 2000, 1000]);
    expect(problems.every((p) => p.problem.includes('no SKU'))).toBe(true);
  });
});

describe('malformed lines', () => {
  it('leaves out a line whose quantity is not a number, says why, and still returns the order', () => {
    const raw = copy(order727);
    raw.line_items[1].quantity = 'one';
    const { order, problems } = parsed(raw);
    expect(order.lines.map((line) => line.externalLineId)).toEqual(['315', '317']);
    expect(problems).toContainEqual({
      externalId: '727',
      line: '316',
      sku: 'Bar3',
      problem: expect.stringMatching(/quantity "one" is not a number above 0, so the line was left out/),
    });
    // The sum check does not repeat the left-out line's problem.
    expect(problems.filter((p) => p.problem.includes('add up to'))).toEqual([]);
  });

  it('leaves out a line whose total is not a number', () => {
    const raw = copy(order727);
    raw.line_items[1].total = 'n/a';
    const { order, problems } = parsed(raw);
    expect(order.lines.map((line) => line.externalLineId)).toEqual(['315', '317']);
    expect(problems.find((p) => p.line === '316')?.problem).toMatch(
      /total "n\/a", tax "0.90"\) are not numbers/,
    );
  });

  it('leaves out a shipping line whose total is not a number', () => {
    const raw = copy(order727);
    raw.shipping_lines[0].total = null;
    const { order, problems } = parsed(raw);
    expect(order.lines.map((line) => line.kind)).toEqual(['product', 'product']);
    expect(problems.find((p) => p.line === '317')?.problem).toMatch(/shipping line 317 "Flat Rate"/);
  });

  it('does not import an order without a readable total or id, and says why', () => {
    const noTotal = copy(order727);
    noTotal.total = 'lots';
    expect(parseOrder(noTotal)).toEqual({
      order: null,
      problems: [
        {
          externalId: '727',
          line: '',
          sku: '',
          problem: expect.stringMatching(/order 727 could not be read: its total "lots".*not imported/),
        },
      ],
    });
    const noId = copy(order727);
    delete noId.id;
    expect(parseOrder(noId).order).toBeNull();
    expect(parseOrder('not an order').order).toBeNull();
  });
});

describe('customer and delivery', () => {
  it('lower-cases the email and reads the customer id; a guest has none', () => {
    const raw = copy(order723);
    raw.billing.email = '  Joao.Silva@Example.COM ';
    expect(parsed(raw).order.customer).toEqual({
      externalId: '26',
      email: 'joao.silva@example.com',
      name: 'Jo\u00e3o Silva',
      phone: '(11) 1111-1111',
    });
    raw.customer_id = 0;
    expect(parsed(raw).order.customer.externalId).toBe('');
  });

  it('falls back to the shipping name when billing has none', () => {
    const raw = copy(order727);
    raw.billing.first_name = '';
    raw.billing.last_name = '';
    raw.shipping.first_name = 'Jane';
    expect(parsed(raw).order.customer.name).toBe('Jane Doe');
  });

  it.each([
    ['local_pickup', true],
    ['local_pickup:3', true],
    ['pickup_location', true],
    ['flat_rate', false],
    ['flat_rate:25', false],
  ])('shipping method %s → local pickup %s', (methodId, pickup) => {
    const raw = copy(order727);
    raw.shipping_lines[0].method_id = methodId;
    expect(parsed(raw).order.localPickup).toBe(pickup);
  });
});
