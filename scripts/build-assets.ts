/**
 * Builds the browser assets into public/build: the shell's stylesheet (KERN UX subset + our styles, from SCSS), the
 * page script and the service worker (esbuild), and the report pages' own stylesheet, scripts and proof-of-work
 * worker (never loaded by the start page), each with a content hash in its name, precompressed as .br and .gz, plus
 * manifest.json (logical name → file name) read by server/platform/views/assets.ts. Also renders the PNG app icons
 * from their SVG sources when those changed. Runs before every `npm test` and `npm start`, so it stays fast: when no
 * input changed since the last build (see build stamps in fingerprint.ts), it says so and does nothing.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import * as sass from 'sass';
import sharp from 'sharp';
import { fingerprint, listFiles, upToDate, writeStamp } from './fingerprint.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'build');
const iconDir = join(root, 'public', 'icons');
const kernScss = join(root, 'node_modules', '@kern-ux', 'native', 'src', 'scss');
// Browsers the shell supports; CSS and JS are lowered to these.
const targets = ['chrome109', 'edge109', 'firefox115', 'safari15.6'];
// Files of earlier builds stay this long, so a server still running the old manifest keeps serving them.
const keepOldMs = 60 * 60 * 1000;

interface Built {
  name: string;
  ext: string;
  contents: Uint8Array;
}

/** A stylesheet from client/styles/<file>.scss: app (the shell, on every page) or report-pages (reports only). */
async function buildCss(name: string, file = name): Promise<Built> {
  const result = await sass.compileAsync(join(root, 'client', 'styles', `${file}.scss`), {
    // node_modules: third-party CSS that only report pages need (Leaflet, the ALTCHA widget) stays out of app.css.
    loadPaths: [kernScss, join(root, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['if-function'],
  });
  const minified = await esbuild.transform(pruneCss(result.css), { loader: 'css', minify: true, target: targets });
  return { name, ext: 'css', contents: Buffer.from(minified.code) };
}

/** Top-level rules (with their at-rule wrappers) of a minified stylesheet. */
function topLevelRules(css: string): string[] {
  const rules: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < css.length; i++) {
    if (css[i] === '{') depth++;
    else if (css[i] === '}' && --depth === 0) {
      rules.push(css.slice(start, i + 1));
      start = i + 1;
    }
  }
  return rules;
}

const themeSwitchSelector = /^(?:(?:\[data-kern-theme="?(?:light|dark)"?\]|\.kern-(?:light|dark)),?)+\{/;

/**
 * Two safe cuts KERN's sources cannot make themselves: the opt-in theme classes (the shell follows the system's light
 * or dark setting and never sets data-kern-theme), and custom properties nothing references (KERN defines its whole
 * colour palette; pages never use CSS variables directly, as inline styles are not allowed).
 */
function pruneCss(css: string): string {
  let out = topLevelRules(css)
    .filter((rule) => !themeSwitchSelector.test(rule))
    .join('');
  for (;;) {
    const used = new Set([...out.matchAll(/var\(\s*(--[\w-]+)/g)].map((m) => m[1]));
    let removed = 0;
    out = out.replace(/([{;])(--[\w-]+):[^;}]*;?/g, (decl, lead: string, name: string) => {
      if (used.has(name)) return decl;
      removed++;
      return lead;
    });
    if (removed === 0) return out;
  }
}

/** A script bundle from client/<entry>.ts, or from another file (a path relative to the project root). */
async function buildJs(entry: string, format: 'esm' | 'iife', file = join('client', `${entry}.ts`)): Promise<Built> {
  const result = await esbuild.build({
    entryPoints: [join(root, file)],
    bundle: true,
    minify: true,
    format,
    target: targets,
    platform: 'browser',
    write: false,
    legalComments: 'none',
    tsconfig: join(root, 'client', 'tsconfig.json'),
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error(`esbuild produced no output for ${entry}`);
  return { name: entry, ext: 'js', contents: out.contents };
}

function hashName(b: Built): string {
  const hash = createHash('sha256').update(b.contents).digest('base64url').slice(0, 10).replace(/[-_]/g, 'x');
  return `${b.name}.${hash}.${b.ext}`;
}

async function writeAsset(file: string, contents: Uint8Array): Promise<void> {
  const path = join(outDir, file);
  if (existsSync(path)) return; // same hash, same contents
  const br = brotliCompressSync(contents, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: contents.length },
  });
  const gz = gzipSync(contents, { level: 9 });
  await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
  await writeFile(path, contents); // last, so a present file implies its compressed twins
}

async function removeStale(keep: Set<string>): Promise<void> {
  const now = Date.now();
  for (const file of await readdir(outDir)) {
    const base = file.replace(/\.(br|gz)$/, '');
    if (keep.has(base) || base === 'manifest.json') continue;
    const { mtimeMs } = await stat(join(outDir, file));
    if (now - mtimeMs > keepOldMs) await rm(join(outDir, file), { force: true });
  }
}

/** PNG icons from their SVG sources (rendered by sharp), only when missing or older than the source. */
async function buildIcons(): Promise<string[]> {
  const jobs: { src: string; out: string; size: number }[] = [
    { src: 'icon.svg', out: 'icon-192.png', size: 192 },
    { src: 'icon.svg', out: 'icon-512.png', size: 512 },
    { src: 'maskable.svg', out: 'maskable-192.png', size: 192 },
    { src: 'maskable.svg', out: 'maskable-512.png', size: 512 },
    { src: 'maskable.svg', out: 'apple-touch-icon.png', size: 180 },
  ];
  const made: string[] = [];
  for (const job of jobs) {
    const src = join(iconDir, job.src);
    const out = join(iconDir, job.out);
    if (existsSync(out) && statSync(out).mtimeMs >= statSync(src).mtimeMs) continue;
    const { width = job.size } = await sharp(src).metadata();
    await sharp(src, { density: Math.ceil((72 * job.size) / width) })
      .resize(job.size, job.size)
      .png({ compressionLevel: 9, palette: true })
      .toFile(out);
    made.push(job.out);
  }
  return made;
}

/** The inputs of this build: browser sources and styles, icons, this script, the installed package versions. */
function inputFingerprint(): string {
  const inputs = listFiles(
    [join(root, 'client'), iconDir, fileURLToPath(import.meta.url)],
    (path) => !/\.png$/.test(path),
  );
  return fingerprint(root, [...inputs, join(root, 'package-lock.json')]);
}

async function main(): Promise<void> {
  const started = Date.now();
  const stamp = join(outDir, '.inputs');
  const print = inputFingerprint();
  if (upToDate(stamp, print) && existsSync(join(outDir, 'manifest.json'))) {
    console.log('assets up to date');
    return;
  }
  console.log('building the browser assets …');
  await mkdir(outDir, { recursive: true });
  const [built, icons] = await Promise.all([
    Promise.all([
      buildCss('app'),
      buildJs('app', 'esm'),
      buildJs('sw', 'iife'),
      // Report pages only (never the start page): the form with its map picker, proof of work and offline queue;
      // the map of reports for other pages; the proof-of-work worker (a file of its own: the CSP allows no blob:
      // workers); their stylesheet (Leaflet, the widget, our report styles).
      buildCss('reports', 'report-pages'),
      buildJs('report-form', 'esm'),
      buildJs('application-inbox', 'esm'),
      buildJs('application-send', 'esm'),
      buildJs('reports-map', 'esm', join('client', 'reports-map-page.ts')),
      buildJs('altcha-worker', 'iife', join('node_modules', 'altcha', 'dist', 'workers', 'sha.js')),
    ]),
    buildIcons(),
  ]);
  const manifest: Record<string, string> = {};
  for (const b of built) {
    const file = hashName(b);
    await writeAsset(file, b.contents);
    manifest[`${b.name}.${b.ext}`] = file;
  }
  const tmp = join(outDir, `manifest.json.${process.pid}.tmp`);
  await writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(tmp, join(outDir, 'manifest.json'));
  await removeStale(new Set(Object.values(manifest)));
  const sizes = built.map((b) => `${b.name}.${b.ext} ${(b.contents.length / 1024).toFixed(1)} KB`).join(', ');
  const iconNote = icons.length > 0 ? `; icons: ${icons.join(', ')}` : '';
  writeStamp(stamp, print);
  console.log(`assets built in ${Date.now() - started} ms: ${sizes}${iconNote}`);
}

await main();
