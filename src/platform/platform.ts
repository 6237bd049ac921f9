/** Every port a use case may need, handed in by a shell (gas/ or node/). */
import type { Clock } from './clock';
import type { Digest } from './digest';
import type { Http } from './http';
import type { KeyValue } from './key-value';
import type { Lock } from './lock';
import type { Log, Notify } from './log';
import type { Workbook } from './workbook';

export interface Platform {
  workbook: Workbook;
  lock: Lock;
  properties: KeyValue;
  clock: Clock;
  digest: Digest;
  log: Log;
  notify: Notify;
  http: Http;
}
