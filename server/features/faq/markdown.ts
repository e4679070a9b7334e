import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// Answers are written in a small Markdown subset; whatever HTML Markdown lets through is cut to a safe subset, so an
// answer can never carry script, styles, event handlers, images or frames.

const marked = new Marked({ async: false, gfm: true, breaks: false });

const safe: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'blockquote', 'code'],
  allowedAttributes: { a: ['href', 'class'], p: ['class'], ul: ['class'], ol: ['class'], h3: ['class'], h4: ['class'] },
  allowedSchemes: ['https', 'http', 'mailto', 'tel'],
  allowProtocolRelative: false,
  // Headings in an answer sit below the page's h1 and the answer's h2.
  transformTags: {
    h1: sanitizeHtml.simpleTransform('h3', { class: 'kern-heading-small' }),
    h2: sanitizeHtml.simpleTransform('h3', { class: 'kern-heading-small' }),
    h3: sanitizeHtml.simpleTransform('h3', { class: 'kern-heading-small' }),
    h4: sanitizeHtml.simpleTransform('h4', { class: 'kern-title' }),
    p: sanitizeHtml.simpleTransform('p', { class: 'kern-body' }),
    ul: sanitizeHtml.simpleTransform('ul', { class: 'kern-list kern-list--bullet' }),
    ol: sanitizeHtml.simpleTransform('ol', { class: 'kern-list kern-list--number' }),
    a: (tagName, attribs) => ({ tagName, attribs: { href: attribs.href ?? '', class: 'kern-link' } }),
  },
};

/** Markdown → HTML of the safe subset (paragraphs, emphasis, lists, links, small headings). */
export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown) as string, safe);
}

/** Markdown → plain text (for the search index and previews). */
export function markdownText(markdown: string): string {
  const text = sanitizeHtml(marked.parse(markdown) as string, { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
