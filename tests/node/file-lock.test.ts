import { type ChildProcess, spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  acquireFileLock,
  FileLockPort,
  type FileLockState,
  LedgerLockedError,
} from '../../src/node/file-lock';
import { LockTimeoutError } from '../../src/platform/lock';

let dir: string;
let ledger: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  // realpath: the lock is named after the real path, and a child process must name the same one.
  dir = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'shop-ledger-lock-')));
  ledger = join(dir, 'ledger.xlsx');
});

afterEach(async () => {
  for (const child of children.splice(0)) await stop(child);
  await fsp.rm(dir, { recursive: true, force: true });
});

const expectedMessage = (path: string) =>
  `${path} is in use by another shop-ledger command (or a crashed one: the lock frees itself within 30 s). ` +
  'Nothing was written: try again.';

async function lockFails(path: string, waitMs: number): Promise<{ error: unknown; elapsed: number }> {
  const started = Date.now();
  const error = await acquireFileLock(path, { waitMs }).then(
    async (release) => {
      await release();
      return undefined;
    },
    (e: unknown) => e,
  );
  return { error, elapsed: Date.now() - started };
}

describe('acquireFileLock', () => {
  test('locks a ledger that does not exist yet, next to it, and releases it', async () => {
    const release = await acquireFileLock(ledger, { waitMs: 300 });
    expect(await fsp.readdir(dir)).toEqual(['ledger.xlsx.lock']);
    await release();
    expect(await fsp.readdir(dir)).toEqual([]);
    await release(); // a second release does nothing
  });

  test('a second acquire waits, then fails clearly within the wait; after release it can be taken', async () => {
    const release = await acquireFileLock(ledger, { waitMs: 300 });
    const { error, elapsed } = await lockFails(ledger, 300);
    expect(error).toBeInstanceOf(LedgerLockedError);
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect((error as Error).message).toBe(expectedMessage(ledger));
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2000);
    await release();
    const again = await acquireFileLock(ledger, { waitMs: 300 });
    await again();
  });

  test('a waiting acquire gets the lock as soon as it is released', async () => {
    const release = await acquireFileLock(ledger, { waitMs: 300 });
    setTimeout(() => void release(), 150);
    const started = Date.now();
    const second = await acquireFileLock(ledger, { waitMs: 5000 });
    expect(Date.now() - started).toBeLessThan(2000);
    await second();
  });

  test('the message names the path as the person gave it', async () => {
    const relative = './sub/../ledger.xlsx';
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const release = await acquireFileLock('ledger.xlsx', { waitMs: 100 });
      const { error } = await lockFails(relative, 100);
      expect((error as Error).message).toBe(expectedMessage(relative));
      await release();
    } finally {
      process.chdir(cwd);
    }
  });

  test('a lock left by a crashed command is taken over once it is stale', async () => {
    const lockDir = `${ledger}.lock`;
    await fsp.mkdir(lockDir);
    expect((await lockFails(ledger, 100)).error).toBeInstanceOf(LedgerLockedError);
    const longAgo = new Date(Date.now() - 31_000);
    await fsp.utimes(lockDir, longAgo, longAgo);
    const release = await acquireFileLock(ledger, { waitMs: 100 });
    await release();
  });

  test('reports a lost lock through onCompromised instead of crashing the process', async () => {
    const lost = new Promise<Error>((resolve) => {
      void acquireFileLock(ledger, { waitMs: 100, staleMs: 2000, onCompromised: resolve });
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await fsp.rm(`${ledger}.lock`, { recursive: true });
    const error = await lost;
    expect((error as Error & { code?: string }).code).toBe('ECOMPROMISED');
  });

  test('another process holding the lock makes acquire fail clearly; when it exits the lock is free', async () => {
    const child = await holdLockInChild(ledger);
    const { error, elapsed } = await lockFails(ledger, 300);
    expect(error).toBeInstanceOf(LedgerLockedError);
    expect((error as Error).message).toBe(expectedMessage(ledger));
    expect(elapsed).toBeLessThan(2000);
    await stop(child);
    const release = await acquireFileLock(ledger, { waitMs: 1000 });
    await release();
  });

  test('a missing folder gives a clear error', async () => {
    await expect(acquireFileLock(join(dir, 'nope', 'ledger.xlsx'), { waitMs: 100 })).rejects.toThrow(
      /Cannot lock .*ledger\.xlsx: its folder does not exist/,
    );
  });
});

describe('FileLockPort', () => {
  test('acquire checks the file lock is held and counts; release counts', () => {
    let state: FileLockState = 'held';
    const port = new FileLockPort('shop.xlsx', () => state);
    port.acquire(30_000);
    expect(port.held).toBe(true);
    port.release();
    expect([port.acquisitions, port.releases, port.held]).toEqual([1, 1, false]);
    state = 'released';
    expect(() => port.acquire(30_000)).toThrow(/not held: run use cases inside withLedgerFile/);
    state = 'lost';
    expect(() => port.acquire(30_000)).toThrow(LedgerLockedError);
    expect(() => port.acquire(30_000)).toThrow(/Lost the lock on shop\.xlsx.*Nothing was written/);
    expect(port.acquisitions).toBe(1);
  });
});

/** A child node process that takes the lock with proper-lockfile directly and holds it until killed. */
async function holdLockInChild(path: string): Promise<ChildProcess> {
  const script = `
    const lockfile = require(process.argv[1]);
    lockfile.lock(process.argv[2], { realpath: false, stale: 30000 }).then(
      () => process.stdout.write('locked\\n'),
      (e) => { process.stderr.write(String(e)); process.exit(3); },
    );
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['-e', script, require.resolve('proper-lockfile'), path], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.stdout?.on('data', (chunk) => {
      if (String(chunk).includes('locked')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`lock holder exited with ${code}: ${stderr}`)));
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // SIGTERM lets proper-lockfile remove its lock on the way out, as a Ctrl-C would.
  child.kill('SIGTERM');
  await exited;
}
