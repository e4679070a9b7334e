import type { I18n } from '../../../platform/i18n.js';
import type { NewsItemRow } from '../core/items-queries.js';
import { newsPath } from '../core/service.js';

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Our own news as RSS 2.0 (title, link, summary, date, topic); the alternative to push that needs no script. */
export function newsRss(p: { i18n: I18n; baseUrl: string; title: string; items: NewsItemRow[] }): string {
  const base = p.baseUrl.replace(/\/$/, '');
  const en = p.i18n.lang === 'en';
  const items = p.items.map((i) => {
    const url = `${base}${newsPath(i)}`;
    const title = en && i.titleEn ? i.titleEn : i.titleDe;
    const summary = en && i.summaryEn ? i.summaryEn : i.summaryDe;
    return `<item><title>${escapeXml(title)}</title><link>${escapeXml(url)}</link><guid isPermaLink="false">news-${i.id}</guid><description>${escapeXml(summary)}</description><category>${escapeXml(p.i18n.t(`news.topics.${i.topic}`))}</category><pubDate>${i.publishedAt.toUTCString()}</pubDate></item>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${escapeXml(p.title)}</title><link>${escapeXml(`${base}/aktuelles`)}</link><description>${escapeXml(p.title)}</description><language>${p.i18n.lang}</language>${items.join('')}</channel></rss>
`;
}
