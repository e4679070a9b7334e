import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { openForm } from '../../test/factories/report-form.js';

// Errors Fastify raises before any route runs (router: over-long path parameter, broken URL encoding; body
// parsers: malformed multipart) got Fastify's own JSON or a 500. They answer like every other error now.

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const long = 'a'.repeat(5000);
const problem = 'application/problem+json; charset=utf-8';
const html = 'text/html; charset=utf-8';

describe('framework errors', () => {
  it.each([
    { url: `/meldungen/${long}`, status: 414, code: 'uri_too_long', title: 'Adresse zu lang' },
    { url: '/meldungen/%E0%A4%A', status: 400, code: 'bad_request', title: 'Ungültige Anfrage' },
    { url: `/admin/meldungen/${long}`, status: 414, code: 'uri_too_long', title: 'Adresse zu lang' },
  ])('a page $url answers $status with the HTML error page', async ({ url, status, title }) => {
    const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toBe(html);
    expect(res.body).toContain(`<h1 class="kern-heading-large">${title}</h1>`);
    expect(res.body).not.toContain('FST_');
    expect(res.headers['content-security-policy']).toContain("style-src 'self'");
  });

  it.each([
    { url: `/open311/v2/requests/${long}.json`, status: 414, code: 'uri_too_long' },
    { url: `/meldungen/${long}`, status: 414, code: 'uri_too_long' },
    { url: '/api/reports/%E0%A4%A', status: 400, code: 'bad_request' },
    { url: '/open311/v2/requests/%E0%A4%A.json', status: 400, code: 'bad_request' },
  ])('an API or non-browser request $url answers $status as problem+json', async ({ url, status, code }) => {
    const res = await t.app.inject({ url, headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toBe(problem);
    expect(res.json()).toMatchObject({ status, code, type: `urn:buergerservice:problem:${code}` });
    expect(res.body).not.toContain('FST_');
  });

  it('a malformed multipart body is a 400, not a 500, for the API and for a page', async () => {
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: { accept: 'application/json', 'content-type': 'multipart/form-data' },
      payload: 'x',
    });
    expect(api.statusCode).toBe(400);
    expect(api.headers['content-type']).toBe(problem);
    expect(api.json()).toMatchObject({ status: 400, code: 'bad_request' });

    const form = await openForm(t);
    const page = await t.app.inject({
      method: 'POST',
      url: '/melden/schritt',
      headers: { accept: 'text/html', 'content-type': 'multipart/form-data', cookie: form.cookie },
      payload: 'x',
    });
    expect(page.statusCode).toBe(400);
    expect(page.headers['content-type']).toBe(html);
    expect(page.body).toContain('Ungültige Anfrage');
  });
});
