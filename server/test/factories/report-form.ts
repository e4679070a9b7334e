import { expect } from 'vitest';
import type { Deps } from '../../platform/deps.js';
import type { TestApp } from '../app.js';
import { createCategory } from './reports.js';
import { mergeCookies } from './users.js';

// The citizen report form (/melden) as a browser without JavaScript uses it: open it, post its multipart steps.

export interface Browserish {
  cookie: string;
  csrf: string;
}

export type Fields = Record<string, string | string[]>;

/** Opens the form as a browser would: its CSRF cookie and token. */
export async function openForm(t: TestApp, url = '/melden'): Promise<Browserish & { body: string }> {
  const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
  expect(res.statusCode).toBe(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
  if (!csrf) throw new Error('form without CSRF token');
  return { cookie: mergeCookies('', res.cookies), csrf, body: res.body };
}

/** POSTs the form as multipart/form-data (like the browser does), with photos as file parts. */
export async function postForm(
  t: TestApp,
  session: Browserish,
  url: string,
  fields: Fields,
  photos: { data: Buffer; name: string; type?: string }[] = [],
) {
  const form = new FormData();
  if (!('_csrf' in fields)) form.append('_csrf', session.csrf);
  for (const [name, value] of Object.entries(fields)) {
    for (const v of ([] as string[]).concat(value)) form.append(name, v);
  }
  for (const p of photos)
    form.append('photos', new Blob([new Uint8Array(p.data)], { type: p.type ?? 'image/jpeg' }), p.name);
  if (photos.length === 0) form.append('photos', new Blob([], { type: 'application/octet-stream' }), '');
  const request = new Request('http://local/', { method: 'POST', body: form });
  const payload = Buffer.from(await request.arrayBuffer());
  return t.app.inject({
    method: 'POST',
    url,
    payload,
    headers: {
      cookie: session.cookie,
      'content-type': request.headers.get('content-type') ?? '',
      accept: 'text/html',
    },
  });
}

/** The required question of Wilder Müll in the citizen-form tests. */
export const wasteQuestion = {
  code: 'abfallart',
  datatype: 'singlevaluelist',
  required: true,
  order: 1,
  label: { de: 'Welche Art von Abfall?', en: 'What kind of waste?' },
  values: [
    { key: 'sperrmuell', name: { de: 'Sperrmüll', en: 'Bulky waste' } },
    { key: 'hausmuell', name: { de: 'Hausmüll', en: 'Household waste' } },
  ],
};

/** The categories of the citizen-form tests: a group with Wilder Müll (one required question) and Laub, Schlagloch, Straßenbeleuchtung. */
export async function seedFormCategories(deps: Deps): Promise<{ potholes: number }> {
  const group = await createCategory(deps, { code: 'sauberkeit', name: { de: 'Sauberkeit', en: 'Cleanliness' } });
  await createCategory(deps, {
    code: 'wilder-muell',
    parentId: group,
    name: { de: 'Wilder Müll', en: 'Fly-tipping' },
    questions: [wasteQuestion],
  });
  await createCategory(deps, { code: 'laub', parentId: group, name: { de: 'Laub', en: 'Leaves' } });
  const potholes = await createCategory(deps, { code: 'schlagloch', name: { de: 'Schlagloch', en: 'Pothole' } });
  await createCategory(deps, { code: 'licht', name: { de: 'Straßenbeleuchtung', en: 'Street lighting' } });
  return { potholes };
}

/** The test municipality's reports with how they were located, screening, photo and supporter counts, by id. */
export async function reportsOf(
  t: TestApp,
): Promise<
  { reference: string; location_method: string; needs_screening: boolean; photos: number; supporter_count: number }[]
> {
  const { rows } = await t.db.query<{
    reference: string;
    location_method: string;
    needs_screening: boolean;
    photos: number;
    supporter_count: number;
  }>(
    `SELECT reference, location_method, needs_screening, supporter_count,
            (SELECT count(*)::int FROM report_photos p WHERE p.report_id = r.id) AS photos
       FROM reports r WHERE municipality_id = $1 ORDER BY id`,
    [t.config.municipality.id],
  );
  return rows;
}
