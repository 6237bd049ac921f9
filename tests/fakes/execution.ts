/**
 * One execution of the script: its meter, its user, its UI, and the SharedState it runs against.
 * Every fake holds one and calls `x.call('Class.method')` first thing in each public method.
 */

import type { RangeRef } from './conditional-format';
import type { ServiceMeter } from './meter';
import type { SharedState } from './shared-state';
import type { FakeUi } from './ui-record';
import type { FakeFetchHandler, FakeFetchRequest } from './url-fetch-types';

/** The Date and Error constructors of the realm the code under test runs in (a node:vm context). */
export interface Realm {
  Date: DateConstructor;
  Error: ErrorConstructor;
}

export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';

export interface ExecutionSettings {
  userEmail: string;
  /** Session.getActiveUser().getEmail(): may be '' for consumer accounts in some contexts. */
  activeUserEmail: string;
  userLocale: string;
  scriptTimeZone: string;
  htmlDir: string;
  addOn: boolean;
  authMode: AuthModeName;
  /** False in a time-driven trigger: SpreadsheetApp.getUi() then throws. */
  hasUi: boolean;
  authorizationRequired: boolean;
  fetch?: FakeFetchHandler;
  realm: Realm;
}

/**
 * In AuthMode.NONE (an add-on's onOpen before the user has used it in this document) only the add-on
 * menu may be built: https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle
 */
const ALLOWED_IN_NONE = /^(SpreadsheetApp\.getUi|Ui\.createAddonMenu|Ui\.createMenu|Menu\.\w+|Logger\.\w+)$/;

export class Execution {
  readonly id: string;
  readonly requests: FakeFetchRequest[] = [];
  readonly logs: string[] = [];
  /** True while spreadsheet changes are pending: set by writes, cleared by SpreadsheetApp.flush(). */
  unflushed = false;
  /** Turns a stored range reference back into a Range of this execution (set by the spreadsheet fake). */
  resolveRange: (ref: RangeRef) => unknown = () => {
    throw new Error('Fake: no spreadsheet in this execution');
  };

  constructor(
    readonly shared: SharedState,
    readonly meter: ServiceMeter,
    readonly ui: FakeUi,
    readonly settings: ExecutionSettings,
  ) {
    this.id = shared.newExecutionId();
  }

  /** Counts one service call, and refuses it when the authorization mode does not allow it. */
  call(method: string): void {
    this.meter.count(method);
    if (this.settings.authMode === 'NONE' && !ALLOWED_IN_NONE.test(method)) {
      throw this.error(
        `You do not have permission to call ${method}. (The fake runs this execution in ScriptApp.AuthMode.NONE.)`,
      );
    }
  }

  /** An error as Apps Script throws it: an Error of the code's realm, named 'Exception'. */
  error(message: string): Error {
    const e = new this.settings.realm.Error(message);
    e.name = 'Exception';
    return e;
  }

  /** Apps Script's message for a call whose arguments do not fit any overload. */
  badArguments(method: string, args: unknown[]): Error {
    const types = args.map(javaTypeName).join(',');
    return this.error(`The parameters (${types}) don't match the method signature for ${method}.`);
  }

  date(ms: number): Date {
    return new this.settings.realm.Date(ms);
  }

  now(): number {
    return this.shared.clock.now();
  }

  get user(): string {
    return this.settings.userEmail;
  }

  /** Marks pending spreadsheet changes (for the flush-before-releaseLock check). */
  changed(): void {
    this.unflushed = true;
  }
}

function javaTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'Object[]';
  switch (typeof v) {
    case 'string':
      return 'String';
    case 'number':
      return 'number';
    case 'boolean':
      return 'Boolean';
    case 'undefined':
      return 'undefined';
    default:
      return 'Object';
  }
}

/**
 * Binds an object's class methods to it (as non-enumerable own properties), so they work when
 * called through a Proxy or detached from the object, as Apps Script's service methods do.
 */
export function bindMethods<T extends object>(obj: T): T {
  for (
    let proto = Object.getPrototypeOf(obj);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      const fn = (obj as Record<string, unknown>)[key];
      if (
        key === 'constructor' ||
        typeof fn !== 'function' ||
        Object.getOwnPropertyDescriptor(obj, key) !== undefined
      )
        continue;
      Object.defineProperty(obj, key, {
        value: fn.bind(obj),
        enumerable: false,
        configurable: true,
        writable: true,
      });
    }
  }
  return obj;
}
