/** A full invoice (F) on request replaces a till ticket (T): once, idempotent, chained, checked. */
import { checkLedger } from '../../../src/app/check-ledger';
import { FullInvoiceRefused, issueFullInvoice } from '../../../src/app/invoices/full-invoice';
import { invoiceDocument } from '../../../src/app/invoices/invoice-document';
import { importOrders } from '../../../src/app/sync/import-orders';
import { createCustomer } from '../../../src/app/till/customers';
import { recordSale } from '../../../src/app/till/record-sale';
import { LockTimeoutError } from '../../../src/platform/lock';
import { cashSale, MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';
import { productLine, webOrder } from '../../helpers/web-orders';

type Setup = ReturnType<typeof tillLedger>;
type Env = Setup['env'];

const rows = (env: Env, tab: string) =>
  env.meter.uncounted(() => env.spreadsheet.getSheetByName(tab)?.getDataRange().getValues() ?? []);
/** The Invoices tab as objects by header. */
function invoices(env: Env): Record<string, unknown>[] {
  const [header, ...data] = rows(env, 'Invoices');
  return data.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}
const invoiceProblems = ({ env, platform }: Setup) =>
  env.meter
    .uncounted(() => checkLedger(platform.workbook, platform.digest))
    .problems.filter((p) => p.tab === 'Invoices');

const BUYER = { taxId: 'b-1234567-4', name: 'Cafetería Sol, S.L.', address: 'Calle Mayor 1\n28013 Madrid' };

function ticket(setup: Setup, key = 'sale-1', customerId?: string) {
  const sale = recordSale(setup.platform, {
    ...cashSale(key, [{ sku: MUG.sku, qty: 2 }], 2 * MUG.price),
    customerId,
  });
  return sale.invoiceNo as string;
}

test('an F replaces the T: it cites it, copies its amounts, carries the buyer, and the chain and check stay clean', () => {
  const setup = tillLedger();
  const t = ticket(setup);
  const result = issueFullInvoice(nextExecution(setup.env.shared).platform, {
    ticket: t,
    ...BUYER,
    key: 'f-1',
  });
  expect(result).toEqual({
    invoiceNo: `F-${t.slice(2, 6)}-000001`,
    replaces: t,
    replayed: false,
    customerUpdated: '',
  });
  const [tRow, fRow] = invoices(setup.env);
  expect(fRow).toMatchObject({
    'Invoice No': result.invoiceNo,
    Series: 'F',
    Type: 'full',
    'Order ID': tRow['Order ID'],
    'Tax ID': 'B12345674',
    Net: tRow.Net,
    VAT: tRow.VAT,
    Total: tRow.Total,
    'VAT breakdown': tRow['VAT breakdown'],
    Corrects: t,
    Currency: 'EUR',
    'Customer name': 'Cafetería Sol, S.L.',
    'Customer address': 'Calle Mayor 1, 28013 Madrid',
    'Previous hash': tRow.Hash,
    Key: 'f-1',
  });
  // The T stays as it was: nothing cancels it.
  expect(invoices(setup.env)).toHaveLength(2);
  expect(invoiceProblems(setup)).toEqual([]);

  const doc = setup.env.meter.uncounted(() => invoiceDocument(setup.platform.workbook, result.invoiceNo));
  expect(doc.html).toContain(`Replaces simplified invoice ${t}`);
  expect(doc.html).toContain('Cafetería Sol, S.L.');
  expect(doc.html).toContain('Calle Mayor 1, 28013 Madrid');
  expect(doc.html).toContain('B12345674');
  expect(doc.html).not.toContain('Corrects');
});

test('a retry with the same key returns the same F; a second request for the T is refused naming the F', () => {
  const setup = tillLedger();
  const t = ticket(setup);
  const first = issueFullInvoice(setup.platform, { ticket: t, ...BUYER, key: 'f-1' });
  const again = issueFullInvoice(nextExecution(setup.env.shared).platform, {
    ticket: t,
    ...BUYER,
    key: 'f-1',
  });
  expect(again).toEqual({ ...first, replayed: true });
  expect(invoices(setup.env)).toHaveLength(2);

  const other = () => issueFullInvoice(setup.platform, { ticket: t, ...BUYER, key: 'f-2' });
  expect(other).toThrow(FullInvoiceRefused);
  expect(other).toThrow(new RegExp(`${t} was already replaced by the full invoice ${first.invoiceNo}`));
  expect(invoices(setup.env)).toHaveLength(2);
});

test('refused with a clear message, writing nothing: bad tax ID, no name or address, unknown number, an F or R to replace', () => {
  const setup = tillLedger();
  const t = ticket(setup);
  const before = rows(setup.env, 'Invoices');
  const refusal = (input: Partial<Parameters<typeof issueFullInvoice>[1]>) => {
    try {
      issueFullInvoice(setup.platform, { ticket: t, ...BUYER, key: 'k', ...input });
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('not refused');
  };
  expect(refusal({ taxId: '12345678A' })).toMatch(
    /tax ID: The NIF 12345678A has the wrong control letter.*Z/,
  );
  expect(refusal({ taxId: '' })).toMatch(/tax ID: The tax ID is empty/);
  expect(refusal({ name: '  ', address: '\n' })).toMatch(/name is empty.*address is empty/s);
  expect(refusal({ ticket: 'T-2026-999999' })).toMatch(/no invoice T-2026-999999/);
  expect(refusal({ key: '' })).toMatch(/idempotency key/);
  expect(rows(setup.env, 'Invoices')).toEqual(before);

  const f = issueFullInvoice(setup.platform, { ticket: t, ...BUYER, key: 'f' }).invoiceNo;
  expect(refusal({ ticket: f })).toMatch(new RegExp(`${f} is a full invoice, not a simplified one`));
});

test('a ticket with a corrective invoice (returned or refunded) cannot be replaced', () => {
  const setup = tillLedger({ open: false });
  const lines = [productLine('ACC-MUG-W', 1, 1200, 21, 'l1')];
  const refund = {
    refundId: '9',
    created: Date.UTC(2026, 10, 21),
    amount: 600,
    reason: '',
    lines: [{ externalLineId: 'l1', sku: 'ACC-MUG-W', qty: 1, amount: 600, restock: false }],
  };
  importOrders(setup.platform, 'shop.example.com', {
    orders: [webOrder('800', 'partially refunded', lines, { refunds: [refund] })],
    problems: [],
  });
  const [w, r] = invoices(setup.env).map((i) => String(i['Invoice No']));
  expect(() => issueFullInvoice(setup.platform, { ticket: w, ...BUYER, key: 'f' })).toThrow(
    new RegExp(`${w} has the corrective invoice ${r}.*cannot be replaced`),
  );
  expect(invoices(setup.env)).toHaveLength(2);
});

test('a web order’s simplified W can be replaced too', () => {
  const setup = tillLedger({ open: false });
  importOrders(setup.platform, 'shop.example.com', {
    orders: [webOrder('801', 'paid', [productLine('ACC-MUG-W', 1, 1200, 21, 'l1')])],
    problems: [],
  });
  const [w] = invoices(setup.env).map((i) => String(i['Invoice No']));
  expect(issueFullInvoice(setup.platform, { ticket: w, ...BUYER, key: 'f' }).invoiceNo).toMatch(/^F-/);
  expect(invoiceProblems(setup)).toEqual([]);
});

test('the order’s customer gets the tax ID when they had none; one with another keeps theirs', () => {
  const setup = tillLedger();
  const customer = createCustomer(setup.platform, { key: 'c1', name: 'Ana', email: 'ana@example.com' });
  const t = ticket(setup, 'sale-1', customer.customerId);
  const result = issueFullInvoice(setup.platform, { ticket: t, ...BUYER, key: 'f-1' });
  expect(result.customerUpdated).toBe(customer.customerId);
  const [header, ...customers] = rows(setup.env, 'Customers');
  const taxId = (i: number) => customers[i][header.indexOf('Tax ID')];
  expect(taxId(0)).toBe('B12345674');
  expect(invoices(setup.env)[1]['Customer ID']).toBe(customer.customerId);

  const t2 = ticket(setup, 'sale-2', customer.customerId);
  const second = issueFullInvoice(setup.platform, { ticket: t2, ...BUYER, taxId: '12345678Z', key: 'f-2' });
  expect(second.customerUpdated).toBe('');
  expect(taxId(0)).toBe('B12345674');
  expect(invoices(setup.env)[3]['Tax ID']).toBe('12345678Z');
});

test('when the lock cannot be had, a clear "try again" and nothing written', () => {
  const setup = tillLedger();
  const t = ticket(setup);
  const before = rows(setup.env, 'Invoices');
  const busy = {
    ...setup.platform,
    lock: {
      acquire: () => {
        throw new LockTimeoutError();
      },
      release: () => {},
    },
  };
  expect(() => issueFullInvoice(busy, { ticket: t, ...BUYER, key: 'f' })).toThrow(/try again/);
  expect(rows(setup.env, 'Invoices')).toEqual(before);
});

test('its Sheets calls do not grow with the Invoices tab', () => {
  const counts = [10, 2_000].map((n) => {
    const setup = tillLedger();
    const year = new Date().getUTCFullYear();
    const filler = Array.from({ length: n }, (_, i) => [
      `T-${year}-${String(i + 1).padStart(6, '0')}`,
      'T',
      'simplified',
      `${year}-01-01T10:00:00+01:00`,
      `O-${i}`,
      '',
      '',
      1,
      0.21,
      1.21,
      '21:1.00:0.21',
      '',
      `H${i + 1}`,
      i === 0 ? '' : `H${i}`,
    ]);
    setup.env.meter.uncounted(() => setup.platform.workbook.write('Invoices', 2, 1, filler));
    const t = ticket(setup);
    const run = nextExecution(setup.env.shared);
    issueFullInvoice(run.platform, { ticket: t, ...BUYER, key: 'f' });
    const m = run.env.meter.snapshot();
    return { byMethod: m.byMethod, cellsRead: m.cellsRead };
  });
  expect(counts[1].byMethod).toEqual(counts[0].byMethod);
  expect(counts[1].cellsRead).toBe(counts[0].cellsRead);
});

test('with no F series in Settings › Invoice series, a clear error naming the setting, nothing written', () => {
  const setup = tillLedger({ settings: { 'Invoice series': 'T: till; W: web; R: corrective' } });
  const t = ticket(setup);
  expect(() => issueFullInvoice(setup.platform, { ticket: t, ...BUYER, key: 'f' })).toThrow(
    /no invoice series F in Settings › Invoice series \(T, W, R\)/,
  );
  expect(invoices(setup.env)).toHaveLength(1);
});

test('a name or address that looks like a formula is kept as text, and the row still verifies', () => {
  const setup = tillLedger();
  const t = ticket(setup);
  issueFullInvoice(setup.platform, {
    ticket: t,
    ...BUYER,
    name: '=IMPORTXML("http://x","//a")',
    address: '+34 0451',
    key: 'f',
  });
  expect(invoices(setup.env)[1]).toMatchObject({
    'Customer name': '=IMPORTXML("http://x","//a")',
    'Customer address': '+34 0451',
  });
  const formulas = setup.env.meter.uncounted(
    () => setup.env.spreadsheet.getSheetByName('Invoices')?.getRange(3, 1, 1, 18).getFormulas()[0],
  );
  expect(formulas?.every((f) => f === '')).toBe(true);
  expect(invoiceProblems(setup)).toEqual([]);
});
