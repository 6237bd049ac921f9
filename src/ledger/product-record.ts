/** Products as rows. */
import type { Product } from '../core/catalogue';
import { type CellContext, moneyCell } from './cells';
import type { Record_ } from './table';

export function productRecord(p: Product, ctx: CellContext): Record_ {
  return {
    SKU: p.sku,
    Barcode: p.barcode,
    Name: p.name,
    Price: moneyCell(p.price, ctx),
    'VAT %': p.vatRate,
    Cost: p.cost === null ? '' : moneyCell(p.cost, ctx),
    Active: p.active,
    'Reorder point': p.reorderPoint ?? '',
  };
}
