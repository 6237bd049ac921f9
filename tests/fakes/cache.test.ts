/** CacheService: expiry on the fake clock, key and value limits, the 1,000-item cap, sharing. */
import { createAppsScript, createSharedState } from '.';

const T0 = Date.UTC(2026, 0, 1);

function setup() {
  const env = createAppsScript({ now: () => T0 });
  return { env, cache: env.globals.CacheService.getDocumentCache() as GoogleAppsScript.Cache.Cache };
}

// https://developers.google.com/apps-script/reference/cache/cache#get(String)
test('get is null for a missing key', () => {
  expect(setup().cache.get('nope')).toBeNull();
});

// https://developers.google.com/apps-script/reference/cache/cache#put(String,String)
// "The default expiration for this method is 10 minutes (600 seconds)."
test('put keeps a value for 600 s by default, on the fake clock', () => {
  const { env, cache } = setup();
  cache.put('k', 'v');
  env.clock.advance(599_999);
  expect(cache.get('k')).toBe('v');
  env.clock.advance(1);
  expect(cache.get('k')).toBeNull();
});

// https://developers.google.com/apps-script/reference/cache/cache#put(String,String,Integer)
// "The minimum is 1 second and the maximum is 21600 seconds (6 hours)."
test('an expiry is 1 to 21,600 seconds', () => {
  const { env, cache } = setup();
  cache.put('k', 'v', 21_600);
  env.clock.advance(21_599_000);
  expect(cache.get('k')).toBe('v');
  expect(() => cache.put('k', 'v', 0)).toThrow('expirationInSeconds');
  expect(() => cache.put('k', 'v', 21_601)).toThrow('expirationInSeconds');
});

// https://developers.google.com/apps-script/reference/cache/cache : keys up to 250 characters, values up to 100 KB.
test('a key over 250 characters or a value over 100 KB throws', () => {
  const { cache } = setup();
  cache.put('k'.repeat(250), 'v');
  expect(() => cache.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
  cache.put('big', 'x'.repeat(100 * 1024));
  expect(() => cache.put('big', 'x'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
  expect(cache.get('big')?.length).toBe(100 * 1024);
});

// https://developers.google.com/apps-script/reference/cache/cache#getAll(String)
test('getAll gives the keys found; putAll, remove and removeAll', () => {
  const { cache } = setup();
  cache.putAll({ a: '1', b: '2', c: '3' });
  expect(cache.getAll(['a', 'b', 'zzz'])).toEqual({ a: '1', b: '2' });
  cache.remove('a');
  cache.removeAll(['b']);
  expect(cache.getAll(['a', 'b', 'c'])).toEqual({ c: '3' });
  cache.put('n', 5 as never);
  expect(cache.get('n')).toBe('5');
});

// https://developers.google.com/apps-script/reference/cache/cache-service :
// "The cap for cached items is 1,000. If more than 1,000 items are written, the cache stores the 900 items farthest from expiration."
test('past 1,000 items the cache keeps the 900 farthest from expiry', () => {
  const { cache } = setup();
  for (let i = 0; i < 1000; i++) cache.put(`k${i}`, 'v', 100 + i);
  expect(cache.get('k0')).toBe('v');
  cache.put('last', 'v', 21_600);
  expect(cache.get('k0')).toBeNull();
  expect(cache.get('k100')).toBeNull();
  expect(cache.get('k101')).toBe('v');
  expect(cache.get('last')).toBe('v');
});

test('the document cache is shared by executions of the document; user caches are per user', () => {
  const shared = createSharedState();
  const ann = createAppsScript({ shared, userEmail: 'ann@example.com' }).globals.CacheService;
  const bob = createAppsScript({ shared, userEmail: 'bob@example.com' }).globals.CacheService;
  ann.getDocumentCache()?.put('d', '1');
  ann.getUserCache()?.put('u', '1');
  ann.getScriptCache().put('s', '1');
  expect(bob.getDocumentCache()?.get('d')).toBe('1');
  expect(bob.getScriptCache().get('s')).toBe('1');
  expect(bob.getUserCache()?.get('u')).toBeNull();
});
