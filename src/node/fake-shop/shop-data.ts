/**
 * The fake shop's catalogue and orders: the sample catalogue's products (the mugs as two variations
 * of one variable product) plus one product the ledger does not know, and a run of realistic orders
 * over the ten days before the shop's "now". Seven of them tell a story the sync must get right
 * (see STORY); the rest are everyday orders from a handful of returning customers.
 * Deterministic: the same scenario gives the same shop.
 */
import { sampleCatalogue } from '../../core/sample-catalogue';
import type { FakeCustomer, FakeLine, FakeOrder, FakeOrderStatus, FakeProduct, FakeShipping } from './model';

/** A SKU the shop sells and the ledger's sample catalogue does not have. */
export const UNKNOWN_SKU = 'MER-TEE-M';

/** Orders the shop has unless told otherwise: three pages of WooCommerce's 100. */
export const DEFAULT_ORDER_COUNT = 240;

export const FIRST_ORDER_ID = 1001;
const FIRST_REFUND_ID = 9001;
const DAY = 86_400_000;

export const CUSTOMERS: FakeCustomer[] = [
  customer(11, 'Ana', 'García', 'ana.garcia@example.com', '+34 600 111 222', 'Madrid', '28004'),
  customer(12, 'Bruno', 'Díaz', 'bruno.diaz@example.com', '+34 600 222 333', 'Sevilla', '41001'),
  customer(13, 'Carla', 'Martín', 'carla.martin@example.com', '+34 600 333 444', 'Valencia', '46002'),
  customer(14, 'David', 'López', 'david.lopez@example.net', '+34 600 444 555', 'Bilbao', '48001'),
  customer(15, 'Elena', 'Ruiz', 'elena.ruiz@example.org', '+34 600 555 666', 'Zaragoza', '50001'),
  customer(16, 'Farid', 'Benali', 'farid.benali@example.com', '+34 600 666 777', 'Málaga', '29001'),
  customer(17, 'Greta', 'Olsen', 'greta.olsen@example.com', '+34 600 777 888', 'Barcelona', '08001'),
  // A guest checkout: no customer account in the shop.
  customer(0, 'Hugo', 'Ferrer', 'hugo.ferrer@example.com', '+34 600 888 999', 'Granada', '18001'),
];

function customer(
  id: number,
  firstName: string,
  lastName: string,
  email: string,
  phone: string,
  city: string,
  postcode: string,
): FakeCustomer {
  return { id, firstName, lastName, email, phone, city, postcode };
}

/** The catalogue: product ids from 101, the mugs as variations 151 and 152 of product 150. */
export function buildProducts(): FakeProduct[] {
  const products: FakeProduct[] = [];
  const mug: FakeProduct = {
    id: 150,
    parentId: 0,
    type: 'variable',
    sku: 'ACC-MUG',
    name: 'Stoneware mug',
    price: 1200,
    rate: 21,
    stock: null,
    variations: [],
  };
  sampleCatalogue().forEach((item, i) => {
    const { sku, name, price, vatRate } = item.product;
    const stock = item.opening.Store + item.opening.Warehouse;
    if (sku.startsWith('ACC-MUG-')) {
      const id = sku === 'ACC-MUG-W' ? 151 : 152;
      mug.variations.push(id);
      products.push({
        id,
        parentId: 150,
        type: 'variation',
        sku,
        name,
        price,
        rate: vatRate,
        stock,
        variations: [],
      });
      if (mug.variations.length === 1) products.push(mug);
      return;
    }
    products.push({
      id: 101 + i,
      parentId: 0,
      type: 'simple',
      sku,
      name,
      price,
      rate: vatRate,
      stock,
      variations: [],
    });
  });
  products.push({
    id: 160,
    parentId: 0,
    type: 'simple',
    sku: UNKNOWN_SKU,
    name: 'Coffee club T-shirt, size M',
    price: 1900,
    rate: 21,
    stock: 25,
    variations: [],
  });
  return products;
}

interface StoryOrder {
  /** Where in the run of orders it sits, 0 (oldest) to 1 (newest). */
  at: number;
  status: FakeOrderStatus;
  customer: number;
  lines: [sku: string, qty: number][];
  shipping: 'flat' | 'free' | 'pickup';
  payment: 'stripe' | 'paypal' | 'bacs' | 'cod';
  coupon?: { code: string; percent: number };
  refund?: { line: number; qty: number; reason: string };
}

/** The orders a sync must get right, by role. */
export const STORY = {
  /** Paid by card, not shipped yet: its stock is reserved. */
  paid: {
    at: 0,
    status: 'processing',
    customer: 0,
    lines: [
      ['COF-ETH-250', 2],
      ['ACC-MUG-W', 1],
    ],
    shipping: 'flat',
    payment: 'stripe',
  },
  /** Shipped, with a 10 % coupon. */
  coupon: {
    at: 0.02,
    status: 'completed',
    customer: 1,
    lines: [
      ['TEA-SEN-100', 1],
      ['ACC-INF-S', 2],
    ],
    shipping: 'flat',
    payment: 'paypal',
    coupon: { code: 'welcome10', percent: 10 },
  },
  /** Cash on delivery, not shipped: reserved though not paid; the tests cancel it between two syncs. */
  cashOnDelivery: {
    at: 0.1,
    status: 'processing',
    customer: 3,
    lines: [
      ['TEA-MAT-50', 1],
      ['COF-BRA-1K', 1],
    ],
    shipping: 'flat',
    payment: 'cod',
  },
  /** Shipped, then one mug refunded and put back on the shelf. */
  refunded: {
    at: 0.5,
    status: 'completed',
    customer: 2,
    lines: [
      ['ACC-MUG-B', 2],
      ['CHO-DRK-100', 3],
    ],
    shipping: 'flat',
    payment: 'stripe',
    refund: { line: 0, qty: 1, reason: 'Arrived chipped' },
  },
  /** Awaiting a bank transfer. */
  onHold: {
    at: 0.7,
    status: 'on-hold',
    customer: 5,
    lines: [['ACC-KTL-GN', 1]],
    shipping: 'free',
    payment: 'bacs',
  },
  /** The bank transfer never came: cancelled, never paid. */
  cancelled: {
    at: 0.85,
    status: 'cancelled',
    customer: 4,
    lines: [
      ['ACC-TPT-1L', 1],
      ['TEA-EGR-100', 2],
    ],
    shipping: 'free',
    payment: 'bacs',
  },
  /** Paid, to collect in the shop, with a product the ledger does not know. */
  unknownSku: {
    at: 0.95,
    status: 'processing',
    customer: 7,
    lines: [
      [UNKNOWN_SKU, 1],
      ['CHO-DRK-100', 2],
    ],
    shipping: 'pickup',
    payment: 'stripe',
  },
} satisfies Record<string, StoryOrder>;

export type StoryRole = keyof typeof STORY;

/** Where each story order sits among `count` orders (index 0 is the oldest). */
function storyPlaces(count: number): Map<number, StoryRole> {
  const places = new Map<number, StoryRole>();
  for (const role of Object.keys(STORY) as StoryRole[]) {
    let index = Math.round(STORY[role].at * (count - 1));
    while (places.has(index)) index = (index + 1) % count;
    places.set(index, role);
  }
  return places;
}

/** The order id of each story order in a shop of `count` orders. */
export function storyOrderIds(count = DEFAULT_ORDER_COUNT): Record<StoryRole, number> {
  const ids = {} as Record<StoryRole, number>;
  for (const [index, role] of storyPlaces(Math.max(count, Object.keys(STORY).length))) {
    ids[role] = FIRST_ORDER_ID + index;
  }
  return ids;
}

const PAYMENTS = {
  stripe: 'Credit card (Stripe)',
  paypal: 'PayPal',
  bacs: 'Direct bank transfer',
  cod: 'Cash on delivery',
} as const;

/**
 * Everyday orders take their products from a pool in which each SKU appears half as often as it
 * has units in the sample Warehouse, so a few hundred orders never sell more than the ledger has.
 */
function productPool(): string[] {
  const pool: string[] = [];
  for (const item of sampleCatalogue()) {
    for (let n = 0; n < Math.floor(item.opening.Warehouse / 2); n++) pool.push(item.product.sku);
  }
  // Spread each SKU through the pool, so neighbouring orders buy different things.
  return pool
    .map((sku, i) => ({ sku, key: (i * 7919) % pool.length }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.sku);
}

/** An everyday order: shipped, unless it came in the last day and a half (or is one of the few left waiting). */
function everydayOrder(i: number, pool: string[], recent: boolean): StoryOrder {
  const twoLines = i % 4 === 3;
  const skus = twoLines
    ? [pool[(2 * i) % pool.length], pool[(2 * i + 1) % pool.length]]
    : [pool[(2 * i) % pool.length]];
  const lines = [...new Set(skus)].map((sku): [string, number] => [sku, 1]);
  return {
    at: 0,
    status: recent || i % 17 === 5 ? 'processing' : 'completed',
    customer: i % CUSTOMERS.length,
    lines,
    shipping: i % 6 === 5 ? 'pickup' : 'flat',
    payment: i % 3 === 2 ? 'paypal' : 'stripe',
  };
}

function shippingFor(kind: StoryOrder['shipping'], id: number): FakeShipping {
  if (kind === 'pickup') return { id, title: 'Local pickup', methodId: 'local_pickup', price: 0, rate: 21 };
  if (kind === 'free') return { id, title: 'Free shipping', methodId: 'free_shipping', price: 0, rate: 21 };
  return { id, title: 'Flat rate', methodId: 'flat_rate', price: 495, rate: 21 };
}

/** `count` orders (at least the seven story orders) over the ten days before `now`, oldest first. */
export function buildOrders(count: number, now: number, products: readonly FakeProduct[]): FakeOrder[] {
  const total = Math.max(count, Object.keys(STORY).length);
  const places = storyPlaces(total);
  const pool = productPool();
  const bySku = new Map(products.map((p) => [p.sku, p]));
  const start = Math.floor((now - 10 * DAY) / 1000) * 1000;
  const step = Math.max(1000, Math.floor((9 * DAY) / total / 1000) * 1000);
  let lineId = 1;
  let refundId = FIRST_REFUND_ID;
  let everyday = 0;
  const orders: FakeOrder[] = [];
  for (let index = 0; index < total; index++) {
    const role = places.get(index);
    const id = FIRST_ORDER_ID + index;
    const created = start + index * step;
    const spec: StoryOrder = role ? STORY[role] : everydayOrder(everyday++, pool, now - created < 1.5 * DAY);
    const lines: FakeLine[] = spec.lines.map(([sku, qty]) => {
      const product = bySku.get(sku);
      if (!product) throw new Error(`Fake shop: no product ${sku}.`);
      const price = product.price;
      return {
        id: lineId++,
        sku,
        name: product.name,
        productId: product.parentId || product.id,
        variationId: product.parentId ? product.id : 0,
        qty,
        price,
        rate: product.rate,
        discount: spec.coupon ? Math.round((qty * price * spec.coupon.percent) / 100) : 0,
      };
    });
    const shipping = shippingFor(spec.shipping, lineId++);
    const coupon = spec.coupon ? { id: lineId++, ...spec.coupon } : null;
    const paidStatus = spec.status === 'processing' || spec.status === 'completed';
    const paid = paidStatus && spec.payment !== 'cod' ? created + 60_000 : null;
    const completed = spec.status === 'completed' ? created + 3 * 3_600_000 : null;
    const cancelled = spec.status === 'cancelled' ? created + 2 * DAY : null;
    const refund = spec.refund
      ? {
          id: refundId++,
          created: created + 5 * 3_600_000,
          reason: spec.refund.reason,
          lines: [{ lineId: lines[spec.refund.line].id, qty: spec.refund.qty }],
          restock: true,
        }
      : null;
    const modified = Math.max(created + 120_000, completed ?? 0, cancelled ?? 0, refund?.created ?? 0);
    const who = CUSTOMERS[spec.customer % CUSTOMERS.length];
    orders.push({
      id,
      status: spec.status,
      created,
      modified: Math.min(modified, now),
      paid,
      completed,
      cancelled,
      customer: who,
      lines,
      shipping,
      coupon,
      refunds: refund ? [refund] : [],
      payment: {
        method: spec.payment,
        title: PAYMENTS[spec.payment],
        transactionId: paid
          ? `${spec.payment === 'paypal' ? 'PAY' : 'ch_'}${(id * 7_654_321).toString(36)}`
          : '',
      },
      note: '',
    });
  }
  return orders;
}
