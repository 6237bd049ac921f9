/** Orders, their lines and payments as rows of the Orders, Order Lines and Payments tabs. */
import type { Minor } from '../core/money';
import type { PricedLine } from '../core/pricing';
import { type CellContext, moneyCell } from './cells';
import type { Record_ } from './table';

export interface OrderHead {
  orderId: string;
  type: 'sale' | 'return';
  channel: 'Store' | 'Web';
  shop: string;
  externalId: string;
  orderNo: string;
  status: string;
  created: number;
  customerId: string;
  net: Minor;
  vat: Minor;
  total: Minor;
  currency: string;
  invoiceNo: string;
  refundOf: string;
  key: string;
  till: string;
}

export function orderRecord(o: OrderHead, ctx: CellContext): Record_ {
  return {
    'Order ID': o.orderId,
    Type: o.type,
    Channel: o.channel,
    Shop: o.shop,
    'External ID': o.externalId,
    'Order No': o.orderNo,
    Status: o.status,
    Created: new Date(o.created),
    'Customer ID': o.customerId,
    Net: moneyCell(o.net, ctx),
    VAT: moneyCell(o.vat, ctx),
    Total: moneyCell(o.total, ctx),
    Currency: o.currency,
    'Invoice No': o.invoiceNo,
    'Refund of': o.refundOf,
    Key: o.key,
    Till: o.till,
  };
}

export interface OrderLine {
  sku: string;
  name: string;
  qty: number;
  unitPrice: Minor;
  vatRate: number;
  priced: PricedLine;
  /** The product's unit Cost now (cost at the time of sale); null when Products gives none. */
  cost: Minor | null;
}

export function lineRecord(orderId: string, index: number, l: OrderLine, ctx: CellContext): Record_ {
  return {
    'Order ID': orderId,
    Line: index + 1,
    SKU: l.sku,
    Name: l.name,
    Qty: l.qty,
    'Unit price': moneyCell(l.unitPrice, ctx),
    Discount: moneyCell(l.priced.discount, ctx),
    'VAT %': l.vatRate,
    Net: moneyCell(l.priced.net, ctx),
    VAT: moneyCell(l.priced.vat, ctx),
    Total: moneyCell(l.priced.total, ctx),
    Cost: l.cost === null ? '' : moneyCell(l.cost, ctx),
  };
}

export interface PaymentRow {
  paymentId: string;
  time: number;
  orderId: string;
  channel: 'Store' | 'Web';
  method: string;
  amount: Minor;
  reference: string;
}

export function paymentRecord(p: PaymentRow, ctx: CellContext): Record_ {
  return {
    'Payment ID': p.paymentId,
    Time: new Date(p.time),
    'Order ID': p.orderId,
    Channel: p.channel,
    Method: p.method,
    Amount: moneyCell(p.amount, ctx),
    Reference: p.reference,
  };
}
