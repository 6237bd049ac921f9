/**
 * A full invoice (F) on request, for a simplified one (a till ticket T, or a web order's W).
 *
 * The rule (Spain): the customer who asks for a full invoice for a ticket gets a full invoice that
 * REPLACES the simplified one and cites it (VERI*FACTU TipoFactura F3, "factura emitida en
 * sustitución de facturas simplificadas facturadas y declaradas"); the simplified invoice is not
 * cancelled with a corrective invoice. The full invoice carries the buyer's name, tax ID and
 * address (RD 1619/2012, art. 6) and the same amounts as the ticket it replaces.
 *
 * So, refused with a FullInvoiceRefusal:
 * - an invoice that is not simplified (a full or a corrective one);
 * - a second full invoice for the same ticket (one F per T): the message names the existing F;
 * - a ticket that has any corrective invoice (a return or refund): what still stands is no longer
 *   the ticket's amounts, and this ledger replaces a ticket only whole;
 * - a bad tax ID (by taxIdError), an empty name or an empty address.
 * A request with the same idempotency key as the F already issued is its retry: it gets that F.
 */
import { normaliseTaxId, taxIdError } from './tax-id';

export const FULL_TYPE = 'full';
export const SIMPLIFIED_TYPE = 'simplified';

export interface SimplifiedInvoice {
  invoiceNo: string;
  type: string;
  orderId: string;
  customerId: string;
  net: number;
  vat: number;
  total: number;
  breakdown: readonly { rate: number; base: number; vat: number }[];
  currency: string;
}

/** An invoice already citing the ticket in its Corrects column. */
export interface CitingInvoice {
  invoiceNo: string;
  type: string;
  key: string;
}

export interface FullInvoiceRequest {
  taxId: string;
  name: string;
  address: string;
  key: string;
}

export interface FullInvoiceDraft {
  type: typeof FULL_TYPE;
  orderId: string;
  customerId: string;
  /** Normalised: upper case, without spaces, dots or dashes. */
  taxId: string;
  customerName: string;
  customerAddress: string;
  net: number;
  vat: number;
  total: number;
  breakdown: readonly { rate: number; base: number; vat: number }[];
  /** The simplified invoice it replaces. */
  corrects: string;
  currency: string;
  key: string;
}

export type FullInvoiceDecision =
  | { kind: 'replay'; invoiceNo: string }
  | { kind: 'issue'; draft: FullInvoiceDraft };

/** A full invoice refused, with every reason; nothing was written. */
export class FullInvoiceRefusal extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
    this.name = 'FullInvoiceRefusal';
  }
}

/** Longest name or address accepted: a cell, not a letter. */
const MAX_TEXT = 300;

/** Collapses the whitespace people type (line breaks in an address become ", "). */
function tidy(text: string): string {
  return String(text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter((line) => line !== '')
    .join(', ');
}

/** What to do with a request for a full invoice replacing `ticket`, given the invoices citing it. */
export function decideFullInvoice(
  ticket: SimplifiedInvoice,
  citing: readonly CitingInvoice[],
  request: FullInvoiceRequest,
): FullInvoiceDecision {
  const number = ticket.invoiceNo;
  const full = citing.find((c) => c.type.trim().toLowerCase() === FULL_TYPE);
  if (full && full.key !== '' && full.key === request.key)
    return { kind: 'replay', invoiceNo: full.invoiceNo };

  const problems: string[] = [];
  if (ticket.type.trim().toLowerCase() !== SIMPLIFIED_TYPE) {
    problems.push(
      `${number} is a ${ticket.type || 'untyped'} invoice, not a simplified one: only a ticket (T) or a web order's simplified invoice (W) can be replaced by a full invoice.`,
    );
  } else if (full) {
    problems.push(
      `${number} was already replaced by the full invoice ${full.invoiceNo}: a ticket gets one full invoice. Show ${full.invoiceNo} to print it again.`,
    );
  } else {
    const corrective = citing.filter((c) => c.type.trim().toLowerCase() !== FULL_TYPE);
    if (corrective.length > 0) {
      problems.push(
        `${number} has the corrective invoice ${corrective.map((c) => c.invoiceNo).join(', ')} (a return or refund), so its amounts no longer stand as issued: it cannot be replaced by a full invoice. Issue the full invoice for what was kept by hand with your accountant.`,
      );
    }
  }
  const taxError = taxIdError(request.taxId);
  if (taxError !== null) problems.push(`Customer tax ID: ${taxError}`);
  const name = tidy(request.name);
  const address = tidy(request.address);
  if (name === '')
    problems.push('Customer name is empty: a full invoice names the buyer (person or company).');
  if (address === '') problems.push('Customer address is empty: a full invoice carries the buyer’s address.');
  if (name.length > MAX_TEXT) problems.push(`Customer name is longer than ${MAX_TEXT} characters.`);
  if (address.length > MAX_TEXT) problems.push(`Customer address is longer than ${MAX_TEXT} characters.`);
  if (problems.length > 0) throw new FullInvoiceRefusal(problems);

  return {
    kind: 'issue',
    draft: {
      type: FULL_TYPE,
      orderId: ticket.orderId,
      customerId: ticket.customerId,
      taxId: normaliseTaxId(request.taxId),
      customerName: name,
      customerAddress: address,
      net: ticket.net,
      vat: ticket.vat,
      total: ticket.total,
      breakdown: ticket.breakdown.map((b) => ({ rate: b.rate, base: b.base, vat: b.vat })),
      corrects: number,
      currency: ticket.currency,
      key: request.key,
    },
  };
}
