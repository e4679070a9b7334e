import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addHomeModule, addHomePanel } from '../../platform/views/registry.js';
import { buildTestApp, type TestApp } from '../../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const page = (url: string) => t.app.inject({ url, headers: { accept: 'text/html' } });
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
const header = (html: string) => html.slice(html.indexOf('<header'), html.indexOf('</header>'));

describe('start page hub', () => {
  it('puts the search field first, before the panels and tiles', async () => {
    const body = main((await page('/')).body);
    const search = body.indexOf('<form method="get" action="/suche">');
    expect(search).toBeGreaterThan(0);
    expect(search).toBeLessThan(body.indexOf('id="services-heading"'));
    expect(body).toContain('<label class="kern-label" for="home-q">Was suchen Sie?</label>');
  });

  it('shows the panels modules register, in their order, and leaves out those with nothing to show', async () => {
    addHomePanel(t.app, {
      id: 'test-late',
      order: 900,
      load: async () => (
        <section aria-labelledby="late-h">
          <h2 id="late-h">Späte Tafel</h2>
        </section>
      ),
    });
    addHomePanel(t.app, { id: 'test-empty', order: 100, load: async () => null });
    addHomePanel(t.app, {
      id: 'test-early',
      order: 10,
      load: async (request) => (
        <section aria-labelledby="early-h">
          <h2 id="early-h">{request.i18n.lang === 'en' ? 'Early panel' : 'Frühe Tafel'}</h2>
        </section>
      ),
    });
    const body = main((await page('/?tafeln=1')).body);
    expect(body.indexOf('Frühe Tafel')).toBeGreaterThan(body.indexOf('action="/suche"'));
    expect(body.indexOf('Späte Tafel')).toBeGreaterThan(body.indexOf('Frühe Tafel'));
    expect(body.indexOf('id="services-heading"')).toBeGreaterThan(body.indexOf('Späte Tafel'));
    expect(body.match(/class="bs-home-panel"/g)).toHaveLength(2);
    expect(main((await page('/?tafeln=1&lang=en')).body)).toContain('Early panel');
    t.app.homePanels.splice(0, t.app.homePanels.length);
  });
});

describe('header navigation', () => {
  it('links every module and the search on every citizen page, as a labelled nav with a phone disclosure', async () => {
    for (const path of ['/', '/impressum', '/abfall/abc', '/suche?q=perso']) {
      const head = header((await page(path)).body);
      expect(head, path).toContain('<nav class="bs-nav__nav" aria-label="Hauptnavigation">');
      expect(head).toContain('<details class="bs-nav__menu"><summary>Menü</summary>');
      for (const module of t.app.homeModules) expect(head).toContain(`href="${module.href}"`);
      expect(head).toContain('<search class="bs-nav__search"><form method="get" action="/suche">');
      expect(head).toContain('<label class="kern-sr-only" for="header-q">Suche</label>');
    }
  });

  it('marks the current module and keeps the query in the header field on /suche', async () => {
    const abc = header((await page('/abfall/abc')).body);
    expect(abc).toContain('<a href="/abfall" aria-current="page">');
    const search = header((await page('/suche?q=sperrm%C3%BCll')).body);
    expect(search).toContain('value="sperrmüll"');
  });

  it('is built from the registry: a module registered later is in it', async () => {
    addHomeModule(t.app, { href: '/zz-parken', titleKey: 'home.easy.title', textKey: 'home.helpText', order: 9_999 });
    const head = header((await page('/impressum?nav=neu')).body);
    expect(head).toContain('<a href="/zz-parken">Leichte Sprache</a>');
    t.app.homeModules.splice(
      t.app.homeModules.findIndex((m) => m.href === '/zz-parken'),
      1,
    );
  });

  it('is not on back-office pages', async () => {
    const res = await page('/admin/login');
    expect(res.body).not.toContain('bs-nav__nav');
  });
});
