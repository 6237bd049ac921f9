/** Products and till state shared by the till sidebar tests. */
import type { TillProduct, TillState } from '../../src/app/till/api-types';
import { ean13CheckDigit } from '../../src/core/barcode';

const ean13 = (first12: string) => first12 + ean13CheckDigit(first12);

export const COFFEE: TillProduct = {
  sku: 'COF-ETH-250',
  barcode: ean13('841234510001'),
  name: 'Ethiopia Yirgacheffe coffee 250 g',
  price: 1250,
  vatRate: 10,
  available: 10,
  low: false,
};

export const MUG: TillProduct = {
  sku: 'ACC-MUG-W',
  barcode: ean13('841234510002'),
  name: 'White mug',
  price: 899,
  vatRate: 21,
  available: 4,
  low: false,
};

export const TEA: TillProduct = {
  sku: 'TEA-SEN-100',
  barcode: ean13('841234510003'),
  name: 'Sencha green tea 100 g',
  price: 450,
  vatRate: 21,
  available: 20,
  low: false,
};

/** Stored as a 13-digit EAN with a leading 0: the scanner may send its 12-digit UPC-A. */
export const FILTERS: TillProduct = {
  sku: 'ACC-FLT-100',
  barcode: '0036000291452',
  name: 'Paper filters, 100 pack',
  price: 650,
  vatRate: 21,
  available: 50,
  low: false,
};

/** Stored as a 12-digit UPC-A: the scanner may send it as a 13-digit EAN. */
export const KETTLE: TillProduct = {
  sku: 'ACC-KTL-GN',
  barcode: '012345678905',
  name: 'Gooseneck kettle 0.8 l',
  price: 6900,
  vatRate: 21,
  available: 1,
  low: true,
};

/** A numeric SKU, typed like a barcode. */
export const NUMERIC: TillProduct = {
  sku: '4711',
  barcode: '',
  name: 'Café de olla',
  price: 300,
  vatRate: 10,
  available: 3,
  low: false,
};

export function tillState(overrides: Partial<TillState> = {}): TillState {
  return {
    till: 'Till 1',
    location: 'Store',
    lang: 'en',
    currency: 'EUR',
    exponent: 2,
    pricing: { pricesIncludeVat: true, vatRounding: 'line' },
    oversellPolicy: 'refuse',
    session: {
      sessionId: 'S-1',
      till: 'Till 1',
      opened: '2024-05-01T08:00:00.000Z',
      openingFloat: 10000,
      salesCount: 0,
      salesTotal: 0,
      expectedCash: 10000,
    },
    today: { day: '2024-05-01', sessions: 1, salesCount: 0, returnsCount: 0, salesTotal: 0, byMethod: [] },
    products: [COFFEE, MUG, TEA, FILTERS, KETTLE, NUMERIC],
    refreshedAt: '2024-05-01T09:00:00.000Z',
    ...overrides,
  };
}
