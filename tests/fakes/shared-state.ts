/**
 * What several executions of the add-on share: the spreadsheet, the clock, the locks, the property
 * stores, the caches and the triggers. Two createAppsScript() calls given one SharedState behave like
 * two executions (say a till sale and the hourly tick) running against the same document.
 */

import { CacheStore } from './cache';
import { SpreadsheetData } from './grid';
import { PropertyStore } from './properties';

export interface SharedStateOptions {
  /** The spreadsheet's time zone; default 'Europe/Madrid'. */
  timeZone?: string;
  /** The spreadsheet's locale; default 'en_US'. */
  locale?: string;
  /** The fake clock in epoch ms; default Date.now. Utilities.sleep and lock waits move it forward. */
  now?: () => number;
  spreadsheetId?: string;
  spreadsheetName?: string;
  /** The tabs of the new spreadsheet; default ['Sheet1'], like a new Google Sheet. */
  sheetNames?: string[];
  scriptId?: string;
  /** UrlFetchApp calls a user may make per day: 20,000 on consumer accounts. */
  urlFetchDailyQuota?: number;
}

/** A clock that reads a source (the real one by default) plus the time the fakes waited. */
export class FakeClock {
  private offset = 0;
  constructor(private readonly source: () => number = Date.now) {}
  now(): number {
    return this.source() + this.offset;
  }
  advance(ms: number): void {
    if (ms > 0) this.offset += ms;
  }
}

export interface LockState {
  /** The execution id holding the lock, or null. */
  holder: string | null;
  /** For a holder simulated with holdLockElsewhere: when it lets go (clock ms); null if never. */
  releaseAt: number | null;
}

export interface TriggerRecord {
  id: string;
  user: string;
  handler: string;
  eventType: 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';
  source: 'CLOCK' | 'SPREADSHEETS';
  /** The spreadsheet id for spreadsheet triggers; null for time-driven ones. */
  sourceId: string | null;
  /** The document the add-on was running in when it created the trigger. */
  documentId: string;
  /** Time-driven schedule, for inspection: e.g. { everyHours: 1 }. */
  schedule: Record<string, number | string>;
}

export type LockKind = 'document' | 'script' | 'user';

export class SharedState {
  readonly clock: FakeClock;
  readonly spreadsheet: SpreadsheetData;
  readonly scriptId: string;
  readonly urlFetchDailyQuota: number;
  readonly locks = {
    document: { holder: null, releaseAt: null } as LockState,
    script: { holder: null, releaseAt: null } as LockState,
    user: new Map<string, LockState>(),
  };
  readonly properties = {
    document: new PropertyStore(),
    script: new PropertyStore(),
    user: new Map<string, PropertyStore>(),
  };
  readonly caches = {
    document: new CacheStore(),
    script: new CacheStore(),
    user: new Map<string, CacheStore>(),
  };
  readonly triggers: TriggerRecord[] = [];
  /** UrlFetchApp calls per 'user|day'. */
  readonly urlFetchCalls = new Map<string, number>();
  private executions = 0;
  private triggerIds = 0;

  constructor(options: SharedStateOptions = {}) {
    this.clock = new FakeClock(options.now);
    this.spreadsheet = new SpreadsheetData(
      options.spreadsheetId ?? '1FakeSpreadsheetId0000000000000000000000000',
      options.spreadsheetName ?? 'Shop Ledger',
      options.timeZone ?? 'Europe/Madrid',
      options.locale ?? 'en_US',
    );
    for (const name of options.sheetNames ?? ['Sheet1']) this.spreadsheet.addSheet(name);
    this.scriptId = options.scriptId ?? '1FakeScriptId000000000000000000000000000000000000000000';
    this.urlFetchDailyQuota = options.urlFetchDailyQuota ?? 20_000;
  }

  newExecutionId(): string {
    this.executions++;
    return `execution-${this.executions}`;
  }

  newTriggerId(): string {
    this.triggerIds++;
    return String(1_000_000 + this.triggerIds);
  }

  lock(kind: LockKind, user: string): LockState {
    if (kind !== 'user') return this.locks[kind];
    return getOrAdd(this.locks.user, user, () => ({ holder: null, releaseAt: null }));
  }

  userProperties(user: string): PropertyStore {
    return getOrAdd(this.properties.user, user, () => new PropertyStore());
  }

  userCache(user: string): CacheStore {
    return getOrAdd(this.caches.user, user, () => new CacheStore());
  }

  /**
   * Simulates another process (not one of our fake executions) holding a lock, for ever or for
   * forMs of fake time: a waitLock with a long enough timeout then gets it after advancing the clock.
   */
  holdLockElsewhere(kind: Exclude<LockKind, 'user'>, forMs?: number): void {
    const state = this.locks[kind];
    state.holder = 'another-process';
    state.releaseAt = forMs === undefined ? null : this.clock.now() + forMs;
  }
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

export function createSharedState(options: SharedStateOptions = {}): SharedState {
  return new SharedState(options);
}
