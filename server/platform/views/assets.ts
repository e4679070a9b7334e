import { existsSync, readFileSync } from 'node:fs';
import { resolveFromRoot } from '../config.js';

export const buildDir = resolveFromRoot('public', 'build');
let manifest: Record<string, string> | undefined;

/** URL of a built asset (app.css, app.js, …) with its content hash, from public/build/manifest.json. */
export function assetUrl(name: string): string {
  if (!manifest) {
    const file = `${buildDir}/manifest.json`;
    manifest = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  }
  return `/assets/${manifest[name] ?? name}`;
}
