/**
 * CacheService. Keys up to 250 characters, values up to 100 KB, expiry 1 to 21,600 s (default 600)
 * on the fake clock, and at most 1,000 items: past that the cache keeps the 900 farthest from expiry.
 * https://developers.google.com/apps-script/reference/cache/cache
 */

import type { Execution } from './execution';

export const MAX_KEY_CHARS = 250;
export const MAX_VALUE_BYTES = 100 * 1024;
export const DEFAULT_EXPIRATION_S = 600;
export const MAX_EXPIRATION_S = 21_600;
const MAX_ITEMS = 1000;
const KEEP_ITEMS = 900;

interface Entry {
  value: string;
  expiresAt: number;
}

/** The data of one cache. */
export class CacheStore {
  readonly entries = new Map<string, Entry>();

  live(key: string, now: number): string | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.expiresAt <= now) {
      this.entries.delete(key);
      return null;
    }
    return e.value;
  }

  put(key: string, value: string, expiresAt: number, now: number): void {
    this.entries.set(key, { value, expiresAt });
    if (this.entries.size <= MAX_ITEMS) return;
    for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
    if (this.entries.size <= MAX_ITEMS) return;
    const keep = [...this.entries].sort((a, b) => b[1].expiresAt - a[1].expiresAt).slice(0, KEEP_ITEMS);
    this.entries.clear();
    for (const [k, e] of keep) this.entries.set(k, e);
  }
}

export class FakeCacheService {
  constructor(private readonly x: Execution) {}

  getDocumentCache(): FakeCache {
    this.x.call('CacheService.getDocumentCache');
    return new FakeCache(this.x, this.x.shared.caches.document);
  }

  getScriptCache(): FakeCache {
    this.x.call('CacheService.getScriptCache');
    return new FakeCache(this.x, this.x.shared.caches.script);
  }

  getUserCache(): FakeCache {
    this.x.call('CacheService.getUserCache');
    return new FakeCache(this.x, this.x.shared.userCache(this.x.user));
  }
}

export class FakeCache {
  constructor(
    private readonly x: Execution,
    private readonly store: CacheStore,
  ) {}

  private key(key: unknown): string {
    const k = String(key);
    if (k.length > MAX_KEY_CHARS) throw this.x.error('Argument too large: key');
    return k;
  }

  private expiry(seconds: number): number {
    if (typeof seconds !== 'number' || !(seconds >= 1 && seconds <= MAX_EXPIRATION_S)) {
      throw this.x.error(
        `Invalid argument: expirationInSeconds must be from 1 to ${MAX_EXPIRATION_S} seconds, not ${seconds}.`,
      );
    }
    return this.x.now() + seconds * 1000;
  }

  private value(value: unknown): string {
    const v = String(value);
    if (Buffer.byteLength(v, 'utf8') > MAX_VALUE_BYTES) throw this.x.error('Argument too large: value');
    return v;
  }

  get(key: string): string | null {
    this.x.call('Cache.get');
    return this.store.live(this.key(key), this.x.now());
  }

  getAll(keys: string[]): Record<string, string> {
    this.x.call('Cache.getAll');
    const out: Record<string, string> = {};
    for (const key of keys) {
      const v = this.store.live(this.key(key), this.x.now());
      if (v !== null) out[String(key)] = v;
    }
    return out;
  }

  put(key: string, value: string, expirationInSeconds = DEFAULT_EXPIRATION_S): void {
    this.x.call('Cache.put');
    const k = this.key(key);
    const v = this.value(value);
    this.store.put(k, v, this.expiry(expirationInSeconds), this.x.now());
  }

  putAll(values: Record<string, unknown>, expirationInSeconds = DEFAULT_EXPIRATION_S): void {
    this.x.call('Cache.putAll');
    const expiresAt = this.expiry(expirationInSeconds);
    const checked = Object.entries(values).map(([k, v]) => [this.key(k), this.value(v)] as const);
    for (const [k, v] of checked) this.store.put(k, v, expiresAt, this.x.now());
  }

  remove(key: string): void {
    this.x.call('Cache.remove');
    this.store.entries.delete(this.key(key));
  }

  removeAll(keys: string[]): void {
    this.x.call('Cache.removeAll');
    for (const key of keys) this.store.entries.delete(this.key(key));
  }
}
