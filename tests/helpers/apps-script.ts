/**
 * Puts the Apps Script fakes in place as globals, as the gas/ shell expects them, and builds
 * the gas/ platform over them. Each call is a fresh "execution"; pass `shared` to let two
 * executions work on one spreadsheet and contend for one document lock.
 */
import { appsScriptPlatform } from '../../src/gas/platform';
import type { Platform } from '../../src/platform/platform';
import { createAppsScript } from '../fakes';

export type AppsScriptEnv = ReturnType<typeof createAppsScript>;

export function installAppsScript(options: Parameters<typeof createAppsScript>[0] = {}): {
  env: AppsScriptEnv;
  platform: Platform;
} {
  const env = createAppsScript(options);
  Object.assign(globalThis, env.globals);
  return { env, platform: appsScriptPlatform() };
}
