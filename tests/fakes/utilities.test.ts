/** Utilities: digests as Java signed bytes, base64, blobs, Java date patterns, UUIDs, sleep. */
import { createHash } from 'node:crypto';
import { createAppsScript } from '.';

function setup() {
  const env = createAppsScript({ now: () => Date.UTC(2026, 0, 1) });
  return { env, Utilities: env.globals.Utilities };
}

const signed = (hex: string) => Array.from(Buffer.from(hex, 'hex'), (b) => (b > 127 ? b - 256 : b));

// https://developers.google.com/apps-script/reference/utilities/utilities#computeDigest(DigestAlgorithm,String)
test('computeDigest gives Java signed bytes (-128..127)', () => {
  const { Utilities } = setup();
  const sha = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'abc');
  expect(sha).toEqual(signed('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'));
  expect(sha[0]).toBe(-70); // 0xba
  expect(Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, 'abc')).toEqual(
    signed('900150983cd24fb0d6963f7d28e17f72'),
  );
  expect(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_1, 'abc')).toEqual(
    signed('a9993e364706816aba3e25717850c26c9cd0d89d'),
  );
});

// https://developers.google.com/apps-script/reference/utilities/utilities#computeDigest(DigestAlgorithm,Byte,Charset)
test('computeDigest hashes UTF-8 by default, byte arrays as given, and US-ASCII on request', () => {
  const { Utilities } = setup();
  const utf8 = signed(createHash('sha256').update('café', 'utf8').digest('hex'));
  expect(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'café')).toEqual(utf8);
  expect(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'café', Utilities.Charset.UTF_8)).toEqual(
    utf8,
  );
  expect(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, [97, 98, 99] as never)).toEqual(
    signed('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'),
  );
  expect(
    Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'café', Utilities.Charset.US_ASCII),
  ).toEqual(signed(createHash('sha256').update('caf?').digest('hex')));
});

// https://developers.google.com/apps-script/reference/utilities/utilities#computeHmacSha256Signature(String,String)
test('HMAC-SHA256 (RFC 4231 test case 2)', () => {
  const { Utilities } = setup();
  expect(Utilities.computeHmacSha256Signature('what do ya want for nothing?', 'Jefe')).toEqual(
    signed('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'),
  );
});

// https://developers.google.com/apps-script/reference/utilities/utilities#base64Encode(String)
test('base64 encode, web-safe encode (padding kept) and decode to signed bytes', () => {
  const { Utilities } = setup();
  expect(Utilities.base64Encode('ck_key:cs_secret')).toBe('Y2tfa2V5OmNzX3NlY3JldA==');
  expect(Utilities.base64Encode([-1, -2, -3] as never)).toBe('//79');
  expect(Utilities.base64EncodeWebSafe([-1, -2, -3, -4] as never)).toBe('__79_A==');
  expect(Utilities.base64Decode('//79')).toEqual([-1, -2, -3]);
  expect(Utilities.base64DecodeWebSafe('__79_A==')).toEqual([-1, -2, -3, -4]);
  expect(Utilities.newBlob(Utilities.base64Decode('wqM=')).getDataAsString()).toBe('£');
  expect(() => Utilities.base64Decode('not base64!')).toThrow('Could not decode string.');
});

// https://developers.google.com/apps-script/reference/utilities/utilities#newBlob(String)
test('newBlob keeps data, content type and name', () => {
  const { Utilities } = setup();
  const blob = Utilities.newBlob('hello', 'text/plain', 'a.txt');
  expect([blob.getDataAsString(), blob.getContentType(), blob.getName()]).toEqual([
    'hello',
    'text/plain',
    'a.txt',
  ]);
  expect(blob.getBytes()).toEqual([104, 101, 108, 108, 111]);
});

// https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)
// Patterns are Java's SimpleDateFormat: https://docs.oracle.com/javase/8/docs/api/java/text/SimpleDateFormat.html
describe('formatDate', () => {
  const winter = new Date('2026-01-31T23:30:05.007Z');
  const summer = new Date('2026-07-01T10:05:03.000Z');

  test.each([
    ["yyyy-MM-dd'T'HH:mm:ss.SSSXXX", winter, 'Europe/Madrid', '2026-02-01T00:30:05.007+01:00'],
    ["yyyy-MM-dd'T'HH:mm:ssXXX", summer, 'Europe/Madrid', '2026-07-01T12:05:03+02:00'],
    ['yyyy-MM-dd HH:mm', winter, 'America/New_York', '2026-01-31 18:30'],
    ['yy M d H', winter, 'Europe/Madrid', '26 2 1 0'],
    ['EEE, d MMM yyyy HH:mm:ss Z', summer, 'Europe/Madrid', 'Wed, 1 Jul 2026 12:05:03 +0200'],
    ['EEEE MMMM', summer, 'UTC', 'Wednesday July'],
    ["XXX X 'at' h:mm a", summer, 'UTC', 'Z Z at 10:05 AM'],
    ["dd/MM/yyyy 'o''clock' ''", winter, 'UTC', "31/01/2026 o'clock '"],
    ['HH:mm z', winter, 'Europe/Madrid', '00:30 CET'],
    ['yyyy-MM-dd HH:mm', winter, 'Not/AZone', '2026-01-31 23:30'], // unknown ids format as GMT, as in Java
  ])('%s', (pattern, date, tz, expected) => {
    expect(setup().Utilities.formatDate(date, tz, pattern)).toBe(expected);
  });

  test('a letter Java does not know throws; a non-Date throws the signature error', () => {
    const { Utilities } = setup();
    expect(() => Utilities.formatDate(winter, 'UTC', 'yyyy-qq')).toThrow("Illegal pattern character 'q'");
    expect(() => Utilities.formatDate('2026-01-01' as never, 'UTC', 'yyyy')).toThrow(
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
  });
});

// https://developers.google.com/apps-script/reference/utilities/utilities#getUuid()
test('getUuid gives a version-4 UUID', () => {
  expect(setup().Utilities.getUuid()).toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
});

// https://developers.google.com/apps-script/reference/utilities/utilities#sleep(Integer)
test('sleep moves the fake clock instead of blocking', () => {
  const { env, Utilities } = setup();
  const started = Date.now();
  Utilities.sleep(60_000);
  expect(env.clock.now()).toBe(Date.UTC(2026, 0, 1) + 60_000);
  expect(Date.now() - started).toBeLessThan(1000);
});
