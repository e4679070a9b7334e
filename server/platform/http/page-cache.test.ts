import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderateText } from '../../features/reports/backoffice/moderation-service.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { createCategory, createReport } from '../../test/factories/reports.js';
import { createStaff } from '../../test/factories/users.js';
import { sessionCookieName } from '../auth/sessions.js';
import { pageContext } from '../views/context.js';
import { pageCache } from './response-cache.js';

// Anonymous pages that are the same for every visitor (start, legal and public report pages) are rendered once per
// URL and language; a page with a CSRF token, an answer that sets a cookie and a staff session never share one.

let t: TestApp;
let rendered = 0;
const probe = { config: { responseCache: pageCache('probe') } };

function probes(pages: FastifyInstance): void {
  pages.get('/test/cached', probe, async (_request, reply) => reply.type('text/html').send(`<p>${++rendered}</p>`));
  pages.get('/test/token', probe, async (request, reply) => {
    const ctx = pageContext(request, reply);
    return reply.type('text/html').send(`<p>${++rendered} ${ctx.csrfToken()}</p>`);
  });
  pages.get('/test/cookie', probe, async (_request, reply) =>
    reply.type('text/html').header('set-cookie', 'x=1; Path=/').send(`<p>${++rendered}</p>`),
  );
}

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

beforeAll(async () => {
  t = await buildTestApp({ extend: { pages: probes } });
});
afterAll(() => t.close());

describe('the page cache', () => {
  it('serves the start and legal pages rendered once per language, with an ETag to revalidate', async () => {
    for (const url of ['/', '/impressum', '/datenschutz', '/barrierefreiheit', '/leichte-sprache']) {
      const de = await get(url);
      expect(de.statusCode, url).toBe(200);
      expect(de.headers['set-cookie'], url).toBeUndefined();
      expect(de.headers['cache-control'], url).toBe('no-cache');
      expect(de.headers['content-security-policy'], url).toContain("script-src 'self'");
      expect(de.headers['content-language'], url).toBe('de');
      const etag = String(de.headers.etag);
      expect((await get(url, { 'if-none-match': etag })).statusCode, url).toBe(304);
      const en = await get(url, { cookie: 'lang=en' });
      expect(en.headers['content-language'], url).toBe('en');
      expect(en.headers.etag, url).not.toBe(etag);
      expect((await get(url, { 'accept-language': 'en-GB,en' })).body, url).toBe(en.body);
      const again = await get(url);
      expect(again.body, url).toBe(de.body);
      expect(again.headers['content-security-policy'], url).toBe(de.headers['content-security-policy']);
    }
    expect((await get('/', { cookie: 'lang=en' })).body).toContain('lang="en"');
    expect((await get('/')).body).toContain('lang="de"');
  });

  it('renders a page once for anonymous visitors', async () => {
    const first = await get('/test/cached');
    expect((await get('/test/cached')).body).toBe(first.body);
    // A ?lang= choice sets the language cookie: that answer is sent, never stored for others.
    const chosen = await get('/test/cached?lang=en');
    expect(chosen.headers['set-cookie']).toContain('lang=en');
    expect((await get('/test/cached?lang=en', { cookie: 'lang=en' })).body).not.toBe(chosen.body);
  });

  it('never stores a page with a CSRF token or one that sets a cookie, nor serves one to a staff session', async () => {
    const a = await get('/test/token');
    const b = await get('/test/token');
    expect(a.body).not.toBe(b.body);
    expect(a.headers.etag).toBeUndefined();
    const c = await get('/test/cookie');
    expect((await get('/test/cookie')).body).not.toBe(c.body);
    const cached = (await get('/test/cached')).body;
    expect((await get('/test/cached', { cookie: `${sessionCookieName}=abc` })).body).not.toBe(cached);
  });

  it('shows a report change on the public pages at once', async () => {
    const categoryId = await createCategory(t.deps, { code: 'seite' });
    const report = await createReport(t.deps, { categoryId, publicDescription: 'Erste Fassung.' });
    const url = `/meldungen/${report.reference}`;
    expect((await get(url)).body).toContain('Erste Fassung.');
    expect((await get('/meldungen')).body).toContain(report.reference);
    const staff = await createStaff(t, { role: 'bsc_agent' });
    const actor = {
      id: staff.id,
      municipalityId: t.config.municipality.id,
      email: staff.email,
      displayName: 'BSC',
      role: 'bsc_agent' as const,
      departmentIds: [],
    };
    await moderateText(t.deps, actor, report.id, { publicDescription: 'Zweite Fassung.' });
    const after = await get(url);
    expect(after.body).toContain('Zweite Fassung.');
    expect(after.body).not.toContain('Erste Fassung.');
  });
});
