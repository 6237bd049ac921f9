import { createLimiter } from '../../src/ui/shared/limiter';

/** A task held open until the test settles it, recording when it started. */
function controlledTasks() {
  const started: string[] = [];
  const settle = new Map<string, { resolve: (v: string) => void; reject: (e: unknown) => void }>();
  let running = 0;
  let most = 0;
  const task = (name: string) => () => {
    started.push(name);
    running++;
    most = Math.max(most, running);
    return new Promise<string>((resolve, reject) => {
      settle.set(name, {
        resolve: (v) => {
          running--;
          resolve(v);
        },
        reject: (e) => {
          running--;
          reject(e);
        },
      });
    });
  };
  return { task, started, settle, most: () => most, running: () => running };
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('createLimiter', () => {
  it('runs at most N at once; the others start later, in the order they were asked', async () => {
    const limiter = createLimiter(2);
    const c = controlledTasks();
    const results = ['a', 'b', 'c', 'd', 'e'].map((name) => limiter.run(c.task(name)));
    await flush();
    expect(c.started).toStrictEqual(['a', 'b']);
    expect(limiter.active).toBe(2);
    expect(limiter.waiting).toBe(3);

    c.settle.get('b')?.resolve('B'); // the second finishes first: the next in line starts
    await flush();
    expect(c.started).toStrictEqual(['a', 'b', 'c']);
    expect(limiter.active).toBe(2);

    c.settle.get('a')?.resolve('A');
    await flush();
    expect(c.started).toStrictEqual(['a', 'b', 'c', 'd']);

    c.settle.get('c')?.resolve('C');
    c.settle.get('d')?.resolve('D');
    await flush();
    c.settle.get('e')?.resolve('E');
    expect(await Promise.all(results)).toStrictEqual(['A', 'B', 'C', 'D', 'E']);
    expect(c.started).toStrictEqual(['a', 'b', 'c', 'd', 'e']);
    expect(c.most()).toBe(2);
    expect(limiter.active).toBe(0);
    expect(limiter.waiting).toBe(0);
  });

  it('never has more than N in flight, whatever order the tasks end in', async () => {
    for (const max of [1, 3, 4]) {
      const limiter = createLimiter(max);
      const c = controlledTasks();
      const names = Array.from({ length: 12 }, (_, i) => `t${i}`);
      const all = Promise.allSettled(names.map((name) => limiter.run(c.task(name))));
      let step = 0;
      while (c.started.length < names.length || c.running() > 0) {
        await flush();
        expect(limiter.active).toBeLessThanOrEqual(max);
        expect(c.running()).toBeLessThanOrEqual(max);
        // End the running tasks in a shuffled order, some failing.
        const live = c.started.filter((n) => c.settle.has(n));
        // Tasks wait while none runs: the limiter lost a place (and this loop would never end).
        expect(live.length).toBeGreaterThan(0);
        const name = live[(step * 7) % live.length];
        const done = c.settle.get(name);
        c.settle.delete(name);
        if (step % 3 === 0) done?.reject(new Error(name));
        else done?.resolve(name);
        step++;
      }
      await all;
      expect(c.most()).toBe(max);
      expect(c.started).toStrictEqual(names);
      expect(limiter.active).toBe(0);
    }
  });

  it('passes on a failure, and a failed or throwing task frees its place', async () => {
    const limiter = createLimiter(1);
    const failing = limiter.run(async () => {
      throw new Error('no');
    });
    const throwing = limiter.run((): Promise<string> => {
      throw new Error('sync');
    });
    const after = limiter.run(async () => 'after');
    await expect(failing).rejects.toThrow('no');
    await expect(throwing).rejects.toThrow('sync');
    await expect(after).resolves.toBe('after');
    expect(limiter.active).toBe(0);
  });

  it('does not start a waiting task before a place is free', async () => {
    const limiter = createLimiter(1);
    const c = controlledTasks();
    limiter.run(c.task('first'));
    const second = limiter.run(c.task('second'));
    for (let i = 0; i < 5; i++) await flush();
    expect(c.started).toStrictEqual(['first']);
    c.settle.get('first')?.resolve('1');
    await flush();
    expect(c.started).toStrictEqual(['first', 'second']);
    c.settle.get('second')?.resolve('2');
    await expect(second).resolves.toBe('2');
  });
});
