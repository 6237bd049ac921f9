/**
 * Finding products from what was typed or scanned in #scan: a barcode (digits and Enter, as a
 * USB scanner sends it), an exact SKU, or part of a name or SKU for the live search list.
 */
import type { TillProduct } from '../../app/till/api-types';
import { canonicalBarcode, normalizeBarcode } from '../../core/barcode';

/** Lower case without accents, so 'cafe' finds 'Café' and 'te' finds 'Té'. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export class ProductIndex {
  private readonly bySku = new Map<string, TillProduct>();
  private readonly byBarcode = new Map<string, TillProduct>();
  private readonly folded: { product: TillProduct; sku: string; name: string }[] = [];

  constructor(readonly products: readonly TillProduct[]) {
    for (const product of products) {
      this.bySku.set(product.sku.trim().toUpperCase(), product);
      // Canonical form: a UPC-A scanned as 12 digits matches its 13-digit EAN and back.
      const code =
        canonicalBarcode(String(product.barcode ?? '')) ?? normalizeBarcode(String(product.barcode ?? ''));
      if (code) this.byBarcode.set(code, product);
      this.folded.push({ product, sku: fold(product.sku), name: fold(product.name) });
    }
  }

  sku(text: string): TillProduct | undefined {
    return this.bySku.get(text.trim().toUpperCase());
  }

  /** A valid barcode's product; callers check the check digit first to say why nothing matched. */
  barcode(text: string): TillProduct | undefined {
    const code = canonicalBarcode(text);
    return code === null ? undefined : this.byBarcode.get(code);
  }

  /**
   * Products whose name or SKU contains every word of the query, best first: exact SKU, SKU
   * prefix, name prefix, a word of the name starting with the query, then any match.
   */
  search(query: string, limit = 8): TillProduct[] {
    const words = fold(query).split(/\s+/).filter(Boolean);
    if (words.length === 0) return [];
    const whole = words.join(' ');
    const ranked: { product: TillProduct; rank: number; name: string }[] = [];
    for (const { product, sku, name } of this.folded) {
      if (!words.every((word) => sku.includes(word) || name.includes(word))) continue;
      let rank = 4;
      if (sku === whole) rank = 0;
      else if (sku.startsWith(whole)) rank = 1;
      else if (name.startsWith(whole)) rank = 2;
      else if (name.includes(` ${whole}`)) rank = 3;
      ranked.push({ product, rank, name });
    }
    ranked.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
    return ranked.slice(0, limit).map((entry) => entry.product);
  }
}

/** Digits only once the spaces and hyphens of a printed barcode are gone: read it as a barcode. */
export function looksLikeBarcode(text: string): boolean {
  return /^[0-9]+$/.test(normalizeBarcode(text));
}
