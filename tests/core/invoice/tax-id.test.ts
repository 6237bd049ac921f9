import fc from 'fast-check';
import { normaliseTaxId, taxIdError, taxIdKind } from '../../../src/core/invoice/tax-id';

const LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

describe('normaliseTaxId', () => {
  it('upper-cases and strips spaces, dots and dashes', () => {
    expect(normaliseTaxId(' es b-58.818 501 ')).toBe('ESB58818501');
    expect(normaliseTaxId('x-1234567-l')).toBe('X1234567L');
  });
});

describe('taxIdError: Spanish IDs', () => {
  it('accepts valid NIF, NIE and CIF, however they are typed', () => {
    for (const id of [
      '12345678Z',
      '12.345.678-z',
      '00000000T',
      '89890001K', // the NIF of the AEAT's VERI*FACTU examples
      'X1234567L',
      'Y1234567X',
      'Z1234567R',
      'K1234567L',
      'A58818501',
      'Q2826000H', // the AEAT's own CIF
      'b 58818501'.replace('b', 'B'),
    ]) {
      expect([id, taxIdError(id)]).toEqual([id, null]);
    }
    expect(taxIdKind('12345678Z')).toBe('NIF');
    expect(taxIdKind('X1234567L')).toBe('NIE');
    expect(taxIdKind('Q2826000H')).toBe('CIF');
  });

  it('names the wrong control letter of a NIF or NIE', () => {
    expect(taxIdError('12345678A')).toBe(
      'The NIF 12345678A has the wrong control letter: with 12345678 it ends in Z.',
    );
    expect(taxIdError('X1234567A')).toBe(
      'The NIE X1234567A has the wrong control letter: with X1234567 it ends in L.',
    );
  });

  it('names the wrong control character of a CIF, by the kind of entity', () => {
    expect(taxIdError('A58818502')).toBe('The CIF A58818502 has the wrong control character: it ends in 1.');
    expect(taxIdError('A5881850A')).toBe('The CIF A5881850A has the wrong control character: it ends in 1.');
    expect(taxIdError('Q28260008')).toBe('The CIF Q28260008 has the wrong control character: it ends in H.');
    // C, D, F, G, J, U, V may end in either: 5881850 gives 1 or A.
    expect(taxIdError('G58818501')).toBeNull();
    expect(taxIdError('G5881850A')).toBeNull();
    expect(taxIdError('G5881850B')).toBe(
      'The CIF G5881850B has the wrong control character: it ends in 1 or A.',
    );
  });

  it('explains short, letterless and foreign-looking IDs', () => {
    expect(taxIdError('1234567L')).toBe(
      'The NIF 1234567L is too short: a NIF has 8 digits and a letter; add the leading zeros.',
    );
    expect(taxIdError('12345678')).toBe(
      'The NIF 12345678 has no control letter: a NIF has 8 digits and a letter.',
    );
    expect(taxIdError('I1234567A')).toBe(
      'I1234567A is not a Spanish tax ID: a CIF starts with one of the letters A B C D E F G H J N P Q R S U V W.',
    );
    expect(taxIdError('')).toBe('The tax ID is empty.');
    expect(taxIdError('12/345')).toMatch(/has characters a tax ID does not have/);
    expect(taxIdError('hello')).toMatch(
      /^HELLO is not a Spanish NIF, NIE or CIF, and HE is not a VAT prefix/,
    );
    expect(taxIdError('1A2')).toBe(
      '1A2 is not a Spanish NIF (12345678Z), NIE (X1234567L) or CIF (B12345678), nor an EU VAT number with its country prefix (DE123456789).',
    );
  });

  it('accepts every NIF with its right letter and refuses it with any other', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99999999 }), fc.nat(22), (n, shift) => {
        const digits = String(n).padStart(8, '0');
        const right = LETTERS.charAt(n % 23);
        const wrong = LETTERS.charAt((n + 1 + (shift % 22)) % 23);
        expect(taxIdError(digits + right)).toBeNull();
        expect(taxIdError(digits + wrong)).toMatch(/wrong control letter/);
        expect(taxIdError(`ES${digits}${right}`)).toBeNull();
      }),
    );
  });
});

describe('taxIdError: EU VAT numbers', () => {
  it('accepts the structure of each supported country', () => {
    for (const id of [
      'ESB58818501',
      'ES12345678Z',
      'ESX1234567L',
      'FR40303265045',
      'FRK7399859412',
      'DE123456789',
      'IT12345678901',
      'PT123456789',
      'NL123456789B01',
      'BE0123456789',
      'BE1234567890',
      'IE1234567WA',
      'IE1234567T',
      'IE8Z49289F',
      'ATU12345678',
      'de 123 456 789',
    ]) {
      expect([id, taxIdError(id)]).toEqual([id, null]);
    }
    expect(taxIdKind('DE123456789')).toBe('VAT');
  });

  it('says what the number of the country looks like', () => {
    expect(taxIdError('DE12345678')).toBe(
      'DE12345678 is not a VAT number of Germany: after DE it has 9 digits (DE123456789).',
    );
    expect(taxIdError('AT12345678')).toMatch(
      /^AT12345678 is not a VAT number of Austria: after AT it has 'U' and 8 digits/,
    );
    expect(taxIdError('NL123456789A01')).toMatch(/of the Netherlands/);
    expect(taxIdError('BE2123456789')).toMatch(/of Belgium/);
    expect(taxIdError('FRIO303265045')).toMatch(/of France/);
    expect(taxIdError('IT1234567890')).toMatch(/of Italy/);
    expect(taxIdError('PT12345678')).toMatch(/of Portugal/);
    expect(taxIdError('IE12345678')).toMatch(/of Ireland/);
  });

  it('checks a Spanish VAT number in full', () => {
    expect(taxIdError('ESB58818502')).toBe(
      'ESB58818502: The CIF B58818502 has the wrong control character: it ends in 1.',
    );
    expect(taxIdError('ES12345678A')).toMatch(/^ES12345678A: The NIF 12345678A has the wrong control letter/);
  });

  it('says which countries it checks', () => {
    expect(taxIdError('PL1234567890')).toBe(
      'VAT numbers from PL are not checked here yet: this ledger checks AT, BE, DE, ES, FR, IE, IT, NL, PT.',
    );
    expect(taxIdError('GR123456789')).toBe('Greek VAT numbers start with EL, not GR.');
    expect(taxIdError('US123456789')).toMatch(/US is not a VAT prefix this ledger checks/);
  });
});
