// Builds what ships to Apps Script into dist/:
//   Code.js          the bundle (IIFE) plus one top-level forwarding function per entry point
//   appsscript.json  the manifest
//   <page>.html      one self-contained page per folder of src/ui (script and CSS inlined)
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

const GLOBAL = 'ShopLedger';

async function buildCode() {
  const result = await build({
    entryPoints: [join(root, 'src/gas/main.ts')],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL,
    target: 'es2019',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    legalComments: 'none',
    write: false,
  });
  const code = result.outputFiles[0].text;
  // Load the bundle with no globals at all: it must define the registry without calling anything.
  const context = vm.createContext({});
  vm.runInContext(`${code}\nthis.${GLOBAL} = ${GLOBAL};`, context);
  const names = Object.keys(context[GLOBAL].entryPoints);
  const bad = names.filter((n) => n.endsWith('_') || !/^[A-Za-z_$][\w$]*$/.test(n));
  if (bad.length) throw new Error(`Entry point names Apps Script cannot call: ${bad.join(', ')}`);
  const forwarders = names
    .map((n) => `function ${n}() { return ${GLOBAL}.entryPoints.${n}.apply(this, arguments); }`)
    .join('\n');
  writeFileSync(
    join(dist, 'Code.js'),
    `${code}\n// Entry points (generated from src/gas/entry-points.ts)\n${forwarders}\n`,
  );
  return names;
}

async function buildPage(name) {
  const dir = join(root, 'src/ui', name);
  let html = readFileSync(join(dir, 'index.html'), 'utf8');
  const script = await build({
    entryPoints: [join(dir, 'main.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    minify: true,
    write: false,
  });
  const js = script.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  html = html.replace(/<script src="\.\/main\.ts"><\/script>/, () => `<script>${js}</script>`);
  const cssPath = join(dir, 'style.css');
  if (existsSync(cssPath)) {
    const css = readFileSync(cssPath, 'utf8');
    html = html.replace(/<link rel="stylesheet" href="\.\/style\.css" \/>/, () => `<style>${css}</style>`);
  }
  if (/<script src=|<link [^>]*href=/.test(html)) throw new Error(`${name}.html still loads an outside file`);
  writeFileSync(join(dist, `${name}.html`), html);
}

const names = await buildCode();
copyFileSync(join(root, 'appsscript.json'), join(dist, 'appsscript.json'));
const pages = readdirSync(join(root, 'src/ui'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'src/ui', d.name, 'index.html')))
  .map((d) => d.name);
await Promise.all(pages.map(buildPage));
writeFileSync(join(dist, 'entry-points.json'), `${JSON.stringify(names, null, 2)}\n`);
console.log(
  `dist/: Code.js (${names.length} entry points), appsscript.json, ${pages.map((p) => `${p}.html`).join(', ')}`,
);
