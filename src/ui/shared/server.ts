/**
 * Typed promises over google.script.run, with a failure handler always attached.
 * Only primitives, plain objects and arrays cross it: never a Date.
 */

interface ScriptRun {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRun;
  withFailureHandler(fn: (error: Error) => void): ScriptRun;
  [name: string]: unknown;
}

declare const google: { script: { run: ScriptRun } };

export function callServer<T>(name: string, ...args: unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const run = google.script.run
      .withSuccessHandler((value) => resolve(value as T))
      .withFailureHandler((error) => reject(error));
    const fn = run[name];
    if (typeof fn !== 'function') {
      reject(new Error(`The server has no function named ${name}.`));
      return;
    }
    (fn as (...a: unknown[]) => void).apply(run, args);
  });
}
