/**
 * Customer tax IDs for full invoices: Spanish NIF, NIE and CIF with their control character, and
 * EU VAT numbers by the structure of each supported member state's number.
 *
 * Accepted forms, after normaliseTaxId (upper case; spaces, dots and dashes removed):
 * - Spanish NIF: 8 digits and a control letter (12345678Z); also K, L or M, 7 digits and a letter.
 * - Spanish NIE: X, Y or Z, 7 digits and a control letter (X1234567L).
 * - Spanish CIF: an entity letter, 7 digits and a control digit or letter (A58818501, Q2826000H).
 * - An EU VAT number: a country prefix and that country's national number. ES numbers are checked
 *   in full as above; for FR, DE, IT, PT, NL, BE, IE and AT only the structure is checked (not
 *   their check digits): a number with the right shape may still not exist (VIES can tell).
 * Other countries are refused with a message naming the supported ones.
 */

const NIF_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
const CIF_LETTERS = 'JABCDEFGHI';
/** Entities whose CIF ends in a letter, and those whose CIF ends in a digit; the rest may use either. */
const CIF_LETTER_ONLY = 'NPQRSW';
const CIF_DIGIT_ONLY = 'ABEH';
const CIF_ENTITY = /^[ABCDEFGHJNPQRSUVW]$/;

/** Upper case, without spaces, dots and dashes: 'es b-12.345 678' → 'ESB12345678'. */
export function normaliseTaxId(text: string): string {
  return String(text ?? '')
    .toUpperCase()
    .replace(/[\s.\-\u2010-\u2015\u2212]/g, '');
}

function nifLetter(digits: string): string {
  return NIF_LETTERS.charAt(Number(digits) % 23);
}

/** The CIF control digit (0–9) of its 7 digits; the control letter is CIF_LETTERS at it. */
function cifControl(digits: string): number {
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const d = Number(digits.charAt(i));
    if (i % 2 === 1) {
      sum += d;
    } else {
      const doubled = d * 2;
      sum += Math.floor(doubled / 10) + (doubled % 10);
    }
  }
  return (10 - (sum % 10)) % 10;
}

/** Why a normalised text is not a Spanish NIF, NIE or CIF; null when it is one. */
function spanishError(id: string): string | null {
  let match = /^(\d{8})([A-Z])$/.exec(id);
  if (match) {
    const letter = nifLetter(match[1]);
    return match[2] === letter
      ? null
      : `The NIF ${id} has the wrong control letter: with ${match[1]} it ends in ${letter}.`;
  }
  match = /^([XYZ])(\d{7})([A-Z])$/.exec(id);
  if (match) {
    const letter = nifLetter(String('XYZ'.indexOf(match[1])) + match[2]);
    return match[3] === letter
      ? null
      : `The NIE ${id} has the wrong control letter: with ${match[1]}${match[2]} it ends in ${letter}.`;
  }
  match = /^([KLM])(\d{7})([A-Z])$/.exec(id);
  if (match) {
    const letter = nifLetter(match[2]);
    return match[3] === letter
      ? null
      : `The NIF ${id} has the wrong control letter: with ${match[1]}${match[2]} it ends in ${letter}.`;
  }
  match = /^([A-Z])(\d{7})([0-9A-Z])$/.exec(id);
  if (match && CIF_ENTITY.test(match[1])) {
    const [, entity, digits, control] = match;
    const digit = cifControl(digits);
    const letter = CIF_LETTERS.charAt(digit);
    if (CIF_LETTER_ONLY.indexOf(entity) >= 0) {
      return control === letter
        ? null
        : `The CIF ${id} has the wrong control character: it ends in ${letter}.`;
    }
    if (CIF_DIGIT_ONLY.indexOf(entity) >= 0) {
      return control === String(digit)
        ? null
        : `The CIF ${id} has the wrong control character: it ends in ${digit}.`;
    }
    return control === String(digit) || control === letter
      ? null
      : `The CIF ${id} has the wrong control character: it ends in ${digit} or ${letter}.`;
  }
  if (match) {
    return `${id} is not a Spanish tax ID: a CIF starts with one of the letters A B C D E F G H J N P Q R S U V W.`;
  }
  if (/^\d{1,7}[A-Z]$/.test(id)) {
    return `The NIF ${id} is too short: a NIF has 8 digits and a letter; add the leading zeros.`;
  }
  if (/^\d{8,9}$/.test(id)) return `The NIF ${id} has no control letter: a NIF has 8 digits and a letter.`;
  return null;
}

interface VatFormat {
  country: string;
  pattern: RegExp;
  shape: string;
}

/** The national part of the VAT number of each supported member state, after the prefix. */
const VAT_FORMATS: Readonly<Record<string, VatFormat>> = {
  AT: { country: 'Austria', pattern: /^U\d{8}$/, shape: "'U' and 8 digits (ATU12345678)" },
  BE: { country: 'Belgium', pattern: /^[01]\d{9}$/, shape: '10 digits starting with 0 or 1 (BE0123456789)' },
  DE: { country: 'Germany', pattern: /^\d{9}$/, shape: '9 digits (DE123456789)' },
  ES: { country: 'Spain', pattern: /^[0-9A-Z]\d{7}[0-9A-Z]$/, shape: 'a NIF, NIE or CIF (ESB12345678)' },
  FR: {
    country: 'France',
    pattern: /^[0-9A-HJ-NP-Z]{2}\d{9}$/,
    shape: '2 digits or letters (not I or O) and the 9-digit SIREN (FR12345678901)',
  },
  IE: {
    country: 'Ireland',
    pattern: /^(?:\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/,
    shape: '7 digits and 1 or 2 letters (IE1234567WA)',
  },
  IT: { country: 'Italy', pattern: /^\d{11}$/, shape: '11 digits (IT12345678901)' },
  NL: {
    country: 'the Netherlands',
    pattern: /^\d{9}B\d{2}$/,
    shape: "9 digits, 'B' and 2 digits (NL123456789B01)",
  },
  PT: { country: 'Portugal', pattern: /^\d{9}$/, shape: '9 digits (PT123456789)' },
};

/** EU VAT prefixes this module does not check (Greece uses EL). */
const OTHER_EU = [
  'BG',
  'CY',
  'CZ',
  'DK',
  'EE',
  'EL',
  'FI',
  'HR',
  'HU',
  'LT',
  'LU',
  'LV',
  'MT',
  'PL',
  'RO',
  'SE',
  'SI',
  'SK',
];

const SUPPORTED = Object.keys(VAT_FORMATS).sort().join(', ');

/**
 * Why text is not a valid customer tax ID, in words for the person typing it; null when it is
 * one. The text is normalised first, so 'es-b 58.818.501' is fine.
 */
export function taxIdError(text: string): string | null {
  const id = normaliseTaxId(text);
  if (id === '') return 'The tax ID is empty.';
  if (!/^[0-9A-Z+*]+$/.test(id)) {
    return `The tax ID '${String(text).trim()}' has characters a tax ID does not have: use only letters and digits.`;
  }
  const prefix = id.slice(0, 2);
  if (/^[A-Z]{2}$/.test(prefix)) {
    const format = VAT_FORMATS[prefix];
    if (format === undefined) {
      if (OTHER_EU.indexOf(prefix) >= 0) {
        return `VAT numbers from ${prefix} are not checked here yet: this ledger checks ${SUPPORTED}.`;
      }
      if (prefix === 'GR') return 'Greek VAT numbers start with EL, not GR.';
      return `${id} is not a Spanish NIF, NIE or CIF, and ${prefix} is not a VAT prefix this ledger checks (${SUPPORTED}).`;
    }
    const national = id.slice(2);
    if (!format.pattern.test(national)) {
      return `${id} is not a VAT number of ${format.country}: after ${prefix} it has ${format.shape}.`;
    }
    if (prefix === 'ES') {
      const error = spanishError(national);
      return error === null ? null : `${id}: ${error}`;
    }
    return null;
  }
  if (/^[0-9XYZKLM]\d{7}[A-Z]$|^[A-Z]\d{7}[0-9A-Z]$|^\d{1,9}[A-Z]?$/.test(id)) {
    const error = spanishError(id);
    if (error !== null) return error;
    if (/^[0-9XYZKLM]\d{7}[A-Z]$|^[A-Z]\d{7}[0-9A-Z]$/.test(id)) return null;
  }
  return `${id} is not a Spanish NIF (12345678Z), NIE (X1234567L) or CIF (B12345678), nor an EU VAT number with its country prefix (DE123456789).`;
}

/** Which kind of tax ID a valid one is; null when taxIdError reports a problem. */
export function taxIdKind(text: string): 'NIF' | 'NIE' | 'CIF' | 'VAT' | null {
  if (taxIdError(text) !== null) return null;
  const id = normaliseTaxId(text);
  if (/^[A-Z]{2}/.test(id)) return 'VAT';
  if (/^(\d{8}|[KLM]\d{7})[A-Z]$/.test(id)) return 'NIF';
  if (/^[XYZ]/.test(id)) return 'NIE';
  return 'CIF';
}
