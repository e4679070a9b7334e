import { forgetCachedReports } from '../../features/reports/core/cache.js';
import type { TestApp } from '../app.js';
import { points, seedTestAddresses } from './addresses.js';
import { createCategory, createReport, type TestReportOverrides } from './reports.js';

// The reports of the public-view tests: public ones, and one of each kind the public must never see (awaiting
// screening, hidden, abusive, merged), with personal data that must never appear in a public answer.

// Strings that must never appear in a public answer.
export const secret = {
  name: 'Sentinella Geheimname',
  email: 'sentinel.secret@example.org',
  phone: '+49 521 98765432',
  original: 'ORIGINALTEXT-NICHT-OEFFENTLICH',
  plate: 'BI-QX 4711',
  internal: 'INTERNE-NOTIZ-GEHEIM',
  internal2: 'ZWEITE-INTERNE-NOTIZ',
  houseNumber: 'Herforder Straße 17b',
  landmark: 'vor dem Haus von Familie Geheim',
};

/** What the seed made: category ids, and reference, id and status token per report key. */
export interface PublicSeed {
  cat: Record<string, number>;
  refs: Record<string, string>;
  ids: Record<string, number>;
  tokens: Record<string, string>;
}

/** An empty seed record, filled by seedPublicReports. */
export function emptyPublicSeed(): PublicSeed {
  return { cat: {}, refs: {}, ids: {}, tokens: {} };
}

/** Seeds the test app's municipality with the reports of the public-view tests into `seed`. */
export async function seedPublicReports(t: TestApp, seed: PublicSeed): Promise<void> {
  const { cat, refs, ids, tokens } = seed;
  async function report(key: string, overrides: TestReportOverrides & { sql?: string } = {}) {
    const { sql, ...rest } = overrides;
    const r = await createReport(t.deps, rest);
    refs[key] = r.reference;
    ids[key] = r.id;
    tokens[key] = r.statusToken;
    if (sql) await t.db.query(`UPDATE reports SET ${sql} WHERE id = $1`, [r.id]);
    return r;
  }

  await seedTestAddresses(t.deps);
  cat.muell = await createCategory(t.deps, {
    code: 'wilder-muell',
    name: { de: 'Wilder Müll', en: 'Fly-tipping' },
    questions: [
      {
        code: 'art',
        datatype: 'singlevaluelist',
        required: false,
        label: { de: 'Art des Mülls', en: 'Kind of waste' },
        values: [
          { key: 'sperrmuell', name: { de: 'Sperrmüll', en: 'Bulky waste' } },
          { key: 'reifen', name: { de: 'Altreifen', en: 'Old tyres' } },
        ],
        order: 1,
      },
    ],
  });
  cat.parken = await createCategory(t.deps, {
    code: 'falschparker',
    name: { de: 'Falschparker', en: 'Illegal parking' },
    questions: [
      { code: 'kennzeichen', datatype: 'string', required: false, label: { de: 'Kennzeichen', en: 'Plate' }, order: 1 },
      {
        code: 'halter',
        datatype: 'singlevaluelist',
        required: false,
        personal: true,
        label: { de: 'Halterart', en: 'Keeper' },
        values: [{ key: 'privat', name: { de: 'PRIVATHALTER-LISTE', en: 'PRIVATE-KEEPER-LIST' } }],
        order: 2,
      },
    ],
  });
  cat.strasse = await createCategory(t.deps, { code: 'strasse', name: { de: 'Straße', en: 'Road' } });
  cat.loch = await createCategory(t.deps, {
    code: 'schlagloch',
    name: { de: 'Schlagloch', en: 'Pothole' },
    parentId: cat.strasse,
  });

  const jan = new Date('2025-01-15T10:00:00Z');
  const mar = new Date('2025-03-20T10:00:00Z');
  await report('muell', {
    categoryId: cat.muell,
    status: 'in_progress',
    createdAt: jan,
    publicDescription: 'Sperrmüll am Straßenrand.',
    sql: `answers = '{"art": "sperrmuell"}'`,
  });
  await report('private', {
    categoryId: cat.parken,
    status: 'done',
    createdAt: mar,
    description: `${secret.original} ${secret.plate}`,
    publicDescription: 'Ein Auto parkt auf dem Gehweg.',
    reporterName: secret.name,
    reporterEmail: secret.email,
    reporterPhone: secret.phone,
    addressLabel: `${secret.houseNumber}, 33602 Bielefeld`,
    landmark: secret.landmark,
    lat: points.schildesche.lat,
    lon: points.schildesche.lon,
    photos: 1,
    photoReview: 'approved',
    sql: `answers = '{"kennzeichen": "${secret.plate}", "halter": "privat"}', supporter_count = 2`,
  });
  await t.db.query(
    `INSERT INTO report_photos (municipality_id, report_id, content_type, data, width, height, byte_size, review, sort)
     SELECT municipality_id, report_id, content_type, data, width, height, byte_size, r.review, 1
       FROM report_photos, (VALUES ('pending'), ('hidden')) AS r(review) WHERE report_id = $1`,
    [ids.private],
  );
  await t.db.query(
    `INSERT INTO report_events (municipality_id, report_id, kind, status_from, status_to, public, public_note,
                                internal_note, created_at)
     SELECT r.municipality_id, r.id, e.* FROM reports r, (VALUES
              ('note', NULL, NULL, false, NULL, $2, $4::timestamptz),
              ('status', 'received', 'done', true, 'Der Wagen wurde abgeschleppt.', $3, $4::timestamptz)) AS e
      WHERE r.id = $1`,
    [ids.private, secret.internal, secret.internal2, new Date('2025-03-21T10:00:00Z')],
  );
  await report('unmoderated', { categoryId: cat.loch, publicDescription: null, createdAt: mar });
  await report('screening', { categoryId: cat.muell, needsScreening: true, description: 'SCREENING-ONLY' });
  await report('hidden', { categoryId: cat.muell, sql: 'hidden = true', photos: 1, photoReview: 'approved' });
  await report('abusive', { categoryId: cat.muell, sql: 'abusive = true' });
  await report('merged', { categoryId: cat.muell, sql: `merged_into_id = ${ids.muell}` });
  forgetCachedReports(t.deps.config.municipality.id);
}

/** The references listed on a page of the HTML list, in order. */
export const listed = (body: string) => [...body.matchAll(/href="\/meldungen\/([A-Z]+-\d{4}-\d+)"/g)].map((m) => m[1]);

/** GET a page as a browser would, in a language. */
export const getHtml = (t: TestApp, url: string, lang = 'de') =>
  t.app.inject({
    method: 'GET',
    url: `${url}${url.includes('?') ? '&' : '?'}lang=${lang}`,
    headers: { accept: 'text/html' },
  });

/** GET an API answer as JSON. */
export const getJson = (t: TestApp, url: string) =>
  t.app.inject({ method: 'GET', url, headers: { accept: 'application/json' } });
