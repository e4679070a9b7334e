import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { seedTestAddresses } from '../../../test/factories/addresses.js';
import { openForm, postForm as postReportForm, seedFormCategories } from '../../../test/factories/report-form.js';
import { createReport } from '../../../test/factories/reports.js';
import { mergeCookies, postForm } from '../../../test/factories/users.js';
import { maxMine, mineTokens, withMine, withoutMine } from './mine.js';

// "Meine Meldungen" without JavaScript (the cookie only its own pages receive) and the JSON list for the script.

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000' } });
  await seedTestAddresses(t.deps);
  await seedFormCategories(t.deps);
});
afterAll(() => t.close());

const token = (c: string) => c.repeat(43);

describe('the list of kept tokens', () => {
  it('keeps well-formed tokens once, newest first, at most 30', () => {
    expect(mineTokens(`${token('a')}.junk.${token('b')}.${token('a')}`)).toEqual([token('a'), token('b')]);
    expect(mineTokens(undefined)).toEqual([]);
    const many = Array.from({ length: 40 }, (_, i) => `${String(i).padStart(2, '0')}${'x'.repeat(41)}`);
    expect(mineTokens(many.join('.'))).toHaveLength(maxMine);
    expect(withMine([token('a'), token('b')], token('b'))).toEqual([token('b'), token('a')]);
    expect(withMine(many, token('c'))[0]).toBe(token('c'));
    expect(withMine(many, token('c'))).toHaveLength(maxMine);
    expect(withoutMine([token('a'), token('b')], token('a'))).toEqual([token('b')]);
  });
});

/** Sends a report without JavaScript and opens its receipt, as a browser with this cookie jar would. */
async function sendReport(cookie: string, description: string): Promise<{ cookie: string; path: string }> {
  const form = await openForm(t);
  const fresh = form.cookie.split('; ').map((pair) => {
    const [name = '', ...value] = pair.split('=');
    return { name, value: value.join('=') };
  });
  const session = { cookie: mergeCookies(cookie, fresh), csrf: form.csrf };
  const res = await postReportForm(t, session, '/melden', {
    category: 'laub',
    address: 'Herforder Straße 22',
    description,
    duplicatesShown: '1',
  });
  expect(res.statusCode).toBe(303);
  const jar = mergeCookies(session.cookie, res.cookies);
  const receipt = await t.app.inject({ url: '/meldungen/eingang', headers: { accept: 'text/html', cookie: jar } });
  expect(receipt.statusCode).toBe(200);
  expect(receipt.body).toContain('href="/meldungen/meine"');
  const path = /href="(\/meldungen\/status\/[\w-]{43})"/.exec(receipt.body)?.[1] ?? '';
  const pending = receipt.cookies.find((c) => c.name.startsWith('bs_mine_'));
  expect(pending).toMatchObject({ path: '/meldungen/meine', httpOnly: true });
  return { cookie: mergeCookies(jar, receipt.cookies), path };
}

/** Only cookies whose path covers the URL go with a request (as a browser sends them). */
function cookieFor(jar: { name: string; value: string; path?: string }[], url: string): string {
  return jar
    .filter((c) => !c.path || url.startsWith(c.path))
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
}

describe('Meine Meldungen without JavaScript', () => {
  it('lists the reports sent from this browser with their status; removes one', async () => {
    const first = await sendReport('', 'Laub verstopft den Gully.');
    const second = await sendReport(first.cookie, 'Noch mehr Laub am Radweg.');
    const page = await t.app.inject({
      url: '/meldungen/meine',
      headers: { accept: 'text/html', cookie: second.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control'] ?? '').not.toContain('public');
    for (const p of [first.path, second.path]) expect(page.body).toContain(`href="${p}"`);
    expect(page.body.indexOf(second.path)).toBeLessThan(page.body.indexOf(first.path));
    expect(page.body).toContain('Eingegangen');
    // The pending cookies are folded into the list cookie.
    const stored = page.cookies.find((c) => c.name === 'bs_mine');
    expect(stored?.value.split('.')).toHaveLength(2);
    expect(page.cookies.filter((c) => c.name.startsWith('bs_mine_')).every((c) => c.value === '')).toBe(true);

    const jar = [{ name: 'bs_mine', value: stored!.value, path: '/meldungen/meine' }];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const session = { cookie: mergeCookies(second.cookie, page.cookies), csrf };
    const firstToken = first.path.split('/').pop()!;
    const removed = await postForm(t, session, '/meldungen/meine/entfernen', { token: firstToken });
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe('/meldungen/meine?erledigt=entfernt');
    const after = await t.app.inject({
      url: '/meldungen/meine?erledigt=entfernt',
      headers: { accept: 'text/html', cookie: mergeCookies(session.cookie, removed.cookies) },
    });
    expect(after.body).toContain('aus Ihrer Liste entfernt');
    expect(after.body).toContain(`href="${second.path}"`);
    expect(after.body).not.toContain(`href="${first.path}"`);
    expect(cookieFor(jar, '/meldungen/status/x')).toBe('');
  });

  it('saves a status link opened in this browser; forgets links whose report is gone', async () => {
    const report = await createReport(t.deps, { status: 'in_progress' });
    const status = await t.app.inject({
      url: `/meldungen/status/${report.statusToken}`,
      headers: { accept: 'text/html' },
    });
    expect(status.body).toContain('action="/meldungen/meine"');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(status.body)?.[1] ?? '';
    const session = { cookie: mergeCookies('', status.cookies), csrf };
    const saved = await postForm(t, session, '/meldungen/meine', { token: report.statusToken });
    expect(saved.statusCode).toBe(303);
    const withGone = `${saved.cookies.find((c) => c.name === 'bs_mine')!.value}.${token('z')}`;
    const list = await t.app.inject({
      url: '/meldungen/meine?erledigt=gespeichert',
      headers: { accept: 'text/html', cookie: `${session.cookie}; bs_mine=${withGone}` },
    });
    expect(list.body).toContain(report.reference);
    expect(list.body).toContain('In Bearbeitung');
    expect(list.cookies.find((c) => c.name === 'bs_mine')?.value).toBe(report.statusToken);
    // An unknown token cannot be saved.
    const forged = await postForm(t, session, '/meldungen/meine', { token: token('q') });
    expect(forged.statusCode).toBe(404);
  });

  it('an empty list says so and links to the form', async () => {
    const page = await t.app.inject({ url: '/meldungen/meine', headers: { accept: 'text/html' } });
    expect(page.body).toContain('In diesem Browser sind noch keine Meldungen gespeichert.');
    expect(page.body).toContain('href="/melden"');
  });
});

describe('POST /api/reports/mine', () => {
  it('answers the status of known tokens only, in their order', async () => {
    const a = await createReport(t.deps, { status: 'done' });
    const b = await createReport(t.deps, { status: 'received' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/reports/mine',
      payload: { tokens: [b.statusToken, token('n'), a.statusToken] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const items = res.json().items as { reference: string; status: string; token: string }[];
    expect(items.map((i) => [i.reference, i.status])).toEqual([
      [b.reference, 'received'],
      [a.reference, 'done'],
    ]);
    const tooMany = await t.app.inject({
      method: 'POST',
      url: '/api/reports/mine',
      payload: { tokens: Array.from({ length: maxMine + 1 }, () => token('a')) },
    });
    expect(tooMany.statusCode).toBe(400);
  });
});

describe("the reporter's own photos on the status page", () => {
  it('are all shown (also while awaiting review), only through their own status link', async () => {
    const report = await createReport(t.deps, { photos: 2, photoReview: 'pending' });
    const other = await createReport(t.deps);
    const page = await t.app.inject({
      url: `/meldungen/status/${report.statusToken}`,
      headers: { accept: 'text/html' },
    });
    const ids = [...page.body.matchAll(/src="\/meldungen\/status\/[\w-]{43}\/fotos\/(\d+)\/klein"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    for (const suffix of ['', '/klein']) {
      const photo = await t.app.inject({ url: `/meldungen/status/${report.statusToken}/fotos/${ids[0]}${suffix}` });
      expect(photo.statusCode).toBe(200);
      expect(photo.headers['content-type']).toBe('image/jpeg');
      expect(photo.headers['cache-control']).toBe('private, no-store');
      expect(photo.headers['referrer-policy']).toBe('no-referrer');
    }
    const foreign = await t.app.inject({ url: `/meldungen/status/${other.statusToken}/fotos/${ids[0]}` });
    expect(foreign.statusCode).toBe(404);
    const forged = await t.app.inject({ url: `/meldungen/status/${token('f')}/fotos/${ids[0]}` });
    expect(forged.statusCode).toBe(404);
  });
});
