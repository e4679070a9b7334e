import type { Queryable } from '../../platform/db.js';

// SQL of the FAQ questions (faq_questions), their order and their helpful counts: this file owns the table.

export interface QuestionRow {
  id: number;
  topic_id: number;
  slug: string;
  question_de: string;
  question_en: string | null;
  answer_de: string;
  answer_en: string | null;
  synonyms: string[];
  service_slug: string | null;
  published: boolean;
  on_start_page: boolean;
  sort: number;
  helpful_yes: number;
  helpful_no: number;
  updated_at: Date;
}

export interface QuestionFields {
  topicId: number;
  slug: string;
  questionDe: string;
  questionEn: string | null;
  answerDe: string;
  answerEn: string | null;
  synonyms: string[];
  serviceSlug: string | null;
  published: boolean;
  onStartPage: boolean;
}

const names = `slug, question_de, question_en, answer_de, answer_en, synonyms, service_slug, published, on_start_page,
  sort, helpful_yes, helpful_no, updated_at`;
const columns = `id::int AS id, topic_id::int AS topic_id, ${names}`;
const qColumns = `q.id::int AS id, q.topic_id::int AS topic_id, ${names.replace(/([a-z_]+)/g, 'q.$1')}`;

/** Every question of a municipality (drafts too), by topic order then question order. */
export async function selectQuestions(db: Queryable, municipalityId: string, publishedOnly: boolean) {
  const { rows } = await db.query<QuestionRow>(
    `SELECT ${qColumns}
     FROM faq_questions q JOIN faq_topics t ON t.municipality_id = q.municipality_id AND t.id = q.topic_id
     WHERE q.municipality_id = $1 AND (q.published OR NOT $2)
     ORDER BY t.sort, t.id, q.sort, q.id`,
    [municipalityId, publishedOnly],
  );
  return rows;
}

/** One question by id, or undefined; `lock` takes a row lock. */
export async function selectQuestion(db: Queryable, municipalityId: string, id: number, lock = false) {
  const { rows } = await db.query<QuestionRow>(
    `SELECT ${columns} FROM faq_questions WHERE municipality_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [municipalityId, id],
  );
  return rows[0];
}

/** One question by its slug, or undefined. */
export async function selectQuestionBySlug(db: Queryable, municipalityId: string, slug: string) {
  const { rows } = await db.query<QuestionRow>(
    `SELECT ${columns} FROM faq_questions WHERE municipality_id = $1 AND slug = $2`,
    [municipalityId, slug],
  );
  return rows[0];
}

/** True when another question of the municipality has this slug. */
export async function questionSlugTaken(db: Queryable, municipalityId: string, slug: string, exceptId?: number) {
  const { rows } = await db.query(
    'SELECT 1 FROM faq_questions WHERE municipality_id = $1 AND slug = $2 AND id <> coalesce($3::bigint, 0)',
    [municipalityId, slug, exceptId ?? null],
  );
  return rows.length > 0;
}

/** Adds a question at the end of its topic. */
export async function insertQuestion(db: Queryable, municipalityId: string, f: QuestionFields, at: Date) {
  const { rows } = await db.query<QuestionRow>(
    `INSERT INTO faq_questions (municipality_id, topic_id, slug, question_de, question_en, answer_de, answer_en,
       synonyms, service_slug, published, on_start_page, sort, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
       (SELECT coalesce(max(sort), 0) + 1 FROM faq_questions WHERE municipality_id = $1 AND topic_id = $2), $12, $12)
     RETURNING ${columns}`,
    [municipalityId, ...values(f), at],
  );
  return rows[0]!;
}

const values = (f: QuestionFields) => [
  f.topicId,
  f.slug,
  f.questionDe,
  f.questionEn,
  f.answerDe,
  f.answerEn,
  f.synonyms,
  f.serviceSlug,
  f.published,
  f.onStartPage,
];

/** Changes a question's fields; a question moved to another topic goes to that topic's end. */
export async function updateQuestionRow(
  db: Queryable,
  municipalityId: string,
  id: number,
  f: QuestionFields,
  at: Date,
): Promise<QuestionRow> {
  const { rows } = await db.query<QuestionRow>(
    `UPDATE faq_questions SET topic_id = $2, slug = $3, question_de = $4, question_en = $5, answer_de = $6,
       answer_en = $7, synonyms = $8, service_slug = $9, published = $10, on_start_page = $11, updated_at = $12,
       sort = CASE WHEN topic_id = $2 THEN sort ELSE
         (SELECT coalesce(max(sort), 0) + 1 FROM faq_questions WHERE municipality_id = $1 AND topic_id = $2) END
     WHERE municipality_id = $1 AND id = $13
     RETURNING ${columns}`,
    [municipalityId, ...values(f), at, id],
  );
  return rows[0]!;
}

/** Deletes a question. */
export async function deleteQuestionRow(db: Queryable, municipalityId: string, id: number): Promise<void> {
  await db.query('DELETE FROM faq_questions WHERE municipality_id = $1 AND id = $2', [municipalityId, id]);
}

/** The ids of a topic's questions in their order, locked (reordering reads then rewrites the order). */
export async function lockTopicQuestions(db: Queryable, municipalityId: string, topicId: number): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT id::int AS id FROM faq_questions WHERE municipality_id = $1 AND topic_id = $2
     ORDER BY sort, id FOR UPDATE`,
    [municipalityId, topicId],
  );
  return rows.map((r) => r.id);
}

/** Numbers questions 1, 2, 3 … in the order of `ids`. */
export async function renumberQuestions(db: Queryable, municipalityId: string, ids: number[]): Promise<void> {
  await db.query(
    `UPDATE faq_questions q SET sort = o.ord FROM unnest($2::bigint[]) WITH ORDINALITY AS o(id, ord)
     WHERE q.municipality_id = $1 AND q.id = o.id`,
    [municipalityId, ids],
  );
}

/** Counts one answer to "was this helpful?" of a published question; false when there is no such question. */
export async function addHelpfulVote(db: Queryable, municipalityId: string, id: number, helpful: boolean) {
  const { rowCount } = await db.query(
    `UPDATE faq_questions SET helpful_yes = helpful_yes + $3::int, helpful_no = helpful_no + 1 - $3::int
     WHERE municipality_id = $1 AND id = $2 AND published`,
    [municipalityId, id, helpful ? 1 : 0],
  );
  return (rowCount ?? 0) > 0;
}

/** The start page's questions: those editors put there, then the most helpful, published only. */
export async function selectStartQuestions(db: Queryable, municipalityId: string, limit: number) {
  const { rows } = await db.query<Pick<QuestionRow, 'slug' | 'question_de' | 'question_en'>>(
    `SELECT slug, question_de, question_en FROM faq_questions WHERE municipality_id = $1 AND published
     ORDER BY on_start_page DESC, helpful_yes DESC, helpful_yes + helpful_no DESC, sort, id LIMIT $2`,
    [municipalityId, limit],
  );
  return rows;
}

/** How many questions the municipality has (drafts too). */
export async function countQuestions(db: Queryable, municipalityId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM faq_questions WHERE municipality_id = $1',
    [municipalityId],
  );
  return rows[0]!.n;
}

/** Sets a question's helpful counts (the demo seed brings its questions with answers given so far). */
export async function setHelpfulCounts(db: Queryable, municipalityId: string, id: number, yes: number, no: number) {
  await db.query('UPDATE faq_questions SET helpful_yes = $3, helpful_no = $4 WHERE municipality_id = $1 AND id = $2', [
    municipalityId,
    id,
    yes,
    no,
  ]);
}
