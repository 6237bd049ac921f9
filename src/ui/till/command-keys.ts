/**
 * Idempotency keys for the till's other writes (open, cash move, close, goods in, new
 * customer). A key is kept while its command's outcome is unknown (the call failed), so
 * pressing the button again replays instead of writing twice; an answer ends it.
 */
import { newKey } from '../shared/key';

const keys = new Map<string, string>();

export function commandKey(command: string): string {
  let key = keys.get(command);
  if (!key) {
    key = newKey();
    keys.set(command, key);
  }
  return key;
}

/** The server answered (done or refused): the next command of this kind is a new one. */
export function commandAnswered(command: string): void {
  keys.delete(command);
}
