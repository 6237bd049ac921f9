/** Session (users, time zone, locale, temporary key) and Logger. */
import { createAppsScript, createSharedState } from '.';

// https://developers.google.com/apps-script/reference/base/session#getActiveUser()
test('active and effective users; the active email may be withheld', () => {
  const { Session } = createAppsScript({ userEmail: 'ann@example.com' }).globals;
  expect(Session.getActiveUser().getEmail()).toBe('ann@example.com');
  expect(Session.getEffectiveUser().getEmail()).toBe('ann@example.com');
  const hidden = createAppsScript({ userEmail: 'ann@example.com', activeUserEmail: '' }).globals.Session;
  expect(hidden.getActiveUser().getEmail()).toBe('');
});

// https://developers.google.com/apps-script/reference/base/session#getScriptTimeZone()
test("the script time zone defaults to the spreadsheet's and may differ from it", () => {
  expect(createAppsScript().globals.Session.getScriptTimeZone()).toBe('Europe/Madrid');
  const env = createAppsScript({ scriptTimeZone: 'America/Los_Angeles' });
  expect(env.globals.Session.getScriptTimeZone()).toBe('America/Los_Angeles');
  expect(env.spreadsheet.getSpreadsheetTimeZone()).toBe('Europe/Madrid');
});

// https://developers.google.com/apps-script/reference/base/session#getActiveUserLocale()
test('the user locale is a language code', () => {
  expect(createAppsScript().globals.Session.getActiveUserLocale()).toBe('en');
  expect(createAppsScript({ userLocale: 'es' }).globals.Session.getActiveUserLocale()).toBe('es');
});

// https://developers.google.com/apps-script/reference/base/session#getTemporaryActiveUserKey()
test('the temporary user key is stable for a user and differs between users', () => {
  const shared = createSharedState();
  const key = (email: string) =>
    createAppsScript({ shared, userEmail: email }).globals.Session.getTemporaryActiveUserKey();
  expect(key('ann@example.com')).toBe(key('ann@example.com'));
  expect(key('ann@example.com')).not.toBe(key('bob@example.com'));
});

// https://developers.google.com/apps-script/reference/base/logger#log(String,Object...)
test('Logger.log records lines, with %s placeholders', () => {
  const env = createAppsScript();
  env.globals.Logger.log('Synced %s orders from %s', 3, 'woo');
  env.globals.Logger.log({ a: 1 });
  expect(env.logs).toEqual(['Synced 3 orders from woo', '{"a":1}']);
  expect(env.globals.Logger.getLog()).toBe('Synced 3 orders from woo\n{"a":1}');
  expect(env.meter.byMethod['Logger.log']).toBe(2);
});
