/** Runs the shop-ledger CLI in-process with its output captured, as the real stdio would print it. */
import { promises as fsp } from 'node:fs';
import { runCli } from '../../src/node/cli';

export interface Run {
  code: number;
  out: string;
  err: string;
}

/**
 * With `strict`, anything written straight to process.stdout/stderr (bypassing the io the CLI was
 * given) fails the test: commands must print through their io only.
 */
export async function captureCli(argv: string[], options: { strict?: boolean } = {}): Promise<Run> {
  let out = '';
  let err = '';
  const line = (t: string) => (t.endsWith('\n') ? t : `${t}\n`);
  const stray: string[] = [];
  const spies = options.strict
    ? [process.stdout, process.stderr].map((stream) =>
        jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
          stray.push(String(chunk));
          return true;
        }),
      )
    : [];
  let code: number;
  try {
    code = await runCli(argv, {
      out: (t) => {
        out += line(t);
      },
      err: (t) => {
        err += line(t);
      },
    });
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  expect(stray).toEqual([]);
  return { code, out, err };
}

export interface FileState {
  bytes: Buffer;
  mtimeMs: number;
}

/** A file's bytes and time, to show that a command left it untouched. */
export async function fileState(path: string): Promise<FileState> {
  return { bytes: await fsp.readFile(path), mtimeMs: (await fsp.stat(path)).mtimeMs };
}

export async function expectUnchanged(path: string, before: FileState): Promise<void> {
  const after = await fileState(path);
  expect(after.mtimeMs).toBe(before.mtimeMs);
  expect(after.bytes.equals(before.bytes)).toBe(true);
}
