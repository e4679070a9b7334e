import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { discoverySchema, errorListSchema, serviceDefinitionSchema, serviceListSchema } from './schemas.js';
import { seedOpen311Categories } from './test-data.js';
import { errors, get, json, xml } from './test-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await seedOpen311Categories(t.deps);
});
afterAll(() => t?.close());

const serviceFields = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];

describe('GET services', () => {
  it('lists the selectable categories in JSON: codes, names, groups, keywords, metadata', async () => {
    const services = json<Record<string, unknown>[]>(await get(t, '/open311/v2/services.json'), 200, serviceListSchema);
    expect(services.map((s) => s.service_code)).toEqual(['wilder-muell', 'falschparker', 'beleuchtung']);
    expect(services[0]).toEqual({
      service_code: 'wilder-muell',
      service_name: 'Wilder Müll',
      description: null,
      metadata: true,
      type: 'realtime',
      keywords: null,
      group: 'Sauberkeit',
    });
    expect(services[2]).toMatchObject({
      service_name: 'Straßenbeleuchtung',
      description: 'Defekte Laterne & Co.',
      metadata: false,
      keywords: 'Laterne, Licht',
      group: null,
    });
    for (const s of services) expect(Object.keys(s)).toEqual(serviceFields);
  });

  it('answers the same list as XML: declaration, <services>, one <service> each, escaped text', async () => {
    const res = await get(t, '/open311/v2/services.xml');
    expect(res.body).toContain('<description>Defekte Laterne &amp; Co.</description>');
    const { service } = xml<{ service: Record<string, string>[] }>(res, 200, 'services');
    expect(service.map((s) => s.service_code)).toEqual(['wilder-muell', 'falschparker', 'beleuchtung']);
    for (const s of service) expect(Object.keys(s)).toEqual(serviceFields);
    expect(service[0]).toMatchObject({ metadata: 'true', type: 'realtime', group: 'Sauberkeit', description: '' });
    expect(service[2]).toMatchObject({ metadata: 'false', keywords: 'Laterne, Licht' });
  });

  it('speaks English with ?locale=en or Accept-Language, German by default', async () => {
    const en = json<{ service_name: string; group: string | null }[]>(
      await get(t, '/open311/v2/services.json?locale=en'),
      200,
    );
    expect(en[0]).toMatchObject({ service_name: 'Fly-tipping', group: 'Cleanliness' });
    const header = await get(t, '/open311/v2/services.json', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(header.headers['content-language']).toBe('en');
    expect(json<{ service_name: string }[]>(header, 200)[1]?.service_name).toBe('Illegal parking');
    const plain = await get(t, '/open311/v2/services.json');
    expect(plain.headers['content-language']).toBe('de');
  });

  it('ignores unknown arguments, accepts our jurisdiction ids (key, ARS, domain; empty = absent), 404 for others', async () => {
    const m = t.config.municipality;
    expect((await get(t, '/open311/v2/services.json?api_key=egal&device_id=x')).statusCode).toBe(200);
    for (const id of [m.id, m.ars, 'bielefeld.de', 'www.bielefeld.de', 'localhost', '']) {
      expect((await get(t, `/open311/v2/services.json?jurisdiction_id=${id}`)).statusCode, id).toBe(200);
    }
    const [json404] = errors(await get(t, '/open311/v2/services.json?jurisdiction_id=sfgov.org'), 404);
    expect(json404).toBe('jurisdiction_id: Die jurisdiction_id „sfgov.org“ wird hier nicht bedient.');
    const [xml404] = errors(await get(t, '/open311/v2/services.xml?jurisdiction_id=sfgov.org&locale=en'), 404);
    expect(xml404).toBe('jurisdiction_id: The jurisdiction_id “sfgov.org” is not served here.');
  });

  it('is public open data: CORS for any origin, no cookies, no page headers', async () => {
    const res = await get(t, '/open311/v2/services.json', { cookie: 'bs_session=x; lang=en' });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-language']).toBe('de');
  });
});

describe('GET service definition', () => {
  it('gives the questions as attributes in JSON with values for lists', async () => {
    const def = json<{ service_code: string; attributes: Record<string, unknown>[] }>(
      await get(t, '/open311/v2/services/wilder-muell.json'),
      200,
      serviceDefinitionSchema,
    );
    expect(def.service_code).toBe('wilder-muell');
    expect(def.attributes.map((a) => [a.code, a.datatype, a.required, a.order])).toEqual([
      ['art', 'singlevaluelist', true, 1],
      ['stoffe', 'multivaluelist', false, 2],
      ['menge', 'number', false, 3],
      ['gesehen', 'datetime', false, 4],
    ]);
    expect(def.attributes[0]).toEqual({
      variable: true,
      code: 'art',
      datatype: 'singlevaluelist',
      required: true,
      datatype_description: 'Genau einer der Werte (key) aus der Liste.',
      order: 1,
      description: 'Was liegt dort?',
      values: [
        { key: 'sperrmuell', name: 'Sperrmüll' },
        { key: 'bauschutt', name: 'Bauschutt' },
      ],
    });
    expect(def.attributes[1]?.datatype_description).toBe('Alles Zutreffende');
    expect(def.attributes[2]).not.toHaveProperty('values');
  });

  it('answers XML with <service_definition>, <attributes>/<attribute> and <values>/<value>', async () => {
    const def = xml<{ service_code: string; attributes: { attribute: Record<string, unknown>[] } }>(
      await get(t, '/open311/v2/services/wilder-muell.xml?locale=en'),
      200,
      'service_definition',
    );
    expect(def.service_code).toBe('wilder-muell');
    const [art, stoffe] = def.attributes.attribute;
    expect(Object.keys(art ?? {})).toEqual([
      'variable',
      'code',
      'datatype',
      'required',
      'datatype_description',
      'order',
      'description',
      'values',
    ]);
    expect(stoffe?.values).toEqual({
      value: [
        { key: 'oel', name: 'Oil' },
        { key: 'farbe', name: 'Paint & varnish' },
        { key: 'reifen', name: 'Tyres' },
      ],
    });
  });

  it('gives an empty attribute list for a category without questions', async () => {
    const def = json(await get(t, '/open311/v2/services/beleuchtung.json'), 200, serviceDefinitionSchema);
    expect(def).toEqual({ service_code: 'beleuchtung', attributes: [] });
    const res = await get(t, '/open311/v2/services/beleuchtung.xml');
    expect(xml(res, 200, 'service_definition')).toEqual({ service_code: 'beleuchtung', attributes: '' });
  });

  it('answers 404 for unknown, inactive and group codes', async () => {
    for (const code of ['gibt-es-nicht', 'abgeschafft', 'alt-muell', 'sauberkeit']) {
      const [description] = errors(await get(t, `/open311/v2/services/${code}.json`), 404);
      expect(description).toBe(`service_code: Es gibt keinen Dienst mit dem service_code „${code}“.`);
      errors(await get(t, `/open311/v2/services/${code}.xml`), 404);
    }
  });
});

describe('discovery, tokens and unknown paths', () => {
  it('publishes the discovery document in JSON and XML', async () => {
    const doc = json<{ endpoints: { url: string; formats: string[]; type: string }[]; contact: string }>(
      await get(t, '/open311/discovery.json'),
      200,
      discoverySchema,
    );
    expect(doc.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: `${t.config.publicUrl}/open311/v2`,
      type: 'test',
      formats: ['text/xml', 'application/json'],
    });
    expect(doc.contact).toContain(t.config.municipality.contact.email);
    const x = xml<{ endpoints: { endpoint: { formats: { format: string[] } }[] }; changeset: string }>(
      await get(t, '/open311/discovery.xml'),
      200,
      'discovery',
    );
    expect(x.endpoints.endpoint[0]?.formats.format).toEqual(['text/xml', 'application/json']);
    expect(x.changeset).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('moves the discovery changeset when a category changes', async () => {
    const before = json<{ changeset: string }>(await get(t, '/open311/discovery.json'), 200).changeset;
    await t.db.query(
      `UPDATE report_categories SET updated_at = now() + interval '1 hour' WHERE municipality_id = $1 AND code = $2`,
      [t.config.municipality.id, 'beleuchtung'],
    );
    const after = json<{ changeset: string }>(await get(t, '/open311/discovery.json'), 200).changeset;
    expect(new Date(after).getTime()).toBeGreaterThan(new Date(before).getTime());
  });

  it('issues no tokens: every token is 404, in both formats', async () => {
    const [description] = errors(await get(t, '/open311/v2/tokens/12345.json'), 404);
    expect(description).toContain('token: Den Token „12345“ gibt es nicht');
    errors(await get(t, '/open311/v2/tokens/12345.xml'), 404);
  });

  it('answers unknown paths and formats with GeoReport errors (XML unless .json)', async () => {
    json(await get(t, '/open311/v2/nothing.json'), 404, errorListSchema);
    errors(await get(t, '/open311/v2/services'), 404);
    const [format] = errors(await get(t, '/open311/v2/services.csv'), 404);
    expect(format).toBe('format: Das Format „csv“ wird nicht unterstützt; bitte .json oder .xml verwenden.');
    errors(await get(t, '/open311/v2/requests/BI-2026-000001.yaml'), 404);
  });

  it('lists the routes in the OpenAPI document under the tag open311', async () => {
    const doc = (await get(t, '/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/open311/'));
    expect(paths.sort()).toEqual([
      '/open311/discovery.{format}',
      '/open311/v2/requests.{format}',
      '/open311/v2/requests/{id}.{format}',
      '/open311/v2/services.{format}',
      '/open311/v2/services/{code}.{format}',
      '/open311/v2/tokens/{token}.{format}',
    ]);
    expect(doc.paths['/open311/v2/requests.{format}']?.post?.tags).toEqual(['open311']);
  });
});
