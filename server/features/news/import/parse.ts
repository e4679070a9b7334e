import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeEntities } from '../core/sanitise.js';

// RSS 2.0 and Atom 1.0 to one shape. Unsanitised: the import service sanitises every HTML field.

export interface ParsedFeedItem {
  /** Dedupe key: the GUID (Atom id), else the link. */
  key: string;
  link: string | null;
  title: string;
  /** The item's HTML (full content when the feed has it, else its description). */
  html: string;
  /** A short description (HTML), when the feed has one apart from the content. */
  summaryHtml: string;
  publishedAt: Date | null;
  imageUrl: string | null;
}

export class FeedFormatError extends Error {}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['item', 'entry', 'link', 'enclosure', 'media:content'].includes(name),
});

type Node = Record<string, unknown>;

/** The text of an element that may carry attributes ({ '#text': … }). */
function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return textOf((v as Node)['#text']);
  return '';
}

const isHttp = (s: string | null | undefined): s is string => !!s && /^https?:\/\//i.test(s.trim());

function dateOf(s: string): Date | null {
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The first image the item names: an image enclosure or media:content, else the first <img> of its HTML. */
function imageOf(node: Node, html: string): string | null {
  for (const e of [...((node.enclosure as Node[]) ?? []), ...((node['media:content'] as Node[]) ?? [])]) {
    const url = textOf(e['@_url']);
    const type = textOf(e['@_type']) || textOf(e['@_medium']);
    if (isHttp(url) && /image/.test(type)) return url.trim();
  }
  const img = /<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/i.exec(html)?.[1];
  return isHttp(img) ? decodeEntities(img) : null;
}

function rssItems(channel: Node): ParsedFeedItem[] {
  return ((channel.item as Node[] | undefined) ?? []).map((n) => {
    const link = textOf((n.link as unknown[] | undefined)?.[0]).trim() || null;
    const guid = textOf(n.guid).trim();
    const description = textOf(n.description);
    const content = textOf(n['content:encoded']);
    const html = content || description;
    return {
      key: guid || link || '',
      link: isHttp(link) ? link : null,
      title: decodeEntities(textOf(n.title)).trim(),
      html,
      summaryHtml: content ? description : '',
      publishedAt: dateOf(textOf(n.pubDate) || textOf(n['dc:date'])),
      imageUrl: imageOf(n, html),
    };
  });
}

function atomLink(n: Node): string | null {
  const links = (n.link as Node[] | undefined) ?? [];
  const alternate = links.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? links[0];
  const href = alternate ? textOf(alternate['@_href']).trim() : '';
  return isHttp(href) ? href : null;
}

/** Atom text constructs: type="text" is plain text (escaped here so it stays text), html is HTML. */
function atomHtml(v: unknown): string {
  if (v && typeof v === 'object' && (v as Node)['@_type'] === 'text') {
    return textOf(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  }
  return textOf(v);
}

function atomEntries(feed: Node): ParsedFeedItem[] {
  return ((feed.entry as Node[] | undefined) ?? []).map((n) => {
    const link = atomLink(n);
    const content = atomHtml(n.content);
    const summary = atomHtml(n.summary);
    const html = content || summary;
    return {
      key: textOf(n.id).trim() || link || '',
      link,
      title: decodeEntities(textOf(n.title)).trim(),
      html,
      summaryHtml: content ? summary : '',
      publishedAt: dateOf(textOf(n.published) || textOf(n.updated)),
      imageUrl: imageOf(n, html),
    };
  });
}

/** The items of an RSS 2.0 or Atom document; throws FeedFormatError when it is neither or not well-formed. */
export function parseFeed(xml: string): ParsedFeedItem[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new FeedFormatError(`not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  const doc = parser.parse(xml) as Node;
  const rss = doc.rss as Node | undefined;
  let items: ParsedFeedItem[];
  if (rss && typeof rss === 'object' && rss.channel && typeof rss.channel === 'object') {
    items = rssItems(rss.channel as Node);
  } else if (doc.feed && typeof doc.feed === 'object') {
    items = atomEntries(doc.feed as Node);
  } else throw new FeedFormatError('neither an RSS 2.0 nor an Atom feed');
  // Items without a key or title cannot be kept apart or shown.
  return items.filter((i) => i.key && i.title).map((i) => ({ ...i, key: i.key.slice(0, 500) }));
}
