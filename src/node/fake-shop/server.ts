/**
 * The fake shop over real HTTP, on loopback only (127.0.0.1, a port the system picks). It runs in a
 * child process of its own (child.ts, started by process.ts): the Node shell's Http port blocks its
 * thread while it waits for an answer, so a server in the same process could never answer.
 *
 * The parent talks to the child over the IPC channel:
 *   parent → child  { type: 'start', scenario }         child → parent  { type: 'ready', port }
 *   parent → child  { type: 'command', id, command }    child → parent  { type: 'result', id, ok, result | error }
 *   parent → child  { type: 'stop' }                    the child closes the server and exits
 * When the parent goes away (the channel disconnects), the child exits too.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FakeShop, fakeShop } from './fake-shop';
import type { FakeShopCommand, FakeShopScenario } from './scenario';

export type ToChild =
  | { type: 'start'; scenario: FakeShopScenario }
  | { type: 'command'; id: number; command: FakeShopCommand }
  | { type: 'stop' };

export type FromChild =
  | { type: 'ready'; port: number }
  | { type: 'result'; id: number; ok: true; result: unknown }
  | { type: 'result'; id: number; ok: false; error: string }
  | { type: 'failed'; error: string };

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Serves the shop on 127.0.0.1; resolves with the server and its port once it listens. */
export function serveFakeShop(shop: FakeShop, port = 0): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let answer: ReturnType<FakeShop['handle']>;
      try {
        answer = shop.handle({
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers: headersOf(req),
          body: Buffer.concat(chunks).toString('utf8'),
        });
      } catch (e) {
        answer = {
          status: 500,
          headers: { 'content-type': 'text/plain' },
          body: `Fake shop failed: ${(e as Error).message}`,
        };
      }
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}

/** The child process's side: waits for 'start', serves, answers commands, stops. */
export function runFakeShopChild(): void {
  const send = (message: FromChild) => process.send?.(message);
  let shop: FakeShop | null = null;
  let server: Server | null = null;
  const stop = () => {
    server?.closeAllConnections();
    server?.close();
    process.exit(0);
  };
  process.on('disconnect', stop);
  process.on('message', (message: ToChild) => {
    if (message.type === 'start') {
      try {
        shop = fakeShop(message.scenario);
      } catch (e) {
        send({ type: 'failed', error: (e as Error).message });
        return;
      }
      serveFakeShop(shop).then(
        (served) => {
          server = served.server;
          send({ type: 'ready', port: served.port });
        },
        (e: Error) => send({ type: 'failed', error: e.message }),
      );
    } else if (message.type === 'command') {
      try {
        if (!shop) throw new Error('The fake shop has not started.');
        send({ type: 'result', id: message.id, ok: true, result: shop.apply(message.command) ?? null });
      } catch (e) {
        send({ type: 'result', id: message.id, ok: false, error: (e as Error).message });
      }
    } else if (message.type === 'stop') {
      stop();
    }
  });
}
