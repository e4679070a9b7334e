import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A local stand-in for the city's CMS: serves whatever a test sets per path, with an ETag; a request carrying the
// current ETag gets 304. Counts requests per path.

export interface FeedServer {
  url(path: string): string;
  set(path: string, body: string | Buffer, options?: { status?: number; type?: string }): void;
  requests: Map<string, number>;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const docs = new Map<string, { body: string | Buffer; status: number; type: string; etag: string }>();
  const requests = new Map<string, number>();
  let version = 0;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.set(path, (requests.get(path) ?? 0) + 1);
    const doc = docs.get(path);
    if (!doc) return res.writeHead(404).end();
    if (doc.status === 200 && req.headers['if-none-match'] === doc.etag) return res.writeHead(304).end();
    res.writeHead(doc.status, { 'content-type': doc.type, etag: doc.etag }).end(doc.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    set(path, body, options = {}) {
      version++;
      docs.set(path, {
        body,
        status: options.status ?? 200,
        type: options.type ?? 'application/rss+xml; charset=utf-8',
        etag: `"v${version}"`,
      });
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface FeedEntry {
  guid?: string;
  link: string;
  title: string;
  html: string;
  date: string;
}

/** An RSS 2.0 document (descriptions as escaped HTML, as CMSs write them). */
export function rss(items: FeedEntry[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Stadt Bielefeld</title><link>https://www.bielefeld.de/</link>
<description>Pressemitteilungen</description>
${items
  .map(
    (i) =>
      `<item><title>${esc(i.title)}</title><link>${esc(i.link)}</link>${
        i.guid ? `<guid isPermaLink="false">${esc(i.guid)}</guid>` : ''
      }<description>${esc(i.html)}</description><pubDate>${new Date(i.date).toUTCString()}</pubDate></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

/** An Atom 1.0 document (content as CDATA HTML). */
export function atom(entries: FeedEntry[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Veranstaltungen</title><id>urn:bielefeld:events</id>
<updated>2026-12-01T00:00:00Z</updated>
${entries
  .map(
    (e) => `<entry><id>${esc(e.guid ?? e.link)}</id><title type="text">${esc(e.title)}</title>
<link rel="alternate" href="${esc(e.link)}"/><updated>${e.date}</updated><published>${e.date}</published>
<content type="html"><![CDATA[${e.html}]]></content></entry>`,
  )
  .join('\n')}
</feed>`;
}
