import type { Receipt, Result, SaleDraft, TillProblem } from '../../src/app/till/api-types';
import {
  draftOf,
  QUEUE_KEY,
  type QueuedSale,
  type QueueEvent,
  type QueueStorage,
  SaleQueue,
} from '../../src/ui/till/queue';

/** Storage that keeps a JSON copy, as localStorage would, and can refuse to save. */
class MemoryStorage implements QueueStorage {
  text: string | null = null;
  refuse = false;
  saves = 0;

  load(): unknown {
    return this.text === null ? [] : JSON.parse(this.text);
  }

  save(sales: QueuedSale[]): boolean {
    this.saves++;
    if (this.refuse) return false;
    this.text = JSON.stringify(sales);
    return true;
  }

  keys(): string[] {
    return (this.load() as QueuedSale[]).map((sale) => sale.key);
  }
}

function draft(key: string, qty = 1): SaleDraft {
  return {
    key,
    till: 'Till 1',
    location: 'Store',
    lines: [{ sku: 'ACC-MUG-W', qty, discount: { kind: 'percent', value: 10 } }],
    payments: [{ method: 'cash', amount: 809 * qty, tendered: 1000 * qty }],
  };
}

function receipt(key: string): Receipt {
  return { orderNo: `R-${key}` } as Receipt;
}

const sent = (key: string): Result<Receipt> => ({ ok: true, value: receipt(key) });
const refused = (code: TillProblem['code'], message = `refused: ${code}`): Result<Receipt> => ({
  ok: false,
  problem: { code, message },
});

/** A promise settled from outside, to hold a send in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function recorder() {
  const events: QueueEvent[] = [];
  const report = (event: QueueEvent) => events.push(event);
  const kinds = () => events.map((e) => `${e.kind} ${e.sale.key}`);
  return { events, report, kinds };
}

describe('keeping sales', () => {
  it('stores each draft with its key and a note, oldest first, in the given storage', () => {
    const storage = new MemoryStorage();
    const queue = new SaleQueue(storage);
    expect(queue.add(draft('a'), 809, '2024-05-01T10:00:00.000Z')).toBe(true);
    expect(queue.add(draft('b', 2), 1618, '2024-05-01T10:05:00.000Z')).toBe(true);

    const stored = storage.load() as QueuedSale[];
    expect(stored).toStrictEqual([
      { ...draft('a'), queued: { at: '2024-05-01T10:00:00.000Z', total: 809 } },
      { ...draft('b', 2), queued: { at: '2024-05-01T10:05:00.000Z', total: 1618 } },
    ]);
    // Another page (a reloaded sidebar) reads the same sales back.
    expect(new SaleQueue(storage).list().map((s) => s.key)).toStrictEqual(['a', 'b']);
    expect(new SaleQueue(storage).size).toBe(2);
  });

  it('keeps one sale per key', () => {
    const storage = new MemoryStorage();
    const queue = new SaleQueue(storage);
    queue.add(draft('a'), 809, 't1');
    queue.add(draft('a'), 809, 't2');
    expect(storage.keys()).toStrictEqual(['a']);
  });

  it('sends the draft exactly as it was made, without the queue note', () => {
    const queue = new SaleQueue(new MemoryStorage());
    queue.add(draft('a', 3), 2427, 't');
    expect(draftOf(queue.list()[0])).toStrictEqual(draft('a', 3));
  });

  it('ignores what is not a sale in storage', () => {
    const storage = new MemoryStorage();
    storage.text = JSON.stringify([
      { key: 'a', lines: [], payments: [] },
      { lines: [], payments: [] }, // no key: it could be sent twice
      { key: 'c', lines: [] },
      { nope: 1 },
      null,
      'x',
    ]);
    expect(new SaleQueue(storage).list().map((s) => s.key)).toStrictEqual(['a']);
    storage.text = JSON.stringify({ not: 'an array' });
    expect(new SaleQueue(storage).list()).toStrictEqual([]);
  });

  it('keeps a sale in memory, and still sends it, when the storage refuses it', async () => {
    const storage = new MemoryStorage();
    const queue = new SaleQueue(storage);
    queue.add(draft('a'), 809, 't1');
    storage.refuse = true;
    expect(queue.add(draft('b'), 809, 't2')).toBe(false);
    expect(storage.keys()).toStrictEqual(['a']);
    expect(queue.list().map((s) => s.key)).toStrictEqual(['a', 'b']);

    const send = jest.fn(async (d: SaleDraft) => sent(d.key));
    const { report, kinds } = recorder();
    await queue.drain(send, report);
    expect(send.mock.calls.map(([d]) => d.key)).toStrictEqual(['a', 'b']);
    expect(kinds()).toStrictEqual(['sent a', 'sent b']);
    expect(queue.size).toBe(0);
  });

  it('never sends again a sale the server answered, even when the storage would not forget it', async () => {
    const storage = new MemoryStorage();
    const queue = new SaleQueue(storage);
    queue.add(draft('a'), 809, 't');
    queue.add(draft('b'), 809, 't');
    storage.refuse = true;
    const send = jest.fn(async (d: SaleDraft) =>
      d.key === 'a' ? sent('a') : Promise.reject(new Error('offline')),
    );
    await queue.drain(send, () => {});
    expect(storage.keys()).toStrictEqual(['a', 'b']); // the storage still has it…
    expect(queue.list().map((s) => s.key)).toStrictEqual(['b']); // …the queue does not
    storage.refuse = false;
    send.mockClear();
    await queue.drain(send, () => {});
    expect(send.mock.calls.map(([d]) => d.key)).toStrictEqual(['b']);
  });
});

describe('draining', () => {
  function queueOf(...keys: string[]) {
    const storage = new MemoryStorage();
    const queue = new SaleQueue(storage);
    keys.forEach((key, i) => {
      queue.add(draft(key), 809, `2024-05-01T10:0${i}:00.000Z`);
    });
    return { storage, queue };
  }

  it('sends oldest first, one at a time, removing each as it is answered', async () => {
    const { storage, queue } = queueOf('a', 'b', 'c');
    const pending: { key: string; answer: ReturnType<typeof deferred<Result<Receipt>>> }[] = [];
    let inFlight = 0;
    let most = 0;
    const send = (d: SaleDraft) => {
      inFlight++;
      most = Math.max(most, inFlight);
      const answer = deferred<Result<Receipt>>();
      pending.push({ key: d.key, answer });
      return answer.promise.finally(() => inFlight--);
    };
    const { report, kinds } = recorder();
    const done = queue.drain(send, report);

    await flush();
    expect(pending.map((p) => p.key)).toStrictEqual(['a']); // b waits for a's answer
    expect(storage.keys()).toStrictEqual(['a', 'b', 'c']); // not removed before the answer
    pending[0].answer.resolve(sent('a'));
    await flush();
    expect(storage.keys()).toStrictEqual(['b', 'c']);
    expect(pending.map((p) => p.key)).toStrictEqual(['a', 'b']);
    pending[1].answer.resolve(sent('b'));
    await flush();
    pending[2].answer.resolve(sent('c'));
    await done;

    expect(most).toBe(1);
    expect(pending.map((p) => p.key)).toStrictEqual(['a', 'b', 'c']);
    expect(kinds()).toStrictEqual(['sent a', 'sent b', 'sent c']);
    expect(storage.keys()).toStrictEqual([]);
  });

  it('sends each sale with the key it was made with', async () => {
    const { queue } = queueOf('key-1', 'key-2');
    const send = jest.fn(async (d: SaleDraft) => sent(d.key));
    await queue.drain(send, () => {});
    expect(send.mock.calls.map(([d]) => d)).toStrictEqual([draft('key-1'), draft('key-2')]);
  });

  it('stops at the first failure and keeps that sale and the ones after it, in order', async () => {
    const { storage, queue } = queueOf('a', 'b', 'c');
    const error = new Error('network down');
    const send = jest.fn(async (d: SaleDraft) => {
      if (d.key === 'b') throw error;
      return sent(d.key);
    });
    const { events, report, kinds } = recorder();
    await queue.drain(send, report);
    expect(send).toHaveBeenCalledTimes(2);
    expect(kinds()).toStrictEqual(['sent a', 'failed b']);
    expect(events[1]).toMatchObject({ kind: 'failed', error });
    expect(storage.keys()).toStrictEqual(['b', 'c']);

    // Next time the network is back: the same order, nothing lost.
    send.mockImplementation(async (d: SaleDraft) => sent(d.key));
    send.mockClear();
    await queue.drain(send, report);
    expect(send.mock.calls.map(([d]) => d.key)).toStrictEqual(['b', 'c']);
    expect(storage.keys()).toStrictEqual([]);
  });

  it("keeps a sale refused as 'busy' and stops: it is only 'try again later'", async () => {
    const { storage, queue } = queueOf('a', 'b');
    const send = jest.fn(async () => refused('busy', 'The ledger is busy.'));
    const { events, report, kinds } = recorder();
    await queue.drain(send, report);
    expect(send).toHaveBeenCalledTimes(1);
    expect(kinds()).toStrictEqual(['failed a']);
    expect((events[0] as { error: Error }).error.message).toBe('The ledger is busy.');
    expect(storage.keys()).toStrictEqual(['a', 'b']);
    expect(queue.size).toBe(2);
  });

  it('removes a sale the server refused for good, reports why, and goes on', async () => {
    const { storage, queue } = queueOf('a', 'b');
    const problem = refused('unknown-product');
    const send = jest.fn(async (d: SaleDraft) => (d.key === 'a' ? problem : sent(d.key)));
    const { events, report, kinds } = recorder();
    await queue.drain(send, report);
    expect(kinds()).toStrictEqual(['refused a', 'sent b']);
    expect(events[0]).toMatchObject({ kind: 'refused', problem: { code: 'unknown-product' } });
    expect(events[1]).toMatchObject({ kind: 'sent', receipt: { orderNo: 'R-b' } });
    expect(storage.keys()).toStrictEqual([]);
  });

  it('reports each sale with its note, so staff can recognise it', async () => {
    const { queue } = queueOf('a');
    const { events, report } = recorder();
    await queue.drain(async () => sent('a'), report);
    expect(events[0].sale).toStrictEqual({
      ...draft('a'),
      queued: { at: '2024-05-01T10:00:00.000Z', total: 809 },
    });
  });

  it('a second drain while one runs sends nothing twice', async () => {
    const { queue } = queueOf('a', 'b');
    const answers: ReturnType<typeof deferred<Result<Receipt>>>[] = [];
    const send = jest.fn((_d: SaleDraft) => {
      const answer = deferred<Result<Receipt>>();
      answers.push(answer);
      return answer.promise;
    });
    const first = queue.drain(send, () => {});
    await queue.drain(send, () => {}); // returns at once
    expect(send).toHaveBeenCalledTimes(1);
    answers[0].resolve(sent('a'));
    await flush();
    answers[1].resolve(sent('b'));
    await first;
    expect(send.mock.calls.map(([d]) => d.key)).toStrictEqual(['a', 'b']);
  });

  it('also sends a sale added while it drains', async () => {
    const { queue } = queueOf('a');
    const send = jest.fn(async (d: SaleDraft) => {
      if (d.key === 'a') queue.add(draft('b'), 809, 'later');
      return sent(d.key);
    });
    await queue.drain(send, () => {});
    expect(send.mock.calls.map(([d]) => d.key)).toStrictEqual(['a', 'b']);
    expect(queue.size).toBe(0);
  });

  it('can drain again after a drain ended in failure', async () => {
    const { queue } = queueOf('a');
    await queue.drain(
      async () => Promise.reject(new Error('offline')),
      () => {},
    );
    const send = jest.fn(async (d: SaleDraft) => sent(d.key));
    await queue.drain(send, () => {});
    expect(send).toHaveBeenCalledTimes(1);
    expect(queue.size).toBe(0);
  });
});

describe('the default storage: localStorage', () => {
  const globals = globalThis as { window?: unknown };
  const realWindow = globals.window;
  let items: Map<string, string>;
  let full: boolean;

  beforeEach(() => {
    items = new Map();
    full = false;
    globals.window = {
      localStorage: {
        getItem: (key: string) => items.get(key) ?? null,
        setItem: (key: string, value: string) => {
          if (full) throw new Error('QuotaExceededError');
          items.set(key, value);
        },
      },
    };
  });

  afterEach(() => {
    globals.window = realWindow;
  });

  it(`keeps the queue as JSON under '${QUEUE_KEY}'`, () => {
    const queue = new SaleQueue();
    expect(queue.add(draft('a'), 809, 't')).toBe(true);
    expect(JSON.parse(items.get(QUEUE_KEY) ?? 'null')).toStrictEqual([
      { ...draft('a'), queued: { at: 't', total: 809 } },
    ]);
    expect(new SaleQueue().list().map((s) => s.key)).toStrictEqual(['a']);
  });

  it('a full localStorage loses nothing: the sale stays in memory', () => {
    const queue = new SaleQueue();
    full = true;
    expect(queue.add(draft('a'), 809, 't')).toBe(false);
    expect(queue.list().map((s) => s.key)).toStrictEqual(['a']);
  });

  it('unreadable JSON reads as an empty queue', () => {
    items.set(QUEUE_KEY, '{not json');
    expect(new SaleQueue().list()).toStrictEqual([]);
  });
});
