/** PropertiesService: string values, the 9 KB and 500 KB limits, and which store is shared with whom. */
import { createAppsScript, createSharedState } from '.';

function props() {
  return createAppsScript().globals.PropertiesService.getDocumentProperties();
}

// https://developers.google.com/apps-script/reference/properties/properties#getProperty(String)
test('getProperty is null for a missing key; values come back as strings', () => {
  const p = props();
  expect(p.getProperty('missing')).toBeNull();
  p.setProperty('count', 12 as never).setProperty('flag', true as never);
  expect(p.getProperty('count')).toBe('12');
  expect(p.getProperty('flag')).toBe('true');
});

// https://developers.google.com/apps-script/reference/properties/properties#setProperties(Object,Boolean)
test('setProperties adds to the store, or replaces it with deleteAllOthers', () => {
  const p = props();
  p.setProperty('a', '1');
  p.setProperties({ b: '2', c: 3 } as never);
  expect(p.getProperties()).toEqual({ a: '1', b: '2', c: '3' });
  expect(p.getKeys().sort()).toEqual(['a', 'b', 'c']);
  p.setProperties({ d: '4' }, true);
  expect(p.getProperties()).toEqual({ d: '4' });
});

// https://developers.google.com/apps-script/reference/properties/properties#deleteProperty(String)
test('deleteProperty and deleteAllProperties', () => {
  const p = props();
  p.setProperties({ a: '1', b: '2' });
  p.deleteProperty('a');
  expect(p.getKeys()).toEqual(['b']);
  p.deleteAllProperties();
  expect(p.getProperties()).toEqual({});
});

test('getProperties is a copy', () => {
  const p = props();
  p.setProperty('a', '1');
  const copy = p.getProperties();
  copy.a = 'changed';
  expect(p.getProperty('a')).toBe('1');
});

// https://developers.google.com/apps-script/guides/services/quotas : "Properties value size 9 KB / val"
test('a value may hold 9 KB of UTF-8; more throws and changes nothing', () => {
  const p = props();
  p.setProperty('k', 'x'.repeat(9 * 1024));
  expect(() => p.setProperty('k', 'x'.repeat(9 * 1024 + 1))).toThrow('Argument too large: value');
  expect(() => p.setProperty('k', 'é'.repeat(4609))).toThrow('Argument too large: value'); // 9,218 bytes
  expect(p.getProperty('k')?.length).toBe(9 * 1024);
});

// https://developers.google.com/apps-script/guides/services/quotas : "Properties total storage 500 KB / property store"
test('a store holds 500 KB of keys and values; a write past it throws and changes nothing', () => {
  const p = props();
  const value = 'x'.repeat(9000);
  for (let i = 0; i < 56; i++) p.setProperty(`k${String(i).padStart(2, '0')}`, value); // 56 x 9,003 = 504,168 bytes
  expect(() => p.setProperty('k56', value)).toThrow(
    'You have exceeded the property storage quota. Please remove some properties and try again.',
  );
  expect(p.getProperty('k56')).toBeNull();
  expect(() => p.setProperties({ a: value, b: value })).toThrow('property storage quota');
  expect(p.getKeys()).toHaveLength(56);
});

// https://developers.google.com/apps-script/guides/properties : document properties are shared by
// "All users of an add-on in the open document"; script properties by all users; user properties are per user.
test('document and script properties are shared; user properties are per user', () => {
  const shared = createSharedState();
  const ann = createAppsScript({ shared, userEmail: 'ann@example.com' }).globals.PropertiesService;
  const bob = createAppsScript({ shared, userEmail: 'bob@example.com' }).globals.PropertiesService;
  ann.getDocumentProperties().setProperty('shop', 'woo');
  ann.getScriptProperties().setProperty('s', '1');
  ann.getUserProperties().setProperty('u', 'ann');
  expect(bob.getDocumentProperties().getProperty('shop')).toBe('woo');
  expect(bob.getScriptProperties().getProperty('s')).toBe('1');
  expect(bob.getUserProperties().getProperty('u')).toBeNull();
  expect(bob.getDocumentProperties().getProperty('s')).toBeNull();
});
