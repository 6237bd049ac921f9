/**
 * Sheets reads every string written by setValues() as typed input: '=…' becomes a formula,
 * '0451' a number, '2026-01-02' a date, 'true' a boolean. Shop and customer text must stay
 * exactly as it is (a customer called "=IMPORTXML(…)" must never run), so such strings get
 * Sheets' quote prefix: a leading apostrophe, which Sheets stores as "this is text" and never
 * shows in the cell's value.
 */

// '+', '-' and '@' start formulas in Sheets (and in Excel when a file is opened there).
const FORMULA_START = /^[=+\-@'\t\r]/;
const NUMBER_LIKE = /^\s*[$€£¥]?\s*[+-]?[\d.,\s]*\d[\d.,\s]*(e[+-]?\d+)?\s*%?\s*[$€£¥]?\s*$/i;
const DATE_OR_TIME_LIKE = /^\s*(\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?|\d{1,2}:\d{2})/;
const BOOLEAN_LIKE = /^\s*(true|false)\s*$/i;

export function asLiteral(text: string): string {
  if (text === '') return text;
  if (
    FORMULA_START.test(text) ||
    NUMBER_LIKE.test(text) ||
    DATE_OR_TIME_LIKE.test(text) ||
    BOOLEAN_LIKE.test(text)
  ) {
    return `'${text}`;
  }
  return text;
}
