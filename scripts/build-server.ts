/**
 * Compiles the server for `npm start`: every TypeScript file of server/ and shared/ (tests left out) transpiled by
 * esbuild into dist/, in the same layout `tsc` emits, in about a second and only when a source changed. Type checking
 * is not done here: it is `npm run check`'s and CI's job (and `npm run build`, for production, still runs tsc).
 */
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { fingerprint, listFiles, upToDate, writeStamp } from './fingerprint.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist');
const stamp = join(outDir, '.server-build');

const isSource = (path: string) => /\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path) && !path.endsWith('.d.ts');

async function main(): Promise<void> {
  const started = Date.now();
  const sources = listFiles([join(root, 'server'), join(root, 'shared')], isSource).filter(
    (path) => !path.startsWith(join(root, 'server', 'test')),
  );
  const print = fingerprint(root, [...sources, join(root, 'tsconfig.json'), join(root, 'package-lock.json')]);
  if (upToDate(stamp, print)) {
    console.log('server up to date');
    return;
  }
  console.log(`compiling the server (${sources.length} files) …`);
  // A full rebuild: files moved or deleted in the sources must not linger in dist/.
  rmSync(join(outDir, 'server'), { recursive: true, force: true });
  rmSync(join(outDir, 'shared'), { recursive: true, force: true });
  await esbuild.build({
    entryPoints: sources,
    outdir: outDir,
    outbase: root,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
  writeStamp(stamp, print);
  console.log(`server compiled in ${Date.now() - started} ms`);
}

await main();
