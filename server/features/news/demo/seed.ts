import { slugify } from '../../../../shared/formats.js';
import type { Deps } from '../../../platform/deps.js';
import { localParts, zonedTime } from '../../../platform/time.js';
import { insertNewsFeed } from '../core/feeds-queries.js';
import { hasNewsItems, insertNewsItem } from '../core/items-queries.js';
import { markdownToHtml } from '../core/markdown.js';
import { plainText, shorten } from '../core/sanitise.js';
import { syncNewsIndexByIds } from '../core/service.js';
import { demoFeeds, demoNewsItems } from './items.js';

/**
 * Loads the demo news (marked as demo, dated relative to deps.now()) and the demo feeds (disabled) once: does
 * nothing when the municipality has news already. Returns the number of items added.
 */
export async function seedNewsDemo(deps: Deps, municipalityId = deps.config.municipality.id): Promise<number> {
  const tz = deps.config.municipality.timeZone;
  return deps.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`news-demo:${municipalityId}`]);
    if (await hasNewsItems(tx, municipalityId)) return 0;
    const now = deps.now();
    for (const f of demoFeeds) await insertNewsFeed(tx, municipalityId, { ...f, enabled: false, now });
    const ids: number[] = [];
    for (const d of demoNewsItems) {
      const day = localParts(new Date(now.getTime() - d.daysAgo * 86_400_000), tz);
      let publishedAt = zonedTime({ year: day.year, month: day.month, day: day.day, hour: d.hour }, tz);
      // Today's items never lie in the future.
      if (publishedAt > now) publishedAt = new Date(now.getTime() - 5 * 60_000);
      const bodyDe = markdownToHtml(d.markdownDe);
      const bodyEn = d.markdownEn ? markdownToHtml(d.markdownEn) : null;
      ids.push(
        await insertNewsItem(tx, municipalityId, {
          topic: d.topic,
          slug: slugify(d.titleDe, 80),
          titleDe: d.titleDe,
          titleEn: d.titleEn ?? null,
          summaryDe: shorten(plainText(bodyDe)),
          summaryEn: bodyEn ? shorten(plainText(bodyEn)) : null,
          bodyDe,
          bodyEn,
          markdownDe: d.markdownDe,
          markdownEn: d.markdownEn ?? null,
          imageId: null,
          imageAlt: null,
          publishedAt,
          link: null,
          contentHash: null,
          source: 'editor',
          feedId: null,
          sourceKey: null,
          pinned: d.pinned ?? false,
          demo: true,
          now: publishedAt,
        }),
      );
    }
    await syncNewsIndexByIds(tx, municipalityId, ids, now);
    return ids.length;
  });
}
