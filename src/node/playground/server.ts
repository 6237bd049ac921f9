/**
 * The local till playground: the built till sidebar, served on a loopback address with a
 * `google.script.run` stand-in (shim.ts) whose calls run the till's server API on a local .xlsx
 * ledger. Anyone can try the till without a Google account, and the browser tests drive it.
 *
 * Routes (node:http, nothing else):
 *   GET  /               dist/till.html with the shim injected before its first script (rebuilt
 *                        first when src/ is newer, so editing the UI and reloading shows it)
 *   POST /api/<name>     {args} → the TillApi function <name>, inside withLedgerFile (one call =
 *                        one lock, load, run, save). 200 with the JSON result; 500 {message} when
 *                        it throws; 404 for a name that is not a TillApi function.
 *   POST /__faults       test-only fault injection (faults.ts), when started with faults on.
 * Each route is a one-line forward to tillApi: there is no business logic here. Calls are run
 * one at a time, as Apps Script's document lock would; the file lock still guards against a
 * CLI command on the same ledger.
 *
 * It listens on loopback only, answers only requests addressed to localhost (no DNS
 * rebinding), and takes API calls only as JSON from its own page (no cross-site form posts).
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { TillApi } from '../../app/till/api-types';
import { tillApi } from '../../app/till/till-api';
import { init } from '../commands/init';
import { withLedgerFile } from '../ledger-file';
import { nodePlatform } from '../node-platform';
import { Faults } from './faults';
import { type BuildMode, readPage, tillPage } from './pages';
import { injectShim } from './shim';

export const DEFAULT_PLAYGROUND_LEDGER = 'shop-ledger-playground.xlsx';
export const DEFAULT_PLAYGROUND_PORT = 8080;
export const DEFAULT_PLAYGROUND_HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1024 * 1024;

/** The server functions the page may call: exactly the TillApi's (the platform is never built here). */
const TILL_FUNCTIONS: ReadonlySet<string> = new Set(
  Object.keys(
    tillApi(() => {
      throw new Error('not called');
    }),
  ),
);

export interface PlaygroundOptions {
  /** The ledger; created with the sample catalogue when missing. Default shop-ledger-playground.xlsx. */
  ledger?: string;
  /** Default 8080; 0 takes any free port (read it from the returned url). */
  port?: number;
  /** A loopback address: 127.0.0.1 (default), ::1 or localhost. */
  host?: string;
  /** Enables POST /__faults. Default: SHOP_LEDGER_PLAYGROUND_FAULTS=1. */
  faults?: boolean;
  /** When to run the build first (default 'if-stale': missing or older than src/). */
  build?: BuildMode;
  /** One line per API call; default silent. */
  log?: (line: string) => void;
  /** A failed rebuild while an older page is served; default: log. */
  warn?: (message: string) => void;
}

export interface PlaygroundCall {
  name: string;
  status: number;
  ms: number;
  fault: 'before' | 'after' | null;
}

export interface Playground {
  /** http://host:port/ */
  url: string;
  port: number;
  /** The absolute path of the ledger. */
  ledger: string;
  /** True when this start created the ledger. */
  created: boolean;
  /** Every API call answered so far, oldest first. */
  calls: PlaygroundCall[];
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const host = options.host ?? DEFAULT_PLAYGROUND_HOST;
  if (!isLoopback(host)) {
    throw new Error(
      `The playground listens on this computer only: use 127.0.0.1, ::1 or localhost, not ${host}.`,
    );
  }
  const log = options.log ?? (() => {});
  const warn = options.warn ?? log;
  const ledger = resolve(options.ledger ?? DEFAULT_PLAYGROUND_LEDGER);
  const mode = options.build ?? 'if-stale';
  // Built before listening, and again on a page load after the sources changed (edit, reload).
  let building: Promise<string> | null = null;
  const currentPage = (): Promise<string> => {
    building ??= tillPage(mode, warn).finally(() => {
      building = null;
    });
    return building;
  };
  await currentPage();
  let created = false;
  if (!existsSync(ledger)) {
    await init({ ledger, sample: true, json: true });
    created = true;
  }
  const faults = (options.faults ?? process.env.SHOP_LEDGER_PLAYGROUND_FAULTS === '1') ? new Faults() : null;
  const calls: PlaygroundCall[] = [];

  // One call at a time, in arrival order.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => {});
    return next;
  };

  // The route: one lock, load, run, save of the ledger around the TillApi function.
  const callApi = (name: string, args: unknown[]): Promise<unknown> =>
    withLedgerFile(ledger, {}, (wb, lock) => {
      const api: TillApi = tillApi(() => nodePlatform(wb, lock, { quiet: true }));
      return (api[name as keyof TillApi] as (...a: unknown[]) => unknown)(...args);
    });

  async function api(name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!TILL_FUNCTIONS.has(name)) {
      send(res, 404, { message: `Script function not found: ${name}` });
      return;
    }
    const body = await readJson(req);
    const args = (body as { args?: unknown } | null)?.args;
    if (!Array.isArray(args)) {
      send(res, 400, { message: 'The body must be JSON {"args": [...]}.' });
      return;
    }
    const started = Date.now();
    const fault = faults?.take(name) ?? null;
    const done = (status: number, payload: unknown) => {
      calls.push({ name, status, ms: Date.now() - started, fault });
      log(`${name} → ${status} (${Date.now() - started} ms)${fault ? ` [fault ${fault}]` : ''}`);
      send(res, status, payload);
    };
    if (fault === 'before') {
      done(503, { message: `Playground fault: ${name} failed before it ran.` });
      return;
    }
    let result: unknown;
    try {
      result = await serial(() => callApi(name, args));
    } catch (error) {
      done(500, { message: (error as Error)?.message ?? String(error) });
      return;
    }
    if (fault === 'after') {
      done(503, { message: `Playground fault: ${name} ran, but its answer was lost.` });
      return;
    }
    const bad = illegalValue(result, 'result');
    if (bad) {
      done(500, {
        message: `${name} returned a value google.script.run cannot pass (${bad}): return plain data, times as ISO strings.`,
      });
      return;
    }
    done(200, result ?? null);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!addressedToLocalhost(req)) {
      send(res, 403, { message: 'The playground answers only requests to localhost.' });
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (path === '/' || path === '/index.html' || path === '/till.html') {
        const html = injectShim(await readPage(await currentPage()));
        res.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        });
        res.end(req.method === 'HEAD' ? undefined : html);
        return;
      }
      if (path === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      send(res, 404, { message: `Not found: ${path}` });
      return;
    }
    if (req.method !== 'POST') {
      send(res, 405, { message: `${req.method} is not allowed.` });
      return;
    }
    if (!isJson(req) || !sameOrigin(req)) {
      send(res, 403, { message: 'API calls must be JSON from the playground page.' });
      return;
    }
    if (path.startsWith('/api/')) {
      await api(decodeURIComponent(path.slice('/api/'.length)), req, res);
      return;
    }
    if (path === '/__faults' && faults) {
      try {
        send(res, 200, faults.set(await readJson(req)));
      } catch (error) {
        send(res, 400, { message: (error as Error).message });
      }
      return;
    }
    send(res, 404, { message: `Not found: ${path}` });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) send(res, 500, { message: (error as Error)?.message ?? String(error) });
      else res.destroy();
    });
  });
  const port = await listen(server, options.port ?? DEFAULT_PLAYGROUND_PORT, host);
  const shown = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shown}:${port}/`,
    port,
    ledger,
    created,
    calls,
    close: async () => {
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeIdleConnections();
      await queue; // let a call in progress finish its save
      server.closeAllConnections();
      await closed;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      done((server.address() as AddressInfo).port);
    });
  });
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function hostName(header: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(header);
  return bracketed ? bracketed[1] : header.replace(/:\d+$/, '');
}

function addressedToLocalhost(req: IncomingMessage): boolean {
  return isLoopback(hostName(req.headers.host ?? ''));
}

function isJson(req: IncomingMessage): boolean {
  return /^application\/json\b/i.test(req.headers['content-type'] ?? '');
}

/** A browser sends Origin on a POST: it must be this server. Tools without one (curl, tests) may call. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** The path of a value google.script.run could not return (a Date, a function, a class instance), or null. */
function illegalValue(value: unknown, path: string): string | null {
  if (value === null || value === undefined) return null;
  const type = typeof value;
  if (type === 'string' || type === 'boolean') return null;
  if (type === 'number') return Number.isFinite(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = illegalValue(value[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return null;
  }
  if (type === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return path;
    for (const [key, item] of Object.entries(value as object)) {
      const bad = illegalValue(item, `${path}.${key}`);
      if (bad) return bad;
    }
    return null;
  }
  return path;
}
