/**
 * The invoice document: ONE self-contained HTML page for an issued invoice, the same in the
 * add-on's dialog and from `shop-ledger invoice --html`. Every text from the ledger is
 * HTML-escaped (a customer called <script> stays text); the CSS is inline and prints on A4 and on
 * a narrow receipt roll alike.
 */
import { formatMoney, type Minor } from '../money';
import { pad, wallClock } from '../wall-clock';

export interface DocumentLine {
  name: string;
  sku: string;
  qty: number;
  /** Per unit, as on the order line. */
  unitPrice: Minor;
  /** The line's discount as an amount (0 when none). */
  discount: Minor;
  vatRate: number;
  total: Minor;
}

export interface DocumentInvoice {
  invoiceNo: string;
  /** simplified, full or corrective. */
  type: string;
  /** ISO 8601 with its offset, as stored in Issued. */
  issued: string;
  /** The customer's name, '' when none. */
  customerName: string;
  /** The customer's tax ID, '' when none. */
  taxId: string;
  /** The buyer's address, written on a full invoice; '' or absent otherwise. */
  customerAddress?: string;
  net: Minor;
  vat: Minor;
  total: Minor;
  breakdown: readonly { rate: number; base: Minor; vat: Minor }[];
  /** The invoice number this one corrects (a full invoice: the simplified one it replaces), '' when none. */
  corrects: string;
  hash: string;
}

export interface InvoiceDocumentInput {
  seller: { name: string; taxId: string };
  currency: string;
  /** The ledger's time zone: the issue date is shown in it. */
  timeZone: string;
  invoice: DocumentInvoice;
  lines: readonly DocumentLine[];
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe to put in HTML content or a quoted attribute. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** The issue date-time in the ledger's time zone, like 2026-03-01 10:15; the stored text if unreadable. */
export function documentDate(issued: string, timeZone: string): string {
  const ms = Date.parse(issued);
  if (Number.isNaN(ms)) return issued;
  try {
    const w = wallClock(ms, timeZone);
    return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
  } catch {
    return issued;
  }
}

/** The document's title for an invoice type. */
export function documentTitle(type: string): string {
  const t = type.trim().toLowerCase();
  if (t === 'simplified') return 'Simplified invoice';
  if (t === 'corrective') return 'Corrective invoice';
  if (t === 'full') return 'Invoice';
  return `Invoice (${type})`;
}

/** The hash as printed: its first 16 characters. */
export function shortHash(hash: string): string {
  const h = hash.trim();
  return h.length > 16 ? `${h.slice(0, 16)}…` : h;
}

const CSS = `
*{box-sizing:border-box}
body{font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#111;margin:0;padding:16px;font-size:13px;line-height:1.4}
.doc{max-width:760px;margin:0 auto}
header{display:flex;flex-wrap:wrap;justify-content:space-between;gap:8px 24px;border-bottom:2px solid #111;padding-bottom:8px;margin-bottom:12px}
h1{font-size:20px;margin:0 0 4px}
.seller{font-weight:600;font-size:15px}
.muted{color:#555}
dl{display:grid;grid-template-columns:auto 1fr;gap:2px 12px;margin:0 0 12px}
dt{color:#555}
dd{margin:0;word-break:break-word}
table{width:100%;border-collapse:collapse;margin:0 0 12px}
th,td{padding:4px 6px;border-bottom:1px solid #ddd;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}
th{font-size:11px;text-transform:uppercase;letter-spacing:.03em;color:#555;border-bottom:1px solid #111}
.totals{margin-left:auto;max-width:320px}
.totals td{border:0}
.totals tr.grand td{font-weight:700;font-size:16px;border-top:2px solid #111}
.corrects{font-weight:600}
footer{margin-top:12px;font-size:11px;color:#555;word-break:break-all}
@page{margin:12mm}
@media print{body{padding:0}}
@media (max-width:420px){body{padding:6px;font-size:11px}th,td{padding:2px 3px}header{display:block}.totals{max-width:none}th.opt,td.opt{display:none}}
`;

/** The invoice as one self-contained HTML page. */
export function renderInvoiceDocument(input: InvoiceDocumentInput): string {
  const { seller, invoice, currency } = input;
  const e = escapeHtml;
  const money = (x: Minor) => e(formatMoney(x, currency));
  const rate = (r: number) => `${e(r)} %`;
  const full = invoice.type.trim().toLowerCase() === 'full';
  const cites = invoice.corrects.trim() !== '';
  // A full invoice replaces the simplified one it cites (VERI*FACTU F3); it corrects nothing.
  const citation = !cites
    ? ''
    : full
      ? `<div class="corrects">Replaces simplified invoice ${e(invoice.corrects)}</div>`
      : `<div class="corrects">Corrects ${e(invoice.corrects)}</div>`;

  const facts: [string, string][] = [
    ['Number', e(invoice.invoiceNo)],
    ['Date', e(documentDate(invoice.issued, input.timeZone))],
    ['Type', e(invoice.type)],
  ];
  if (invoice.customerName.trim() !== '') facts.push(['Customer', e(invoice.customerName)]);
  if (invoice.taxId.trim() !== '') facts.push(['Customer tax ID', e(invoice.taxId)]);
  const address = (invoice.customerAddress ?? '').trim();
  if (address !== '') facts.push(['Customer address', e(address)]);

  const lines = input.lines
    .map(
      (l) =>
        `<tr><td>${e(l.name || l.sku)}</td><td>${e(l.qty)}</td><td>${money(l.unitPrice)}</td><td class="opt">${l.discount === 0 ? '' : money(l.discount)}</td><td class="opt">${rate(l.vatRate)}</td><td>${money(l.total)}</td></tr>`,
    )
    .join('\n');
  const breakdown = invoice.breakdown
    .map(
      (b) =>
        `<tr><td>${rate(b.rate)}</td><td>${money(b.base)}</td><td>${money(b.vat)}</td><td>${money(b.base + b.vat)}</td></tr>`,
    )
    .join('\n');

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(documentTitle(invoice.type))} ${e(invoice.invoiceNo)}</title>
<style>${CSS}</style>
</head>
<body>
<div class="doc">
<header>
<div><div class="seller">${e(seller.name)}</div><div class="muted">Tax ID: ${e(seller.taxId)}</div></div>
<div><h1>${e(documentTitle(invoice.type))}</h1><div>${e(invoice.invoiceNo)}</div>${citation}</div>
</header>
<dl>
${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('\n')}
</dl>
<table class="lines">
<thead><tr><th>Item</th><th>Qty</th><th>Unit price</th><th class="opt">Discount</th><th class="opt">VAT %</th><th>Total</th></tr></thead>
<tbody>
${lines}
</tbody>
</table>
<table class="breakdown">
<thead><tr><th>VAT rate</th><th>Base</th><th>VAT</th><th>Total</th></tr></thead>
<tbody>
${breakdown}
</tbody>
</table>
<table class="totals">
<tr><td>Net</td><td>${money(invoice.net)}</td></tr>
<tr><td>VAT</td><td>${money(invoice.vat)}</td></tr>
<tr class="grand"><td>Total</td><td>${money(invoice.total)}</td></tr>
</table>
<footer>Hash: <span class="hash" title="${e(invoice.hash)}">${e(shortHash(invoice.hash))}</span></footer>
</div>
</body>
</html>
`;
}
