import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverPending } from '../../../platform/push/index.js';
import { buildTestApp, countRows, type TestApp } from '../../../test/app.js';
import { createStaff, getPage, login, mergeCookies, postForm } from '../../../test/factories/users.js';
import { type LocalPushService, startPushService } from '../../../test/push-service.js';
import { cliActor } from '../../audit/service.js';
import { createFeed } from '../import/feeds-service.js';
import { importAllFeeds } from '../import/service.js';
import { type FeedServer, rss, startFeedServer } from '../test-feed-server.js';

// News push through the local push service: opt-in per topic, nothing without an editor's approval (imports never
// push), one message per item and subscriber, the notification opens the article; manage and cancel without JS.

let t: TestApp;
let service: LocalPushService;
let feeds: FeedServer;
let session: { cookie: string; csrf: string };

beforeAll(async () => {
  [service, feeds] = await Promise.all([startPushService({ protocol: 'http' }), startFeedServer()]);
  t = await buildTestApp({ now: '2026-12-05T12:00:00Z', env: { RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000' } });
  session = await login(t, await createStaff(t, { role: 'editor' }));
});
afterAll(async () => {
  await t?.close();
  await Promise.all([service?.close(), feeds?.close()]);
});

async function optIn(topics: string[], language = 'de') {
  const receiver = service.subscribe();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/news/push',
    headers: { 'content-type': 'application/json' },
    payload: {
      subscription: { endpoint: receiver.endpoint, expirationTime: null, keys: receiver.keys },
      topics,
      language,
    },
  });
  expect(res.statusCode).toBe(201);
  return { receiver, managePath: res.json().managePath as string };
}
const arrived = (receiverId: string) =>
  service.received.filter((m) => m.subscriptionId === receiverId).map((m) => JSON.parse(m.payload));
const outbox = () =>
  countRows(t.db, "SELECT count(*)::int AS n FROM push_outbox WHERE municipality_id = $1 AND topic = 'news'", [
    t.config.municipality.id,
  ]);

describe('news push', () => {
  let itemId: number;
  let traffic1: Awaited<ReturnType<typeof optIn>>;
  let traffic2: Awaited<ReturnType<typeof optIn>>;
  let pressOnly: Awaited<ReturnType<typeof optIn>>;

  it('refuses an opt-in without a known topic, with the field named', async () => {
    const receiver = service.subscribe();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/news/push',
      headers: { 'content-type': 'application/json' },
      payload: {
        subscription: { endpoint: receiver.endpoint, keys: receiver.keys },
        topics: ['weather'],
        language: 'en',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('Please choose at least one topic.');
  });

  it('never pushes an imported item on its own', async () => {
    traffic1 = await optIn(['traffic']);
    traffic2 = await optIn(['traffic', 'press'], 'en');
    pressOnly = await optIn(['press']);
    feeds.set(
      '/verkehr.xml',
      rss([
        {
          guid: 'vk-1',
          link: 'https://www.bielefeld.de/verkehr/1',
          title: 'Jahnplatz gesperrt',
          html: '<p>Umleitung über den Niederwall.</p>',
          date: '2026-12-05T10:00:00Z',
        },
      ]),
    );
    await createFeed(
      t.deps,
      { name: 'Verkehr', url: feeds.url('/verkehr.xml'), topic: 'traffic', enabled: true },
      cliActor,
    );
    await importAllFeeds(t.deps);
    const { rows } = await t.db.query<{ id: number }>(
      "SELECT id::int AS id FROM news_items WHERE municipality_id = $1 AND source_key = 'vk-1'",
      [t.config.municipality.id],
    );
    itemId = rows[0]!.id;
    await deliverPending(t.deps);
    expect(await outbox()).toBe(0);
    expect(service.received).toHaveLength(0);
  });

  it('an approved item reaches each subscriber of its topic exactly once and opens the article', async () => {
    const confirm = await getPage(t, session, `/admin/news/${itemId}/push`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('2 Browser folgen dem Thema „Verkehr“');
    const approved = await postForm(t, session, `/admin/news/${itemId}/push`);
    expect(approved.statusCode).toBe(303);
    await deliverPending(t.deps);

    const { rows } = await t.db.query<{ slug: string }>('SELECT slug FROM news_items WHERE id = $1', [itemId]);
    const url = `${t.config.publicUrl}/aktuelles/${itemId}-${rows[0]!.slug}`;
    expect(arrived(traffic1.receiver.id)).toEqual([
      { title: 'Verkehr: Jahnplatz gesperrt', body: 'Umleitung über den Niederwall.', url, tag: `news-${itemId}` },
    ]);
    // English subscriber: the topic in English, the German text (the item has no English one).
    expect(arrived(traffic2.receiver.id)).toEqual([
      { title: 'Traffic: Jahnplatz gesperrt', body: 'Umleitung über den Niederwall.', url, tag: `news-${itemId}` },
    ]);
    expect(arrived(pressOnly.receiver.id)).toEqual([]);
    expect((await t.app.inject({ url: new URL(url).pathname, headers: { accept: 'text/html' } })).statusCode).toBe(200);

    // A second approval is refused beside the button; nothing more is sent.
    const again = await postForm(t, session, `/admin/news/${itemId}/push`);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Diese Nachricht wurde schon gesendet.');
    await deliverPending(t.deps);
    expect(arrived(traffic1.receiver.id)).toHaveLength(1);
    expect(arrived(traffic2.receiver.id)).toHaveLength(1);
    const audit = await countRows(
      t.db,
      "SELECT count(*)::int AS n FROM audit_log WHERE municipality_id = $1 AND action = 'news.push'",
      [t.config.municipality.id],
    );
    expect(audit).toBe(1);
  });

  it('lets a subscriber change topics and cancel from the manage link, without JavaScript', async () => {
    const page = await t.app.inject({ url: traffic1.managePath, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const form = { cookie: mergeCookies('', page.cookies), csrf };
    const none = await postForm(t, form, traffic1.managePath, {});
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Bitte wählen Sie mindestens ein Thema.');
    const saved = await postForm(t, form, traffic1.managePath, { topics: ['press', 'events'] });
    expect(saved.statusCode).toBe(303);
    const { rows } = await t.db.query<{ topics: string[] }>(
      'SELECT topics FROM news_push_optins WHERE municipality_id = $1 ORDER BY id LIMIT 1',
      [t.config.municipality.id],
    );
    expect(rows[0]!.topics).toEqual(['press', 'events']);
    const cancelled = await postForm(t, form, `${traffic1.managePath}/abbestellen`);
    expect(cancelled.statusCode).toBe(303);
    expect((await t.app.inject({ url: traffic1.managePath, headers: { accept: 'text/html' } })).statusCode).toBe(404);
  });

  it('shows the opt-in page with the topics, the no-JavaScript explanation and the RSS alternative', async () => {
    const res = await t.app.inject({ url: '/aktuelles/benachrichtigungen', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Push-Benachrichtigungen brauchen JavaScript');
    expect(res.body).toContain('href="/aktuelles/rss.xml?thema=traffic"');
    const feed = await t.app.inject({ url: '/aktuelles/rss.xml?thema=traffic' });
    expect(feed.headers['content-type']).toMatch(/^application\/rss\+xml/);
    expect(feed.body).toContain('<title>Jahnplatz gesperrt</title>');
  });
});
