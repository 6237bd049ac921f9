/**
 * The playground's HTTP side, without a browser: the page with its google.script.run shim, the
 * API routes that forward to TillApi, the guards (loopback, JSON from its own page) and the
 * test-only fault injection.
 */
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/node/cli';
import { type Playground, startPlayground } from '../../src/node/playground/server';
import { injectShim } from '../../src/node/playground/shim';
import { loadXlsx } from '../../src/node/xlsx-file';

interface Answer {
  status: number;
  body: unknown;
  text: string;
}

/** A raw HTTP request, so the test can set Host and Origin as a hostile page would. */
function http(
  url: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = { 'Content-Type': 'application/json' },
): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        text += c;
      });
      res.on('end', () => {
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = null;
        }
        done({ status: res.statusCode ?? 0, body: parsed, text });
      });
    });
    req.on('error', fail);
    if (body !== undefined) req.write(JSON.stringify(body));
    req.end();
  });
}

const call = (p: Playground, name: string, ...args: unknown[]) =>
  http(`${p.url}api/${name}`, 'POST', { args });

async function orderCount(ledger: string): Promise<number> {
  return (await loadXlsx(ledger)).read('Orders').length - 1;
}

describe('injectShim', () => {
  test('puts the shim before the page’s first script, or at the end of <head>', () => {
    const page = '<html><head><style>x</style></head><body><p>a</p><script>main()</script></body></html>';
    const out = injectShim(page);
    expect(out.indexOf('google.script = {')).toBeGreaterThan(0);
    expect(out.indexOf('google.script = {')).toBeLessThan(out.indexOf('main()'));
    expect(out.startsWith('<html><head><style>x</style></head><body><p>a</p><script>')).toBe(true);
    const noScript = injectShim('<html><head><title>t</title></head><body></body></html>');
    expect(noScript.indexOf('google.script = {')).toBeLessThan(noScript.indexOf('</head>'));
  });
});

describe('the playground server', () => {
  let dir: string;
  let ledger: string;
  let playground: Playground;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'playground-'));
    ledger = join(dir, 'ledger.xlsx');
    playground = await startPlayground({ ledger, port: 0, faults: true, build: 'if-missing' });
  }, 60_000);

  afterAll(async () => {
    await playground?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('listens on loopback at the port it was given, and made the sample ledger', async () => {
    expect(playground.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(playground.port).toBeGreaterThan(0);
    expect(playground.created).toBe(true);
    expect((await loadXlsx(ledger)).read('Products').length).toBe(31);
  });

  test('GET / is the till page with google.script.run defined before the page’s code', async () => {
    const page = await http(playground.url, 'GET', undefined, {});
    expect(page.status).toBe(200);
    const shim = page.text.indexOf('google.script = {');
    expect(shim).toBeGreaterThan(0);
    expect(shim).toBeLessThan(page.text.indexOf('<script', page.text.indexOf('</script>')));
    expect((await http(`${playground.url}nothing`, 'GET', undefined, {})).status).toBe(404);
  });

  test('POST /api/<name> runs that TillApi function on the ledger and answers its JSON', async () => {
    const state = await call(playground, 'tillState', 'Till 1');
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({ till: 'Till 1', location: 'Store', session: null });
    expect((state.body as { products: unknown[] }).products).toHaveLength(30);

    const opened = await call(playground, 'openTill', { key: 'open-a', till: 'Till 1', float: 5000 });
    expect(opened.body).toMatchObject({ ok: true, value: { till: 'Till 1', openingFloat: 5000 } });
    const sessions = (await loadXlsx(ledger)).read('Till Sessions');
    expect(sessions).toHaveLength(2);

    // A business refusal is a normal answer.
    const again = await call(playground, 'openTill', { key: 'open-b', till: 'Till 1', float: 5000 });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ ok: false, problem: { code: 'session-open' } });
  });

  test('only TillApi functions can be called', async () => {
    for (const name of ['constructor', 'toString', '__proto__', 'seedSample', 'nope']) {
      const answer = await call(playground, name);
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ message: `Script function not found: ${name}` });
    }
    expect((await http(`${playground.url}api/tillState`, 'POST', { nope: 1 })).status).toBe(400);
  });

  test('an exception is a 500 with its message', async () => {
    const moved = `${ledger}.away`;
    renameSync(ledger, moved);
    try {
      const answer = await call(playground, 'tillState', 'Till 1');
      expect(answer.status).toBe(500);
      expect((answer.body as { message: string }).message).toContain(ledger);
    } finally {
      renameSync(moved, ledger);
    }
  });

  test('refuses requests to another host name (DNS rebinding) and posts that are not JSON from its page', async () => {
    const url = `${playground.url}api/tillState`;
    const json = { 'Content-Type': 'application/json' };
    expect((await http(url, 'POST', { args: ['Till 1'] }, { ...json, Host: 'evil.example' })).status).toBe(
      403,
    );
    expect(
      (await http(url, 'POST', { args: ['Till 1'] }, { ...json, Origin: 'http://evil.example' })).status,
    ).toBe(403);
    expect(
      (await http(url, 'POST', { args: ['Till 1'] }, { 'Content-Type': 'application/x-www-form-urlencoded' }))
        .status,
    ).toBe(403);
    const own = new URL(playground.url).origin;
    expect((await http(url, 'POST', { args: ['Till 1'] }, { ...json, Origin: own })).status).toBe(200);
  });

  test('fault injection: fail before the call runs (nothing written), or after it ran (written, answer lost)', async () => {
    const sale = (key: string) => ({
      key,
      till: 'Till 1',
      lines: [{ sku: 'COF-ETH-250', qty: 1 }],
      payments: [{ method: 'cash', amount: 1290, tendered: 1290 }],
    });
    const start = await orderCount(ledger);
    expect((await http(`${playground.url}__faults`, 'POST', { failNext: 'x' })).status).toBe(400);
    expect((await http(`${playground.url}__faults`, 'POST', { failNext: 1 })).status).toBe(200);
    expect((await call(playground, 'recordSale', sale('k-before'))).status).toBe(503);
    expect(await orderCount(ledger)).toBe(start);
    const first = await call(playground, 'recordSale', sale('k-before'));
    expect(first.body).toMatchObject({ ok: true, value: { replayed: false } });
    expect(await orderCount(ledger)).toBe(start + 1);

    // `only` leaves other functions alone; `after` runs and saves, then loses the answer.
    await http(`${playground.url}__faults`, 'POST', { failNext: 1, after: true, only: 'recordSale' });
    expect((await call(playground, 'tillRefresh', 'Till 1')).status).toBe(200);
    expect((await call(playground, 'recordSale', sale('k-after'))).status).toBe(503);
    expect(await orderCount(ledger)).toBe(start + 2);
    const replay = await call(playground, 'recordSale', sale('k-after'));
    expect(replay.body).toMatchObject({ ok: true, value: { replayed: true } });
    expect(await orderCount(ledger)).toBe(start + 2);
    expect(playground.calls.filter((c) => c.fault).map((c) => c.fault)).toEqual(['before', 'after']);
  });
});

describe('the playground without faults, and its options', () => {
  test('POST /__faults does not exist unless the server was started with faults on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'playground-'));
    const prior = process.env.SHOP_LEDGER_PLAYGROUND_FAULTS;
    delete process.env.SHOP_LEDGER_PLAYGROUND_FAULTS;
    const p = await startPlayground({ ledger: join(dir, 'l.xlsx'), port: 0, build: 'if-missing' });
    try {
      expect((await http(`${p.url}__faults`, 'POST', { failNext: 1 })).status).toBe(404);
    } finally {
      await p.close();
      if (prior !== undefined) process.env.SHOP_LEDGER_PLAYGROUND_FAULTS = prior;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  test('refuses to listen beyond this computer', async () => {
    await expect(startPlayground({ host: '0.0.0.0', port: 0 })).rejects.toThrow(/this computer only/);
    const err: string[] = [];
    const io = { out: () => {}, err: (t: string) => err.push(t) };
    expect(await runCli(['playground', '--host', '0.0.0.0'], io)).toBe(1);
    expect(err.join('')).toMatch(/--host 0\.0\.0\.0/);
    expect(await runCli(['playground', '--port', 'eighty'], io)).toBe(1);
    expect(err.join('')).toMatch(/--port "eighty"/);
  });
});
