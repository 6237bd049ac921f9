/**
 * Invoices tab rows ↔ invoices. Amounts are money cells (minor units in code); Issued, the VAT
 * breakdown and the hashes are text, written exactly as the hash chain reads them.
 */
import type { ChainInvoice, ChainRow } from '../core/invoice/chain';
import { currencyExponent, formatDecimal, parseMoney } from '../core/money';
import { pad, wallClock, zoneOffsetMs } from '../core/wall-clock';
import type { CellValue } from '../platform/workbook';
import { type CellContext, moneyCell, parseText } from './cells';
import type { Record_, Row, Table } from './table';

export interface InvoiceRow extends ChainInvoice {
  customerId: string;
  hash: string;
  previousHash: string;
  /** The idempotency key of the request that issued it (full invoices); '' otherwise. */
  key?: string;
}

/**
 * The decimals of an invoice's amounts: its own currency's when the row names one, else the
 * ledger's (rows issued before the Currency column are in the ledger's currency).
 */
export function invoiceExponent(currency: string | undefined, ctx: CellContext): number {
  const code = (currency ?? '').trim();
  return code === '' ? ctx.exponent : currencyExponent(code);
}

/** The VAT breakdown as written in its cell: "21:9.92:2.08; 10:5.00:0.50". */
export function breakdownCell(breakdown: ChainInvoice['breakdown'], exponent: number): string {
  return breakdown
    .map((b) => `${b.rate}:${formatDecimal(b.base, exponent)}:${formatDecimal(b.vat, exponent)}`)
    .join('; ');
}

/** Reads a breakdown cell back; unreadable parts become NaN, which the chain reports as unreadable. */
export function parseBreakdownCell(text: string, exponent: number): ChainInvoice['breakdown'] {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [rate, base, vat] = part.split(':').map((x) => x.trim());
      return {
        rate: rate === undefined || rate === '' ? Number.NaN : Number(rate),
        base: parseMoney(base ?? '', exponent) ?? Number.NaN,
        vat: parseMoney(vat ?? '', exponent) ?? Number.NaN,
      };
    });
}

export function invoiceRecord(invoice: InvoiceRow, ledger: CellContext): Record_ {
  const ctx = { exponent: invoiceExponent(invoice.currency, ledger) };
  return {
    'Invoice No': invoice.invoiceNo,
    Series: invoice.series,
    Type: invoice.type,
    Issued: invoice.issued,
    'Order ID': invoice.orderId,
    'Customer ID': invoice.customerId,
    'Tax ID': invoice.taxId,
    Net: moneyCell(invoice.net, ctx),
    VAT: moneyCell(invoice.vat, ctx),
    Total: moneyCell(invoice.total, ctx),
    'VAT breakdown': breakdownCell(invoice.breakdown, ctx.exponent),
    Corrects: invoice.corrects,
    Hash: invoice.hash,
    'Previous hash': invoice.previousHash,
    Currency: invoice.currency ?? '',
    'Customer name': invoice.customerName ?? '',
    'Customer address': invoice.customerAddress ?? '',
    Key: invoice.key ?? '',
  };
}

function amount(v: CellValue, exponent: number): number {
  if (typeof v === 'number') {
    const scaled = v * 10 ** exponent;
    const rounded = Math.round(scaled);
    return Math.abs(scaled - rounded) < 1e-6 ? rounded : Number.NaN;
  }
  return parseMoney(String(v ?? ''), exponent) ?? Number.NaN;
}

/** A row of the Invoices tab as the hash chain sees it. */
export function invoiceOfRow(table: Table, row: Row, ledger: CellContext): InvoiceRow {
  // Columns added later may be missing on a ledger not set up again: they read as empty.
  const t = (h: string) => (table.has(h) ? parseText(table.get(row, h)) : '');
  const currency = t('Currency');
  const ctx = { exponent: invoiceExponent(currency, ledger) };
  return {
    invoiceNo: t('Invoice No'),
    series: t('Series'),
    type: t('Type'),
    issued: t('Issued'),
    orderId: t('Order ID'),
    customerId: t('Customer ID'),
    taxId: t('Tax ID'),
    net: amount(table.get(row, 'Net'), ctx.exponent),
    vat: amount(table.get(row, 'VAT'), ctx.exponent),
    total: amount(table.get(row, 'Total'), ctx.exponent),
    breakdown: parseBreakdownCell(t('VAT breakdown'), ctx.exponent),
    corrects: t('Corrects'),
    hash: t('Hash'),
    previousHash: t('Previous hash'),
    currency,
    customerName: t('Customer name'),
    customerAddress: t('Customer address'),
    key: t('Key'),
  };
}

export function chainRow(table: Table, row: Row, ctx: CellContext): ChainRow {
  const invoice = invoiceOfRow(table, row, ctx);
  return {
    row: row.rowNumber,
    invoice,
    hash: invoice.hash,
    previousHash: invoice.previousHash,
    exponent: invoiceExponent(invoice.currency, ctx),
  };
}

/** An instant as ISO 8601 in a time zone, with its offset: 2026-03-01T10:15:00+01:00. */
export function isoWithOffset(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  const offset = Math.round(zoneOffsetMs(ms, timeZone) / 60000);
  const abs = Math.abs(offset);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
