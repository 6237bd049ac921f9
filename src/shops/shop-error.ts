/** Why a call to a shop failed, in words the shop owner can act on. */

export type ShopErrorKind =
  | 'auth'
  | 'not-found'
  | 'throttled'
  | 'server'
  | 'unreachable'
  | 'malformed'
  | 'timeout';

export class ShopError extends Error {
  constructor(
    readonly kind: ShopErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ShopError';
  }
}
