/** The Web Codes tab as typed codes, and codes as rows. */
import { type CellContext, moneyCell, parseMoney, parseText } from './cells';
import type { Record_, Row, Table } from './table';

export type WebCodeStatus = 'pending' | 'live' | 'used' | 'released';

export interface WebCode {
  code: string;
  customerId: string;
  shop: string;
  /** Minor units held for the code. */
  amount: number;
  /** The shop's id of the coupon or discount; '' until the shop has answered. */
  shopCodeId: string;
  status: WebCodeStatus;
  expires: number;
  orderId: string;
  key: string;
  issued: number;
}

export function webCodeRecord(c: WebCode, ctx: CellContext): Record_ {
  return {
    Code: c.code,
    'Customer ID': c.customerId,
    Shop: c.shop,
    Amount: moneyCell(c.amount, ctx),
    'Shop code ID': c.shopCodeId,
    Status: c.status,
    Expires: new Date(c.expires),
    'Order ID': c.orderId,
    Key: c.key,
    Issued: new Date(c.issued),
  };
}

function time(v: unknown): number {
  return v instanceof Date ? v.getTime() : Number.NaN;
}

export function webCodeFromRow(table: Table, row: Row, ctx: CellContext): WebCode {
  const text = (h: string) => (table.has(h) ? parseText(table.get(row, h)) : '');
  const amount = parseMoney(table.get(row, 'Amount'), 'Amount', ctx);
  return {
    code: text('Code'),
    customerId: text('Customer ID'),
    shop: text('Shop'),
    amount: amount.ok ? amount.value : 0,
    shopCodeId: text('Shop code ID'),
    status: text('Status').toLowerCase() as WebCodeStatus,
    expires: time(table.get(row, 'Expires')),
    orderId: text('Order ID'),
    key: text('Key'),
    issued: table.has('Issued') ? time(table.get(row, 'Issued')) : Number.NaN,
  };
}
