/** ScriptApp: auth modes, authorization info and installable triggers under the add-on rules. */
import { createAppsScript, createSharedState } from '.';

function setup(options: Parameters<typeof createAppsScript>[0] = {}) {
  const env = createAppsScript(options);
  return { env, ScriptApp: env.globals.ScriptApp, ss: env.globals.SpreadsheetApp.getActive() };
}

// https://developers.google.com/apps-script/reference/script/auth-mode
test('AuthMode values compare by identity and print their names', () => {
  const { ScriptApp } = setup();
  expect(String(ScriptApp.AuthMode.NONE)).toBe('NONE');
  expect(ScriptApp.AuthMode.FULL).toBe(ScriptApp.AuthMode.FULL);
  expect(ScriptApp.AuthMode.FULL).not.toBe(ScriptApp.AuthMode.LIMITED);
  expect(Object.keys(ScriptApp.AuthMode).sort()).toEqual(['CUSTOM_FUNCTION', 'FULL', 'LIMITED', 'NONE']);
});

// https://developers.google.com/apps-script/reference/script/script-app#getAuthorizationInfo(AuthMode)
test('getAuthorizationInfo: NOT_REQUIRED by default; REQUIRED with a URL when asked', () => {
  const done = setup().ScriptApp;
  const info = done.getAuthorizationInfo(done.AuthMode.FULL);
  expect(info.getAuthorizationStatus()).toBe(done.AuthorizationStatus.NOT_REQUIRED);
  expect(info.getAuthorizationUrl()).toBeNull();
  const todo = setup({ authorizationRequired: true }).ScriptApp;
  const needed = todo.getAuthorizationInfo(todo.AuthMode.FULL);
  expect(needed.getAuthorizationStatus()).toBe(todo.AuthorizationStatus.REQUIRED);
  expect(needed.getAuthorizationUrl()).toMatch(/^https:\/\//);
});

// https://developers.google.com/apps-script/reference/script/clock-trigger-builder#everyHours(Integer)
test('an hourly time-driven trigger is created and listed', () => {
  const { ScriptApp, ss } = setup();
  const t = ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();
  expect(t.getHandlerFunction()).toBe('tick');
  expect(t.getEventType()).toBe(ScriptApp.EventType.CLOCK);
  expect(t.getTriggerSource()).toBe(ScriptApp.TriggerSource.CLOCK);
  expect(t.getUniqueId()).toMatch(/^\d+$/);
  expect(ScriptApp.getProjectTriggers().map((x) => x.getUniqueId())).toEqual([t.getUniqueId()]);
  expect(ScriptApp.getUserTriggers(ss).map((x) => x.getHandlerFunction())).toEqual(['tick']);
});

// https://developers.google.com/apps-script/reference/script/clock-trigger-builder#everyMinutes(Integer)
test('everyMinutes accepts only 1, 5, 10, 15 or 30', () => {
  const { ScriptApp } = setup({ addOn: false });
  expect(() => ScriptApp.newTrigger('tick').timeBased().everyMinutes(7)).toThrow(
    'The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.',
  );
  expect(ScriptApp.newTrigger('tick').timeBased().everyMinutes(5).create().getHandlerFunction()).toBe('tick');
});

// https://developers.google.com/workspace/add-ons/concepts/editor-triggers :
// "Time-driven triggers cannot run more frequently than once per hour."
test('an add-on may not create a time-driven trigger more frequent than hourly', () => {
  const { ScriptApp } = setup();
  expect(() => ScriptApp.newTrigger('tick').timeBased().everyMinutes(30).create()).toThrow(
    /at most once an hour/,
  );
  expect(ScriptApp.getProjectTriggers()).toEqual([]);
});

// https://developers.google.com/workspace/add-ons/concepts/editor-triggers :
// "Each add-on can only have one trigger of each type, per user, per document."
test('an add-on has one time-driven trigger per user per document', () => {
  const shared = createSharedState();
  const ann = setup({ shared, userEmail: 'ann@example.com' }).ScriptApp;
  const ann2 = setup({ shared, userEmail: 'ann@example.com' }).ScriptApp;
  const bob = setup({ shared, userEmail: 'bob@example.com' }).ScriptApp;
  ann.newTrigger('tick').timeBased().everyHours(1).create();
  expect(() => ann2.newTrigger('other').timeBased().everyDays(1).atHour(3).create()).toThrow(
    /already has a time-driven trigger for this user in this document/,
  );
  expect(bob.newTrigger('tick').timeBased().everyHours(1).create()).toBeDefined();
  // Triggers live in the shared state: the second execution of ann sees the first's trigger.
  expect(ann2.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['tick']);
  expect(shared.triggers).toHaveLength(2);
});

// https://developers.google.com/apps-script/reference/script/spreadsheet-trigger-builder
test('spreadsheet triggers: one of each type, only for the add-on own file', () => {
  const { ScriptApp, ss } = setup();
  const open = ScriptApp.newTrigger('onOpenInstalled').forSpreadsheet(ss).onOpen().create();
  expect(open.getEventType()).toBe(ScriptApp.EventType.ON_OPEN);
  expect(open.getTriggerSource()).toBe(ScriptApp.TriggerSource.SPREADSHEETS);
  expect(open.getTriggerSourceId()).toBe(ss.getId());
  ScriptApp.newTrigger('onEditInstalled').forSpreadsheet(ss.getId()).onEdit().create();
  expect(() => ScriptApp.newTrigger('again').forSpreadsheet(ss).onEdit().create()).toThrow(/on-edit trigger/);
  expect(() => ScriptApp.newTrigger('x').forSpreadsheet('another-file').onOpen().create()).toThrow(
    'Add-ons can only create triggers for the file in which the add-on is used.',
  );
});

// https://developers.google.com/apps-script/reference/script/script-app#deleteTrigger(Trigger)
test('deleteTrigger removes it, so a new one may be made', () => {
  const { ScriptApp } = setup();
  const t = ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();
  ScriptApp.deleteTrigger(ScriptApp.getProjectTriggers()[0]);
  expect(ScriptApp.getProjectTriggers()).toEqual([]);
  expect(ScriptApp.newTrigger('tick').timeBased().everyHours(1).create().getUniqueId()).not.toBe(
    t.getUniqueId(),
  );
});

// https://developers.google.com/apps-script/guides/services/quotas : "Triggers 20 / user / script"
test('a user may have at most 20 triggers for a script', () => {
  const { ScriptApp } = setup({ addOn: false });
  for (let i = 0; i < 20; i++) ScriptApp.newTrigger(`t${i}`).timeBased().everyHours(1).create();
  expect(() => ScriptApp.newTrigger('t20').timeBased().everyHours(1).create()).toThrow(
    'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
  );
});

test('a time-driven trigger needs a schedule', () => {
  const { ScriptApp } = setup();
  expect(() => ScriptApp.newTrigger('tick').timeBased().create()).toThrow('needs a schedule');
});
