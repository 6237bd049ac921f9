/** A1 notation for messages that point a person at a cell: Products!D7. */

export function columnLetter(col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

/** `Products!D7`, quoting tab names with spaces as Sheets does: `'Order Lines'!B2`. */
export function cellRef(tab: string, cell: string): string {
  const name = /^[A-Za-z0-9_]+$/.test(tab) ? tab : `'${tab.replace(/'/g, "''")}'`;
  return cell ? `${name}!${cell}` : name;
}
