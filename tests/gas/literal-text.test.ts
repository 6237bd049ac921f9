import { asLiteral } from '../../src/gas/literal-text';

test.each([
  ['=IMPORTXML("http://evil","//a")', `'=IMPORTXML("http://evil","//a")`],
  ['+34 600 000 000', `'+34 600 000 000`],
  ['-5', `'-5`],
  ['@home', `'@home`],
  ["'quoted", `''quoted`],
  ['0451', `'0451`],
  ['12.50', `'12.50`],
  ['1,234', `'1,234`],
  ['21%', `'21%`],
  ['€ 3', `'€ 3`],
  ['2026-01-02', `'2026-01-02`],
  ['1/2', `'1/2`],
  ['10:30', `'10:30`],
  ['TRUE', `'TRUE`],
  ['false', `'false`],
])('%s is quote-prefixed so Sheets keeps it as text', (text, written) => {
  expect(asLiteral(text)).toBe(written);
});

test.each(['Mug', 'COF-ETH-250', 'Ana García', 'A4 paper', ''])('%s is written as it is', (text) => {
  expect(asLiteral(text)).toBe(text);
});
