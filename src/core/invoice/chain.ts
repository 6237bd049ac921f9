/**
 * The invoice hash chain, one per ledger, in the manner of Spain's VERI*FACTU "huella": each
 * issued invoice's Hash is the SHA-256 of a canonical text of its fields and the previous
 * invoice's Hash, so editing, deleting, inserting or reordering a row breaks the chain where it
 * happened. The first invoice's previous hash is empty, as in VERI*FACTU.
 *
 * Our canonical text (version 1) is `key=value` pairs joined by '&', in this order:
 *
 *     InvoiceNo, Series, Type, Issued, OrderId, TaxId, Net, VAT, Total, Breakdown, Corrects,
 *     [Currency, CustomerName, CustomerAddress,] Previous
 *
 * - Currency, CustomerName and CustomerAddress came after the first ledgers were made: each is in
 *   the text only when it is not empty, so every row issued before them keeps its hash (their
 *   cells are empty), and a row that has them cannot lose or change them unseen. Fixed keys in a
 *   fixed order keep the text unambiguous. (The published VERI*FACTU vectors are computed by
 *   verifactuHuella below, whose text is the AEAT's and does not change.)
 * - Text values are trimmed, and the characters % & = ; : are written %25 %26 %3D %3B %3A, so
 *   no value can imitate a separator: different fields always give different texts.
 * - Amounts are decimals with the currency's decimals (2 unless said): 1210 → 12.10, -5 → -0.05.
 * - Breakdown is `rate:base:vat` per VAT rate joined by ';', sorted by rate, the rate with 2
 *   decimals and the amounts as above: 10.00:5.00:0.50;21.00:10.00:2.10.
 * - Hashes are upper-case hex, like the huella; comparisons ignore case.
 *
 * verifactuHuella computes the official huella of a VERI*FACTU RegistroAlta, reproducing the
 * AEAT's published examples (see the tests for the source).
 */
import { formatDecimal, type Minor, percentToHundredths } from '../money';
import { vatRateError } from '../vat-rate';

/** What the chain needs of the Digest port (src/platform/digest.ts); any Digest is one. */
export interface Sha256Digest {
  /** SHA-256 of the UTF-8 bytes of text, as hex. */
  sha256Hex(text: string): string;
}

export interface ChainInvoice {
  invoiceNo: string;
  series: string;
  /** The invoice type, e.g. simplified, full, corrective. */
  type: string;
  /** The issue date-time as stored: ISO 8601 with its offset, e.g. 2026-03-01T10:15:00+01:00. */
  issued: string;
  orderId: string;
  /** The customer's tax ID, '' when none. */
  taxId: string;
  net: Minor;
  vat: Minor;
  total: Minor;
  breakdown: readonly { rate: number; base: Minor; vat: Minor }[];
  /** The invoice number this one corrects (or, for a full invoice, replaces), '' when none. */
  corrects: string;
  /** ISO 4217 code of the amounts; '' on rows issued before the Currency column. */
  currency?: string;
  /** The buyer's name and address, written on a full invoice; '' otherwise. */
  customerName?: string;
  customerAddress?: string;
}

export const CHAIN_VERSION = 1;

function text(value: string): string {
  return String(value ?? '')
    .trim()
    .replace(/[%&=;:]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function breakdownText(rows: ChainInvoice['breakdown'], exponent: number): string {
  return rows
    .map((row) => {
      const error = vatRateError(row.rate);
      if (error !== null) throw new RangeError(error);
      return { hundredths: percentToHundredths(row.rate), row };
    })
    .sort((a, b) => a.hundredths - b.hundredths)
    .map(
      ({ hundredths, row }) =>
        `${formatDecimal(hundredths, 2)}:${formatDecimal(row.base, exponent)}:${formatDecimal(row.vat, exponent)}`,
    )
    .join(';');
}

/**
 * The canonical text of an invoice and the previous hash, which hashInvoice hashes. Throws a
 * RangeError when an amount is not a whole number of minor units or a rate is not a VAT rate.
 */
export function canonical(invoice: ChainInvoice, previousHash: string, exponent = 2): string {
  const pairs: [string, string][] = [
    ['InvoiceNo', text(invoice.invoiceNo)],
    ['Series', text(invoice.series)],
    ['Type', text(invoice.type)],
    ['Issued', text(invoice.issued)],
    ['OrderId', text(invoice.orderId)],
    ['TaxId', text(invoice.taxId)],
    ['Net', formatDecimal(invoice.net, exponent)],
    ['VAT', formatDecimal(invoice.vat, exponent)],
    ['Total', formatDecimal(invoice.total, exponent)],
    ['Breakdown', breakdownText(invoice.breakdown, exponent)],
    ['Corrects', text(invoice.corrects)],
  ];
  const optional: [string, string | undefined][] = [
    ['Currency', invoice.currency],
    ['CustomerName', invoice.customerName],
    ['CustomerAddress', invoice.customerAddress],
  ];
  for (const [key, value] of optional) {
    if (text(value ?? '') !== '') pairs.push([key, text(value ?? '')]);
  }
  pairs.push(['Previous', text(previousHash).toUpperCase()]);
  return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

/** The invoice's Hash: SHA-256 of its canonical text, 64 upper-case hex digits. */
export function hashInvoice(
  digest: Sha256Digest,
  invoice: ChainInvoice,
  previousHash: string,
  exponent = 2,
): string {
  return digest.sha256Hex(canonical(invoice, previousHash, exponent)).toUpperCase();
}

export interface ChainRow {
  /** The sheet row, for messages. */
  row: number;
  invoice: ChainInvoice;
  /** The Hash cell. */
  hash: string;
  /** The Previous hash cell. */
  previousHash: string;
  /** The decimals of this row's currency, when it has its own (else verifyChain's exponent). */
  exponent?: number;
}

export type ChainProblemKind = 'edited' | 'broken' | 'unreadable';

export interface ChainProblem {
  kind: ChainProblemKind;
  row: number;
  message: string;
}

function same(a: string, b: string): boolean {
  return (
    String(a ?? '')
      .trim()
      .toUpperCase() ===
    String(b ?? '')
      .trim()
      .toUpperCase()
  );
}

/**
 * Walks the chain over the Invoices tab's rows, in sheet order, and reports each row:
 * - edited: its fields no longer give its Hash (changed by hand);
 * - broken: its Previous hash is not the Hash of the row above (a row deleted, inserted or
 *   moved), or, on the first row, is not empty (rows before it deleted);
 * - unreadable: its amounts or rates cannot be read, so its hash cannot be checked.
 * An empty list means the chain holds. Rows are never renumbered or repaired here.
 */
export function verifyChain(digest: Sha256Digest, rows: readonly ChainRow[], exponent = 2): ChainProblem[] {
  const problems: ChainProblem[] = [];
  rows.forEach((current, index) => {
    const name = String(current.invoice.invoiceNo ?? '').trim() || 'no number';
    const label = `Row ${current.row} (${name})`;
    if (index === 0) {
      if (!same(current.previousHash, '')) {
        problems.push({
          kind: 'broken',
          row: current.row,
          message: `${label}: the first invoice has a Previous hash, so the invoices before it were deleted.`,
        });
      }
    } else {
      const above = rows[index - 1];
      if (!same(current.previousHash, above.hash)) {
        problems.push({
          kind: 'broken',
          row: current.row,
          message: `${label}: its Previous hash is not the Hash of row ${above.row}: a row was deleted, inserted or moved here.`,
        });
      }
    }
    let expected: string;
    try {
      expected = hashInvoice(digest, current.invoice, current.previousHash, current.exponent ?? exponent);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      problems.push({
        kind: 'unreadable',
        row: current.row,
        message: `${label}: its fields cannot be read to check its Hash: ${reason}`,
      });
      return;
    }
    if (!same(expected, current.hash)) {
      problems.push({
        kind: 'edited',
        row: current.row,
        message: `${label}: its fields no longer match its Hash: it was edited by hand.`,
      });
    }
  });
  return problems;
}

/** The fields of a VERI*FACTU RegistroAlta that its huella covers, written as in the XML record. */
export interface VerifactuAltaFields {
  /** The issuer's NIF. */
  IDEmisorFactura: string;
  /** Series and number as one text. */
  NumSerieFactura: string;
  /** dd-mm-yyyy. */
  FechaExpedicionFactura: string;
  /** F1, F2, R1…R5, F3. */
  TipoFactura: string;
  /** Total VAT, e.g. 12.35. */
  CuotaTotal: string;
  /** Invoice total, e.g. 123.45. */
  ImporteTotal: string;
  /** Date-time with offset, e.g. 2024-01-01T19:20:30+01:00. */
  FechaHoraHusoGenRegistro: string;
}

/** The fields of a VERI*FACTU RegistroAnulacion that its huella covers. */
export interface VerifactuAnulacionFields {
  IDEmisorFacturaAnulada: string;
  NumSerieFacturaAnulada: string;
  FechaExpedicionFacturaAnulada: string;
  FechaHoraHusoGenRegistro: string;
}

function verifactuText(pairs: [string, string][]): string {
  return pairs.map(([key, value]) => `${key}=${String(value ?? '').trim()}`).join('&');
}

/** The text whose SHA-256 is a RegistroAlta's huella: fields in the AEAT's order, values trimmed. */
export function verifactuAltaText(fields: VerifactuAltaFields, previous: string): string {
  return verifactuText([
    ['IDEmisorFactura', fields.IDEmisorFactura],
    ['NumSerieFactura', fields.NumSerieFactura],
    ['FechaExpedicionFactura', fields.FechaExpedicionFactura],
    ['TipoFactura', fields.TipoFactura],
    ['CuotaTotal', fields.CuotaTotal],
    ['ImporteTotal', fields.ImporteTotal],
    ['Huella', previous],
    ['FechaHoraHusoGenRegistro', fields.FechaHoraHusoGenRegistro],
  ]);
}

/**
 * The huella of a VERI*FACTU RegistroAlta: SHA-256 of verifactuAltaText, upper-case hex.
 * previous is the huella of the previous record, '' for the first record.
 */
export function verifactuHuella(
  fields: VerifactuAltaFields,
  previous: string,
  sha256Hex: (text: string) => string,
): string {
  return sha256Hex(verifactuAltaText(fields, previous)).toUpperCase();
}

/** The huella of a VERI*FACTU RegistroAnulacion (same method, its own fields). */
export function verifactuAnulacionHuella(
  fields: VerifactuAnulacionFields,
  previous: string,
  sha256Hex: (text: string) => string,
): string {
  return sha256Hex(
    verifactuText([
      ['IDEmisorFacturaAnulada', fields.IDEmisorFacturaAnulada],
      ['NumSerieFacturaAnulada', fields.NumSerieFacturaAnulada],
      ['FechaExpedicionFacturaAnulada', fields.FechaExpedicionFacturaAnulada],
      ['Huella', previous],
      ['FechaHoraHusoGenRegistro', fields.FechaHoraHusoGenRegistro],
    ]),
  ).toUpperCase();
}

/** An ISO date (2024-01-01, or the date part of a date-time) as VERI*FACTU writes it: 01-01-2024. */
export function verifactuDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(isoDate ?? '').trim());
  if (!match) throw new RangeError(`'${isoDate}' is not an ISO date like 2024-01-01.`);
  return `${match[3]}-${match[2]}-${match[1]}`;
}
