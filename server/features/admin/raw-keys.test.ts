import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { login } from '../../test/factories/users.js';
import { seedDemoIfEmpty } from '../demo/service.js';
import type { DemoCredential } from '../users/demo.js';

// No page shows a raw message key. The crawl starts at the citizen start page and at the staff start page of
// every demo account (one per role), follows the links it finds (same origin, GET, HTML), in German and English,
// and searches each page for "<catalogue>.<key>" where <catalogue> is one of our catalogue files.

const catalogues = readdirSync(new URL('../../locales/de/', import.meta.url))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));
const escaped = catalogues.map((c) => c.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')).sort((a, b) => b.length - a.length);
const rawKey = new RegExp(`(?<![\\w@/.-])(?:${escaped.join('|')})\\.[a-zA-Z_][\\w]*(?:\\.[\\w-]+)*`, 'g');

/** Paths the crawl does not follow: files, feeds, APIs, actions that end the session. */
const skip =
  /^\/(api|open311|assets|icons|municipality|theme\.css|manifest|sw\.js|admin\/logout)|\.(ics|pdf|csv|geojson|json|png|jpe?g|webp|svg|xml|txt)(\?|$)|\/fotos\/|\/export/;

/**
 * The text a page shows: its text and the attributes people read (labels, titles, alternative texts, placeholders),
 * without scripts, styles and code samples (a job's internal name is shown as code on purpose).
 */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style|code)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/\s(?!(?:aria-label|title|alt|placeholder)=)[\w:-]+="[^"]*"/g, ' ');
}

/** A path with its numbers and query values generalised: pages of one kind are visited twice at most. */
const kindOf = (path: string) => path.replace(/\d+/g, '#').replace(/=[^&]*/g, '=');

let t: TestApp;
let staff: DemoCredential[];

beforeAll(async () => {
  t = await buildTestApp({
    municipality: { id: 'bielefeld' },
    env: { DEMO_DATA: 'true' },
    now: '2026-05-12T07:30:00Z',
  });
  const seeded = await seedDemoIfEmpty(t.deps, t.app.log, () => {});
  staff = seeded?.staff ?? [];
}, 300_000);
afterAll(() => t?.close());

async function crawl(start: string, lang: 'de' | 'en', cookie?: string) {
  const queue = [start];
  const seen = new Set<string>();
  const kinds = new Map<string, number>();
  const found: string[] = [];
  let pages = 0;
  while (queue.length > 0 && pages < 160) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const kind = kindOf(path);
    const n = kinds.get(kind) ?? 0;
    if (n >= 2) continue;
    kinds.set(kind, n + 1);
    const res = await t.app.inject({
      url: path,
      headers: { accept: 'text/html', 'accept-language': lang, ...(cookie ? { cookie } : {}) },
    });
    if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) continue;
    pages++;
    for (const m of visibleText(res.body).matchAll(rawKey)) found.push(`${path}: ${m[0]}`);
    for (const m of res.body.matchAll(/\shref="(\/[^"#]*)/g)) {
      const next = m[1]!.replace(/&amp;/g, '&');
      if (skip.test(next) || next.includes('lang=')) continue;
      // Staff crawl the back office; citizens the public pages.
      if (cookie ? !next.startsWith('/admin') : next.startsWith('/admin')) continue;
      if (!seen.has(next)) queue.push(next);
    }
  }
  return { found, pages };
}

describe('message keys', () => {
  it('the pattern finds a raw key and ignores e-mail addresses and URLs', () => {
    expect(catalogues).toEqual(expect.arrayContaining(['reports-admin', 'common', 'jobs', 'audit']));
    expect(visibleText('<td>reports-admin.templates.kinds.forwarded</td>').match(rawKey)).toEqual([
      'reports-admin.templates.kinds.forwarded',
    ]);
    expect(visibleText('<a href="/admin/jobs.x">admin@bielefeld.example</a> Jahnplatz 5').match(rawKey)).toBeNull();
  });

  it('names each status the same on every page and in the figures (docs/glossary.md)', () => {
    for (const lang of ['de', 'en']) {
      const statuses = ['reports-admin', 'reports', 'reports-public', 'reports-figures'].map((file) => {
        const url = new URL(`../../locales/${lang}/${file}.json`, import.meta.url);
        return (JSON.parse(readFileSync(url, 'utf8')) as { status: Record<string, string> }).status;
      });
      for (const s of statuses.slice(1)) expect(s, lang).toEqual(statuses[0]);
    }
  });

  for (const lang of ['de', 'en'] as const) {
    it(`no citizen page shows a raw key (${lang})`, async () => {
      const { found, pages } = await crawl('/', lang);
      expect(pages).toBeGreaterThan(10);
      expect(found).toEqual([]);
    }, 300_000);

    it(`no back-office page shows a raw key, for any role (${lang})`, async () => {
      expect(new Set(staff.map((s) => s.role)).size).toBeGreaterThanOrEqual(5);
      const roles = new Set<string>();
      for (const s of staff) {
        // One account per role is enough (the department accounts show the same pages).
        if (roles.has(s.role)) continue;
        roles.add(s.role);
        const session = await login(t, s);
        const { found, pages } = await crawl('/admin', lang, session.cookie);
        expect(pages, s.role).toBeGreaterThan(1);
        expect(found, s.role).toEqual([]);
      }
    }, 300_000);
  }
});
