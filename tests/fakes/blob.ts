/**
 * Blob, as Utilities.newBlob and HTTPResponse.getBlob make it. Bytes are Java bytes: signed, -128..127.
 * https://developers.google.com/apps-script/reference/base/blob
 */

import type { Execution } from './execution';

/** Java's signed bytes from a Buffer. */
export function toSignedBytes(buf: Uint8Array): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

/** A Buffer from a string (UTF-8, or US-ASCII with '?' for anything else) or from Java bytes. */
export function toBuffer(data: unknown, charset = 'UTF_8'): Buffer {
  if (Array.isArray(data)) return Buffer.from(data.map((b) => Number(b) & 0xff));
  const s = String(data);
  if (charset === 'US_ASCII') {
    return Buffer.from(Array.from(s, (ch) => (ch.charCodeAt(0) < 128 ? ch : '?')).join(''), 'latin1');
  }
  return Buffer.from(s, 'utf8');
}

function decode(buf: Buffer, charset?: string): string {
  const cs = String(charset ?? 'UTF-8')
    .toUpperCase()
    .replace(/_/g, '-');
  if (cs === 'US-ASCII' || cs === 'ISO-8859-1' || cs === 'LATIN1') return buf.toString('latin1');
  return buf.toString('utf8');
}

export class FakeBlob {
  private bytes: Buffer;

  constructor(
    private readonly x: Execution,
    data: unknown,
    private contentType: string | null = null,
    private name: string | null = null,
  ) {
    this.bytes = toBuffer(data ?? '');
  }

  getDataAsString(charset?: string): string {
    this.x.call('Blob.getDataAsString');
    return decode(this.bytes, charset);
  }

  getBytes(): number[] {
    this.x.call('Blob.getBytes');
    return toSignedBytes(this.bytes);
  }

  setBytes(data: number[]): this {
    this.x.call('Blob.setBytes');
    this.bytes = toBuffer(data);
    return this;
  }

  setDataFromString(string: string, charset?: string): this {
    this.x.call('Blob.setDataFromString');
    this.bytes = toBuffer(string, charset === 'US-ASCII' ? 'US_ASCII' : 'UTF_8');
    return this;
  }

  getContentType(): string | null {
    this.x.call('Blob.getContentType');
    return this.contentType;
  }

  setContentType(contentType: string): this {
    this.x.call('Blob.setContentType');
    this.contentType = contentType;
    return this;
  }

  getName(): string | null {
    this.x.call('Blob.getName');
    return this.name;
  }

  setName(name: string): this {
    this.x.call('Blob.setName');
    this.name = name;
    return this;
  }

  copyBlob(): FakeBlob {
    this.x.call('Blob.copyBlob');
    return new FakeBlob(this.x, toSignedBytes(this.bytes), this.contentType, this.name);
  }

  /** Unmetered access for UrlFetchApp payloads. */
  static text(blob: FakeBlob): string {
    return blob.bytes.toString('utf8');
  }
}
