import { callServer, MAX_CALLS_IN_FLIGHT, serverLoad } from '../../src/ui/shared/server';

/** A minimal google.script.run: each call waits until the test answers it. */
interface Call {
  name: string;
  args: unknown[];
  succeed: (value: unknown) => void;
  fail: (error: unknown) => void;
}

const calls: Call[] = [];

function runner(
  succeed: (value: unknown) => void = () => {},
  fail: (error: unknown) => void = () => {},
): unknown {
  return new Proxy(
    {},
    {
      get(_target, prop) {
        if (prop === 'withSuccessHandler') return (fn: (value: unknown) => void) => runner(fn, fail);
        if (prop === 'withFailureHandler') return (fn: (error: unknown) => void) => runner(succeed, fn);
        if (prop === 'tillState' || prop === 'recordSale') {
          return (...args: unknown[]) => {
            calls.push({ name: prop, args, succeed, fail });
          };
        }
        return undefined;
      },
    },
  );
}

const globals = globalThis as { google?: unknown };
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

beforeAll(() => {
  globals.google = { script: { run: runner() } };
});

afterAll(() => {
  delete globals.google;
});

beforeEach(() => {
  calls.length = 0;
});

test(`keeps at most ${MAX_CALLS_IN_FLIGHT} calls in flight; the rest go later, in order`, async () => {
  expect(MAX_CALLS_IN_FLIGHT).toBe(4);
  const results = Array.from({ length: 7 }, (_, i) => callServer<number>('recordSale', { n: i }));
  const settling = Promise.allSettled(results); // handled from the start: two of them fail
  await flush();
  expect(calls.map((c) => c.args)).toStrictEqual([[{ n: 0 }], [{ n: 1 }], [{ n: 2 }], [{ n: 3 }]]);
  expect(serverLoad()).toStrictEqual({ active: 4, waiting: 3 });

  calls[2].succeed(2);
  await flush();
  expect(calls).toHaveLength(5);
  expect(calls[4].args).toStrictEqual([{ n: 4 }]);
  expect(serverLoad()).toStrictEqual({ active: 4, waiting: 2 });

  calls[0].fail(new Error('Exceeded maximum execution time'));
  calls[1].fail('a string, not an Error');
  await flush();
  expect(calls.map((c) => (c.args[0] as { n: number }).n)).toStrictEqual([0, 1, 2, 3, 4, 5, 6]);
  expect(serverLoad()).toStrictEqual({ active: 4, waiting: 0 });
  for (const i of [3, 4, 5, 6]) calls[i].succeed(i);

  const settled = await settling;
  expect(
    settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message)),
  ).toStrictEqual(['Exceeded maximum execution time', 'a string, not an Error', 2, 3, 4, 5, 6]);
  expect(settled[1].status === 'rejected' && settled[1].reason).toBeInstanceOf(Error);
  expect(serverLoad()).toStrictEqual({ active: 0, waiting: 0 });
});

test('a function the server does not have is refused, and frees its place', async () => {
  await expect(callServer('noSuchFunction')).rejects.toThrow(
    'The server has no function named noSuchFunction.',
  );
  expect(serverLoad()).toStrictEqual({ active: 0, waiting: 0 });
});
