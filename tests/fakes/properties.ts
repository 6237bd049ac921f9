/**
 * PropertiesService. Values are strings; a value may hold 9 KB and a store 500 KB. Document and
 * script properties live in SharedState; user properties are per user.
 * https://developers.google.com/apps-script/reference/properties/properties
 * https://developers.google.com/apps-script/guides/services/quotas
 */

import type { Execution } from './execution';

export const MAX_VALUE_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;
export const VALUE_TOO_LARGE = 'Argument too large: value';
export const STORE_FULL =
  'You have exceeded the property storage quota. Please remove some properties and try again.';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** The data of one property store. */
export class PropertyStore {
  readonly values = new Map<string, string>();

  /** Keys and values count toward the store's 500 KB. */
  get size(): number {
    let n = 0;
    for (const [k, v] of this.values) n += bytes(k) + bytes(v);
    return n;
  }
}

export class FakePropertiesService {
  constructor(private readonly x: Execution) {}

  getDocumentProperties(): FakeProperties {
    this.x.call('PropertiesService.getDocumentProperties');
    return new FakeProperties(this.x, this.x.shared.properties.document);
  }

  /** Shared by every user of an add-on: never put a shop's secrets here. */
  getScriptProperties(): FakeProperties {
    this.x.call('PropertiesService.getScriptProperties');
    return new FakeProperties(this.x, this.x.shared.properties.script);
  }

  getUserProperties(): FakeProperties {
    this.x.call('PropertiesService.getUserProperties');
    return new FakeProperties(this.x, this.x.shared.userProperties(this.x.user));
  }
}

export class FakeProperties {
  constructor(
    private readonly x: Execution,
    private readonly store: PropertyStore,
  ) {}

  /** Checks a change against the limits before applying it, so a refused write changes nothing. */
  private commit(next: Map<string, string>): void {
    for (const v of next.values()) if (bytes(v) > MAX_VALUE_BYTES) throw this.x.error(VALUE_TOO_LARGE);
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > MAX_STORE_BYTES) throw this.x.error(STORE_FULL);
    this.store.values.clear();
    for (const [k, v] of next) this.store.values.set(k, v);
  }

  getProperty(key: string): string | null {
    this.x.call('Properties.getProperty');
    return this.store.values.get(String(key)) ?? null;
  }

  getProperties(): Record<string, string> {
    this.x.call('Properties.getProperties');
    return Object.fromEntries(this.store.values);
  }

  getKeys(): string[] {
    this.x.call('Properties.getKeys');
    return [...this.store.values.keys()];
  }

  setProperty(key: string, value: unknown): this {
    this.x.call('Properties.setProperty');
    const next = new Map(this.store.values);
    next.set(String(key), String(value));
    this.commit(next);
    return this;
  }

  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): this {
    this.x.call('Properties.setProperties');
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.store.values);
    for (const [k, v] of Object.entries(properties)) next.set(k, String(v));
    this.commit(next);
    return this;
  }

  deleteProperty(key: string): this {
    this.x.call('Properties.deleteProperty');
    this.store.values.delete(String(key));
    return this;
  }

  deleteAllProperties(): this {
    this.x.call('Properties.deleteAllProperties');
    this.store.values.clear();
    return this;
  }
}
