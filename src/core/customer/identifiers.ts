/**
 * A customer's identifiers in the one form that is stored and matched, so the same person is
 * found whether they typed " Ana@Mail.com" online or "612 34 56 78" at the till. What cannot
 * be normalised is kept as typed, with a warning for the person who typed it.
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/min';

export interface Normalised {
  /** The form to store: normalised, or the input trimmed when it could not be. */
  value: string;
  /** Why the input was kept as typed; null when it was normalised (or empty). */
  warning: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Lower-case and trimmed; an address without "name@domain.tld" is kept as typed, with a warning. */
export function normaliseEmail(text: string): Normalised {
  const value = String(text ?? '')
    .trim()
    .toLowerCase();
  if (value === '' || EMAIL.test(value)) return { value, warning: null };
  return {
    value: String(text).trim(),
    warning: `The email "${String(text).trim()}" does not look like an address (name@domain): it was kept as typed.`,
  };
}

/**
 * E.164 (+34612345678). A number typed without +code is read as one of `country` (ISO 3166
 * alpha-2, the Country setting). One that is not a valid number is kept as typed, with a warning.
 */
export function normalisePhone(text: string, country: string): Normalised {
  const typed = String(text ?? '').trim();
  if (typed === '') return { value: '', warning: null };
  const parsed = parsePhoneNumberFromString(typed, { defaultCountry: country as CountryCode });
  if (parsed?.isValid()) return { value: parsed.number, warning: null };
  return {
    value: typed,
    warning: `The phone "${typed}" is not a valid number for ${country} or with a +country code: it was kept as typed.`,
  };
}

/** The digits a search for a phone compares: the E.164 form's, or the typed digits. */
export function phoneDigits(text: string, country: string): string {
  return normalisePhone(text, country).value.replace(/\D/g, '');
}
