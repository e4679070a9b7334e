import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, countRows, type TestApp } from '../../test/app.js';
import { createStaff, getPage, login, postForm } from '../../test/factories/users.js';
import { listQuestionsInOrder, listTopics } from './service.js';

let t: TestApp;
let mid: string;
let editor: { cookie: string; csrf: string };
beforeAll(async () => {
  t = await buildTestApp({ now: '2026-12-06T11:00:00Z' });
  mid = t.config.municipality.id;
  editor = await login(t, await createStaff(t, { role: 'editor' }));
});
afterAll(() => t.close());

const fieldError = (body: string, field: string) =>
  new RegExp(`id="${field}-error"[^>]*>([\\s\\S]*?)</p>`).exec(body)?.[1]?.replace(/<[^>]+>/g, '');
const audit = (entityType: string) =>
  t.db
    .query<{ action: string }>(
      'SELECT action FROM audit_log WHERE municipality_id = $1 AND entity_type = $2 ORDER BY id',
      [mid, entityType],
    )
    .then((r) => r.rows.map((x) => x.action));
const question = (topicId: number, de: string, extra: Record<string, string> = {}) => ({
  topicId: String(topicId),
  questionDe: de,
  answerDe: `Antwort auf: ${de}`,
  questionEn: '',
  answerEn: '',
  synonyms: '',
  slug: '',
  serviceSlug: '',
  status: 'published',
  ...extra,
});

describe('FAQ back office', () => {
  let topicA: number;
  let topicB: number;

  it('is for editors and admins only', async () => {
    const agent = await login(t, await createStaff(t, { role: 'bsc_agent' }));
    expect((await getPage(t, agent, '/admin/oft-nachgefragt')).statusCode).toBe(403);
    expect((await getPage(t, undefined, '/admin/oft-nachgefragt')).statusCode).toBe(303);
    expect((await getPage(t, editor, '/admin/oft-nachgefragt')).statusCode).toBe(200);
  });

  it('creates topics, audited, and reorders them', async () => {
    for (const nameDe of ['Abfall', 'Ausweise & Pässe']) {
      const res = await postForm(t, editor, '/admin/oft-nachgefragt/themen', { nameDe, nameEn: '', slug: '' });
      expect(res.statusCode).toBe(303);
    }
    [topicA, topicB] = (await listTopics(t.db, mid)).map((x) => x.id) as [number, number];
    expect((await listTopics(t.db, mid)).map((x) => x.slug)).toEqual(['abfall', 'ausweise-paesse']);
    const moved = await postForm(t, editor, `/admin/oft-nachgefragt/themen/${topicB}/hoch`);
    expect(moved.headers.location).toBe(`/admin/oft-nachgefragt/themen?done=moved#thema-${topicB}`);
    expect((await listTopics(t.db, mid)).map((x) => x.slug)).toEqual(['ausweise-paesse', 'abfall']);
    expect(await audit('faq_topic')).toEqual(['faq_topic.create', 'faq_topic.create', 'faq_topic.move-up']);
    const dup = await postForm(t, editor, '/admin/oft-nachgefragt/themen', { nameDe: 'Abfall', nameEn: '', slug: '' });
    expect(dup.statusCode).toBe(409);
    expect(fieldError(dup.body, 'slug')).toContain('schon vergeben');
  });

  it('creates questions, indexes the published ones, audits, and shows them in order', async () => {
    for (const de of ['Wie melde ich Sperrmüll an?', 'Wohin mit Batterien?', 'Was kostet die Biotonne?']) {
      const res = await postForm(
        t,
        editor,
        '/admin/oft-nachgefragt',
        question(topicA, de, { synonyms: 'Perso, Ausweis' }),
      );
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/admin/oft-nachgefragt?done=created');
    }
    const draft = await postForm(
      t,
      editor,
      '/admin/oft-nachgefragt',
      question(topicB, 'Entwurf?', { status: 'draft' }),
    );
    expect(draft.statusCode).toBe(303);
    const docs = await t.db.query<{ title_de: string; keywords: string[]; url: string }>(
      `SELECT title_de, keywords, url FROM search_documents WHERE municipality_id = $1 AND kind = 'faq' ORDER BY ref`,
      [mid],
    );
    expect(docs.rows.map((d) => d.title_de)).toEqual([
      'Wie melde ich Sperrmüll an?',
      'Wohin mit Batterien?',
      'Was kostet die Biotonne?',
    ]);
    expect(docs.rows[0]).toMatchObject({
      keywords: ['Perso', 'Ausweis'],
      url: '/oft-nachgefragt/wie-melde-ich-sperrmuell-an',
    });
    expect((await getPage(t, undefined, '/oft-nachgefragt/entwurf')).statusCode).toBe(404);
    const list = await getPage(t, undefined, '/oft-nachgefragt');
    expect(list.body).not.toContain('Entwurf?');
    expect(list.body.indexOf('Sperrmüll')).toBeLessThan(list.body.indexOf('Batterien'));
    expect(await audit('faq_question')).toEqual(Array(4).fill('faq_question.create'));
  });

  it('moves a question with buttons that work without JavaScript; the public page follows at once', async () => {
    const before = (await listQuestionsInOrder(t.db, mid)).filter((q) => q.topicId === topicA);
    const last = before[2]!;
    const res = await postForm(t, editor, `/admin/oft-nachgefragt/${last.id}/hoch`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/admin/oft-nachgefragt/reihenfolge?done=moved#frage-${last.id}`);
    const order = await getPage(t, editor, res.headers.location as string);
    expect(order.body).toContain('Die Reihenfolge wurde geändert.');
    const after = (await listQuestionsInOrder(t.db, mid)).filter((q) => q.topicId === topicA).map((q) => q.id);
    expect(after).toEqual([before[0]!.id, last.id, before[1]!.id]);
    // The first one cannot move up: nothing changes, nothing is audited.
    await postForm(t, editor, `/admin/oft-nachgefragt/${before[0]!.id}/hoch`);
    expect((await listQuestionsInOrder(t.db, mid)).filter((q) => q.topicId === topicA).map((q) => q.id)).toEqual(after);
    expect((await audit('faq_question')).filter((a) => a.startsWith('faq_question.move'))).toEqual([
      'faq_question.move-up',
    ]);
    const list = await getPage(t, undefined, '/oft-nachgefragt');
    expect(list.body.indexOf('Biotonne')).toBeLessThan(list.body.indexOf('Batterien'));
    expect((await postForm(t, editor, `/admin/oft-nachgefragt/${last.id}/seitwaerts`)).statusCode).toBe(404);
  });

  it('re-renders a wrong form with messages beside the fields and stores nothing', async () => {
    const n = await countRows(t.db, 'SELECT count(*)::int AS n FROM faq_questions WHERE municipality_id = $1', [mid]);
    const res = await postForm(t, editor, '/admin/oft-nachgefragt', {
      ...question(topicA, ''),
      answerDe: '',
      questionEn: 'Only English question',
      slug: 'Nicht gültig!',
      topicId: '',
    });
    expect(res.statusCode).toBe(400);
    expect(fieldError(res.body, 'questionDe')).toContain('Geben Sie die Frage ein.');
    expect(fieldError(res.body, 'answerDe')).toContain('Geben Sie die Antwort ein.');
    expect(fieldError(res.body, 'answerEn')).toContain('Frage und Antwort auf Englisch');
    expect(fieldError(res.body, 'topicId')).toContain('Wählen Sie ein Thema.');
    expect(res.body).toContain('value="Only English question"');
    expect(
      await countRows(t.db, 'SELECT count(*)::int AS n FROM faq_questions WHERE municipality_id = $1', [mid]),
    ).toBe(n);
  });

  it('edits a question (English, draft), audits before and after, and drops a draft from the search', async () => {
    const q = (await listQuestionsInOrder(t.db, mid)).find((x) => x.slug === 'wohin-mit-batterien')!;
    const res = await postForm(t, editor, `/admin/oft-nachgefragt/${q.id}`, {
      ...question(topicA, 'Wohin mit Batterien?', {
        questionEn: 'Where do batteries go?',
        answerEn: 'To the **shop**.',
        status: 'draft',
        slug: 'wohin-mit-batterien',
      }),
    });
    expect(res.statusCode).toBe(303);
    const row = await t.db.query(
      `SELECT action, before->'question'->>'en' AS b, after->'question'->>'en' AS a FROM audit_log
       WHERE municipality_id = $1 AND entity_type = 'faq_question' AND entity_id = $2 AND action = 'faq_question.update'`,
      [mid, String(q.id)],
    );
    expect(row.rows).toEqual([{ action: 'faq_question.update', b: null, a: 'Where do batteries go?' }]);
    const indexed = await countRows(
      t.db,
      `SELECT count(*)::int AS n FROM search_documents WHERE municipality_id = $1 AND kind = 'faq' AND ref = $2`,
      [mid, String(q.id)],
    );
    expect(indexed).toBe(0);
  });

  it('lists questions with their counts, the least helpful first', async () => {
    const [a, b] = (await listQuestionsInOrder(t.db, mid)).filter((q) => q.published);
    await t.db.query('UPDATE faq_questions SET helpful_yes = 9, helpful_no = 1 WHERE id = $1', [a!.id]);
    await t.db.query('UPDATE faq_questions SET helpful_yes = 2, helpful_no = 6 WHERE id = $1', [b!.id]);
    const res = await getPage(t, editor, '/admin/oft-nachgefragt');
    expect(res.body.indexOf(b!.question.de)).toBeLessThan(res.body.indexOf(a!.question.de));
    expect(res.body).toMatch(/25\s%/);
    expect(res.body).toMatch(/90\s%/);
  });

  it('keeps a topic with questions, deletes questions and empty topics', async () => {
    const refused = await postForm(t, editor, `/admin/oft-nachgefragt/themen/${topicA}/loeschen`);
    expect(refused.statusCode).toBe(409);
    const q = (await listQuestionsInOrder(t.db, mid)).find((x) => x.topicId === topicB)!;
    expect((await postForm(t, editor, `/admin/oft-nachgefragt/${q.id}/loeschen`)).headers.location).toBe(
      '/admin/oft-nachgefragt?done=deleted',
    );
    expect((await postForm(t, editor, `/admin/oft-nachgefragt/themen/${topicB}/loeschen`)).statusCode).toBe(303);
    expect((await listTopics(t.db, mid)).map((x) => x.id)).toEqual([topicA]);
    expect(await audit('faq_topic')).toContain('faq_topic.delete');
  });
});
