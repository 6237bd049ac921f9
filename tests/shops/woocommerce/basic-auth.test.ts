import fc from 'fast-check';
import { base64, basicAuth, utf8Bytes } from '../../../src/shops/woocommerce/basic-auth';

describe('basicAuth', () => {
  it('is "Basic " and the base64 of key:secret', () => {
    expect(basicAuth('ck_4f1c', 'cs_9a7e')).toBe('Basic Y2tfNGYxYzpjc185YTdl');
  });

  it('encodes non-ASCII text as UTF-8 first', () => {
    expect(basicAuth('ñ€😀', 'x')).toBe('Basic w7Higqzwn5iAOng=');
  });
});

describe('base64 and utf8Bytes', () => {
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('gives the RFC 4648 test vector for %j', (input, expected) => {
    expect(base64(utf8Bytes(input))).toBe(expected);
  });

  it('agrees with Node for any UTF-16 text, lone surrogates included', () => {
    const anyUtf16 = fc
      .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 })
      .map((codes) => String.fromCharCode(...codes));
    fc.assert(
      fc.property(anyUtf16, (text) => {
        expect(utf8Bytes(text)).toEqual([...Buffer.from(text, 'utf8')]);
        expect(base64(utf8Bytes(text))).toBe(Buffer.from(text, 'utf8').toString('base64'));
      }),
      { numRuns: 500 },
    );
  });

  it('encodes astral characters as 4 bytes', () => {
    expect(utf8Bytes('😀')).toEqual([0xf0, 0x9f, 0x98, 0x80]);
  });
});
