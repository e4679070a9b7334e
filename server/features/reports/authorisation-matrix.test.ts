import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { seedTestAddresses } from '../../test/factories/addresses.js';
import {
  createCategory,
  createExternalBody,
  createReport,
  createTestDepartment,
  type TestReportOverrides,
} from '../../test/factories/reports.js';
import { createStaff, getPage, login, loginForm, postForm } from '../../test/factories/users.js';

/**
 * Every role × every back-office page and action of the Mängelmelder, as a table: allowed (2xx or a redirect to
 * where the action leads), forbidden (403) or, signed out, sent to the login. Each cell gets its own fresh report
 * (or rule, template, body), so an allowed action really runs; a refused one must leave everything as it was.
 */

const roles = ['admin', 'bsc', 'staffA', 'staffB', 'editor', 'analyst', 'anonymous'] as const;
type Role = (typeof roles)[number];
type Outcome = 'ok' | 'forbidden' | 'login';
type Session = { cookie: string; csrf: string };

const allow = (...allowed: Role[]): Record<Role, Outcome> =>
  Object.fromEntries(
    roles.map((r) => [r, r === 'anonymous' ? 'login' : allowed.includes(r) ? 'ok' : 'forbidden']),
  ) as Record<Role, Outcome>;

const inbox = allow('admin', 'bsc', 'staffA', 'staffB');
const work = allow('admin', 'bsc', 'staffA');
const backOffice = allow('admin', 'bsc');
const adminOnly = allow('admin');
const templates = allow('admin', 'bsc');

let t: TestApp;
let sessions: Record<Role, Session>;
let deptA: number;
let deptB: number;
let categoryId: number;

beforeAll(async () => {
  t = await buildTestApp();
  await seedTestAddresses(t.deps);
  deptA = await createTestDepartment(t.deps, 'Umweltbetrieb');
  deptB = await createTestDepartment(t.deps, 'Amt für Verkehr');
  categoryId = await createCategory(t.deps, { code: 'wilder-muell' });
  const as = async (role: Parameters<typeof createStaff>[1]) => login(t, await createStaff(t, role));
  sessions = {
    admin: await as({ role: 'admin' }),
    bsc: await as({ role: 'bsc_agent' }),
    staffA: await as({ role: 'department_staff', departmentIds: [deptA] }),
    staffB: await as({ role: 'department_staff', departmentIds: [deptB] }),
    editor: await as({ role: 'editor' }),
    analyst: await as({ role: 'analyst' }),
    // Signed out, but with a valid CSRF cookie and token, so only the missing session decides.
    anonymous: await loginForm(t),
  };
});
afterAll(() => t.close());

interface Request {
  url: string;
  fields?: Record<string, string>;
}

interface Case {
  name: string;
  method: 'GET' | 'POST';
  expected: Record<Role, Outcome>;
  prepare(): Promise<Request>;
}

/** A report with department A (forwarded unless said otherwise), one photo. */
const reportA = (o: TestReportOverrides = {}) =>
  createReport(t.deps, { categoryId, departmentId: deptA, status: 'forwarded', photos: 1, ...o });

async function photoOf(reportId: number): Promise<number> {
  const { rows } = await t.db.query<{ id: number }>('SELECT id FROM report_photos WHERE report_id = $1', [reportId]);
  return rows[0]!.id;
}

async function newRule(): Promise<number> {
  const category = await createCategory(t.deps);
  const { rows } = await t.db.query<{ id: number }>(
    `INSERT INTO report_routing_rules (municipality_id, category_id, department_id) VALUES ($1, $2, $3) RETURNING id`,
    [t.config.municipality.id, category, deptA],
  );
  return rows[0]!.id;
}

async function newTemplate(): Promise<number> {
  const { rows } = await t.db.query<{ id: number }>(
    `INSERT INTO report_note_templates (municipality_id, status, title, body) VALUES ($1, 'done', 'Erledigt',
     '{"de": "Erledigt."}') RETURNING id`,
    [t.config.municipality.id],
  );
  return rows[0]!.id;
}

const unique = () => randomBytes(3).toString('hex');
const on =
  (path: string, o: TestReportOverrides = {}, fields: Record<string, string> = {}) =>
  async () => {
    const r = await reportA(o);
    return { url: `/admin/meldungen/${r.id}/${path}`, fields };
  };

const cases: Case[] = [
  { name: 'GET inbox', method: 'GET', expected: inbox, prepare: async () => ({ url: '/admin/meldungen' }) },
  {
    name: 'GET overdue list',
    method: 'GET',
    expected: inbox,
    prepare: async () => ({ url: '/admin/meldungen/ueberfaellig' }),
  },
  {
    name: 'GET map data',
    method: 'GET',
    expected: inbox,
    prepare: async () => ({ url: '/admin/meldungen/karte.geojson?bbox=8.5,52,8.56,52.06' }),
  },
  {
    name: 'GET report detail',
    method: 'GET',
    expected: work,
    prepare: async () => ({ url: `/admin/meldungen/${(await reportA()).id}` }),
  },
  {
    name: 'GET photo',
    method: 'GET',
    expected: work,
    prepare: async () => {
      const r = await reportA();
      return { url: `/admin/meldungen/${r.id}/fotos/${await photoOf(r.id)}` };
    },
  },
  {
    name: 'POST forward',
    method: 'POST',
    expected: backOffice,
    prepare: async () => on('weiterleiten', {}, { departmentId: String(deptB) })(),
  },
  { name: 'POST accept', method: 'POST', expected: work, prepare: on('annehmen') },
  { name: 'POST return', method: 'POST', expected: work, prepare: on('zurueckgeben', {}, { reason: 'Nicht unseres' }) },
  { name: 'POST in progress', method: 'POST', expected: work, prepare: on('in-bearbeitung', { status: 'accepted' }) },
  {
    name: 'POST done',
    method: 'POST',
    expected: work,
    prepare: on('erledigt', { status: 'accepted' }, { note: 'Erledigt.' }),
  },
  {
    name: 'POST reject',
    method: 'POST',
    expected: work,
    prepare: on('ablehnen', { status: 'accepted' }, { note: 'Privatgrund.' }),
  },
  {
    name: 'POST external',
    method: 'POST',
    expected: work,
    prepare: async () => {
      const body = await createExternalBody(t.deps, `Bahn ${unique()}`);
      return on('extern', { status: 'accepted' }, { externalBodyId: String(body), note: 'Bahn.' })();
    },
  },
  { name: 'POST reopen', method: 'POST', expected: backOffice, prepare: on('wiedereroeffnen', { status: 'done' }) },
  { name: 'POST public note', method: 'POST', expected: work, prepare: on('oeffentliche-notiz', {}, { note: 'Info' }) },
  { name: 'POST internal note', method: 'POST', expected: work, prepare: on('notiz', {}, { note: 'Intern' }) },
  {
    name: 'POST merge',
    method: 'POST',
    expected: backOffice,
    prepare: async () => {
      const target = await createReport(t.deps, { categoryId });
      return on('zusammenfuehren', {}, { reference: target.reference })();
    },
  },
  {
    name: 'POST moderate text',
    method: 'POST',
    expected: backOffice,
    prepare: on('text', {}, { publicDescription: 'Müll am Straßenrand' }),
  },
  {
    name: 'POST photo review',
    method: 'POST',
    expected: backOffice,
    prepare: async () => {
      const r = await reportA();
      return { url: `/admin/meldungen/${r.id}/fotos/${await photoOf(r.id)}`, fields: { review: 'approved' } };
    },
  },
  { name: 'POST abusive', method: 'POST', expected: backOffice, prepare: on('missbrauch', {}, { abusive: '1' }) },
  {
    name: 'POST approve screening',
    method: 'POST',
    expected: backOffice,
    prepare: on('freigeben', { needsScreening: true }),
  },
  { name: 'GET rules', method: 'GET', expected: adminOnly, prepare: async () => ({ url: '/admin/meldungen/regeln' }) },
  {
    name: 'GET new rule',
    method: 'GET',
    expected: adminOnly,
    prepare: async () => ({ url: '/admin/meldungen/regeln/neu' }),
  },
  {
    name: 'GET rule',
    method: 'GET',
    expected: adminOnly,
    prepare: async () => ({ url: `/admin/meldungen/regeln/${await newRule()}` }),
  },
  {
    name: 'POST create rule',
    method: 'POST',
    expected: adminOnly,
    prepare: async () => ({
      url: '/admin/meldungen/regeln',
      fields: { categoryId: String(await createCategory(t.deps)), districtId: '', departmentId: String(deptA) },
    }),
  },
  {
    name: 'POST update rule',
    method: 'POST',
    expected: adminOnly,
    prepare: async () => ({
      url: `/admin/meldungen/regeln/${await newRule()}`,
      fields: { categoryId: String(await createCategory(t.deps)), districtId: '', departmentId: String(deptB) },
    }),
  },
  {
    name: 'POST delete rule',
    method: 'POST',
    expected: adminOnly,
    prepare: async () => ({ url: `/admin/meldungen/regeln/${await newRule()}/loeschen` }),
  },
  {
    name: 'GET templates',
    method: 'GET',
    expected: templates,
    prepare: async () => ({ url: '/admin/meldungen/vorlagen' }),
  },
  {
    name: 'GET new template',
    method: 'GET',
    expected: templates,
    prepare: async () => ({ url: '/admin/meldungen/vorlagen/neu' }),
  },
  {
    name: 'GET template',
    method: 'GET',
    expected: templates,
    prepare: async () => ({ url: `/admin/meldungen/vorlagen/${await newTemplate()}` }),
  },
  {
    name: 'POST create template',
    method: 'POST',
    expected: templates,
    prepare: async () => ({
      url: '/admin/meldungen/vorlagen',
      fields: { status: 'done', title: 'Neu', bodyDe: 'Text', bodyEn: '', sort: '' },
    }),
  },
  {
    name: 'POST update template',
    method: 'POST',
    expected: templates,
    prepare: async () => ({
      url: `/admin/meldungen/vorlagen/${await newTemplate()}`,
      fields: { status: 'done', title: 'Geändert', bodyDe: 'Text', bodyEn: '', sort: '' },
    }),
  },
  {
    name: 'POST delete template',
    method: 'POST',
    expected: templates,
    prepare: async () => ({ url: `/admin/meldungen/vorlagen/${await newTemplate()}/loeschen` }),
  },
  {
    name: 'GET external bodies',
    method: 'GET',
    expected: adminOnly,
    prepare: async () => ({ url: '/admin/meldungen/externe-stellen' }),
  },
  {
    name: 'GET new external body',
    method: 'GET',
    expected: adminOnly,
    prepare: async () => ({ url: '/admin/meldungen/externe-stellen/neu' }),
  },
  {
    name: 'GET external body',
    method: 'GET',
    expected: adminOnly,
    prepare: async () => ({ url: `/admin/meldungen/externe-stellen/${await createExternalBody(t.deps, unique())}` }),
  },
  {
    name: 'POST create external body',
    method: 'POST',
    expected: adminOnly,
    prepare: async () => ({
      url: '/admin/meldungen/externe-stellen',
      fields: { name: `Stelle ${unique()}`, active: '1' },
    }),
  },
  {
    name: 'POST update external body',
    method: 'POST',
    expected: adminOnly,
    prepare: async () => ({
      url: `/admin/meldungen/externe-stellen/${await createExternalBody(t.deps, unique())}`,
      fields: { name: `Stelle ${unique()}`, active: '1' },
    }),
  },
];

/** Everything of the test municipality a back-office action could change, as one comparable value. */
async function snapshot(): Promise<unknown> {
  const { rows } = await t.db.query(
    `SELECT
       (SELECT json_agg(to_jsonb(r) ORDER BY r.id) FROM reports r WHERE r.municipality_id = $1) AS reports,
       (SELECT count(*)::int FROM report_events e JOIN reports r ON r.id = e.report_id
         WHERE r.municipality_id = $1) AS events,
       (SELECT json_agg(p.review ORDER BY p.id) FROM report_photos p JOIN reports r ON r.id = p.report_id
         WHERE r.municipality_id = $1) AS photos,
       (SELECT count(*)::int FROM report_supporters s JOIN reports r ON r.id = s.report_id
         WHERE r.municipality_id = $1) AS supporters,
       (SELECT json_agg(to_jsonb(x) ORDER BY x.id) FROM report_routing_rules x WHERE x.municipality_id = $1) AS rules,
       (SELECT json_agg(to_jsonb(x) ORDER BY x.id) FROM report_note_templates x WHERE x.municipality_id = $1)
         AS templates,
       (SELECT json_agg(to_jsonb(x) ORDER BY x.id) FROM report_external_bodies x WHERE x.municipality_id = $1)
         AS bodies,
       (SELECT count(*)::int FROM audit_log WHERE municipality_id = $1 AND entity_type LIKE 'report%') AS audit`,
    [t.config.municipality.id],
  );
  return rows[0];
}

function outcomeOf(res: { statusCode: number; headers: Record<string, unknown> }): Outcome | string {
  const location = String(res.headers.location ?? '');
  if (res.statusCode === 303 && location.startsWith('/admin/login')) return 'login';
  if (res.statusCode === 200 || (res.statusCode === 303 && location.startsWith('/admin/meldungen'))) return 'ok';
  if (res.statusCode === 403) return 'forbidden';
  return `unexpected ${res.statusCode} ${location}`;
}

describe('authorisation matrix of the report back office', () => {
  it('every role × every page and action: allowed, 403 or login; refused requests change nothing', async () => {
    const actual: Record<string, Record<Role, Outcome | string>> = {};
    const expected: Record<string, Record<Role, Outcome>> = {};
    const changedOnRefusal: string[] = [];
    for (const c of cases) {
      expected[c.name] = c.expected;
      actual[c.name] = {} as Record<Role, Outcome>;
      for (const role of roles) {
        const req = await c.prepare();
        const before = await snapshot();
        const session = sessions[role];
        const res =
          c.method === 'GET'
            ? await getPage(t, role === 'anonymous' ? undefined : session, req.url)
            : await postForm(t, session, req.url, req.fields ?? {});
        const outcome = outcomeOf(res);
        actual[c.name]![role] = outcome;
        if (outcome !== 'ok' && JSON.stringify(await snapshot()) !== JSON.stringify(before)) {
          changedOnRefusal.push(`${c.name} as ${role}`);
        }
      }
    }
    expect(actual).toEqual(expected);
    expect(changedOnRefusal).toEqual([]);
  }, 120_000);
});
