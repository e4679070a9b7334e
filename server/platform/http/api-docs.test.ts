import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('API documentation', () => {
  it('lists every documented operation on an HTML page', async () => {
    const res = await t.app.inject({ url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    for (const path of Object.keys(doc.paths)) expect(res.body).toContain(path.replaceAll('{', '{'));
    expect(res.body).toContain('GET /health');
  });

  it('turns a try-it form into the real request', async () => {
    const res = await t.app.inject({ url: '/api/docs/try?operation=GET%20%2Fhealth' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/health');
  });

  it('rejects unknown operations with problem+json', async () => {
    const res = await t.app.inject({ url: '/api/docs/try?operation=GET%20%2Fnope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });
});
