import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/app.js';
import { openForm, postForm } from '../../test/factories/report-form.js';
import { createReport } from '../../test/factories/reports.js';
import { buildReportsApp } from '../../test/factories/reports-core.js';

// Bad input never gets a 5xx (issue 7 §2): every report page, JSON report API and Open311 route, fired with
// impossible dates, reversed ranges, huge pages, broken coordinates and boxes, over-long strings, unknown values,
// bad ids, wrong content types, empty bodies and lists where strings belong. APIs answer a problem, Open311 its
// GeoReport error list, pages an HTML page with a message.

let t: TestApp;
let reference = '';
beforeAll(async () => {
  t = await buildReportsApp({ RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '100000', RATE_LIMIT_API_PER_MINUTE: '100000' });
  reference = (await createReport(t.deps, { publicDescription: 'Öffentlich' })).reference;
});
afterAll(() => t.close());

type Kind = 'api' | 'page' | 'open311';
interface Probe {
  kind: Kind;
  /** Refused by Fastify's router before any scope (414 JSON): only "no 5xx" is checked. */
  router?: boolean;
  method?: 'GET' | 'POST';
  url: string;
  body?: string;
  type?: string;
}

const long = 'x'.repeat(5000);
const badQueries = [
  'from=0000-01-01',
  'from=2026-13-45',
  'to=9999-99-99',
  'from=2026-05-01&to=2026-01-01',
  'from=2026-02-30',
  'status=kaputt',
  'status=received&status=done',
  'category[]=x',
  `category=${long}`,
  'lang=xx',
  'q=%00',
];
const pagedQueries = ['page=0', 'page=-1', 'page=99999999999', 'page=1e400', 'page=NaN', 'pageSize=0', 'pageSize=1e9'];
const bboxQueries = ['bbox=a,b,c,d', 'bbox=1,2,3', 'bbox=NaN,NaN,NaN,NaN', 'bbox=-999,-999,999,999', `bbox=${long}`];
const pointQueries = [
  'category=wilder-muell&lat=abc&lon=8.5',
  'category=wilder-muell&lat=-91&lon=8.5',
  'category=wilder-muell&lat=52&lon=1e308',
  'category=wilder-muell&lat=NaN&lon=NaN',
  'category=wilder-muell&lat=52&lon=8.5&radius=-5',
  'category=wilder-muell&lat=52&lon=8.5&radius=1e12',
  'lat=52&lon=8.5',
];

const probes: Probe[] = [
  ...[...badQueries, ...pagedQueries].map((q): Probe => ({ kind: 'api', url: `/api/reports?${q}` })),
  ...[...badQueries, ...bboxQueries].map((q): Probe => ({ kind: 'api', url: `/api/reports/map.geojson?${q}` })),
  ...pointQueries.map((q): Probe => ({ kind: 'api', url: `/api/reports/nearby?${q}` })),
  { kind: 'api', url: '/api/reports/categories?lang=xx' },
  { kind: 'api', url: `/api/landmarks?q=${long}` },
  { kind: 'api', url: '/api/landmarks?limit=-1' },
  { kind: 'api', method: 'POST', url: '/api/reports', body: '', type: 'multipart/form-data; boundary=x' },
  { kind: 'api', method: 'POST', url: '/api/reports', body: '{"category":["a"]}', type: 'application/json' },
  { kind: 'api', method: 'POST', url: '/api/reports', body: 'category=a', type: 'text/plain' },
  { kind: 'api', method: 'POST', url: '/api/reports/BI-2026-999999/supporters', body: '{}', type: 'application/json' },
  { kind: 'api', method: 'POST', url: '/api/reports/kaputt/supporters', body: '{}', type: 'application/json' },
  {
    kind: 'api',
    method: 'POST',
    url: '/api/reports/BI-2026-000001/supporters',
    body: '{"email":["a@b.de"],"altcha":["x"]}',
    type: 'application/json',
  },
  { kind: 'api', method: 'POST', url: '/api/reports/BI-2026-000001/supporters', body: '', type: 'application/json' },
  { kind: 'api', method: 'POST', url: '/api/reports/unsubscribe/kaputt', body: '', type: 'text/plain' },
  ...[...badQueries, ...pagedQueries].map((q): Probe => ({ kind: 'page', url: `/meldungen?${q}` })),
  ...[...badQueries, ...bboxQueries].map((q): Probe => ({ kind: 'page', url: `/meldungen/karte?${q}` })),
  { kind: 'page', url: '/meldungen/BI-2026-999999' },
  { kind: 'page', url: `/meldungen/${long}`, router: true },
  { kind: 'page', url: '/meldungen/%00' },
  { kind: 'page', url: '/meldungen/status/kaputt' },
  { kind: 'page', url: `/meldungen/status/${'A'.repeat(43)}` },
  { kind: 'page', url: '/meldungen/abbestellen/kaputt' },
  { kind: 'page', url: '/meldungen/bestaetigen/m1-kaputt' },
  { kind: 'page', url: `/meldungen/bestaetigen/m99999999999999999-${'A'.repeat(43)}` },
  { kind: 'page', url: '/melden/unterstuetzt?meldung=kaputt' },
  { kind: 'page', url: '/melden?category[]=x' },
  { kind: 'page', url: `/melden?category=${long}` },
  ...[
    'updated_after=0000-01-01',
    'start_date=kaputt',
    'start_date=2026-05-01T00:00:00Z&end_date=2026-01-01T00:00:00Z',
    'status=kaputt',
    'page=-1',
    'page_size=1e9',
    'bbox=a,b,c,d',
    'lat=NaN&long=NaN',
    `service_code=${long}`,
    'service_request_id=x,y,%00',
  ].map((q): Probe => ({ kind: 'open311', url: `/open311/v2/requests.json?${q}` })),
  { kind: 'open311', url: '/open311/v2/requests/kaputt.json' },
  { kind: 'open311', url: '/open311/v2/requests/BI-2026-999999.xml' },
  { kind: 'open311', url: `/open311/v2/services/${long}.json` },
  { kind: 'open311', url: '/open311/v2/services.txt' },
  { kind: 'open311', url: '/open311/v2/tokens/x.json' },
  {
    kind: 'open311',
    method: 'POST',
    url: '/open311/v2/requests.json',
    body: '',
    type: 'application/x-www-form-urlencoded',
  },
  {
    kind: 'open311',
    method: 'POST',
    url: '/open311/v2/requests.json',
    body: '{"api_key":1}',
    type: 'application/json',
  },
  {
    kind: 'open311',
    method: 'POST',
    url: '/open311/v2/requests.json',
    body: 'api_key=x&api_key=y&lat=NaN&long=1e999',
    type: 'application/x-www-form-urlencoded',
  },
];

async function fire(p: Probe) {
  return t.app.inject({
    method: p.method ?? 'GET',
    url: p.url,
    headers: {
      accept: p.kind === 'page' ? 'text/html' : 'application/json',
      ...(p.type ? { 'content-type': p.type } : {}),
    },
    ...(p.body !== undefined ? { payload: p.body } : {}),
  });
}

describe('bad input never gets a 5xx', () => {
  it.each(probes.map((p) => [`${p.method ?? 'GET'} ${p.url.slice(0, 120)}`, p] as const))('%s', async (_name, p) => {
    const res = await fire(p);
    expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
    if (p.router) return;
    const type = String(res.headers['content-type']);
    if (p.kind === 'api' && res.statusCode >= 400) expect(type).toContain('application/problem+json');
    if (p.kind === 'page') {
      expect(type).toContain('text/html');
      expect(res.body).toMatch(/<h1/);
    }
    if (p.kind === 'open311' && res.statusCode >= 400) expect(type).toMatch(/json|xml/);
  });

  it('asks for a valid date range instead of listing: from after to', async () => {
    const api = await fire({ kind: 'api', url: '/api/reports?from=2026-05-01&to=2026-01-01' });
    expect(api.statusCode).toBe(400);
    const old = await fire({ kind: 'api', url: '/api/reports?from=0000-01-01' });
    expect(old.statusCode).toBe(400);
  });

  it('the report form steps and support answer bad bodies with the form or a page, never a 5xx', async () => {
    const s = await openForm(t);
    for (const url of ['/melden/schritt', '/melden/unterstuetzen', '/melden']) {
      const bodies: Record<string, string | string[]>[] = [
        {},
        { category: ['a', 'b'] },
        { lat: 'NaN', lon: '1e999', step: 'location' },
      ];
      for (const fields of bodies) {
        const res = await postForm(t, s, url, { supportReference: reference, ...fields });
        expect(res.statusCode, `${url} ${JSON.stringify(fields)}`).toBeLessThan(500);
        expect(String(res.headers['content-type'] ?? 'text/html')).toContain('text/html');
      }
    }
  });
});
