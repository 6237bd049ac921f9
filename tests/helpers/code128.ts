/**
 * A Code 128 reader for tests, written from the symbology's table (ISO/IEC 15417), not from the
 * encoder under test: it reads a barcode as a scanner does (bar and space widths), checks the start,
 * the mod-103 check symbol and the stop, and gives back the text.
 */

/** Bar, space, bar, space, bar, space widths of symbol values 0–106 (106 = stop, with a final bar). */
// biome-ignore format: the symbology's table, ten to a row
const PATTERNS = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
];

const START: Record<number, 'A' | 'B' | 'C'> = { 103: 'A', 104: 'B', 105: 'C' };

/** The text of a row of modules ('1' dark, '0' light), quiet zones allowed; throws when it does not read. */
export function readCode128(modules: string): string {
  const row = modules.replace(/^0+|0+$/g, '');
  const widths = (row.match(/1+|0+/g) ?? []).map((run) => run.length);
  if (widths.length < 7 + 6 + 6) throw new Error('too short for start, check and stop');
  const values: number[] = [];
  let i = 0;
  for (; i + 7 < widths.length; i += 6) {
    const value = PATTERNS.indexOf(widths.slice(i, i + 6).join(''));
    if (value < 0 || value > 105) throw new Error(`no symbol at bar ${i}`);
    values.push(value);
  }
  if (widths.slice(i).join('') !== PATTERNS[106]) throw new Error('no stop pattern');

  const [start, ...rest] = values;
  const check = rest.pop();
  let set = START[start];
  if (!set) throw new Error(`starts with ${start}, not a start symbol`);
  const sum = rest.reduce((acc, v, k) => acc + v * (k + 1), start) % 103;
  if (sum !== check) throw new Error(`check symbol ${check}, expected ${sum}`);

  let text = '';
  for (const v of rest) {
    if (set === 'C') {
      if (v < 100) text += String(v).padStart(2, '0');
      else if (v === 100) set = 'B';
      else if (v === 101) set = 'A';
      else throw new Error(`unsupported symbol ${v} in code set C`);
    } else if (v < 96) {
      text += String.fromCharCode(set === 'B' ? v + 32 : v < 64 ? v + 32 : v - 64);
    } else if (v === 99) set = 'C';
    else if (v === 100 && set === 'A') set = 'B';
    else if (v === 101 && set === 'B') set = 'A';
    else throw new Error(`unsupported symbol ${v} in code set ${set}`);
  }
  return text;
}

/** The modules of an SVG drawn as one path of `M x 0 h w …` bars over `viewBox="0 0 modules h"`. */
export function svgModules(svg: string): string {
  const modules = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const d = /<path[^>]* d="([^"]*)"/.exec(svg)?.[1] ?? '';
  const row = Array.from({ length: modules }, () => '0');
  for (const [, x, w] of d.matchAll(/M(\d+) 0h(\d+)/g))
    for (let k = 0; k < Number(w); k++) row[Number(x) + k] = '1';
  return row.join('');
}
