/** The barcode on the till receipt reads back, with a Code 128 reader of its own, as exactly the receipt number. */
import fc from 'fast-check';
import { barcodeBars, barcodeSvg } from '../../src/ui/till/receipt-barcode';
import { readCode128, svgModules } from '../helpers/code128';

test('the receipt number R-000003 is drawn as an SVG Code 128 that reads R-000003', () => {
  const svg = barcodeSvg('R-000003');
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*<\/svg>$/);
  expect(svg).toContain('aria-label="R-000003"');
  const modules = svgModules(svg);
  // A scanner needs white on both sides: 10 modules at least.
  expect(modules).toMatch(/^0{10}1[01]*10{10}$/);
  expect(readCode128(modules)).toBe('R-000003');
});

test('every receipt number (R-NNNNNN) and order ID reads back exactly', () => {
  fc.assert(
    fc.property(fc.constantFrom('R', 'O', 'TS'), fc.integer({ min: 0, max: 999_999 }), (prefix, n) => {
      const number = `${prefix}-${String(n).padStart(6, '0')}`;
      expect(readCode128(svgModules(barcodeSvg(number)))).toBe(number);
    }),
  );
});

test('the reader is not fooled: one bar moved no longer reads as the number', () => {
  const drawn = barcodeBars('R-000003');
  if (!drawn) throw new Error('not drawn');
  const row = Array.from({ length: drawn.modules }, () => '0');
  for (const b of drawn.bars) for (let k = 0; k < b.width; k++) row[b.x + k] = '1';
  const good = row.join('');
  expect(readCode128(good)).toBe('R-000003');
  // Widen the 4th bar by one module into the space after it.
  const bar = drawn.bars[3];
  const bad = `${good.slice(0, bar.x + bar.width)}1${good.slice(bar.x + bar.width + 1)}`;
  expect(() => readCode128(bad)).toThrow();
});

test('text is escaped in the markup; what Code 128 cannot carry is not drawn', () => {
  expect(barcodeSvg('"><script>')).not.toContain('<script>');
  expect(barcodeSvg('')).toBe('');
  expect(barcodeSvg('Café €')).toBe('');
});
