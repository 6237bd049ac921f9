/**
 * Utilities: digests and HMACs as Java signed bytes, base64, blobs, formatDate with Java patterns,
 * UUIDs, and sleep, which moves the fake clock instead of blocking.
 * https://developers.google.com/apps-script/reference/utilities/utilities
 */

import { createHash, createHmac, randomUUID } from 'node:crypto';
import { FakeBlob, toBuffer, toSignedBytes } from './blob';
import { isDate } from './cell-values';
import { type EnumValue, enumName, makeEnum } from './enums';
import type { Execution } from './execution';
import { formatJavaDate } from './java-date-format';
import { resolveTimeZone } from './tz';

export const DigestAlgorithm = makeEnum(['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512']);
export const MacAlgorithm = makeEnum([
  'HMAC_MD5',
  'HMAC_SHA_1',
  'HMAC_SHA_256',
  'HMAC_SHA_384',
  'HMAC_SHA_512',
]);
export const Charset = makeEnum(['US_ASCII', 'UTF_8']);

const NODE_HASH: Record<string, string | undefined> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

export class FakeUtilities {
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly MacAlgorithm = MacAlgorithm;
  readonly Charset = Charset;

  constructor(private readonly x: Execution) {}

  private charset(method: string, charset: unknown): string {
    if (charset === undefined) return 'UTF_8';
    const name = enumName(charset);
    if (name === undefined || !(name in Charset)) throw this.x.badArguments(`Utilities.${method}`, [charset]);
    return name;
  }

  /** computeDigest(algorithm, value: string | Byte[], charset?): Byte[] (signed, -128..127). */
  computeDigest(algorithm: EnumValue, value: string | number[], charset?: EnumValue): number[] {
    this.x.call('Utilities.computeDigest');
    const alg = NODE_HASH[enumName(algorithm) ?? ''];
    if (!alg) throw this.x.badArguments('Utilities.computeDigest', [algorithm, value]);
    const data = toBuffer(value, this.charset('computeDigest', charset));
    return toSignedBytes(createHash(alg).update(data).digest());
  }

  computeHmacSignature(
    algorithm: EnumValue,
    value: string | number[],
    key: string | number[],
    charset?: EnumValue,
  ): number[] {
    this.x.call('Utilities.computeHmacSignature');
    const alg = NODE_HASH[(enumName(algorithm) ?? '').replace(/^HMAC_/, '')];
    if (!alg) throw this.x.badArguments('Utilities.computeHmacSignature', [algorithm, value, key]);
    const cs = this.charset('computeHmacSignature', charset);
    return toSignedBytes(createHmac(alg, toBuffer(key, cs)).update(toBuffer(value, cs)).digest());
  }

  computeHmacSha256Signature(
    value: string | number[],
    key: string | number[],
    charset?: EnumValue,
  ): number[] {
    this.x.call('Utilities.computeHmacSha256Signature');
    const cs = this.charset('computeHmacSha256Signature', charset);
    return toSignedBytes(createHmac('sha256', toBuffer(key, cs)).update(toBuffer(value, cs)).digest());
  }

  base64Encode(data: string | number[], charset?: EnumValue): string {
    this.x.call('Utilities.base64Encode');
    return toBuffer(data, this.charset('base64Encode', charset)).toString('base64');
  }

  /** The URL-safe alphabet ('-' and '_'), with '=' padding kept. */
  base64EncodeWebSafe(data: string | number[], charset?: EnumValue): string {
    this.x.call('Utilities.base64EncodeWebSafe');
    return toBuffer(data, this.charset('base64EncodeWebSafe', charset))
      .toString('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
  }

  base64Decode(encoded: string, charset?: EnumValue): number[] {
    this.x.call('Utilities.base64Decode');
    void charset;
    return this.decode(String(encoded), /^[A-Za-z0-9+/]*={0,2}$/);
  }

  base64DecodeWebSafe(encoded: string, charset?: EnumValue): number[] {
    this.x.call('Utilities.base64DecodeWebSafe');
    void charset;
    return this.decode(String(encoded).replace(/-/g, '+').replace(/_/g, '/'), /^[A-Za-z0-9+/]*={0,2}$/);
  }

  private decode(s: string, alphabet: RegExp): number[] {
    const compact = s.replace(/\s/g, '');
    if (!alphabet.test(compact) || compact.replace(/=+$/, '').length % 4 === 1) {
      throw this.x.error('Could not decode string.');
    }
    return toSignedBytes(Buffer.from(compact, 'base64'));
  }

  newBlob(data: string | number[], contentType?: string, name?: string): FakeBlob {
    this.x.call('Utilities.newBlob');
    return new FakeBlob(this.x, data, contentType ?? null, name ?? null);
  }

  /** Java SimpleDateFormat patterns; an unknown time zone id formats as GMT, as Java does. */
  formatDate(date: Date, timeZone: string, format: string): string {
    this.x.call('Utilities.formatDate');
    if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
      throw this.x.badArguments('Utilities.formatDate', [date, timeZone, format]);
    }
    try {
      return formatJavaDate(date.getTime(), resolveTimeZone(timeZone), format);
    } catch (e) {
      throw this.x.error(`Invalid argument: format (${(e as Error).message})`);
    }
  }

  getUuid(): string {
    this.x.call('Utilities.getUuid');
    return randomUUID();
  }

  /** Does not block: the fake clock moves forward by milliseconds. */
  sleep(milliseconds: number): void {
    this.x.call('Utilities.sleep');
    this.x.shared.clock.advance(milliseconds);
  }
}
