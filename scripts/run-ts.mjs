// Runs a TypeScript file (the benchmark) with Node: bundled by esbuild into build/, then loaded.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { buildSync } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const [file, ...args] = process.argv.slice(2);
const outfile = join(root, 'build', `${basename(file, '.ts')}.cjs`);
mkdirSync(join(root, 'build'), { recursive: true });
buildSync({
  entryPoints: [file],
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outfile,
  logLevel: 'error',
});
process.argv = [process.argv[0], outfile, ...args];
createRequire(import.meta.url)(outfile);
