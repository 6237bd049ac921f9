/**
 * Starts the fake shop in a child process, serving on http://127.0.0.1:PORT (loopback only), and
 * drives it from here: faults, order changes, and what it was asked. The Node shell's Http port
 * (node-http.ts) blocks the calling thread until its answer comes, so the shop must live in
 * another process; commands to it are asynchronous and are sent between syncs.
 *
 * The child runs child.ts from the sources: a few lines given to `node -e` bundle it with esbuild
 * (which the CLI's own entry already uses) and run it. This works the same from the CLI bundle in
 * build/, from the benchmark, and under Jest, with no compiled file to keep in step.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type {
  FakeFault,
  FakeShopCommand,
  FakeShopLogEntry,
  FakeShopScenario,
  OrderChanges,
} from './scenario';
import type { FromChild, ToChild } from './server';
import type { InventoryWrite } from './shopify';

export interface FakeShopProcess {
  /** The shop's root: http://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  readonly now: number;
  command(command: FakeShopCommand): Promise<unknown>;
  failNext(fault: FakeFault, times?: number): Promise<void>;
  staleOnce(sku?: string, sold?: number): Promise<void>;
  updateOrder(id: number, changes: OrderChanges): Promise<void>;
  requests(): Promise<FakeShopLogEntry[]>;
  clearRequests(): Promise<void>;
  stock(): Promise<Record<string, number | null>>;
  inventoryWrites(): Promise<InventoryWrite[]>;
  stockWrites(): Promise<[string, number][]>;
  /** Stops the server and waits for the child to exit. */
  stop(): Promise<void>;
}

/** Bundles the entry given as argv[2] with the esbuild at argv[1], and runs it as this program. */
const BOOTSTRAP = `
const Module = require('node:module');
const path = require('node:path');
const [esbuildPath, entry] = process.argv.slice(1);
const built = require(esbuildPath).buildSync({
  entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: 'cjs',
  packages: 'external', write: false, logLevel: 'error',
});
const program = new Module(entry);
program.filename = entry;
program.paths = Module._nodeModulePaths(path.dirname(entry));
program._compile(built.outputFiles[0].text, entry);
`;

/** child.ts next to this file (under Jest), or in src/ above a bundle (build/cli.js, build/bench.cjs). */
function childEntry(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    for (const candidate of [join(dir, 'child.ts'), join(dir, 'src', 'node', 'fake-shop', 'child.ts')]) {
      if (existsSync(candidate)) return candidate;
    }
    if (dirname(dir) === dir) {
      throw new Error(
        `The fake shop's program (src/node/fake-shop/child.ts) was not found above ${__dirname}.`,
      );
    }
  }
}

const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export async function startFakeShopProcess(scenario: FakeShopScenario = {}): Promise<FakeShopProcess> {
  // Resolved here, so the parent knows the dates the child's orders are built from.
  const now = scenario.now ?? Math.floor(Date.now() / 1000) * 1000;
  const child: ChildProcess = spawn(
    process.execPath,
    ['-e', BOOTSTRAP, require.resolve('esbuild'), childEntry()],
    {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      for (const p of pending.values())
        p.reject(new Error(`The fake shop stopped.${stderr ? ` ${stderr}` : ''}`));
      pending.clear();
      resolve();
    });
  });
  const send = (message: ToChild) => child.send(message);

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The fake shop did not start within ${START_TIMEOUT_MS / 1000} s. ${stderr}`));
    }, START_TIMEOUT_MS);
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`The fake shop could not start: ${why}`));
    };
    child.on('message', (message: FromChild) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.port);
      } else if (message.type === 'failed') {
        fail(message.error);
      } else if (message.type === 'result') {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (message.ok) waiting?.resolve(message.result);
        else waiting?.reject(new Error(message.error));
      }
    });
    child.once('error', (e) => fail(e.message));
    child.once('exit', (code) => fail(`it exited with code ${code}. ${stderr}`));
    send({ type: 'start', scenario: { ...scenario, now } });
  });

  const command = (c: FakeShopCommand) =>
    new Promise<unknown>((resolve, reject) => {
      if (exited) {
        reject(new Error('The fake shop has stopped.'));
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve, reject });
      send({ type: 'command', id, command: c });
    });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    now,
    command,
    failNext: async (fault, times) => void (await command({ op: 'failNext', fault, times })),
    staleOnce: async (sku, sold) => void (await command({ op: 'staleOnce', sku, sold })),
    updateOrder: async (id, changes) => void (await command({ op: 'updateOrder', id, changes })),
    requests: async () => (await command({ op: 'requests' })) as FakeShopLogEntry[],
    clearRequests: async () => void (await command({ op: 'clearRequests' })),
    stock: async () => (await command({ op: 'stock' })) as Record<string, number | null>,
    inventoryWrites: async () => (await command({ op: 'inventoryWrites' })) as InventoryWrite[],
    stockWrites: async () => (await command({ op: 'stockWrites' })) as [string, number][],
    async stop() {
      if (exited) return;
      send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exit;
      clearTimeout(timer);
    },
  };
}
