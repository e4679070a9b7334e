import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addHomeModule } from '../../platform/views/registry.js';
import { buildTestApp, type TestApp } from '../../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const page = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ url, headers: { accept: 'text/html', ...headers } });

/** Every key a view asks for must exist: i18next would print the key itself. */
function expectNoRawKeys(html: string) {
  expect(html).not.toMatch(/>\s*(common|home|legal|pwa|errors)\.[a-zA-Z]+/);
}

describe('start page', () => {
  it('renders in German by default with the municipality from configuration', async () => {
    const res = await page('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/^<!doctype html><html lang="de"/);
    const m = t.config.municipality;
    expect(res.body).toContain(`<h1 class="kern-heading-large">Bürgerservice ${m.name}</h1>`);
    expect(res.body).toContain(`src="/${m.logo}"`);
    expect(res.body).toContain(`href="tel:+49521510"`);
    expect(res.body).toContain(`mailto:${m.contact.email}`);
    expect(res.body).toContain(m.contact.street);
    expectNoRawKeys(res.body);
  });

  it('links the explanations in Leichte Sprache and Gebärdensprache', async () => {
    const res = await page('/');
    expect(res.body).toContain('href="/leichte-sprache"');
    expect(res.body).toContain('href="/gebaerdensprache"');
  });

  it('shows a tile for every registered module and nothing that does not exist', async () => {
    const before = await page('/');
    expect(before.body).not.toMatch(/demnächst|coming soon|in Kürze/i);
    const tiles = (html: string) => [...html.matchAll(/class="bs-tile__link" href="([^"]+)"/g)].map((m) => m[1]);
    expect(tiles(before.body)).toEqual(t.app.homeModules.map((m) => m.href));
    addHomeModule(t.app, { href: '/zz-test', titleKey: 'home.easy.title', textKey: 'home.helpText', order: 10_000 });
    // Modules register at start and the start page is cached per URL: a module added later shows on a new URL.
    const after = await page('/?nach=modul');
    expect(tiles(after.body).at(-1)).toBe('/zz-test');
    expect(after.body).toContain('Leichte Sprache</span>');
    t.app.homeModules.pop();
  });

  it('switches to English with ?lang=en and remembers it in a cookie', async () => {
    const res = await page('/?lang=en');
    expect(res.body).toMatch(/<html lang="en"/);
    expect(res.body).toContain(`Citizen services ${t.config.municipality.name}</h1>`);
    expect(res.headers['set-cookie']).toMatch(/^lang=en;/);
    expect(res.headers['content-language']).toBe('en');
    // The switch back keeps the page and offers German.
    expect(res.body).toContain('href="/?lang=de" hreflang="de" lang="de"');
    const again = await page('/', { cookie: 'lang=en' });
    expect(again.body).toMatch(/<html lang="en"/);
    expectNoRawKeys(res.body);
  });

  it('follows Accept-Language when nothing was chosen', async () => {
    const res = await page('/', { 'accept-language': 'en-GB,en;q=0.9,de;q=0.5' });
    expect(res.body).toMatch(/<html lang="en"/);
  });

  it('has landmarks, a skip link first and no inline script or style', async () => {
    const { body, headers } = await page('/');
    expect(body.indexOf('class="bs-skip-link" href="#main"')).toBeLessThan(body.indexOf('<header'));
    for (const landmark of ['<header', '<main id="main"', '<footer', '<nav']) expect(body).toContain(landmark);
    expect(body).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(body).not.toMatch(/<style|\sstyle=/);
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("style-src 'self'");
  });

  it('keeps every citizen page free of inline script and style (strict CSP)', async () => {
    for (const url of [
      '/',
      '/leichte-sprache',
      '/gebaerdensprache',
      '/impressum',
      '/datenschutz',
      '/barrierefreiheit',
      '/offline',
      '/nope',
    ]) {
      const { body } = await page(url);
      expect(body, url).not.toMatch(/<script(?![^>]*\ssrc=)/);
      expect(body, url).not.toMatch(/<style|\sstyle=|\son[a-z]+=/);
    }
  });

  it('links the built, content-hashed stylesheet and script and the theme', async () => {
    const { body } = await page('/');
    const css = body.match(/href="(\/assets\/app\.[\w]+\.css)"/)?.[1];
    const js = body.match(/src="(\/assets\/app\.[\w]+\.js)"/)?.[1];
    const theme = body.match(/href="(\/theme\.css\?v=[\w-]+)"/)?.[1];
    for (const url of [css, js, theme]) {
      expect(url).toBeDefined();
      expect((await t.app.inject({ url: url! })).statusCode).toBe(200);
    }
  });

  it('labels demo data as such only in demo mode', async () => {
    expect((await page('/')).body).not.toContain('bs-demo-banner');
    const demo = await buildTestApp({ env: { DEMO_DATA: 'true' }, db: t.db });
    const res = await demo.app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(res.body).toContain('class="bs-demo-banner"');
    expect(res.body).toContain('Beispieldaten');
    await demo.close();
  });
});

describe('Leichte Sprache and Gebärdensprache', () => {
  it('explains the offer in Leichte Sprache with the contact details', async () => {
    const res = await page('/leichte-sprache');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Informationen in Leichter Sprache');
    expect(res.body).toContain('Internet·seite');
    expect(res.body).toContain(`mailto:${t.config.municipality.contact.email}`);
    for (const module of t.app.homeModules) expect(res.body).toContain(`href="${module.href}"`);
    expectNoRawKeys(res.body);
    const en = await page('/leichte-sprache?lang=en');
    expect(en.body).toContain('Information in Easy Read');
    expectNoRawKeys(en.body);
  });

  it('describes the offer as text and links no video while none is configured', async () => {
    const res = await page('/gebaerdensprache');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Deutscher Gebärdensprache');
    expect(res.body).not.toContain('bs-video-link');
    expect(res.body).toContain(`mailto:${t.config.municipality.contact.email}`);
    expectNoRawKeys(res.body);
  });

  it('links the municipality’s sign-language video when configured', async () => {
    const url = 'https://video.example.org/dgs/buergerservice';
    const withVideo = await buildTestApp({ municipality: { signLanguageVideoUrl: url }, db: t.db });
    const res = await withVideo.app.inject({ url: '/gebaerdensprache?lang=en', headers: { accept: 'text/html' } });
    expect(res.body).toContain(`href="${url}"`);
    expect(res.body).toContain('Watch the sign language video');
    await withVideo.close();
  });
});

describe('theme', () => {
  it('serves the primary colour as custom properties, immutable under its versioned URL', async () => {
    const { body } = await page('/');
    const url = body.match(/href="(\/theme\.css\?v=[\w-]+)"/)![1]!;
    const res = await t.app.inject({ url });
    expect(res.headers['content-type']).toMatch(/^text\/css/);
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.body).toContain(`--bs-primary:${t.config.municipality.colours.primary}`);
    const stale = await t.app.inject({ url: '/theme.css?v=old' });
    expect(stale.headers['cache-control']).not.toContain('immutable');
  });

  it('keeps KERN’s link colour when the primary colour would be too light for text', async () => {
    const yellow = await buildTestApp({ municipality: { colours: { primary: '#ffd500' } }, db: t.db });
    const res = await yellow.app.inject({ url: '/theme.css' });
    expect(res.body).toContain('--bs-on-primary:#131525');
    expect(res.body).not.toContain('--kern-color-action-default');
    await yellow.close();
  });
});
