/**
 * A tiny concurrency limiter: at most `max` tasks run at once, the rest wait their turn in
 * order. google.script.run refuses an 11th call in flight, and a sidebar that fires a refresh,
 * a queued sale and a customer search together must never get near that.
 */
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now, for tests and diagnostics. */
  readonly active: number;
  readonly waiting: number;
}

export function createLimiter(max: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];

  const next = (): void => {
    if (active >= max) return;
    const start = waiting.shift();
    if (start) start();
  };

  return {
    get active() {
      return active;
    },
    get waiting() {
      return waiting.length;
    },
    run<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push(() => {
          active++;
          let running: Promise<T>;
          try {
            running = task();
          } catch (error) {
            running = Promise.reject(error);
          }
          running.then(resolve, reject).finally(() => {
            active--;
            next();
          });
        });
        next();
      });
    },
  };
}
