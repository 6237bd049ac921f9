/** The Products tab as typed products. A bad row is reported and skipped; the others load. */
import { barcodeError } from '../core/barcode';
import type { Product } from '../core/catalogue';
import { toMinor } from '../core/money';
import type { Workbook } from '../platform/workbook';
import { type CellContext, isBlank, parseText } from './cells';
import type { Problem } from './problem';
import { PRODUCTS } from './schema';
import { duplicateKeys, readTable, type Table, validateRow } from './table';

export interface LoadedProducts {
  products: Product[];
  problems: Problem[];
  table: Table;
}

export function readProducts(wb: Workbook, ctx: CellContext, tabs?: readonly string[]): LoadedProducts {
  const table = readTable(wb, PRODUCTS, tabs);
  const problems: Problem[] = [];
  const duplicates = duplicateKeys(table, 'SKU');
  problems.push(...duplicates.map((d) => d.problem));
  const products: Product[] = [];
  for (const row of table.rows) {
    const rowProblems = validateRow(table, row, ctx);
    problems.push(...rowProblems);
    // A mistyped barcode is reported, but the product still sells by SKU.
    const typed = parseText(table.get(row, 'Barcode'));
    const barcodeProblem = typed ? barcodeError(typed) : null;
    if (barcodeProblem)
      problems.push({ tab: PRODUCTS.name, cell: table.ref(row, 'Barcode'), message: barcodeProblem });
    const barcode = barcodeProblem ? '' : typed;
    if (rowProblems.length > 0 || duplicates.some((d) => d.row === row)) continue;
    const money = (h: string): number | null => {
      const v = table.get(row, h);
      return isBlank(v) ? null : toMinor(v as number, ctx.exponent);
    };
    const reorder = table.get(row, 'Reorder point');
    products.push({
      sku: parseText(table.get(row, 'SKU')),
      barcode,
      name: parseText(table.get(row, 'Name')),
      price: money('Price') as number,
      vatRate: table.get(row, 'VAT %') as number,
      cost: money('Cost'),
      active: table.get(row, 'Active') !== false,
      reorderPoint: isBlank(reorder) ? null : (reorder as number),
    });
  }
  return { products, problems, table };
}
