/** A1 notation: 'B3', 'A1:C10', 'A:C', '2:5', with optional '$' anchors. */

export interface Area {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1Notation(a: Area): string {
  const start = `${columnLetters(a.column)}${a.row}`;
  if (a.numRows === 1 && a.numColumns === 1) return start;
  return `${start}:${columnLetters(a.column + a.numColumns - 1)}${a.row + a.numRows - 1}`;
}

/** Parses A1 notation against a sheet of the given size; undefined when it is not A1 notation. */
export function parseA1(a1: string, maxRows: number, maxColumns: number): Area | undefined {
  const ref = a1.replace(/\$/g, '').trim();
  const cell = /^([A-Za-z]{1,3})(\d+)$/;
  const [from, to = from, extra] = ref.split(':');
  if (extra !== undefined) return undefined;
  let m1 = cell.exec(from);
  let m2 = cell.exec(to);
  if (m1 && m2) {
    const [r1, r2] = [Number(m1[2]), Number(m2[2])];
    const [c1, c2] = [columnNumber(m1[1]), columnNumber(m2[1])];
    return area(Math.min(r1, r2), Math.min(c1, c2), Math.abs(r2 - r1) + 1, Math.abs(c2 - c1) + 1);
  }
  m1 = /^([A-Za-z]{1,3})$/.exec(from);
  m2 = /^([A-Za-z]{1,3})$/.exec(to);
  if (m1 && m2 && ref.includes(':')) {
    const [c1, c2] = [columnNumber(m1[1]), columnNumber(m2[1])];
    return area(1, Math.min(c1, c2), maxRows, Math.abs(c2 - c1) + 1);
  }
  m1 = /^(\d+)$/.exec(from);
  m2 = /^(\d+)$/.exec(to);
  if (m1 && m2 && ref.includes(':')) {
    const [r1, r2] = [Number(m1[1]), Number(m2[1])];
    return area(Math.min(r1, r2), 1, Math.abs(r2 - r1) + 1, maxColumns);
  }
  return undefined;
}

function area(row: number, column: number, numRows: number, numColumns: number): Area {
  return { row, column, numRows, numColumns };
}
