import { Type as T } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';

let t: TestApp;
let stored: unknown[] = [];
beforeAll(async () => {
  t = await buildTestApp({
    env: { BODY_LIMIT_BYTES: '2048' },
    extend: {
      api: (app) => {
        // A probe route with a strict schema, standing for any JSON write endpoint.
        app.post(
          '/api/probe',
          {
            schema: {
              body: T.Object({ name: T.String({ minLength: 1 }), count: T.Integer() }, { additionalProperties: false }),
            },
          },
          async (request) => {
            stored.push(request.body);
            return { ok: true };
          },
        );
      },
      pages: (app) => {
        app.post('/probe-form', async (request) => {
          stored.push(request.body);
          return { ok: true };
        });
      },
    },
  });
});
afterAll(() => t.close());

const problem = (res: { headers: Record<string, unknown>; json(): Record<string, unknown> }) => {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  return res.json();
};

describe('security baseline', () => {
  it('sends a strict CSP without inline script, frame-ancestors none and a referrer policy', async () => {
    const res = await t.app.inject({ url: '/' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS when served over https', async () => {
    const https = await buildTestApp({ env: { PUBLIC_URL: 'https://service.example' } });
    const res = await https.app.inject({ url: '/' });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    await https.close();
  });

  it('compresses HTML', async () => {
    const res = await t.app.inject({ url: '/', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.headers['content-encoding']).toMatch(/br|gzip/);
  });
});

describe('bad input on JSON endpoints', () => {
  it('answers malformed JSON with 400 invalid_json', async () => {
    stored = [];
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/probe',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "x",',
    });
    expect(res.statusCode).toBe(400);
    expect(problem(res)).toMatchObject({ code: 'invalid_json', status: 400 });
    expect(stored).toEqual([]);
  });

  it('answers an oversize body with 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/probe',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(5000), count: 1 }),
    });
    expect(res.statusCode).toBe(413);
    expect(problem(res).code).toBe('payload_too_large');
    expect(stored).toEqual([]);
  });

  it('names unknown and wrongly typed fields', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/probe',
      payload: { name: 'x', count: 'many', colour: 'red' },
    });
    expect(res.statusCode).toBe(400);
    const body = problem(res);
    expect(body.code).toBe('validation_failed');
    const fields = (body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['colour', 'count']));
    expect(stored).toEqual([]);
  });

  it('accepts a valid body', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/probe', payload: { name: 'x', count: 2 } });
    expect(res.statusCode).toBe(200);
    expect(stored).toEqual([{ name: 'x', count: 2 }]);
    stored = [];
  });

  it('rejects a form post without CSRF token and stores nothing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/probe-form',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: 'name=x',
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('<html');
    expect(stored).toEqual([]);
  });

  it('rejects a non-JSON API write that carries a session cookie', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/probe',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      cookies: { bs_session: 'anything' },
      payload: 'name=x&count=1',
    });
    expect(res.statusCode).toBe(415);
    expect(stored).toEqual([]);
  });

  it('never shows internals on a 500', async () => {
    const broken = await buildTestApp({
      extend: {
        api: (app) =>
          app.get('/api/broken', async () => {
            throw new Error('secret detail: connection string postgres://u:p@h');
          }),
      },
    });
    const res = await broken.app.inject({ url: '/api/broken' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret');
    expect(problem(res)).toMatchObject({ code: 'internal', title: 'An internal error occurred' });
    await broken.close();
  });
});
