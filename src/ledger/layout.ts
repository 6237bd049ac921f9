/** How each tab looks in the spreadsheet: number formats, drop-downs, the frozen bold header. */
import type { TabStyle } from '../platform/workbook';
import type { ColumnSpec, TabSpec } from './schema';

const SYMBOLS: Record<string, string> = { EUR: '€', USD: '$', GBP: '£', CHF: 'CHF', JPY: '¥' };

/** A currency number format that Google Sheets, Excel and LibreOffice all read. */
export function moneyFormat(currency: string, exponent: number): string {
  const decimals = exponent > 0 ? `.${'0'.repeat(exponent)}` : '';
  const symbol = SYMBOLS[currency] ?? currency;
  return `#,##0${decimals} "${symbol}";-#,##0${decimals} "${symbol}"`;
}

export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm';

function columnFormat(col: ColumnSpec, money: string): string | undefined {
  switch (col.type) {
    case 'money':
      return money;
    case 'int':
      return '0';
    case 'vat-rate':
    case 'number':
      return '0.##';
    case 'datetime':
      return DATETIME_FORMAT;
    default:
      return undefined;
  }
}

/**
 * The style of `columns` of a tab, whose positions are given by `header` (the tab's row 1 after
 * set-up). Only those columns are styled, so columns people added are left as they are.
 */
export function tabStyle(
  spec: TabSpec,
  header: readonly string[],
  columns: readonly ColumnSpec[],
  currency: { code: string; exponent: number },
): TabStyle {
  const money = moneyFormat(currency.code, currency.exponent);
  return {
    headerWidth: header.length,
    columns: columns.map((c) => ({
      col: header.indexOf(c.header) + 1,
      numberFormat: columnFormat(c, money),
      allowed: c.allowed,
    })),
    highlightWhen:
      spec.highlightWhen && columns.some((c) => c.header === spec.highlightWhen)
        ? header.indexOf(spec.highlightWhen) + 1
        : undefined,
    warnOnEdit: spec.warnOnEdit,
  };
}
