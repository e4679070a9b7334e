import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetUrl } from '../../platform/views/assets.js';
import { buildTestApp, type TestApp } from '../../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

interface Shell {
  version: string;
  precache: string[];
  offline: Record<string, string>;
  languages: string[];
  defaultLanguage: string;
  bypass: string[];
}

function shellOf(script: string): Shell {
  const json = script.match(/^self\.BS_SHELL=(.*);\n/)?.[1];
  expect(json).toBeDefined();
  return JSON.parse(json!) as Shell;
}

describe('web app manifest', () => {
  it('is generated from the municipality, in the negotiated language', async () => {
    const m = t.config.municipality;
    const res = await t.app.inject({ url: '/manifest.webmanifest' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = res.json();
    expect(manifest).toMatchObject({
      id: '/',
      name: `Bürgerservice ${m.name}`,
      short_name: m.name,
      lang: 'de',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: m.colours.primary,
      background_color: '#ffffff',
    });
    const purposes = manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`);
    expect(purposes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
    for (const icon of manifest.icons as { src: string; type: string }[]) {
      const file = await t.app.inject({ url: icon.src });
      expect(file.statusCode, icon.src).toBe(200);
      expect(file.headers['content-type']).toContain(icon.type);
    }
    const en = (await t.app.inject({ url: '/manifest.webmanifest', headers: { 'accept-language': 'en' } })).json();
    expect(en).toMatchObject({ name: `Citizen services ${m.name}`, lang: 'en' });
  });

  it('offers the start-page modules as shortcuts', async () => {
    const manifest = (await t.app.inject({ url: '/manifest.webmanifest' })).json();
    expect(manifest.shortcuts.map((s: { url: string }) => s.url)).toEqual(
      t.app.homeModules.slice(0, 4).map((m) => m.href),
    );
  });
});

describe('service worker', () => {
  it('is served from the root, allowed for the whole origin and never cached', async () => {
    const res = await t.app.inject({ url: '/sw.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['service-worker-allowed']).toBe('/');
    expect(res.headers['cache-control']).toBe('no-cache');
    const etag = res.headers.etag as string;
    const again = await t.app.inject({ url: '/sw.js', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
  });

  it('precaches the hashed shell and the offline page in every language, and bypasses the back office and APIs', async () => {
    const shell = shellOf((await t.app.inject({ url: '/sw.js' })).body);
    expect(shell.precache).toEqual(
      expect.arrayContaining([assetUrl('app.css'), assetUrl('app.js'), `/${t.config.municipality.logo}`]),
    );
    expect(shell.offline).toEqual({ de: '/offline?lang=de', en: '/offline?lang=en' });
    expect(shell.bypass).toEqual(expect.arrayContaining(['/admin', '/api']));
    for (const url of shell.precache) {
      expect((await t.app.inject({ url, headers: { accept: 'text/html' } })).statusCode, url).toBe(200);
    }
  });

  it('gets a new version when the shell changes', async () => {
    const first = shellOf((await t.app.inject({ url: '/sw.js' })).body).version;
    const other = await buildTestApp({ municipality: { colours: { primary: '#8a1538' } }, db: t.db });
    const second = shellOf((await other.app.inject({ url: '/sw.js' })).body).version;
    expect(second).not.toBe(first);
    await other.close();
  });
});

describe('offline page', () => {
  it('says what happened and offers the phone, in both languages', async () => {
    const m = t.config.municipality;
    const de = await t.app.inject({ url: '/offline?lang=de', headers: { accept: 'text/html' } });
    expect(de.statusCode).toBe(200);
    expect(de.body).toContain('Keine Internetverbindung</h1>');
    expect(de.body).toContain(`>${m.bscPhone}</a>`);
    const en = await t.app.inject({ url: '/offline?lang=en', headers: { accept: 'text/html' } });
    expect(en.body).toContain('No internet connection</h1>');
  });
});

describe('static assets', () => {
  it('serves hashed assets precompressed and immutable', async () => {
    const url = assetUrl('app.css');
    const br = await t.app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toContain('immutable');
    const plain = await t.app.inject({ url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('.bs-skip-link');
    expect(Number(br.headers['content-length'])).toBeLessThan(plain.body.length / 5);
  });

  it('does not expose build internals', async () => {
    expect((await t.app.inject({ url: '/assets/manifest.json' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: assetUrl('sw.js') })).statusCode).toBe(404);
  });
});
