import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { apiTextTranslator } from './api-docs.js';

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

  it('marks no parameter with a default as required (limit on /api/addresses), in any operation', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<
          string,
          { parameters?: { name: string; in: string; required?: boolean; schema?: { default?: unknown } }[] }
        >
      >;
    };
    const limit = doc.paths['/api/addresses']?.get?.parameters?.find((p) => p.name === 'limit');
    expect(limit?.schema?.default).toBeDefined();
    expect(limit?.required).not.toBe(true);
    expect(doc.paths['/api/addresses']?.get?.parameters?.find((p) => p.name === 'q')?.required).toBe(true);
    const wrong: string[] = [];
    const visit = (node: unknown, where: string): void => {
      if (Array.isArray(node)) {
        node.forEach((x, i) => {
          visit(x, `${where}[${i}]`);
        });
        return;
      }
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      const schema = o.schema as { default?: unknown } | undefined;
      if (typeof o.in === 'string' && o.in !== 'path' && o.required === true && schema?.default !== undefined) {
        wrong.push(`${where} ${String(o.name)}`);
      }
      if (Array.isArray(o.required) && o.properties && typeof o.properties === 'object') {
        const props = o.properties as Record<string, { default?: unknown }>;
        for (const name of o.required as string[])
          if (props[name]?.default !== undefined) wrong.push(`${where}.${name}`);
      }
      for (const [k, v] of Object.entries(o)) visit(v, `${where}.${k}`);
    };
    visit(doc.paths, 'paths');
    expect(wrong).toEqual([]);
  });

  it('is in one language per request: every operation text has a German translation, the English page has none', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<string, { summary?: string; description?: string; parameters?: { description?: string }[] }>
      >;
    };
    const texts = Object.values(doc.paths)
      .flatMap((item) => Object.values(item))
      .flatMap((op) => [op.summary, op.description, ...(op.parameters ?? []).map((p) => p.description)])
      .filter((x): x is string => Boolean(x));
    expect(texts.length).toBeGreaterThan(50);
    const de = apiTextTranslator('de');
    // A new or changed English text needs its line in server/locales/de/openapi/texts.json.
    expect(texts.filter((x) => de(x).lang === 'en')).toEqual([]);
    const german = await t.app.inject({ url: '/api/docs', headers: { cookie: 'lang=de' } });
    // The language switch is English on purpose; the main part has nothing in English.
    const main = german.body.slice(german.body.indexOf('<main'), german.body.indexOf('</main>'));
    expect(main).toContain('GET /api/addresses');
    expect(main).not.toContain('lang="en"');
    expect(german.body).toContain('Adressen suchen');
    expect(german.body).toContain('>Mängelmelder</a>');
    const english = await t.app.inject({ url: '/api/docs?lang=en' });
    expect(english.body).toContain('Search addresses');
    expect(english.body).not.toContain('Adressen suchen');
    expect(english.body).toContain('>Defect reports</a>');
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
