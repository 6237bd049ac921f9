/** The catalogue: what the shop sells. */
import type { Minor } from './money';

export interface Product {
  sku: string;
  barcode: string;
  name: string;
  /** Unit price in minor units; VAT-inclusive when the setting "Prices include VAT" is TRUE. */
  price: Minor;
  /** 21 means 21 %. */
  vatRate: number;
  cost: Minor | null;
  active: boolean;
  reorderPoint: number | null;
}

/** Index by SKU and by barcode, for the till's scanner and the web import. */
export class Catalogue {
  private readonly bySku = new Map<string, Product>();
  private readonly byBarcode = new Map<string, Product>();

  constructor(readonly products: readonly Product[]) {
    for (const p of products) {
      this.bySku.set(p.sku.toUpperCase(), p);
      if (p.barcode) this.byBarcode.set(p.barcode, p);
    }
  }

  sku(sku: string): Product | undefined {
    return this.bySku.get(sku.trim().toUpperCase());
  }

  barcode(code: string): Product | undefined {
    return this.byBarcode.get(code.trim());
  }
}
