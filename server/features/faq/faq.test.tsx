import type { FastifyRequest } from 'fastify';
import { render as renderToString } from 'preact-render-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { i18nFor } from '../../platform/i18n.js';
import { buildTestApp, countRows, type TestApp } from '../../test/app.js';
import { mergeCookies } from '../../test/factories/users.js';
import { seedFaqDemo } from './demo/seed.js';
import { markdownText, renderMarkdown } from './markdown.js';
import { localize } from './present.js';
import { listPublicFaq, listStartQuestions, moved } from './service.js';
import { FaqStartPanel } from './views/start-panel.js';
import { parseVotes } from './vote-cookie.js';

// Sunday 6 December 2026, noon in Bielefeld.
const now = '2026-12-06T11:00:00Z';
let t: TestApp;
let mid: string;
beforeAll(async () => {
  t = await buildTestApp({ now });
  mid = t.config.municipality.id;
  expect(await seedFaqDemo(t.deps)).toBe(true);
});
afterAll(() => t.close());

const page = (url: string, cookie = '') =>
  t.app.inject({ url, headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });

/** A browser visit to a question page, then a click on "Ja" or "Nein"; returns the new cookie jar and the answer. */
async function vote(slug: string, answer: 'ja' | 'nein', jar = '') {
  const res = await page(`/oft-nachgefragt/${slug}`, jar);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
  jar = mergeCookies(jar, res.cookies);
  if (!csrf) return { jar, res: undefined, form: false, csrf: '' };
  const post = await t.app.inject({
    method: 'POST',
    url: `/oft-nachgefragt/${slug}/hilfreich`,
    headers: { cookie: jar, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams({ _csrf: csrf, answer }).toString(),
  });
  return { jar: mergeCookies(jar, post.cookies), res: post, form: true, csrf };
}

const counts = async (slug: string) =>
  (
    await t.db.query<{ yes: number; no: number }>(
      'SELECT helpful_yes AS yes, helpful_no AS no FROM faq_questions WHERE municipality_id = $1 AND slug = $2',
      [mid, slug],
    )
  ).rows[0]!;

describe('demo', () => {
  it('has at least 40 published questions across the nine topics, most also in English, all indexed', async () => {
    const topics = await listPublicFaq(t.db, mid);
    expect(topics.map((x) => x.name.de)).toEqual([
      'BürgerServiceCenter',
      'Ausweise & Pässe',
      'Umzug & Meldewesen',
      'Abfall',
      'Parken & Verkehr',
      'Kfz-Zulassung & Führerschein',
      'Familie',
      'Steuern & Gebühren',
      'App & Datenschutz',
    ]);
    const questions = topics.flatMap((x) => x.items);
    expect(questions.length).toBeGreaterThanOrEqual(40);
    expect(questions.filter((q) => q.question.en).length).toBeGreaterThan(questions.length / 2);
    const indexed = await countRows(
      t.db,
      `SELECT count(*)::int AS n FROM search_documents WHERE municipality_id = $1 AND kind = 'faq'`,
      [mid],
    );
    expect(indexed).toBe(questions.length);
    expect(await seedFaqDemo(t.deps)).toBe(false);
  });

  it('puts the editors’ picks on the start page first', async () => {
    const start = await listStartQuestions(t.db, mid);
    expect(start).toHaveLength(5);
    expect(start.map((q) => q.slug)).toContain('was-brauche-ich-fuer-einen-neuen-personalausweis');
  });

  it('gives the start page a panel with the most asked questions and tiles for both pages', async () => {
    const panel = t.app.homePanels.find((p) => p.id === 'faq')!;
    const request = { i18n: i18nFor('en', 'Europe/Berlin') } as FastifyRequest;
    const html = renderToString(<div>{await panel.load(request)}</div>);
    expect(html.match(/href="\/oft-nachgefragt\/[^"]+"/g)).toHaveLength(5);
    expect(html).toContain('What do I need for a new ID card?');
    expect(html).not.toContain('Only available in German');
    expect(t.app.homeModules.map((m) => m.href)).toEqual(
      expect.arrayContaining(['/oft-nachgefragt', '/datenplattformen']),
    );
  });

  it('says so beside a start-page question that has no English yet', () => {
    const html = renderToString(
      <FaqStartPanel
        i18n={i18nFor('en', 'Europe/Berlin')}
        questions={[
          { slug: 'a', question: { de: 'Wo parke ich?', en: '' } },
          { slug: 'b', question: { de: 'Was kostet es?', en: 'What does it cost?' } },
        ]}
      />,
    );
    expect(html).toContain('<a class="kern-link" href="/oft-nachgefragt/a" lang="de">Wo parke ich?</a>');
    expect(html.match(/Only available in German/g)).toHaveLength(1);
  });
});

describe('ordering and text', () => {
  it('moves an item one place and leaves the ends alone', () => {
    expect(moved([1, 2, 3], 2, 'up')).toEqual([2, 1, 3]);
    expect(moved([1, 2, 3], 2, 'down')).toEqual([1, 3, 2]);
    const ids = [1, 2, 3];
    expect(moved(ids, 1, 'up')).toBe(ids);
    expect(moved(ids, 3, 'down')).toBe(ids);
    expect(moved(ids, 9, 'down')).toBe(ids);
  });

  it('renders answers in a safe Markdown subset', () => {
    const html = renderMarkdown(
      '**Fett** [Link](https://example.org) <script>alert(1)</script> <img src=x onerror="alert(1)">\n\n[x](javascript:alert(1))\n\n- eins',
    );
    expect(html).toContain('<strong>Fett</strong>');
    expect(html).toContain('<a href="https://example.org" class="kern-link">Link</a>');
    expect(html).toContain('<ul class="kern-list kern-list--bullet">');
    expect(html).not.toMatch(/script|onerror|<img|javascript:/);
    expect(markdownText('**Fett** & [Link](https://x.org)\n\n- eins')).toBe('Fett & Link eins');
  });

  it('falls back to German with a note where English is missing', () => {
    expect(localize({ de: 'Frage', en: null }, 'en')).toEqual({ text: 'Frage', lang: 'de', fallback: true });
    expect(localize({ de: 'Frage', en: 'Question' }, 'en')).toEqual({ text: 'Question', lang: 'en', fallback: false });
    expect(localize({ de: 'Frage', en: 'Question' }, 'de')).toEqual({ text: 'Frage', lang: 'de', fallback: false });
  });

  it('reads only well-formed ids from the vote cookie', () => {
    expect(parseVotes('3.x.5.3.-1.007')).toEqual([3, 5]);
    expect(parseVotes(undefined)).toEqual([]);
  });
});

describe('citizen pages', () => {
  it('lists the topics with their questions, with the last update', async () => {
    const res = await page('/oft-nachgefragt');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="#thema-ausweise-paesse"');
    expect(res.body).toContain('href="/oft-nachgefragt/wie-melde-ich-sperrmuell-an"');
    expect(res.body).toContain('Zuletzt aktualisiert am');
    expect(res.body).not.toMatch(/>\s*faq\./);
  });

  it('shows a question with its answer, service link and date, and the vote form', async () => {
    const res = await page('/oft-nachgefragt/was-brauche-ich-fuer-einen-neuen-personalausweis');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 class="kern-heading-large">Was brauche ich für einen neuen Personalausweis?</h1>');
    expect(res.body).toContain('biometrisches Passfoto');
    expect(res.body).toContain('href="/leistungen/personalausweis"');
    expect(res.body).toMatch(/Zuletzt aktualisiert am <time datetime="[^"]+">\d+\. \w+ 2026<\/time>/);
    expect(res.body).toContain('War das hilfreich?');
    expect(res.body).toContain('name="answer" value="nein"');
  });

  it('answers in English, and in German with a visible note where no English exists', async () => {
    const en = await page('/oft-nachgefragt/was-brauche-ich-fuer-einen-neuen-personalausweis?lang=en');
    expect(en.body).toContain('What do I need for a new ID card?');
    expect(en.body).not.toContain('German only');
    const de = await page('/oft-nachgefragt/wie-aktiviere-ich-die-online-ausweisfunktion?lang=en');
    expect(de.body).toContain('German only');
    expect(de.body).toContain('<h1 class="kern-heading-large" lang="de">Wie aktiviere ich die Online-Ausweisfunktion?');
    expect(de.body).toContain('Was this helpful?');
    const list = await page('/oft-nachgefragt?lang=en');
    expect(list.body).toContain('Some questions are not yet available in English');
  });

  it('answers 404 for unknown questions', async () => {
    expect((await page('/oft-nachgefragt/gibt-es-nicht')).statusCode).toBe(404);
  });

  it('counts "was this helpful?" once per browser and question, without JavaScript, and thanks', async () => {
    const slug = 'wann-ist-die-grundsteuer-faellig';
    const before = await counts(slug);
    const first = await vote(slug, 'nein');
    expect(first.res?.statusCode).toBe(303);
    expect(first.res?.headers.location).toBe(`/oft-nachgefragt/${slug}?danke=nein#hilfreich-bereich`);
    expect(await counts(slug)).toEqual({ yes: before.yes, no: before.no + 1 });
    const thanks = await page(first.res!.headers.location as string, first.jar);
    expect(thanks.body).toContain('Danke für Ihre Rückmeldung.');
    expect(thanks.body).toContain('href="tel:+49521510"');
    expect(thanks.body).not.toContain('name="answer"');
    // The same browser again: no form, and a replayed post is not counted.
    const again = await vote(slug, 'ja', first.jar);
    expect(again.form).toBe(false);
    const replay = await t.app.inject({
      method: 'POST',
      url: `/oft-nachgefragt/${slug}/hilfreich`,
      headers: { cookie: first.jar, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: first.csrf, answer: 'ja' }).toString(),
    });
    expect(replay.headers.location).toBe(`/oft-nachgefragt/${slug}#hilfreich-bereich`);
    expect(await counts(slug)).toEqual({ yes: before.yes, no: before.no + 1 });
    // Another browser counts.
    await vote(slug, 'ja');
    expect(await counts(slug)).toEqual({ yes: before.yes + 1, no: before.no + 1 });
    // Nothing personal is stored: the cookie holds only question ids.
    expect(first.jar).toMatch(/bs_faq_votes=\d+/);
  });
});
