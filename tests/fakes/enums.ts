/**
 * Apps Script enums are Java enum objects, not strings: `ScriptApp.AuthMode.FULL.toString()` is 'FULL'
 * and values compare by identity. Objects also keep `ui.alert(title, 'OK')` apart from
 * `ui.alert(prompt, ui.ButtonSet.OK)`. Reading an enum is not a service call, so it is not metered.
 */

export interface EnumValue {
  toString(): string;
  toJSON(): string;
  name(): string;
  ordinal(): number;
}

export type Enum<K extends string> = { readonly [P in K]: EnumValue };

const enumNames = new WeakMap<object, string>();

export function makeEnum<K extends string>(keys: readonly K[]): Enum<K> {
  const out: Partial<Record<K, EnumValue>> = {};
  keys.forEach((key, index) => {
    const value: EnumValue = Object.freeze({
      toString: () => key,
      toJSON: () => key,
      name: () => key,
      ordinal: () => index,
    });
    enumNames.set(value, key);
    out[key] = value;
  });
  return Object.freeze(out) as Enum<K>;
}

/** The name of an enum value, or undefined when v is not one of ours. */
export function enumName(v: unknown): string | undefined {
  return typeof v === 'object' && v !== null ? enumNames.get(v) : undefined;
}
