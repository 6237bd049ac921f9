/**
 * The receipt number as a Code 128 barcode, so the receipt a customer brings back is scanned, not
 * typed: the Return panel's field (or #scan) receives exactly the number printed under it. The
 * encoding is JsBarcode's Code 128 encoder; this file only draws its modules as one SVG path.
 */
import { CODE128 } from 'jsbarcode/bin/barcodes/CODE128';

/** White modules on each side: Code 128 asks for a quiet zone of at least 10. */
const QUIET = 10;
/** In modules; the CSS sets the printed size (preserveAspectRatio none). */
const HEIGHT = 40;

export interface Bars {
  /** The width of the whole symbol in modules, quiet zones included. */
  modules: number;
  /** Each dark bar: where it starts and how many modules wide. */
  bars: { x: number; width: number }[];
}

/** The bars of `text`, or null when Code 128 cannot carry it (outside ASCII). */
export function barcodeBars(text: string): Bars | null {
  if (text === '') return null;
  const code = new CODE128(text, {});
  if (!code.valid()) return null;
  const modules = code.encode().data;
  const bars: Bars['bars'] = [];
  for (const run of modules.matchAll(/1+/g)) bars.push({ x: QUIET + (run.index ?? 0), width: run[0].length });
  return { modules: modules.length + 2 * QUIET, bars };
}

const escapeAttr = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The barcode as SVG markup ('' when it cannot be drawn); only numbers and the escaped label go in. */
export function barcodeSvg(text: string): string {
  const drawn = barcodeBars(text);
  if (!drawn) return '';
  const path = drawn.bars.map((b) => `M${b.x} 0h${b.width}v${HEIGHT}h-${b.width}z`).join('');
  const label = escapeAttr(text);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${drawn.modules} ${HEIGHT}" ` +
    `preserveAspectRatio="none" shape-rendering="crispEdges" role="img" aria-label="${label}" data-code="${label}">` +
    `<path fill="#000" d="${path}"/></svg>`
  );
}
