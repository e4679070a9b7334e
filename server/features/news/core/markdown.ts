import { marked } from 'marked';
import { sanitiseNewsHtml } from './sanitise.js';

/** Markdown to the same safe HTML subset as feeds (raw HTML in Markdown is sanitised away like a feed's). */
export function markdownToHtml(md: string): string {
  return sanitiseNewsHtml(marked.parse(md, { async: false, gfm: true, breaks: false }));
}
