import {
  documentDate,
  escapeHtml,
  renderInvoiceDocument,
  shortHash,
} from '../../../src/core/invoice/document';
import { formatMoney } from '../../../src/core/money';

const base = {
  seller: { name: 'Café Ámbar S.L.', taxId: 'B12345674' },
  currency: 'EUR',
  timeZone: 'Europe/Madrid',
  invoice: {
    invoiceNo: 'F-2026-000007',
    type: 'full',
    issued: '2026-03-01T23:30:00+00:00',
    customerName: 'Ana García',
    taxId: '12345678Z',
    net: 2000,
    vat: 320,
    total: 2320,
    breakdown: [
      { rate: 10, base: 1000, vat: 100 },
      { rate: 21, base: 1000, vat: 210 },
    ],
    corrects: '',
    hash: 'ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789',
  },
  lines: [
    { name: 'Coffee beans', sku: 'COF-1', qty: 2, unitPrice: 550, discount: 100, vatRate: 10, total: 1100 },
    { name: 'Mug', sku: 'MUG-1', qty: 1, unitPrice: 1210, discount: 0, vatRate: 21, total: 1210 },
  ],
};

test('every field is on the document', () => {
  const html = renderInvoiceDocument(base);
  for (const text of [
    'Café Ámbar S.L.',
    'B12345674',
    'F-2026-000007',
    '2026-03-02 00:30',
    'Invoice',
    'Ana García',
    '12345678Z',
    'Coffee beans',
    'Mug',
    formatMoney(550, 'EUR'),
    formatMoney(100, 'EUR'),
    formatMoney(1210, 'EUR'),
    '10 %',
    '21 %',
    formatMoney(2000, 'EUR'),
    formatMoney(320, 'EUR'),
    formatMoney(2320, 'EUR'),
    shortHash(base.invoice.hash),
  ]) {
    expect(html).toContain(escapeHtml(text));
  }
  expect(html).toMatch(/^<!DOCTYPE html>/);
  expect(html).toContain('<style>');
  expect(html).not.toMatch(/<link|<script|src=/);
  expect(html).toContain('@page');
  expect(html).not.toContain('Corrects');
});

test('the issue date is shown in the ledger time zone', () => {
  expect(documentDate('2026-03-01T23:30:00+00:00', 'Europe/Madrid')).toBe('2026-03-02 00:30');
  expect(documentDate('2026-03-01T23:30:00+00:00', 'America/New_York')).toBe('2026-03-01 18:30');
  expect(documentDate('not a date', 'Europe/Madrid')).toBe('not a date');
});

test('a simplified invoice without customer leaves the customer out', () => {
  const html = renderInvoiceDocument({
    ...base,
    invoice: { ...base.invoice, type: 'simplified', customerName: '', taxId: '' },
  });
  expect(html).toContain('Simplified invoice');
  expect(html).not.toContain('Customer tax ID');
  expect(html).not.toContain('<dt>Customer</dt>');
});

test('every text is escaped: a customer called <script> stays text', () => {
  const html = renderInvoiceDocument({
    ...base,
    seller: { name: '<b>Shop</b> & "Co"', taxId: "'x'" },
    invoice: { ...base.invoice, customerName: '<script>alert(1)</script>', taxId: '<img src=x>' },
    lines: [{ ...base.lines[0], name: '<i>beans</i>' }],
  });
  expect(html).not.toContain('<script>');
  expect(html).not.toContain('<img');
  expect(html).not.toContain('<i>beans');
  expect(html).not.toContain('<b>Shop');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).toContain('&lt;b&gt;Shop&lt;/b&gt; &amp; &quot;Co&quot;');
  expect(html).toContain('&#39;x&#39;');
});

test('a corrective invoice cites the number it corrects', () => {
  const html = renderInvoiceDocument({
    ...base,
    invoice: {
      ...base.invoice,
      invoiceNo: 'R-2026-000001',
      type: 'corrective',
      corrects: 'W-2026-000003',
      net: -1000,
      vat: -100,
      total: -1100,
      breakdown: [{ rate: 10, base: -1000, vat: -100 }],
    },
    lines: [{ ...base.lines[0], qty: -2, total: -1100 }],
  });
  expect(html).toContain('Corrective invoice');
  expect(html).toContain('Corrects W-2026-000003');
  expect(html).toContain(escapeHtml(formatMoney(-1100, 'EUR')));
});
