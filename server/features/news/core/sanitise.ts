import sanitizeHtml from 'sanitize-html';

// The one safe subset of HTML that news bodies may hold, whether they came from a feed or an editor's Markdown:
// no script, style, iframes, event handlers or remote images; links only to http(s) and mailto, opened safely.

const safeHref = /^\s*(https?:\/\/|mailto:)/i;

const options: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'a', 'ul', 'ol', 'li', 'strong', 'em', 'h2', 'h3', 'h4', 'blockquote', 'br'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Content of these never becomes text either.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math'],
  transformTags: {
    // Headings below the page's own h1 (an article title): a feed's h1 becomes h2, h5/h6 become h4.
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    b: 'strong',
    i: 'em',
    a: (tagName, attribs): sanitizeHtml.Tag => {
      const href = attribs.href ?? '';
      return { tagName, attribs: safeHref.test(href) ? { href, rel: 'noopener noreferrer' } : {} };
    },
  },
};

/** HTML reduced to the safe subset (links get rel="noopener noreferrer"). */
export function sanitiseNewsHtml(html: string): string {
  return sanitizeHtml(html, options).trim();
}

/** The text of some HTML, without tags, whitespace folded (for summaries and the search). */
export function plainText(html: string): string {
  const text = sanitizeHtml(html.replace(/<\/(p|li|h[1-6]|blockquote)>|<br\s*\/?>/gi, '$& '), {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: options.nonTextTags,
  });
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the entities sanitize-html leaves in text (named basics and numeric ones). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
    }
    return named[e.toLowerCase()] ?? m;
  });
}

/** A summary of at most `max` characters, cut at a word. */
export function shorten(text: string, max = 280): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trimEnd()}…`;
}
