/** The total of a cart before it is paid, priced by the same function as the commit. */
import { Catalogue } from '../../core/catalogue';
import { priceSale } from '../../core/sale';
import { readProducts } from '../../ledger/products';
import type { Workbook } from '../../platform/workbook';
import { loadContext } from '../ledger-context';
import type { SaleLineDraft } from './api-types';

export function quoteSale(
  wb: Workbook,
  lines: readonly SaleLineDraft[],
): { total: number; exponent: number } {
  const ctx = loadContext(wb);
  const catalogue = new Catalogue(readProducts(wb, ctx.cells, ctx.tabs).products);
  const sale = priceSale(lines, catalogue, { ...ctx.settings, currencyExponent: ctx.cells.exponent });
  return { total: sale.priced.total, exponent: ctx.cells.exponent };
}
