import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const page = (app: TestApp, url: string) => app.app.inject({ url, headers: { accept: 'text/html' } });

function expectNoRawKeys(html: string) {
  expect(html).not.toMatch(/>\s*(common|home|legal|pwa|errors)\.[a-zA-Z]+/);
}

describe('Impressum', () => {
  it('names provider, representative, VAT id and supervision from the settings', async () => {
    const m = t.config.municipality;
    const res = await page(t, '/impressum');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<html lang="de"/);
    expect(res.body).toContain('<h1 class="kern-heading-large" id="imprint-heading">Impressum</h1>');
    for (const fact of [m.officialName, m.contact.street, m.representative, m.vatId!, m.supervisoryAuthority]) {
      expect(res.body).toContain(fact);
    }
    expect(res.body).toContain('§ 5 Digitale-Dienste-Gesetz');
    expectNoRawKeys(res.body);
  });

  it('leaves out the VAT section when there is no VAT id, and speaks English on request', async () => {
    const noVat = await buildTestApp({ municipality: { vatId: undefined }, db: t.db });
    const res = await page(noVat, '/impressum?lang=en');
    expect(res.body).toMatch(/<html lang="en"/);
    expect(res.body).toContain('Legal notice</h1>');
    expect(res.body).not.toContain('VAT identification number');
    expectNoRawKeys(res.body);
    await noVat.close();
  });

  it('says plainly in demo mode that the details are sample configuration', async () => {
    expect((await page(t, '/impressum')).body).not.toContain('Demo-Betrieb');
    const demo = await buildTestApp({ env: { DEMO_DATA: 'true' }, db: t.db });
    for (const url of ['/impressum', '/datenschutz', '/barrierefreiheit']) {
      expect((await page(demo, url)).body).toContain('Beispielkonfiguration');
    }
    await demo.close();
  });
});

describe('Datenschutz', () => {
  it('states controller, officer, processing, legal bases, retention, rights and the supervisory authority', async () => {
    const m = t.config.municipality;
    const res = await page(t, '/datenschutz');
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain(`mailto:${m.dataProtectionOfficer.email}`);
    expect(body).toContain(m.dataProtectionAuthority.name);
    expect(body).toContain(`href="${m.dataProtectionAuthority.website}"`);
    expect(body).toContain('Art. 6 Abs. 1 Buchst. e DSGVO');
    expect(body).toContain(m.privacy.stateLaw);
    expect(body).toContain(`Server-Protokolle: ${m.privacy.logRetentionDays} Tage`);
    for (const article of ['Art. 15', 'Art. 16', 'Art. 17', 'Art. 18', 'Art. 20', 'Art. 21', 'Art. 77']) {
      expect(body).toContain(article);
    }
    // The cookies this app really sets, with the configured session lifetime.
    for (const cookie of ['lang', 'bs_csrf', 'bs_session', 'bs_waste']) expect(body).toContain(`>${cookie}</dt>`);
    expect(body).toContain(`höchstens ${t.config.sessionMaxAgeHours} Stunden`);
    expect(body).toContain('IP-Adressen, Cookies, Suchbegriffe und Formulareingaben stehen nicht in den Protokollen');
    expect(body).toContain('wir binden keine Inhalte anderer Anbieter ein');
    expectNoRawKeys(body);
  });

  it('names the map tile upstream, which only our server contacts, when tiles are on', async () => {
    const withTiles = await buildTestApp({
      municipality: {
        map: { lat: 52, lon: 8.5, zoom: 12, tiles: { upstream: 'https://tiles.example.net/{z}/{x}/{y}.png' } },
      },
      db: t.db,
    });
    const res = await page(withTiles, '/datenschutz?lang=en');
    expect(res.body).toContain('Privacy statement</h1>');
    expect(res.body).toContain('background maps from https://tiles.example.net');
    expect(res.body).toContain('your browser does not connect to https://tiles.example.net');
    expectNoRawKeys(res.body);
    await withTiles.close();
  });
});

describe('Barrierefreiheit', () => {
  it('gives status, honest limitations, feedback with answer time and the ombudsman', async () => {
    const a = t.config.municipality.accessibility;
    const res = await page(t, '/barrierefreiheit');
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('Erklärung zur Barrierefreiheit</h1>');
    expect(body).toContain(a.law);
    expect(body).toContain(t.config.publicUrl);
    expect(body).toContain('teilweise vereinbar');
    expect(body).toContain('Selbstbewertung');
    // No sign-language video is configured, so the statement lists it as missing.
    expect(body).toContain('Video in Deutscher Gebärdensprache, das dieses Angebot erklärt, fehlt noch');
    expect(body).toContain(`href="mailto:${a.feedbackEmail}?subject=`);
    expect(body).toContain(`innerhalb von ${a.responseWeeks.min} bis ${a.responseWeeks.max} Wochen`);
    expect(body).toContain(`href="${a.enforcementUrl}"`);
    expect(body).toContain(a.enforcementBody);
    expect(body).toContain('28. November 2026');
    expectNoRawKeys(body);
  });

  it('lists configured barriers in the reader’s language and drops the video once configured', async () => {
    const configured = await buildTestApp({
      municipality: {
        signLanguageVideoUrl: 'https://video.example.org/dgs',
        accessibility: {
          ...t.config.municipality.accessibility,
          conformance: 'full',
          evaluation: 'external-audit',
          knownIssues: [{ de: 'Alte PDF-Formulare sind nicht getaggt.', en: 'Old PDF forms are not tagged.' }],
        },
      },
      db: t.db,
    });
    const en = await page(configured, '/barrierefreiheit?lang=en');
    expect(en.body).toContain('Accessibility statement</h1>');
    expect(en.body).toContain('fully compliant');
    expect(en.body).toContain('independent testing body');
    expect(en.body).toContain('Old PDF forms are not tagged.');
    expect(en.body).not.toContain('still missing');
    expect(en.body).toContain('28 November 2026');
    expectNoRawKeys(en.body);
    await configured.close();
  });
});
