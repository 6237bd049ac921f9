/** The KeyValue port: document properties. Values are strings, at most 9 KB each. Secrets live here. */
export interface KeyValue {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
  keys(): string[];
}
