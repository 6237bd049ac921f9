/**
 * Session and Logger.
 * https://developers.google.com/apps-script/reference/base/session
 * https://developers.google.com/apps-script/reference/base/logger
 */

import { createHash } from 'node:crypto';
import type { Execution } from './execution';

export class FakeUser {
  constructor(
    private readonly x: Execution,
    private readonly email: string,
  ) {}

  getEmail(): string {
    this.x.call('User.getEmail');
    return this.email;
  }
}

export class FakeSession {
  constructor(private readonly x: Execution) {}

  /** May be '' when Google withholds the active user's email (consumer accounts, some contexts). */
  getActiveUser(): FakeUser {
    this.x.call('Session.getActiveUser');
    return new FakeUser(this.x, this.x.settings.activeUserEmail);
  }

  getEffectiveUser(): FakeUser {
    this.x.call('Session.getEffectiveUser');
    return new FakeUser(this.x, this.x.settings.userEmail);
  }

  /** The script's zone, which may differ from the spreadsheet's: dates in cells use the latter. */
  getScriptTimeZone(): string {
    this.x.call('Session.getScriptTimeZone');
    return this.x.settings.scriptTimeZone;
  }

  /** "The language setting of the current user as a string, for example en." */
  getActiveUserLocale(): string {
    this.x.call('Session.getActiveUserLocale');
    return this.x.settings.userLocale;
  }

  /** A key unique to the user and the script, stable for the fake's lifetime (Google rotates it). */
  getTemporaryActiveUserKey(): string {
    this.x.call('Session.getTemporaryActiveUserKey');
    return createHash('sha256')
      .update(`${this.x.shared.scriptId}|${this.x.user}`)
      .digest('base64')
      .replace(/[+/=]/g, '')
      .slice(0, 43);
  }
}

export class FakeLogger {
  constructor(private readonly x: Execution) {}

  /** log(data) | log(format, ...values) with %s placeholders. Entries go to FakeAppsScript.logs. */
  log(data: unknown, ...values: unknown[]): this {
    this.x.call('Logger.log');
    let text = show(data);
    if (values.length > 0 && typeof data === 'string') {
      let i = 0;
      text = data.replace(/%[sdf]/g, (m) => (i < values.length ? show(values[i++]) : m));
    }
    this.x.logs.push(text);
    return this;
  }

  getLog(): string {
    this.x.call('Logger.getLog');
    return this.x.logs.join('\n');
  }

  clear(): void {
    this.x.call('Logger.clear');
    this.x.logs.length = 0;
  }
}

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v !== null && typeof v === 'object' && Object.prototype.toString.call(v) !== '[object Date]') {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}
