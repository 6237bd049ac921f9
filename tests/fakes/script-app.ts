/**
 * ScriptApp: auth modes, authorization info and installable triggers, kept in SharedState. As an
 * editor add-on (the default) it enforces Google's add-on trigger rules: one trigger of each type per
 * user per document, time-driven triggers at most hourly, triggers only for the add-on's own file;
 * and for every script, 20 triggers per user.
 * https://developers.google.com/apps-script/reference/script/script-app
 * https://developers.google.com/workspace/add-ons/concepts/editor-triggers
 * https://developers.google.com/apps-script/guides/triggers/installable
 */

import { isDate } from './cell-values';
import { type EnumValue, makeEnum } from './enums';
import type { Execution } from './execution';
import type { TriggerRecord } from './shared-state';
import type { FakeSpreadsheet } from './spreadsheet';

export const AuthMode = makeEnum(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']);
export const AuthorizationStatus = makeEnum(['REQUIRED', 'NOT_REQUIRED']);
export const EventType = makeEnum([
  'CLOCK',
  'ON_OPEN',
  'ON_EDIT',
  'ON_FORM_SUBMIT',
  'ON_CHANGE',
  'ON_EVENT_UPDATED',
]);
export const TriggerSource = makeEnum(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR']);

const MAX_TRIGGERS_PER_USER = 20;
export const TOO_MANY_TRIGGERS =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
export const EVERY_MINUTES_INVALID =
  'The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.';
export const ADDON_HOURLY =
  'Add-ons may run a time-driven trigger at most once an hour: use everyHours(n) or a longer schedule, not everyMinutes.';
export const addOnOneOfEachType = (kind: string) =>
  `This add-on already has a ${kind} trigger for this user in this document: an add-on can only have one trigger of each type, per user, per document.`;

const EVENT_LABEL: Record<TriggerRecord['eventType'], string> = {
  CLOCK: 'time-driven',
  ON_OPEN: 'on-open',
  ON_EDIT: 'on-edit',
  ON_CHANGE: 'on-change',
  ON_FORM_SUBMIT: 'on-form-submit',
};

export class FakeScriptApp {
  readonly AuthMode = AuthMode;
  readonly AuthorizationStatus = AuthorizationStatus;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;

  constructor(private readonly x: Execution) {}

  getAuthorizationInfo(authMode: EnumValue): FakeAuthorizationInfo {
    this.x.call('ScriptApp.getAuthorizationInfo');
    if (!Object.values(AuthMode).includes(authMode)) {
      throw this.x.badArguments('ScriptApp.getAuthorizationInfo', [authMode]);
    }
    return new FakeAuthorizationInfo(this.x);
  }

  newTrigger(functionName: string): FakeTriggerBuilder {
    this.x.call('ScriptApp.newTrigger');
    if (typeof functionName !== 'string' || functionName === '') {
      throw this.x.badArguments('ScriptApp.newTrigger', [functionName]);
    }
    return new FakeTriggerBuilder(this.x, functionName);
  }

  /** The user's triggers for this script in the given spreadsheet (and time-driven ones made there). */
  getUserTriggers(spreadsheet: FakeSpreadsheet): FakeTrigger[] {
    this.x.call('ScriptApp.getUserTriggers');
    const id = this.x.meter.uncounted(() => spreadsheet.getId());
    return this.x.shared.triggers
      .filter((t) => t.user === this.x.user && t.documentId === id)
      .map((t) => new FakeTrigger(this.x, t));
  }

  /** Every trigger of this user for this script. */
  getProjectTriggers(): FakeTrigger[] {
    this.x.call('ScriptApp.getProjectTriggers');
    return this.x.shared.triggers
      .filter((t) => t.user === this.x.user)
      .map((t) => new FakeTrigger(this.x, t));
  }

  deleteTrigger(trigger: FakeTrigger): void {
    this.x.call('ScriptApp.deleteTrigger');
    if (!(trigger instanceof FakeTrigger)) throw this.x.badArguments('ScriptApp.deleteTrigger', [trigger]);
    const list = this.x.shared.triggers;
    const id = FakeTrigger.idOf(trigger);
    const at = list.findIndex((t) => t.id === id);
    if (at >= 0) list.splice(at, 1);
  }

  getOAuthToken(): string {
    this.x.call('ScriptApp.getOAuthToken');
    return `fake-oauth-token-for-${this.x.user}`;
  }

  getScriptId(): string {
    this.x.call('ScriptApp.getScriptId');
    return this.x.shared.scriptId;
  }
}

export class FakeAuthorizationInfo {
  constructor(private readonly x: Execution) {}

  getAuthorizationStatus(): EnumValue {
    this.x.call('AuthorizationInfo.getAuthorizationStatus');
    return this.x.settings.authorizationRequired
      ? AuthorizationStatus.REQUIRED
      : AuthorizationStatus.NOT_REQUIRED;
  }

  /** A URL only when authorization is required, else null. */
  getAuthorizationUrl(): string | null {
    this.x.call('AuthorizationInfo.getAuthorizationUrl');
    return this.x.settings.authorizationRequired
      ? `https://script.google.com/macros/d/${this.x.shared.scriptId}/authorize`
      : null;
  }
}

/** Adds a trigger after checking the per-user and add-on limits. */
function install(x: Execution, record: Omit<TriggerRecord, 'id' | 'user' | 'documentId'>): FakeTrigger {
  const documentId = x.shared.spreadsheet.id;
  const mine = x.shared.triggers.filter((t) => t.user === x.user);
  if (x.settings.addOn) {
    if (record.source === 'SPREADSHEETS' && record.sourceId !== documentId) {
      throw x.error('Add-ons can only create triggers for the file in which the add-on is used.');
    }
    if (mine.some((t) => t.documentId === documentId && t.eventType === record.eventType)) {
      throw x.error(addOnOneOfEachType(EVENT_LABEL[record.eventType]));
    }
  }
  if (mine.length >= MAX_TRIGGERS_PER_USER) throw x.error(TOO_MANY_TRIGGERS);
  const full: TriggerRecord = { ...record, id: x.shared.newTriggerId(), user: x.user, documentId };
  x.shared.triggers.push(full);
  return new FakeTrigger(x, full);
}

export class FakeTriggerBuilder {
  constructor(
    private readonly x: Execution,
    private readonly handler: string,
  ) {}

  timeBased(): FakeClockTriggerBuilder {
    this.x.call('TriggerBuilder.timeBased');
    return new FakeClockTriggerBuilder(this.x, this.handler);
  }

  /** A spreadsheet or its id. */
  forSpreadsheet(sheet: FakeSpreadsheet | string): FakeSpreadsheetTriggerBuilder {
    this.x.call('TriggerBuilder.forSpreadsheet');
    const id = typeof sheet === 'string' ? sheet : this.x.meter.uncounted(() => sheet.getId());
    return new FakeSpreadsheetTriggerBuilder(this.x, this.handler, id);
  }
}

export class FakeClockTriggerBuilder {
  private readonly schedule: Record<string, number | string> = {};

  constructor(
    private readonly x: Execution,
    private readonly handler: string,
  ) {}

  private set(method: string, key: string, value: number | string): this {
    this.x.call(`ClockTriggerBuilder.${method}`);
    this.schedule[key] = value;
    return this;
  }

  /** Only 1, 5, 10, 15 or 30. */
  everyMinutes(n: number): this {
    if (![1, 5, 10, 15, 30].includes(n)) {
      this.x.call('ClockTriggerBuilder.everyMinutes');
      throw this.x.error(EVERY_MINUTES_INVALID);
    }
    return this.set('everyMinutes', 'everyMinutes', n);
  }

  everyHours(n: number): this {
    if (!Number.isInteger(n) || n < 1) {
      this.x.call('ClockTriggerBuilder.everyHours');
      throw this.x.error(`Invalid argument: everyHours (${n})`);
    }
    return this.set('everyHours', 'everyHours', n);
  }

  everyDays(n: number): this {
    return this.set('everyDays', 'everyDays', n);
  }

  everyWeeks(n: number): this {
    return this.set('everyWeeks', 'everyWeeks', n);
  }

  atHour(hour: number): this {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
      this.x.call('ClockTriggerBuilder.atHour');
      throw this.x.error(`Invalid argument: hour (${hour})`);
    }
    return this.set('atHour', 'atHour', hour);
  }

  nearMinute(minute: number): this {
    return this.set('nearMinute', 'nearMinute', minute);
  }

  onWeekDay(day: unknown): this {
    return this.set('onWeekDay', 'onWeekDay', String(day));
  }

  inTimezone(timezone: string): this {
    return this.set('inTimezone', 'inTimezone', timezone);
  }

  /** A one-off trigger after durationMilliseconds. */
  after(durationMilliseconds: number): this {
    return this.set('after', 'after', durationMilliseconds);
  }

  at(date: Date): this {
    this.x.call('ClockTriggerBuilder.at');
    if (!isDate(date)) throw this.x.badArguments('ClockTriggerBuilder.at', [date]);
    this.schedule.at = new Date(date.getTime()).toISOString();
    return this;
  }

  create(): FakeTrigger {
    this.x.call('ClockTriggerBuilder.create');
    const s = this.schedule;
    const recurring = ['everyMinutes', 'everyHours', 'everyDays', 'everyWeeks'].filter((k) => k in s);
    if (recurring.length === 0 && !('after' in s) && !('at' in s)) {
      throw this.x.error('Fake: a time-driven trigger needs a schedule (everyHours, everyDays, after...).');
    }
    if (this.x.settings.addOn && 'everyMinutes' in s) throw this.x.error(ADDON_HOURLY);
    return install(this.x, {
      handler: this.handler,
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: null,
      schedule: { ...s },
    });
  }
}

export class FakeSpreadsheetTriggerBuilder {
  private eventType: TriggerRecord['eventType'] | null = null;

  constructor(
    private readonly x: Execution,
    private readonly handler: string,
    private readonly spreadsheetId: string,
  ) {}

  private on(method: string, type: TriggerRecord['eventType']): this {
    this.x.call(`SpreadsheetTriggerBuilder.${method}`);
    this.eventType = type;
    return this;
  }

  onOpen(): this {
    return this.on('onOpen', 'ON_OPEN');
  }

  onEdit(): this {
    return this.on('onEdit', 'ON_EDIT');
  }

  onChange(): this {
    return this.on('onChange', 'ON_CHANGE');
  }

  onFormSubmit(): this {
    return this.on('onFormSubmit', 'ON_FORM_SUBMIT');
  }

  create(): FakeTrigger {
    this.x.call('SpreadsheetTriggerBuilder.create');
    if (!this.eventType)
      throw this.x.error('Fake: a spreadsheet trigger needs an event (onOpen, onEdit...).');
    return install(this.x, {
      handler: this.handler,
      eventType: this.eventType,
      source: 'SPREADSHEETS',
      sourceId: this.spreadsheetId,
      schedule: {},
    });
  }
}

export class FakeTrigger {
  constructor(
    private readonly x: Execution,
    private readonly record: TriggerRecord,
  ) {}

  /** The record's id, for deleteTrigger (static, so Trigger objects carry only Apps Script methods). */
  static idOf(trigger: FakeTrigger): string {
    return trigger.record.id;
  }

  getUniqueId(): string {
    this.x.call('Trigger.getUniqueId');
    return this.record.id;
  }

  getHandlerFunction(): string {
    this.x.call('Trigger.getHandlerFunction');
    return this.record.handler;
  }

  getEventType(): EnumValue {
    this.x.call('Trigger.getEventType');
    return EventType[this.record.eventType];
  }

  getTriggerSource(): EnumValue {
    this.x.call('Trigger.getTriggerSource');
    return TriggerSource[this.record.source];
  }

  getTriggerSourceId(): string | null {
    this.x.call('Trigger.getTriggerSourceId');
    return this.record.sourceId;
  }
}
