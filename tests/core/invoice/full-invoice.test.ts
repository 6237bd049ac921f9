/** The full-invoice rule (F replaces a simplified invoice) and the chain's optional fields. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { type ChainInvoice, canonical, hashInvoice, verifyChain } from '../../../src/core/invoice/chain';
import {
  decideFullInvoice,
  FullInvoiceRefusal,
  type SimplifiedInvoice,
} from '../../../src/core/invoice/full-invoice';

const digest = { sha256Hex: (text: string) => createHash('sha256').update(text, 'utf8').digest('hex') };

const T: SimplifiedInvoice = {
  invoiceNo: 'T-2026-000007',
  type: 'simplified',
  orderId: 'S-7',
  customerId: 'C-000001',
  net: 1500,
  vat: 260,
  total: 1760,
  breakdown: [
    { rate: 10, base: 500, vat: 50 },
    { rate: 21, base: 1000, vat: 210 },
  ],
  currency: 'EUR',
};
const REQUEST = {
  taxId: 'es b-1234567.4',
  name: ' Cafetería  Sol ',
  address: 'Calle Mayor 1\n\n28013 Madrid',
  key: 'k1',
};

const problems = (run: () => unknown): string[] => {
  try {
    run();
  } catch (e) {
    if (e instanceof FullInvoiceRefusal) return e.problems;
    throw e;
  }
  throw new Error('not refused');
};

describe('decideFullInvoice', () => {
  it('issues an F with the T’s amounts, citing it, with the buyer tidied and the tax ID normalised', () => {
    expect(decideFullInvoice(T, [], REQUEST)).toEqual({
      kind: 'issue',
      draft: {
        type: 'full',
        orderId: 'S-7',
        customerId: 'C-000001',
        taxId: 'ESB12345674',
        customerName: 'Cafetería Sol',
        customerAddress: 'Calle Mayor 1, 28013 Madrid',
        net: 1500,
        vat: 260,
        total: 1760,
        breakdown: T.breakdown,
        corrects: 'T-2026-000007',
        currency: 'EUR',
        key: 'k1',
      },
    });
  });

  it('replays the F issued with the same key; refuses another request naming the F', () => {
    const f = { invoiceNo: 'F-2026-000002', type: 'full', key: 'k1' };
    expect(decideFullInvoice(T, [f], REQUEST)).toEqual({ kind: 'replay', invoiceNo: 'F-2026-000002' });
    expect(problems(() => decideFullInvoice(T, [f], { ...REQUEST, key: 'k2' }))).toEqual([
      expect.stringMatching(/T-2026-000007 was already replaced by the full invoice F-2026-000002/),
    ]);
  });

  it('refuses a ticket with any corrective invoice, and an invoice that is not simplified', () => {
    const r = { invoiceNo: 'R-2026-000001', type: 'corrective', key: '' };
    expect(problems(() => decideFullInvoice(T, [r], REQUEST))).toEqual([
      expect.stringMatching(/corrective invoice R-2026-000001.*cannot be replaced/),
    ]);
    expect(problems(() => decideFullInvoice({ ...T, type: 'corrective' }, [], REQUEST))).toEqual([
      expect.stringMatching(/is a corrective invoice, not a simplified one/),
    ]);
  });

  it('lists every problem of the buyer at once', () => {
    expect(
      problems(() => decideFullInvoice(T, [], { ...REQUEST, taxId: 'X1234567A', name: '', address: ' ' })),
    ).toEqual([
      expect.stringMatching(/^Customer tax ID: The NIE X1234567A has the wrong control letter/),
      expect.stringMatching(/name is empty/),
      expect.stringMatching(/address is empty/),
    ]);
  });

  it('never issues an F whose amounts differ from the ticket’s (property)', () => {
    const amount = fc.integer({ min: -1_000_000, max: 1_000_000 });
    fc.assert(
      fc.property(amount, amount, (net, vat) => {
        const ticket = { ...T, net, vat, total: net + vat, breakdown: [{ rate: 21, base: net, vat }] };
        const decision = decideFullInvoice(ticket, [], REQUEST);
        if (decision.kind !== 'issue') throw new Error('expected an issue');
        expect([decision.draft.net, decision.draft.vat, decision.draft.total]).toEqual([net, vat, net + vat]);
        expect(decision.draft.breakdown).toEqual(ticket.breakdown);
      }),
    );
  });
});

describe('the chain’s optional fields (Currency, CustomerName, CustomerAddress)', () => {
  const base: ChainInvoice = {
    invoiceNo: 'T-2026-000001',
    series: 'T',
    type: 'simplified',
    issued: '2026-03-01T10:15:00+01:00',
    orderId: 'S-1',
    taxId: '',
    net: 1000,
    vat: 210,
    total: 1210,
    breakdown: [{ rate: 21, base: 1000, vat: 210 }],
    corrects: '',
  };

  it('leaves the text of a row without them as it always was, so older rows keep their hash', () => {
    const old = canonical(base, 'abc');
    expect(canonical({ ...base, currency: '', customerName: ' ', customerAddress: '' }, 'abc')).toBe(old);
    expect(old.endsWith('&Corrects=&Previous=ABC')).toBe(true);
    expect(canonical({ ...base, currency: 'USD', customerName: 'A&B' }, 'abc')).toBe(
      old.replace('&Previous', '&Currency=USD&CustomerName=A%26B&Previous'),
    );
  });

  it('a changed currency, name or address is seen as an edit', () => {
    const invoice = { ...base, currency: 'EUR', customerName: 'Sol', customerAddress: 'Madrid' };
    const hash = hashInvoice(digest, invoice, '');
    const row = (inv: ChainInvoice) => [{ row: 2, invoice: inv, hash, previousHash: '' }];
    expect(verifyChain(digest, row(invoice))).toEqual([]);
    for (const change of [{ currency: 'USD' }, { customerName: 'Luna' }, { customerAddress: '' }]) {
      expect(verifyChain(digest, row({ ...invoice, ...change }))).toEqual([
        expect.objectContaining({ kind: 'edited', row: 2 }),
      ]);
    }
  });

  it('a row may carry its own currency’s decimals', () => {
    const yen = {
      ...base,
      currency: 'JPY',
      net: 1000,
      vat: 100,
      total: 1100,
      breakdown: [{ rate: 10, base: 1000, vat: 100 }],
    };
    expect(canonical(yen, '', 0)).toContain('&Net=1000&VAT=100&Total=1100&');
    const hash = hashInvoice(digest, yen, '', 0);
    expect(verifyChain(digest, [{ row: 2, invoice: yen, hash, previousHash: '', exponent: 0 }])).toEqual([]);
  });
});
