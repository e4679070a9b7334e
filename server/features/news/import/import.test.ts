import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, countRows, type TestApp } from '../../../test/app.js';
import { createStaff, getPage, login } from '../../../test/factories/users.js';
import { cliActor } from '../../audit/service.js';
import { atom, type FeedEntry, type FeedServer, rss, startFeedServer } from '../test-feed-server.js';
import { createFeed } from './feeds-service.js';
import { importAllFeeds, importFeedById } from './service.js';

// The news import against a local feed server: RSS and Atom, updates, removals, duplicates, broken and unreachable
// feeds, and the sanitiser as the rendered page shows it.

let t: TestApp;
let feeds: FeedServer;
let rssFeed: number;
let atomFeed: number;
let session: { cookie: string; csrf: string };

const hostile =
  '<p onclick="steal()">Die Stadt informiert.<script>alert("x")</script></p>' +
  '<img src="https://tracker.example/p.gif" onerror="alert(1)">' +
  '<p><a href="javascript:alert(2)">Klick</a> <a href="https://www.bielefeld.de/info" onmouseover="x()">Mehr</a></p>' +
  '<iframe src="https://evil.example/"></iframe><style>body{display:none}</style>';

const press: FeedEntry[] = [
  {
    guid: 'pm-1001',
    link: 'https://www.bielefeld.de/pm/1001',
    title: 'Neue Radwege am Jahnplatz',
    html: hostile,
    date: '2026-12-01T09:00:00Z',
  },
  {
    guid: 'pm-1002',
    link: 'https://www.bielefeld.de/pm/1002',
    title: 'Sperrung der Stapenhorststraße',
    html: '<p>Zwei Wochen Vollsperrung.</p>',
    date: '2026-12-02T09:00:00Z',
  },
  // No GUID: the link is the key.
  {
    link: 'https://www.bielefeld.de/pm/1003',
    title: 'Lichterfest im Ravensberger Park',
    html: '<p>Beginn 17 Uhr.</p>',
    date: '2026-12-03T09:00:00Z',
  },
];
const events: FeedEntry[] = [
  {
    guid: 'urn:event:1',
    link: 'https://www.bielefeld.de/va/1',
    title: 'Lesung in der Stadtbibliothek',
    html: '<h1>Lesung</h1><p>Eintritt frei &amp; ohne Anmeldung.</p>',
    date: '2026-12-04T15:00:00Z',
  },
  {
    guid: 'urn:event:2',
    link: 'https://www.bielefeld.de/va/2',
    title: 'Führung Sparrenburg',
    html: '<p>Warme Kleidung.</p>',
    date: '2026-12-04T16:00:00Z',
  },
];

beforeAll(async () => {
  feeds = await startFeedServer();
  t = await buildTestApp({ now: '2026-12-05T12:00:00Z' });
  rssFeed = (
    await createFeed(t.deps, { name: 'Presse', url: feeds.url('/presse.xml'), topic: 'press', enabled: true }, cliActor)
  ).id;
  atomFeed = (
    await createFeed(
      t.deps,
      { name: 'Termine', url: feeds.url('/termine.xml'), topic: 'events', enabled: true },
      cliActor,
    )
  ).id;
  const editor = await createStaff(t, { role: 'editor' });
  session = await login(t, editor);
});
afterAll(async () => {
  await t?.close();
  await feeds?.close();
});

const page = (url: string) => t.app.inject({ url, headers: { accept: 'text/html' } });
const m = () => t.config.municipality.id;
async function itemBy(title: string) {
  const { rows } = await t.db.query<{ id: number; slug: string; removed: boolean }>(
    `SELECT id::int AS id, slug, removed_from_feed_at IS NOT NULL AS removed FROM news_items
      WHERE municipality_id = $1 AND title_de = $2`,
    [m(), title],
  );
  return rows[0];
}
const newsRows = () => countRows(t.db, 'SELECT count(*)::int AS n FROM news_items WHERE municipality_id = $1', [m()]);
const indexed = () =>
  countRows(t.db, "SELECT count(*)::int AS n FROM search_documents WHERE municipality_id = $1 AND kind = 'news'", [
    m(),
  ]);

describe('news import', () => {
  it('imports RSS and Atom feeds, each item under its feed’s topic, into the list and the search', async () => {
    feeds.set('/presse.xml', rss(press));
    feeds.set('/termine.xml', atom(events), { type: 'application/atom+xml' });
    const results = await importAllFeeds(t.deps);
    expect(results.map((r) => [r.status, r.added])).toEqual([
      ['ok', 3],
      ['ok', 2],
    ]);
    expect(await newsRows()).toBe(5);
    expect(await indexed()).toBe(5);
    const list = await page('/aktuelles');
    expect(list.statusCode).toBe(200);
    for (const e of [...press, ...events]) expect(list.body).toContain(e.title);
    const eventsList = await page('/aktuelles?thema=events');
    expect(eventsList.body).toContain('Lesung in der Stadtbibliothek');
    expect(eventsList.body).not.toContain('Neue Radwege am Jahnplatz');
    const lesung = await itemBy('Lesung in der Stadtbibliothek');
    const article = await page(`/aktuelles/${lesung!.id}-${lesung!.slug}`);
    expect(article.body).toContain('Eintritt frei &amp; ohne Anmeldung.');
    expect(article.body).toContain('href="https://www.bielefeld.de/va/1"');
  });

  it('never lets script, event handlers, iframes, styles or remote images reach the page', async () => {
    const item = await itemBy('Neue Radwege am Jahnplatz');
    const res = await page(`/aktuelles/${item!.id}-${item!.slug}`);
    expect(res.statusCode).toBe(200);
    const main = res.body.slice(res.body.indexOf('<main'), res.body.indexOf('</main>'));
    expect(main).toContain('Die Stadt informiert.');
    expect(main).not.toMatch(
      /<script|onerror|onclick|onmouseover|javascript:|<iframe|<style|tracker\.example|alert\(/i,
    );
    expect(main).toContain('<a href="https://www.bielefeld.de/info" rel="noopener noreferrer">Mehr</a>');
    expect(res.body).not.toContain('tracker.example');
  });

  it('ignores duplicates: an unchanged feed (conditional GET) and items listed twice add nothing', async () => {
    const again = await importFeedById(t.deps, rssFeed);
    expect(again.status).toBe('not_modified');
    // The same content served anew (new ETag), with one item twice: nothing added or changed.
    feeds.set('/presse.xml', rss([...press, press[1]!]));
    const result = await importFeedById(t.deps, rssFeed);
    expect(result).toMatchObject({ status: 'ok', added: 0, updated: 0, hidden: 0, unchanged: 3 });
    // The Atom feed listing an item the press feed brought: a duplicate, ignored.
    feeds.set('/termine.xml', atom([...events, { ...press[1]!, title: 'Doppelt' }]), { type: 'application/atom+xml' });
    const dup = await importFeedById(t.deps, atomFeed);
    expect(dup).toMatchObject({ status: 'ok', added: 0, unchanged: 3 });
    expect(await newsRows()).toBe(5);
  });

  it('updates a changed item; its old URL redirects to the new slug', async () => {
    const before = await itemBy('Sperrung der Stapenhorststraße');
    const changed = press.map((e) =>
      e.guid === 'pm-1002'
        ? { ...e, title: 'Sperrung der Stapenhorststraße verlängert', html: '<p>Drei Wochen Vollsperrung.</p>' }
        : e,
    );
    feeds.set('/presse.xml', rss(changed));
    const result = await importFeedById(t.deps, rssFeed);
    expect(result).toMatchObject({ status: 'ok', added: 0, updated: 1 });
    const after = await itemBy('Sperrung der Stapenhorststraße verlängert');
    expect(after?.id).toBe(before?.id);
    const old = await page(`/aktuelles/${before!.id}-${before!.slug}`);
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe(`/aktuelles/${after!.id}-${after!.slug}`);
    const res = await page(old.headers.location as string);
    expect(res.body).toContain('Drei Wochen Vollsperrung.');
    expect(res.body).not.toContain('Zwei Wochen Vollsperrung.');
  });

  it('hides an item that left its feed (page, list and search) and shows it again when it returns', async () => {
    const kept = press.filter((e) => e.guid !== 'pm-1001');
    feeds.set(
      '/presse.xml',
      rss(
        kept.map((e) =>
          e.guid === 'pm-1002'
            ? { ...e, title: 'Sperrung der Stapenhorststraße verlängert', html: '<p>Drei Wochen Vollsperrung.</p>' }
            : e,
        ),
      ),
    );
    const result = await importFeedById(t.deps, rssFeed);
    expect(result).toMatchObject({ status: 'ok', hidden: 1 });
    const gone = await itemBy('Neue Radwege am Jahnplatz');
    expect(gone?.removed).toBe(true);
    expect((await page(`/aktuelles/${gone!.id}-${gone!.slug}`)).statusCode).toBe(404);
    expect((await page('/aktuelles')).body).not.toContain('Neue Radwege am Jahnplatz');
    expect(await indexed()).toBe(4);
  });

  it('leaves every item untouched when a feed is malformed, failing or unreachable, and reports it', async () => {
    const snapshot = async () =>
      (
        await t.db.query(
          `SELECT id, title_de, body_de, removed_from_feed_at, updated_at FROM news_items
            WHERE municipality_id = $1 ORDER BY id`,
          [m()],
        )
      ).rows;
    const before = await snapshot();
    feeds.set('/presse.xml', '<rss version="2.0"><channel><item><title>Kaputt</title></channel>');
    const malformed = await importFeedById(t.deps, rssFeed);
    expect(malformed.status).toBe('error');
    expect(malformed.error).toMatch(/not well-formed/);
    feeds.set('/termine.xml', 'Internal error', { status: 500, type: 'text/plain' });
    const failing = await importFeedById(t.deps, atomFeed);
    expect(failing).toMatchObject({ status: 'error', error: 'HTTP 500' });
    // A port nobody listens on.
    const closed = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const down = await createFeed(
      t.deps,
      { name: 'Verkehr', url: `http://127.0.0.1:${closed}/verkehr.xml`, topic: 'traffic', enabled: true },
      cliActor,
    );
    const unreachable = await importFeedById(t.deps, down.id);
    expect(unreachable.status).toBe('error');
    expect(unreachable.error).toMatch(/^unreachable/);
    expect(await snapshot()).toEqual(before);
    expect(await indexed()).toBe(4);

    const admin = await getPage(t, session, '/admin/news/feeds');
    expect(admin.statusCode).toBe(200);
    expect(admin.body).toContain('not well-formed XML');
    expect(admin.body).toContain('HTTP 500');
    expect(admin.body).toMatch(/unreachable \(ECONNREFUSED/);
    expect(admin.body).toContain('Die vorhandenen Nachrichten bleiben unverändert.');
  });

  it('runs as the scheduled job and on demand from the feeds page', async () => {
    feeds.set('/presse.xml', rss(press));
    const log = (await import('pino')).default({ level: 'silent' });
    const result = await t.queue.runNow('news.import-feeds', {}, { dryRun: true, log });
    expect(result).toMatchObject({ feeds: 3, dryRun: true });
    expect((await itemBy('Neue Radwege am Jahnplatz'))?.removed).toBe(true);
    const res = await t.app.inject({
      method: 'POST',
      url: `/admin/news/feeds/${rssFeed}/import`,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: session.csrf }).toString(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Abgerufen:');
    expect((await itemBy('Neue Radwege am Jahnplatz'))?.removed).toBe(false);
  });
});
