/** The till's server functions, typed by the contract in app/till/api-types.ts. */
import type { TillApi } from '../../app/till/api-types';
import { callServer } from '../shared/server';

export function call<K extends keyof TillApi>(
  name: K,
  ...args: Parameters<TillApi[K]>
): Promise<ReturnType<TillApi[K]>> {
  return callServer<ReturnType<TillApi[K]>>(name, ...args);
}

/** A thrown error's words for staff; google.script.run gives Error objects, a shim may not. */
export function reason(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}
