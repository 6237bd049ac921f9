/**
 * Reads Orders, Order Lines, Payments and Products (one read per tab) into the facts the
 * summaries in src/core/summary are computed from.
 *
 * Cost of goods is the line's Cost × Qty: the product's unit Cost written on the line when it was
 * sold, so changing Products' Cost later does not move past margins. A line whose Cost is blank
 * (written before lines carried it, or whose product had no Cost then) falls back to Products'
 * Cost as the tab stands at the time of the read. A line without a SKU (shipping, a fee) costs
 * nothing; a line whose cost is still unknown makes its order's cost unknown. A row with a bad
 * cell is left out and reported, never guessed.
 */
import { currencyExponent } from '../core/money';
import type { Channel, LineFact, OrderFact, OrderFacts, OrderType, PaymentFact } from '../core/summary/facts';
import { groupFacts } from '../core/summary/facts';
import type { WebOrderStatus } from '../core/web-order';
import type { Workbook } from '../platform/workbook';
import {
  type CellContext,
  isBlank,
  parseDate,
  parseEnum,
  parseInt_,
  parseMoney,
  parseText,
  parseVatRate,
} from './cells';
import type { Problem } from './problem';
import { CHANNELS, ORDER_LINES, ORDER_STATUSES, ORDER_TYPES, ORDERS, PAYMENTS, PRODUCTS } from './schema';
import { type Row, readTable, type Table } from './table';

export interface SummaryFactsRead {
  facts: OrderFacts[];
  /** Rows left out, each naming its cell. */
  problems: Problem[];
}

class RowReader {
  readonly problems: Problem[] = [];
  constructor(
    private readonly table: Table,
    private readonly row: Row,
  ) {}

  private bad(header: string, message: string): null {
    this.problems.push({ tab: this.table.spec.name, cell: this.table.ref(this.row, header), message });
    return null;
  }

  cell(header: string) {
    return this.table.get(this.row, header);
  }

  text(header: string): string {
    return parseText(this.cell(header));
  }

  required(header: string): string | null {
    const v = this.text(header);
    return v === '' ? this.bad(header, `${header} is empty. Fill it in.`) : v;
  }

  money(header: string, ctx: CellContext): number | null {
    const v = this.cell(header);
    if (isBlank(v)) return 0;
    const parsed = parseMoney(v, header, ctx);
    return parsed.ok ? parsed.value : this.bad(header, parsed.message);
  }

  int(header: string): number | null {
    const v = this.cell(header);
    if (isBlank(v)) return this.bad(header, `${header} is empty. Fill it in.`);
    const parsed = parseInt_(v, header);
    return parsed.ok ? parsed.value : this.bad(header, parsed.message);
  }

  date(header: string): number | null {
    const parsed = parseDate(this.cell(header), header);
    return parsed.ok ? parsed.value.getTime() : this.bad(header, parsed.message);
  }

  oneOf<T extends string>(header: string, allowed: readonly T[]): T | null {
    const parsed = parseEnum(this.cell(header), header, allowed);
    return parsed.ok ? (parsed.value as T) : this.bad(header, parsed.message);
  }

  vatRate(header: string): number | null | undefined {
    const v = this.cell(header);
    if (isBlank(v)) return null;
    const parsed = parseVatRate(v, header);
    if (parsed.ok) return parsed.value;
    this.bad(header, parsed.message);
    return undefined;
  }
}

/** The ledger's own exponent for an empty Currency cell, the order's currency's otherwise. */
function contextFor(currency: string, ledger: CellContext): CellContext {
  return currency === '' ? ledger : { exponent: currencyExponent(currency) };
}

interface LineSums {
  units: number;
  discount: number;
  cost: number | null;
  lines: LineFact[];
}

/** Reads the four tabs (one read each) and builds every order's facts. */
export function readSummaryFacts(
  wb: Workbook,
  tabs: readonly string[],
  ledger: CellContext,
): SummaryFactsRead {
  const problems: Problem[] = [];
  const orders = readTable(wb, ORDERS, tabs);
  const lines = readTable(wb, ORDER_LINES, tabs);
  const payments = readTable(wb, PAYMENTS, tabs);
  const products = readTable(wb, PRODUCTS, tabs);

  // Products' Cost by SKU (null: no cost given).
  const costs = new Map<string, number | null>();
  for (const row of products.rows) {
    const r = new RowReader(products, row);
    const sku = r.text('SKU');
    if (sku === '') continue;
    const cost = isBlank(r.cell('Cost')) ? null : r.money('Cost', ledger);
    problems.push(
      ...r.problems.map((p) => ({ ...p, message: `${p.message} Its cost of goods is unknown.` })),
    );
    costs.set(sku, cost);
  }

  // Orders first: each order's currency decides how its lines and payments are read.
  // Orders whose row was reported: their lines and payments follow them out without a second report.
  const leftOut = new Set<string>();
  const heads = new Map<
    string,
    { order: Omit<OrderFact, 'units' | 'discount' | 'cost'>; ctx: CellContext }
  >();
  for (const row of orders.rows) {
    const r = new RowReader(orders, row);
    const orderId = r.required('Order ID');
    const type = r.oneOf<OrderType>('Type', ORDER_TYPES);
    const channel = r.oneOf<Channel>('Channel', CHANNELS);
    const status = r.oneOf<WebOrderStatus>('Status', ORDER_STATUSES);
    const created = r.date('Created');
    const currency = r.text('Currency').toUpperCase();
    const ctx = contextFor(currency, ledger);
    const net = r.money('Net', ctx);
    const vat = r.money('VAT', ctx);
    const total = r.money('Total', ctx);
    if (
      r.problems.length > 0 ||
      orderId === null ||
      type === null ||
      channel === null ||
      status === null ||
      created === null ||
      net === null ||
      vat === null ||
      total === null
    ) {
      problems.push(
        ...r.problems.map((p) => ({ ...p, message: `${p.message} The order is left out of the summaries.` })),
      );
      if (orderId !== null) leftOut.add(orderId);
      continue;
    }
    if (heads.has(orderId)) {
      problems.push({
        tab: ORDERS.name,
        cell: orders.ref(row, 'Order ID'),
        message: `Order ID "${orderId}" is used twice; this row is left out of the summaries.`,
      });
      continue;
    }
    heads.set(orderId, {
      order: { orderId, type, channel, shop: r.text('Shop'), status, created, currency, net, vat, total },
      ctx,
    });
  }

  const sums = new Map<string, LineSums>();
  const broken = new Set<string>();
  for (const row of lines.rows) {
    const r = new RowReader(lines, row);
    const orderId = r.required('Order ID');
    if (orderId === null) {
      problems.push(...r.problems);
      continue;
    }
    const head = heads.get(orderId);
    if (!head && leftOut.has(orderId)) continue;
    if (!head) {
      problems.push({
        tab: ORDER_LINES.name,
        cell: lines.ref(row, 'Order ID'),
        message: `Order ${orderId} is not in Orders (or was left out); this line is left out of the summaries.`,
      });
      continue;
    }
    const qty = r.int('Qty');
    const discount = r.money('Discount', head.ctx);
    const net = r.money('Net', head.ctx);
    const vat = r.money('VAT', head.ctx);
    const rate = r.vatRate('VAT %');
    // The cost at the time of sale; undefined: not written on the line (an older row).
    const lineCost = lines.has('Cost') && !isBlank(r.cell('Cost')) ? r.money('Cost', head.ctx) : undefined;
    if (
      r.problems.length > 0 ||
      qty === null ||
      lineCost === null ||
      discount === null ||
      net === null ||
      vat === null ||
      rate === undefined
    ) {
      problems.push(
        ...r.problems.map((p) => ({
          ...p,
          message: `${p.message} Order ${orderId} is left out of the summaries.`,
        })),
      );
      broken.add(orderId);
      continue;
    }
    const sum = sums.get(orderId) ?? { units: 0, discount: 0, cost: 0, lines: [] };
    sum.units += qty;
    sum.discount += discount;
    const sku = r.text('SKU');
    if (sku !== '' && sum.cost !== null) {
      const cost = lineCost ?? costs.get(sku);
      sum.cost = cost === undefined || cost === null ? null : sum.cost + cost * qty;
    }
    sum.lines.push({ orderId, vatRate: rate, net, vat });
    sums.set(orderId, sum);
  }

  const paymentFacts: PaymentFact[] = [];
  for (const row of payments.rows) {
    const r = new RowReader(payments, row);
    const orderId = r.required('Order ID');
    const head = orderId === null ? undefined : heads.get(orderId);
    if (orderId !== null && !head && leftOut.has(orderId)) continue;
    if (orderId === null || !head) {
      problems.push(...r.problems);
      if (orderId !== null) {
        problems.push({
          tab: PAYMENTS.name,
          cell: payments.ref(row, 'Order ID'),
          message: `Order ${orderId} is not in Orders (or was left out); this payment is left out of the summaries.`,
        });
      }
      continue;
    }
    const time = r.date('Time');
    const method = r.required('Method');
    const amount = r.money('Amount', head.ctx);
    const channel = isBlank(r.cell('Channel')) ? head.order.channel : r.oneOf<Channel>('Channel', CHANNELS);
    if (r.problems.length > 0 || time === null || method === null || amount === null || channel === null) {
      problems.push(
        ...r.problems.map((p) => ({
          ...p,
          message: `${p.message} Order ${orderId} is left out of the summaries.`,
        })),
      );
      broken.add(orderId);
      continue;
    }
    paymentFacts.push({ orderId, time, channel, method, amount });
  }

  const orderFacts: OrderFact[] = [];
  const lineFacts: LineFact[] = [];
  for (const [orderId, head] of heads) {
    if (broken.has(orderId)) continue;
    const sum = sums.get(orderId) ?? { units: 0, discount: 0, cost: 0, lines: [] };
    orderFacts.push({ ...head.order, units: sum.units, discount: sum.discount, cost: sum.cost });
    lineFacts.push(...sum.lines);
  }
  const grouped = groupFacts(
    orderFacts,
    lineFacts,
    paymentFacts.filter((p) => !broken.has(p.orderId)),
  );
  return { facts: grouped.facts, problems };
}
