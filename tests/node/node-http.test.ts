/**
 * The synchronous Http port against a real node:http server on 127.0.0.1 (never any other host).
 *
 * The server runs in a child process, not in this one: nodeHttp blocks this thread in
 * Atomics.wait until the answer is in, so this process's event loop does not turn while a request
 * is in flight. A server listening here could never accept the connection or send its answer,
 * and every request would hang until its timeout (a deadlock, broken only by the timeout).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { nodeHttp, sleep } from '../../src/node/node-http';
import { HttpUnreachableError } from '../../src/platform/http';

/** The test server: prints its port, then answers by path. Plain JavaScript for `node -e`. */
const SERVER_SOURCE = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const body = Buffer.concat(chunks).toString('utf8');
    const send = (status, headers, text) => {
      res.writeHead(status, headers);
      res.end(text);
    };
    switch (url.pathname) {
      case '/echo':
        return send(200, { 'Content-Type': 'application/json', 'X-Served-By': 'Test' },
          JSON.stringify({ method: req.method, path: req.url, headers: req.headers, body }));
      case '/status':
        return send(Number(url.searchParams.get('code')), { 'Content-Type': 'text/plain' }, 'status ' + url.searchParams.get('code'));
      case '/slow':
        return setTimeout(() => send(200, {}, 'late'), Number(url.searchParams.get('ms')));
      case '/throttled':
        return send(429, { 'Retry-After': '7' }, 'slow down');
      case '/repeated':
        res.setHeader('X-Repeated', ['one', 'two']);
        res.setHeader('Set-Cookie', ['a=1', 'b=2']);
        return send(200, {}, '');
      case '/unicode':
        return send(200, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Café – 5 € ☕ ' + body);
      case '/redirect':
        return send(302, { Location: '/echo?from=redirect' }, '');
      default:
        return send(404, {}, 'no such path');
    }
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

let server: ChildProcess;
let base: string;

beforeAll(async () => {
  server = spawn(process.execPath, ['-e', SERVER_SOURCE], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    server.once('error', reject);
    server.once('exit', (code) => reject(new Error(`test server exited (${code})`)));
    server.stdout?.once('data', (d: Buffer) => resolve(d.toString().trim()));
  });
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  if (server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill();
    await exited;
  }
});

/** A loopback port nobody listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as { port: number };
  await new Promise((resolve) => s.close(resolve));
  return port;
}

const http = nodeHttp({ defaultTimeoutMs: 10_000 });

function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('nodeHttp', () => {
  test('GET sends the headers; response header names come back in lower case', () => {
    const res = http.request({ method: 'GET', url: `${base}/echo?q=1`, headers: { 'X-Api-Key': 'k1' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-served-by']).toBe('Test');
    expect(Object.keys(res.headers).every((name) => name === name.toLowerCase())).toBe(true);
    const echoed = JSON.parse(res.body);
    expect(echoed).toMatchObject({ method: 'GET', path: '/echo?q=1', body: '' });
    expect(echoed.headers['x-api-key']).toBe('k1');
  });

  test('POST sends a JSON body', () => {
    const payload = { sku: 'TEA-01', qty: 2, note: 'Crème brûlée ☕' };
    const res = http.request({
      method: 'POST',
      url: `${base}/echo`,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
    });
    expect(res.status).toBe(200);
    const echoed = JSON.parse(res.body);
    expect(echoed.method).toBe('POST');
    expect(echoed.headers['content-type']).toBe('application/json');
    expect(JSON.parse(echoed.body)).toEqual(payload);
  });

  test('PUT and DELETE go out with their method', () => {
    for (const method of ['PUT', 'DELETE'] as const) {
      const res = http.request({ method, url: `${base}/echo`, body: 'x' });
      expect(JSON.parse(res.body).method).toBe(method);
    }
  });

  test('bodies are UTF-8 text both ways', () => {
    const res = http.request({ method: 'POST', url: `${base}/unicode`, body: 'ñandú' });
    expect(res.body).toBe('Café – 5 € ☕ ñandú');
  });

  test('a 404 and a 500 are returned, not thrown', () => {
    const notFound = http.request({ method: 'GET', url: `${base}/status?code=404` });
    expect(notFound).toMatchObject({ status: 404, body: 'status 404' });
    const failed = http.request({ method: 'GET', url: `${base}/status?code=500` });
    expect(failed).toMatchObject({ status: 500, body: 'status 500' });
  });

  test('the Retry-After of a 429 is readable', () => {
    const res = http.request({ method: 'GET', url: `${base}/throttled` });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
  });

  test("repeated headers are joined with ', '", () => {
    const res = http.request({ method: 'GET', url: `${base}/repeated` });
    expect(res.headers['x-repeated']).toBe('one, two');
    expect(res.headers['set-cookie']).toBe('a=1, b=2');
  });

  test('redirects are followed', () => {
    const res = http.request({ method: 'GET', url: `${base}/redirect` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).path).toBe('/echo?from=redirect');
  });

  test('an endpoint slower than timeoutMs throws HttpUnreachableError saying timeout', () => {
    const started = Date.now();
    const error = caught(() => http.request({ method: 'GET', url: `${base}/slow?ms=3000`, timeoutMs: 300 }));
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(HttpUnreachableError);
    expect((error as Error).message).toMatch(/timeout/);
    expect((error as Error).message).toContain('300 ms');
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2000);
    // The worker is fine afterwards.
    expect(http.request({ method: 'GET', url: `${base}/slow?ms=10`, timeoutMs: 2000 }).body).toBe('late');
  });

  test('defaultTimeoutMs applies when the request gives none', () => {
    const quick = nodeHttp({ defaultTimeoutMs: 200 });
    const error = caught(() => quick.request({ method: 'GET', url: `${base}/slow?ms=3000` }));
    expect(error).toBeInstanceOf(HttpUnreachableError);
    expect((error as Error).message).toMatch(/timeout.*200 ms/);
  });

  test('a closed port throws HttpUnreachableError saying the connection was refused', async () => {
    const port = await closedPort();
    const error = caught(() => http.request({ method: 'GET', url: `http://127.0.0.1:${port}/` }));
    expect(error).toBeInstanceOf(HttpUnreachableError);
    expect((error as Error).message).toMatch(/connection refused/);
    expect((error as Error).message).not.toMatch(/timeout/i);
  });

  test('a request fetch cannot make is an Error, but not HttpUnreachableError', () => {
    const error = caught(() => http.request({ method: 'GET', url: `${base}/echo`, body: 'no body on GET' }));
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(HttpUnreachableError);
  });

  test('a bad timeoutMs is refused before anything is sent', () => {
    expect(() => http.request({ method: 'GET', url: `${base}/echo`, timeoutMs: 0 })).toThrow(RangeError);
    expect(() => nodeHttp({ defaultTimeoutMs: Number.NaN })).toThrow(RangeError);
  });

  test('20 sequential calls work', () => {
    for (let i = 0; i < 20; i++) {
      const res = http.request({ method: 'GET', url: `${base}/echo?i=${i}` });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).path).toBe(`/echo?i=${i}`);
    }
  });
});

describe('sleep', () => {
  test('blocks for about the time asked', () => {
    const started = Date.now();
    sleep(120);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(115);
    expect(elapsed).toBeLessThan(1000);
  });

  test('returns at once for 0 or less, and refuses NaN', () => {
    const started = Date.now();
    sleep(0);
    sleep(-5);
    expect(Date.now() - started).toBeLessThan(50);
    expect(() => sleep(Number.NaN)).toThrow(RangeError);
  });
});

describe('the worker never keeps a process alive', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fsp.mkdtemp(join(tmpdir(), 'shop-ledger-http-'));
  });
  afterAll(async () => {
    await fsp.rm(dir, { recursive: true, force: true });
  });

  test('a script that made requests exits by itself when it is done', async () => {
    // The CLI's own way: bundle the TypeScript with esbuild, then run it in a fresh node.
    const bundle = join(dir, 'node-http.cjs');
    buildSync({
      entryPoints: [join(__dirname, '../../src/node/node-http.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outfile: bundle,
      logLevel: 'error',
    });
    const script = `
      const { nodeHttp } = require(${JSON.stringify(bundle)});
      const http = nodeHttp();
      const a = http.request({ method: 'GET', url: process.argv[1] + '/echo' });
      const b = http.request({ method: 'GET', url: process.argv[1] + '/status?code=500' });
      process.stdout.write(a.status + ' ' + b.status);
    `;
    const child = spawn(process.execPath, ['-e', script, base], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d;
    });
    child.stderr?.on('data', (d: Buffer) => {
      err += d;
    });
    const started = Date.now();
    const hang = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.once('exit', (c, s) => resolve([c, s])),
    );
    clearTimeout(hang);
    expect({ code, signal, out, err }).toEqual({ code: 0, signal: null, out: '200 500', err: '' });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
