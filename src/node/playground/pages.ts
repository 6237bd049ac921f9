/**
 * Where the playground finds the built till page, and building it when it is missing or older
 * than the sources (scripts/build.mjs, the same build that ships to Apps Script).
 */
import { execFile } from 'node:child_process';
import { existsSync, promises as fsp, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** 'if-stale': build when dist/till.html is missing or older than any file under src/. */
export type BuildMode = 'never' | 'if-missing' | 'if-stale' | 'always';

/** The package's root folder: the nearest folder above this file with shop-ledger's package.json. */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if (JSON.parse(readFileSync(manifest, 'utf8')).name === 'shop-ledger') return dir;
      } catch {
        // Not ours: keep looking up.
      }
    }
    if (dirname(dir) === dir) throw new Error(`Cannot find the shop-ledger package above ${from}.`);
  }
}

function newestFile(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestFile(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function needsBuild(root: string, page: string, mode: BuildMode): boolean {
  if (mode === 'always') return true;
  if (!existsSync(page)) return mode !== 'never';
  if (mode !== 'if-stale') return false;
  const src = join(root, 'src');
  return existsSync(src) && statSync(page).mtimeMs < newestFile(src);
}

function runBuild(root: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(root, 'scripts', 'build.mjs')],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        if (!error) resolve();
        else
          reject(
            new Error(`npm run build failed:\n${String(stderr).trim().split('\n').slice(-15).join('\n')}`),
          );
      },
    );
  });
}

/**
 * The path of dist/till.html, built first when `mode` says so. A failed build of a page that
 * exists already is only reported through `warn`: the last good page is served.
 */
export async function tillPage(
  mode: BuildMode,
  warn: (message: string) => void,
  root: string = packageRoot(),
): Promise<string> {
  const page = join(root, 'dist', 'till.html');
  if (needsBuild(root, page, mode)) {
    try {
      await runBuild(root);
    } catch (error) {
      if (!existsSync(page)) throw error;
      warn(`${(error as Error).message}\nServing the last built page, ${page}.`);
    }
  }
  if (!existsSync(page)) throw new Error(`${page} does not exist: run npm run build.`);
  return page;
}

/**
 * The page's text, whole: the build rewrites dist/ in place (npm test's bundle test builds too),
 * so a read that catches a file half-written is retried for a few seconds.
 */
export async function readPage(path: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const html = await fsp.readFile(path, 'utf8');
    if (/<\/html>\s*$/i.test(html) || attempt >= 30) return html;
    await new Promise((done) => setTimeout(done, 100));
  }
}
