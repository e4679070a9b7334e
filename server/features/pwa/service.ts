import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TFunction } from 'i18next';
import { type Municipality, resolveFromRoot } from '../../platform/config.js';
import { AppError } from '../../platform/errors.js';
import { assetUrl, buildDir } from '../../platform/views/assets.js';
import type { HomeModule } from '../../platform/views/registry.js';
import { themeUrl } from '../../platform/views/theme.js';

/** The Web App Manifest (W3C), in the request's language, from the municipality's settings. */
export function buildWebManifest(m: Municipality, t: TFunction, lang: string, modules: readonly HomeModule[]) {
  return {
    id: '/',
    name: t('common.appName', { city: m.name }),
    short_name: m.name,
    description: t('pwa.manifest.description', { city: m.name }),
    lang,
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: m.colours.primary,
    categories: ['government'],
    icons: [
      { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
    // Long-press shortcuts on the installed app's icon: the first modules of the start page.
    shortcuts: modules.slice(0, 4).map((module) => ({ name: t(module.titleKey), url: module.href })),
  };
}

/** Paths the service worker leaves alone: the back office, the APIs and operations endpoints. */
export const workerBypass = ['/admin', '/api', '/open311', '/metrics', '/health', '/ready'];

export interface WorkerScript {
  body: string;
  version: string;
}

/** A digest of every translation file: the offline pages are cached, so new texts must make a new worker. */
function localesDigest(): string {
  const hash = createHash('sha256');
  const root = resolveFromRoot('server', 'locales');
  for (const lang of readdirSync(root).sort()) {
    // The catalogue's files (the API docs' texts in a subfolder do not reach the offline pages).
    for (const file of readdirSync(join(root, lang)).sort()) {
      if (file.endsWith('.json')) hash.update(readFileSync(join(root, lang, file)));
    }
  }
  return hash.digest('base64url');
}

/**
 * The service worker script: the shell manifest (what to precache, where the offline pages are, which paths to leave
 * alone) prepended to the built worker. Its version changes with any cached file, text or setting, so browsers
 * install the new worker and drop the old cache. Throws `not_found` when the assets have not been built.
 */
export function buildWorkerScript(m: Municipality): WorkerScript {
  const workerUrl = assetUrl('sw.js');
  let code: string;
  try {
    code = readFileSync(join(buildDir, workerUrl.replace(/^\/assets\//, '')), 'utf8');
  } catch {
    throw new AppError('not_found', 'The service worker has not been built (npm run build:assets)');
  }
  const offline = Object.fromEntries(m.languages.map((lang) => [lang, `/offline?lang=${lang}`]));
  const shell = {
    precache: [
      assetUrl('app.css'),
      assetUrl('app.js'),
      themeUrl(m),
      '/icons/icon.svg',
      '/icons/icon-192.png',
      `/${m.logo}`,
      ...Object.values(offline),
    ],
    offline,
    languages: m.languages,
    defaultLanguage: m.defaultLanguage,
    bypass: workerBypass,
  };
  const version = createHash('sha256')
    .update(code)
    .update(JSON.stringify(shell))
    .update(JSON.stringify(m))
    .update(localesDigest())
    .digest('base64url')
    .slice(0, 12);
  return { version, body: `self.BS_SHELL=${JSON.stringify({ version, ...shell })};\n${code}` };
}
