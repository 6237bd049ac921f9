/** Runs one server command with its busy flag up, so its button waits and cannot double-send. */
import { reason } from './api';
import { t } from './i18n';
import { changed, say, state } from './state';

/**
 * Undefined when the flag was already up (nothing sent) or the server could not be reached
 * (said on screen); otherwise what `run` returned.
 */
export async function withBusy<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
  if (state.busy.has(name)) return undefined;
  state.busy.add(name);
  changed();
  try {
    return await run();
  } catch (error) {
    say(t.serverFailed(reason(error)));
    return undefined;
  } finally {
    state.busy.delete(name);
    changed();
  }
}
