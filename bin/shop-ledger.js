#!/usr/bin/env node
// Runs the shop-ledger CLI. The TypeScript sources are bundled on first use (and again when
// they change) into build/cli.js with esbuild, so `npm install` is all a user needs.
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const out = join(root, 'build', 'cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

if (!existsSync(out) || statSync(out).mtimeMs < newestSource(join(root, 'src'))) {
  require('esbuild').buildSync({
    entryPoints: [join(root, 'src', 'node', 'main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outfile: out,
    logLevel: 'error',
  });
}
require(out);
