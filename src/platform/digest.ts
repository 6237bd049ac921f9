/** The Digest port: hashing for the invoice chain and idempotency keys. */
export interface Digest {
  /** SHA-256 of the UTF-8 bytes of text, as 64 lower-case hex digits. */
  sha256Hex(text: string): string;
  /** A random unique id (UUID v4). */
  uuid(): string;
}
