import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, countRows, type TestApp } from '../../../test/app.js';
import { createStaff, getPage, login, postForm } from '../../../test/factories/users.js';
import { seedNewsDemo } from '../demo/seed.js';

// The editors' back office through HTTP: write in Markdown (sanitised), schedule, pin, withdraw, delete, audit;
// the citizen pages: stable URLs, English fallback, demo mark; the demo seed.

const log = pino({ level: 'silent' });
let t: TestApp;
let session: { cookie: string; csrf: string };

beforeAll(async () => {
  t = await buildTestApp({ now: '2026-12-05T12:00:00Z' });
  session = await login(t, await createStaff(t, { role: 'editor' }));
});
afterAll(() => t?.close());

const page = (url: string) => t.app.inject({ url, headers: { accept: 'text/html' } });
const m = () => t.config.municipality.id;
const fields = (over: Record<string, string> = {}) => ({
  topic: 'press',
  titleDe: 'Neue Öffnungszeiten im Bürgeramt',
  summaryDe: '',
  bodyDe: 'Ab Montag **länger** geöffnet.\n\n<script>alert(1)</script>\n\n[Termine](https://www.bielefeld.de/termine)',
  titleEn: '',
  summaryEn: '',
  bodyEn: '',
  publishDate: '',
  publishTime: '',
  ...over,
});
async function create(over: Record<string, string> = {}) {
  const res = await postForm(t, session, '/admin/news', fields(over));
  expect(res.statusCode).toBe(303);
  return Number(/\/admin\/news\/(\d+)/.exec(res.headers.location as string)?.[1]);
}
const pathOf = async (id: number) => {
  const { rows } = await t.db.query<{ slug: string }>('SELECT slug FROM news_items WHERE id = $1', [id]);
  return `/aktuelles/${id}-${rows[0]!.slug}`;
};
const inSearch = (id: number) =>
  countRows(
    t.db,
    "SELECT count(*)::int AS n FROM search_documents WHERE municipality_id = $1 AND kind = 'news' AND ref = $2",
    [m(), String(id)],
  );

describe('news editor', () => {
  it('is for editors and admins only', async () => {
    const agent = await login(t, await createStaff(t, { role: 'bsc_agent' }));
    expect((await getPage(t, agent, '/admin/news')).statusCode).toBe(403);
    expect((await getPage(t, undefined, '/admin/news')).statusCode).toBeGreaterThanOrEqual(300);
  });

  it('shows field errors beside the fields and stores nothing', async () => {
    const res = await postForm(
      t,
      session,
      '/admin/news',
      fields({ titleDe: '', topic: 'weather', publishDate: '2026-13-40' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="titleDe-error"');
    expect(res.body).toContain('Bitte geben Sie einen Titel ein.');
    expect(res.body).toContain('id="topic-error"');
    expect(res.body).toContain('id="publishDate-error"');
    expect(await countRows(t.db, 'SELECT count(*)::int AS n FROM news_items WHERE municipality_id = $1', [m()])).toBe(
      0,
    );
  });

  it('publishes Markdown as safe HTML, indexes it, audits it, and falls back to German in English', async () => {
    const id = await create();
    const path = await pathOf(id);
    const res = await page(path);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<strong>länger</strong>');
    expect(res.body).toContain('<a href="https://www.bielefeld.de/termine" rel="noopener noreferrer">Termine</a>');
    expect(res.body).not.toMatch(/<script>alert/);
    expect(res.body).toContain('Zuletzt aktualisiert');
    expect(await inSearch(id)).toBe(1);
    const en = await page(`${path}?lang=en`);
    expect(en.body).toContain('This news item is only available in German.');
    expect(en.body).toContain('lang="de"');
    // Lists and the start page say it too, beside the German title.
    for (const list of ['/aktuelles?lang=en', '/?lang=en']) {
      const html = (await page(list)).body;
      const start = html.indexOf(`href="${path}"`);
      expect(start, list).toBeGreaterThan(0);
      expect(html.slice(start, html.indexOf('</article>', start)), list).toContain(
        '</time> · Only available in German</p>',
      );
    }
    const audit = await countRows(
      t.db,
      "SELECT count(*)::int AS n FROM audit_log WHERE municipality_id = $1 AND action = 'news.create'",
      [m()],
    );
    expect(audit).toBe(1);
    // The id decides: no slug or a wrong one redirects permanently.
    const bare = await page(`/aktuelles/${id}`);
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe(path);
    expect((await page(`/aktuelles/${id}-falsch`)).headers.location).toBe(path);
    expect((await page('/aktuelles/999999-nichts')).statusCode).toBe(404);
  });

  it('shows English texts where the editor wrote them', async () => {
    const id = await create({
      titleDe: 'Stadtfest',
      bodyDe: 'Am Samstag.',
      titleEn: 'City festival',
      bodyEn: 'On Saturday.',
    });
    const res = await page(`${await pathOf(id)}?lang=en`);
    expect(res.body).toContain('City festival');
    expect(res.body).toContain('On Saturday.');
    expect(res.body).not.toContain('only available in German');
  });

  it('schedules an item: hidden until its time, then indexed by the scheduled run', async () => {
    // 13:30 in Bielefeld is 12:30 UTC, half an hour after the test clock's start (staff sessions stay alive).
    const id = await create({ titleDe: 'Geplante Nachricht', publishDate: '2026-12-05', publishTime: '13:30' });
    const path = await pathOf(id);
    expect((await page(path)).statusCode).toBe(404);
    expect((await page('/aktuelles')).body).not.toContain('Geplante Nachricht');
    expect(await inSearch(id)).toBe(0);
    const list = await getPage(t, session, '/admin/news');
    expect(list.body).toContain('Geplant');
    t.clock.advance(31 * 60_000);
    expect(await t.queue.runNow('news.publish-scheduled', {}, { dryRun: false, log })).toMatchObject({ due: 1 });
    expect((await page(path)).statusCode).toBe(200);
    expect(await inSearch(id)).toBe(1);
  });

  it('pins first, withdraws (page, list and search) and publishes again, each audited', async () => {
    const id = await create({ titleDe: 'Wichtige Mitteilung', publishDate: '2026-11-01', publishTime: '09:00' });
    expect((await postForm(t, session, `/admin/news/${id}/pin`)).statusCode).toBe(303);
    const list = (await page('/aktuelles')).body;
    expect(list.indexOf('Wichtige Mitteilung')).toBeLessThan(list.indexOf('Stadtfest'));
    expect(list).toContain('Angeheftet');

    expect((await postForm(t, session, `/admin/news/${id}/unpublish`)).statusCode).toBe(303);
    expect((await page(await pathOf(id))).statusCode).toBe(404);
    expect((await page('/aktuelles')).body).not.toContain('Wichtige Mitteilung');
    expect(await inSearch(id)).toBe(0);
    expect((await postForm(t, session, `/admin/news/${id}/publish`)).statusCode).toBe(303);
    expect((await page(await pathOf(id))).statusCode).toBe(200);
    const actions = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE municipality_id = $1 AND entity_id = $2 AND action LIKE 'news.%' ORDER BY id",
      [m(), String(id)],
    );
    expect(actions.rows.map((r) => r.action)).toEqual(['news.create', 'news.pin', 'news.unpublish', 'news.publish']);
  });

  it('edits and deletes an item', async () => {
    const id = await create({ titleDe: 'Tippfehler im Titl' });
    const form = await getPage(t, session, `/admin/news/${id}`);
    expect(form.body).toContain('Tippfehler im Titl');
    const saved = await postForm(t, session, `/admin/news/${id}`, fields({ titleDe: 'Tippfehler im Titel' }));
    expect(saved.statusCode).toBe(303);
    expect((await page(await pathOf(id))).body).toContain('Tippfehler im Titel');
    expect((await postForm(t, session, `/admin/news/${id}/delete`)).statusCode).toBe(303);
    expect(await countRows(t.db, 'SELECT count(*)::int AS n FROM news_items WHERE id = $1', [id])).toBe(0);
    expect(await inSearch(id)).toBe(0);
  });
});

describe('news demo', () => {
  it('seeds about 20 demo items once, marked as demo, with disabled feeds', async () => {
    const d = await buildTestApp({ now: '2026-12-05T12:00:00Z' });
    try {
      expect(await seedNewsDemo(d.deps)).toBeGreaterThanOrEqual(20);
      expect(await seedNewsDemo(d.deps)).toBe(0);
      const id = d.config.municipality.id;
      expect(
        await countRows(d.db, 'SELECT count(*)::int AS n FROM news_feeds WHERE municipality_id = $1 AND enabled', [id]),
      ).toBe(0);
      const list = await d.app.inject({ url: '/aktuelles', headers: { accept: 'text/html' } });
      expect(list.body).toContain('Demo');
      expect(list.body).toContain('Seite 1 von 2');
      expect(list.body).not.toMatch(/>\s*news\./);
      const res = await d.app.inject({ url: '/aktuelles?thema=traffic&lang=en', headers: { accept: 'text/html' } });
      expect(res.body).toContain('Jahnplatz: light rail lines diverted at the weekend');
    } finally {
      await d.close();
    }
  });
});
