import { newKey } from '../../src/ui/shared/key';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const realCrypto = Object.getOwnPropertyDescriptor(globalThis, 'crypto');

function setCrypto(value: unknown): void {
  Object.defineProperty(globalThis, 'crypto', { value, configurable: true, writable: true });
}

afterEach(() => {
  jest.restoreAllMocks();
  if (realCrypto) Object.defineProperty(globalThis, 'crypto', realCrypto);
});

test('makes a new random version 4 UUID each time', () => {
  const keys = Array.from({ length: 200 }, () => newKey());
  for (const key of keys) expect(key).toMatch(UUID_V4);
  expect(new Set(keys).size).toBe(keys.length);
});

test('without crypto.randomUUID (an insecure context), still a version 4 UUID from getRandomValues', () => {
  const getRandomValues = jest.fn(<T extends ArrayBufferView | null>(array: T): T => {
    if (array instanceof Uint8Array) array.fill(0xff);
    return array;
  });
  setCrypto({ getRandomValues });
  expect(newKey()).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  expect(getRandomValues).toHaveBeenCalledTimes(1);
});

test('without crypto at all, still a version 4 UUID', () => {
  setCrypto(undefined);
  jest.spyOn(Math, 'random').mockReturnValue(0);
  expect(newKey()).toBe('00000000-0000-4000-8000-000000000000');
});
