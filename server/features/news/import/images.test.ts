import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { cliActor } from '../../audit/service.js';
import { type FeedServer, rss, startFeedServer } from '../test-feed-server.js';
import { createFeed } from './feeds-service.js';
import { FetchProblem, fetchImage } from './fetch.js';
import { importAllFeeds } from './service.js';

// Remote images in feeds: dropped by default (no request to the image's server); with NEWS_IMAGES=download fetched,
// re-encoded and served from our origin.

let feeds: FeedServer;
beforeAll(async () => {
  feeds = await startFeedServer();
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#005ca9' } })
    .png()
    .toBuffer();
  feeds.set('/bild.png', png, { type: 'image/png' });
  feeds.set(
    '/presse.xml',
    rss([
      {
        guid: 'pm-img',
        link: 'https://www.bielefeld.de/pm/img',
        title: 'Neues Stadtbahnfahrzeug vorgestellt',
        html: `<p>Das neue Fahrzeug.</p><img src="${feeds.url('/bild.png')}" alt="Stadtbahn">`,
        date: '2026-12-04T09:00:00Z',
      },
    ]),
  );
});
afterAll(() => feeds?.close());

async function importWith(env: Record<string, string>): Promise<{ t: TestApp; html: string }> {
  const t = await buildTestApp({ now: '2026-12-05T12:00:00Z', env });
  await createFeed(t.deps, { name: 'Presse', url: feeds.url('/presse.xml'), topic: 'press', enabled: true }, cliActor);
  await importAllFeeds(t.deps);
  const { rows } = await t.db.query<{ id: number; slug: string }>(
    'SELECT id::int AS id, slug FROM news_items WHERE municipality_id = $1',
    [t.config.municipality.id],
  );
  const res = await t.app.inject({
    url: `/aktuelles/${rows[0]!.id}-${rows[0]!.slug}`,
    headers: { accept: 'text/html' },
  });
  return { t, html: res.body };
}

describe('news images', () => {
  it('drops remote images by default and never asks their server', async () => {
    const { t, html } = await importWith({});
    try {
      expect(html).toContain('Das neue Fahrzeug.');
      expect(html).not.toContain('<img src="/aktuelles/bilder/');
      expect(html).not.toContain(feeds.url('/bild.png'));
      expect(feeds.requests.get('/bild.png') ?? 0).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('with NEWS_IMAGES=download serves a re-encoded copy from our origin', async () => {
    const { t, html } = await importWith({ NEWS_IMAGES: 'download' });
    try {
      const src = /<img src="(\/aktuelles\/bilder\/\d+)"/.exec(html)?.[1];
      expect(src).toBeDefined();
      expect(html).not.toContain(feeds.url('/bild.png'));
      const image = await t.app.inject({ url: src! });
      expect(image.statusCode).toBe(200);
      expect(image.headers['content-type']).toBe('image/webp');
      expect((await sharp(image.rawPayload).metadata()).width).toBe(64);
    } finally {
      await t.close();
    }
  });

  it('never asks an internal address for an image unless allowed (feed HTML may name any URL)', async () => {
    const before = feeds.requests.get('/bild.png') ?? 0;
    const { t, html } = await importWith({ NEWS_IMAGES: 'download', NEWS_IMAGES_ALLOW_PRIVATE: 'false' });
    try {
      expect(html).toContain('Das neue Fahrzeug.');
      expect(html).not.toContain('<img src="/aktuelles/bilder/');
      expect(feeds.requests.get('/bild.png') ?? 0).toBe(before);
      // A host name is checked when the connection is made, after DNS (so a rebinding name is refused too).
      const byName = feeds.url('/bild.png').replace('127.0.0.1', 'localhost');
      await expect(fetchImage(byName, { timeoutMs: 5000, maxBytes: 1_000_000, allowPrivate: false })).rejects.toThrow(
        FetchProblem,
      );
      expect(feeds.requests.get('/bild.png') ?? 0).toBe(before);
    } finally {
      await t.close();
    }
  });
});
