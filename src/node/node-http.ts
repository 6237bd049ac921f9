/**
 * A synchronous Http port for the Node shell, as UrlFetchApp.fetch is in Apps Script.
 *
 * Node can only do HTTP asynchronously, so the request is handed to one worker thread that runs
 * the global fetch, while the calling thread sleeps in Atomics.wait (no busy-waiting) until the
 * worker says it is done. The same trick as the well-known synckit:
 *
 *   caller                                   worker (one per process, unref'd)
 *   ──────                                   ──────
 *   worker.postMessage({ id, request })  ─►  await fetch(…)  (AbortSignal.timeout, redirect: follow)
 *   Atomics.wait(flag, …)  …asleep…          port.postMessage({ id, reply })   (into our queue)
 *                                            Atomics.store(flag, id); Atomics.notify(flag)
 *   receiveMessageOnPort(port) ◄─ wakes up
 *
 * The reply travels over a MessageChannel of its own because receiveMessageOnPort reads a port's
 * queue synchronously, whereas messages from a worker's parentPort only arrive as events, which the
 * blocked caller would never see. The flag holds the id of the last finished request, so a stray
 * wake-up or a late answer to an earlier request cannot be mistaken for this one.
 *
 * The worker is started on first use and kept for the life of the process (its connection pool
 * makes the next call to the same shop cheaper); it is unref'd, so it never keeps the process
 * alive. The worker's code is a string run with `eval: true`, so it survives the esbuild bundle of
 * the CLI and Jest's transform unchanged, with no second file to ship.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { type Http, type HttpRequest, type HttpResponse, HttpUnreachableError } from '../platform/http';

/** The default for requests that give no timeoutMs (UrlFetchApp itself gives up after about 60 s). */
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The worker aborts a request at its timeoutMs; the caller waits this much longer before it
 * decides the worker itself is stuck or gone, and starts a fresh one for the next request.
 */
const WORKER_GRACE_MS = 5_000;

/** What the worker sends back: a response, no response (unreachable), or a request fetch refused. */
type Reply =
  | { id: number; kind: 'response'; response: HttpResponse }
  | { id: number; kind: 'unreachable'; message: string }
  | { id: number; kind: 'error'; message: string };

/** Plain JavaScript run by the worker (CommonJS, as `node -e` runs it). */
const WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { flag, port } = workerData;

parentPort.on('message', async (job) => {
  let reply;
  try {
    reply = { id: job.id, kind: 'response', response: await perform(job) };
  } catch (error) {
    reply = Object.assign({ id: job.id }, describe(error, job));
  }
  // The message goes into the caller's queue first; only then is the caller woken to read it.
  port.postMessage(reply);
  Atomics.store(flag, 0, job.id);
  Atomics.notify(flag, 0);
});

async function perform(job) {
  const res = await fetch(job.url, {
    method: job.method,
    headers: job.headers,
    body: job.body,
    redirect: 'follow',
    // Covers the whole exchange: connecting, waiting for the headers and reading the body.
    signal: AbortSignal.timeout(job.timeoutMs),
  });
  const headers = {};
  // Header names arrive in lower case; fetch yields each Set-Cookie on its own, so join them too.
  res.headers.forEach((value, name) => {
    headers[name] = name in headers ? headers[name] + ', ' + value : value;
  });
  return { status: res.status, headers, body: await res.text() };
}

const TIMEOUT_CODES = ['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'];
const DNS_CODES = ['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA'];
const CLOSED_CODES = ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'];

// Sorts a failed fetch into the reason there is no response. Only timeouts say "timeout".
function describe(error, job) {
  const what = job.method + ' ' + job.url;
  const cause = (error && error.cause) || {};
  const code = cause.code || (cause.errors && cause.errors[0] && cause.errors[0].code) || '';
  let host = job.url;
  try {
    host = new URL(job.url).host;
  } catch {}
  const unreachable = (message) => ({ kind: 'unreachable', message });
  if ((error && (error.name === 'TimeoutError' || error.name === 'AbortError')) || TIMEOUT_CODES.includes(code)) {
    return unreachable('timeout: no response within ' + job.timeoutMs + ' ms (' + what + ')');
  }
  if (DNS_CODES.includes(code)) return unreachable('DNS lookup failed for ' + host + ' (' + code + '; ' + what + ')');
  if (code === 'ECONNREFUSED') return unreachable('connection refused by ' + host + ' (' + what + ')');
  if (CLOSED_CODES.includes(code)) {
    return unreachable('connection to ' + host + ' closed before a response (' + code + '; ' + what + ')');
  }
  if (code === 'ERR_INVALID_URL') return unreachable('not a valid URL: ' + job.url);
  if (error && error.message === 'fetch failed') {
    return unreachable('could not connect to ' + host + ': ' + (cause.message || 'unknown reason') + (code ? ' (' + code + ')' : '') + ' (' + what + ')');
  }
  // Not a network failure: fetch refused the request itself (a GET with a body, say).
  return { kind: 'error', message: (error && error.message) || String(error) };
}
`;

interface Channel {
  worker: Worker;
  /** Our end of the reply channel; the worker holds the other. */
  port: MessagePort;
  /** One Int32 shared with the worker: the id of the request it finished last. */
  flag: Int32Array;
  lastId: number;
}

let channel: Channel | null = null;

function openChannel(): Channel {
  if (channel) return channel;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { flag, port: port2 },
    transferList: [port2],
  });
  // Never keep the process alive for the worker; our port has no listener, so it holds nothing.
  worker.unref();
  port1.unref();
  const opened: Channel = { worker, port: port1, flag, lastId: 0 };
  // Seen only when the event loop next runs; the next request then starts a fresh worker.
  worker.on('error', () => closeChannel(opened));
  worker.on('exit', () => closeChannel(opened));
  channel = opened;
  return opened;
}

function closeChannel(c: Channel): void {
  if (channel === c) channel = null;
  c.port.close();
  void c.worker.terminate();
}

/** Sends one request through the worker and blocks until its reply is in. */
function exchange(req: HttpRequest, timeoutMs: number): Reply {
  const c = openChannel();
  // Ids run 1 … 2^31-1 and never 0, the flag's starting value.
  const id = (c.lastId % 0x7fffffff) + 1;
  c.lastId = id;
  c.worker.postMessage({
    id,
    method: req.method,
    url: req.url,
    headers: req.headers ?? {},
    body: req.body,
    timeoutMs,
  });
  const deadline = Date.now() + timeoutMs + WORKER_GRACE_MS;
  for (;;) {
    const done = Atomics.load(c.flag, 0);
    if (done === id) break;
    const left = deadline - Date.now();
    if (left <= 0) {
      closeChannel(c);
      throw new HttpUnreachableError(
        `timeout: no response within ${timeoutMs} ms, and the HTTP worker did not answer (${req.method} ${req.url})`,
      );
    }
    // Sleeps while the flag still holds `done`; wakes on notify or when `left` runs out.
    Atomics.wait(c.flag, 0, done, left);
  }
  // Anything older than this request (there should be none) is dropped.
  for (let m = receiveMessageOnPort(c.port); m; m = receiveMessageOnPort(c.port)) {
    const reply = m.message as Reply;
    if (reply.id === id) return reply;
  }
  closeChannel(c);
  throw new Error(`The HTTP worker finished ${req.method} ${req.url} but its reply was lost.`);
}

/**
 * The Http port on Node: real, synchronous HTTP(S). Every response is returned whatever its
 * status (redirects are followed); HttpUnreachableError when there is none: DNS failure,
 * connection refused or closed, or a timeout (its message then says "timeout").
 */
export function nodeHttp(options: { defaultTimeoutMs?: number } = {}): Http {
  const defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  checkMs('defaultTimeoutMs', defaultTimeoutMs);
  return {
    request(req: HttpRequest): HttpResponse {
      const timeoutMs = req.timeoutMs ?? defaultTimeoutMs;
      checkMs('timeoutMs', timeoutMs);
      const reply = exchange(req, timeoutMs);
      if (reply.kind === 'response') return reply.response;
      if (reply.kind === 'unreachable') throw new HttpUnreachableError(reply.message);
      throw new Error(`${req.method} ${req.url} could not be sent: ${reply.message}`);
    },
  };
}

function checkMs(name: string, ms: number): void {
  if (!Number.isFinite(ms) || ms <= 0)
    throw new RangeError(`${name} must be a positive number of ms, not ${ms}.`);
}

/** A private cell nobody ever notifies, so waiting on it is a plain blocking sleep. */
const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for ms milliseconds (the shops' retry waits), as Utilities.sleep does. */
export function sleep(ms: number): void {
  if (Number.isNaN(ms) || ms === Number.POSITIVE_INFINITY)
    throw new RangeError(`sleep needs a finite ms, not ${ms}.`);
  if (ms <= 0) return;
  Atomics.wait(sleepCell, 0, 0, ms);
}
