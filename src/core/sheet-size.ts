/**
 * Google Sheets holds at most 10 million cells per spreadsheet, counting every cell of every
 * tab's grid, used or not (Google's "Files you can store in Google Drive" limits). A full ledger
 * can no longer take a sale or an import, so the check warns well before.
 */
export const CELL_LIMIT = 10_000_000;
/** Warn from here: at 100 orders a day a ledger grows by roughly 11,000 cells a day. */
export const WARN_AT = 0.8;

/** 9876543 → "9,876,543", without Intl (not every runtime has it). */
const thousands = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The warning for a spreadsheet of `cells` grid cells; null while there is room. */
export function sizeWarning(cells: number): string | null {
  if (!Number.isFinite(cells) || cells < CELL_LIMIT * WARN_AT) return null;
  const share = Math.floor((cells / CELL_LIMIT) * 100);
  return (
    `The spreadsheet uses ${thousands(cells)} cells, ${share} % of Google's limit of ` +
    `${thousands(CELL_LIMIT)}. When it is full no sale, import or return can be written. ` +
    'Delete empty rows and columns you added, and plan a new ledger for the next year (Shop Ledger cannot archive a year yet).'
  );
}
