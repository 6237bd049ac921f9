/**
 * Typed promises over google.script.run, with a failure handler always attached.
 * Only primitives, plain objects and arrays cross it: never a Date.
 * Every call goes through one limiter: Apps Script runs at most 10 calls at a time per page,
 * so a page keeps at most 4 in flight and the rest wait.
 */
import { createLimiter } from './limiter';

interface ScriptRun {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRun;
  withFailureHandler(fn: (error: Error) => void): ScriptRun;
  [name: string]: unknown;
}

declare const google: { script: { run: ScriptRun } };

export const MAX_CALLS_IN_FLIGHT = 4;
const limiter = createLimiter(MAX_CALLS_IN_FLIGHT);

function callNow<T>(name: string, args: unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const run = google.script.run
      .withSuccessHandler((value) => resolve(value as T))
      .withFailureHandler((error) => reject(error instanceof Error ? error : new Error(String(error))));
    const fn = run[name];
    if (typeof fn !== 'function') {
      reject(new Error(`The server has no function named ${name}.`));
      return;
    }
    (fn as (...a: unknown[]) => void).apply(run, args);
  });
}

export function callServer<T>(name: string, ...args: unknown[]): Promise<T> {
  return limiter.run(() => callNow<T>(name, args));
}

/** Calls in flight and waiting, for diagnostics and tests. */
export function serverLoad(): { active: number; waiting: number } {
  return { active: limiter.active, waiting: limiter.waiting };
}
