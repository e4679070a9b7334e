import type { Queryable } from '../../platform/db.js';

// SQL of the FAQ topics (faq_topics): this file owns the table.

export interface TopicRow {
  id: number;
  slug: string;
  name_de: string;
  name_en: string | null;
  sort: number;
  updated_at: Date;
  /** Questions of the topic (drafts included). */
  questions: number;
}

export interface TopicFields {
  slug: string;
  nameDe: string;
  nameEn: string | null;
}

const columns = `t.id::int AS id, t.slug, t.name_de, t.name_en, t.sort, t.updated_at,
  (SELECT count(*)::int FROM faq_questions q WHERE q.municipality_id = t.municipality_id AND q.topic_id = t.id)
    AS questions`;

/** Every topic of a municipality in the editors' order. */
export async function selectTopics(db: Queryable, municipalityId: string): Promise<TopicRow[]> {
  const { rows } = await db.query<TopicRow>(
    `SELECT ${columns} FROM faq_topics t WHERE t.municipality_id = $1 ORDER BY t.sort, t.id`,
    [municipalityId],
  );
  return rows;
}

/** One topic, or undefined; `lock` takes a row lock for an update. */
export async function selectTopic(
  db: Queryable,
  municipalityId: string,
  id: number,
  lock = false,
): Promise<TopicRow | undefined> {
  const { rows } = await db.query<TopicRow>(
    `SELECT ${columns} FROM faq_topics t WHERE t.municipality_id = $1 AND t.id = $2${lock ? ' FOR UPDATE OF t' : ''}`,
    [municipalityId, id],
  );
  return rows[0];
}

/** True when another topic of the municipality has this slug. */
export async function topicSlugTaken(db: Queryable, municipalityId: string, slug: string, exceptId?: number) {
  const { rows } = await db.query(
    'SELECT 1 FROM faq_topics WHERE municipality_id = $1 AND slug = $2 AND id <> coalesce($3::bigint, 0)',
    [municipalityId, slug, exceptId ?? null],
  );
  return rows.length > 0;
}

/** Adds a topic at the end of the order. */
export async function insertTopic(db: Queryable, municipalityId: string, f: TopicFields, at: Date): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO faq_topics (municipality_id, slug, name_de, name_en, sort, updated_at)
     VALUES ($1, $2, $3, $4, (SELECT coalesce(max(sort), 0) + 1 FROM faq_topics WHERE municipality_id = $1), $5)
     RETURNING id::int AS id`,
    [municipalityId, f.slug, f.nameDe, f.nameEn, at],
  );
  return rows[0]!.id;
}

/** Changes a topic's slug and names. */
export async function updateTopicRow(db: Queryable, municipalityId: string, id: number, f: TopicFields, at: Date) {
  await db.query(
    `UPDATE faq_topics SET slug = $3, name_de = $4, name_en = $5, updated_at = $6
     WHERE municipality_id = $1 AND id = $2`,
    [municipalityId, id, f.slug, f.nameDe, f.nameEn, at],
  );
}

/** Deletes a topic (the caller checks it has no questions). */
export async function deleteTopicRow(db: Queryable, municipalityId: string, id: number): Promise<void> {
  await db.query('DELETE FROM faq_topics WHERE municipality_id = $1 AND id = $2', [municipalityId, id]);
}

/** Numbers the topics 1, 2, 3 … in the order of `ids`. */
export async function renumberTopics(db: Queryable, municipalityId: string, ids: number[]): Promise<void> {
  await db.query(
    `UPDATE faq_topics t SET sort = o.ord FROM unnest($2::bigint[]) WITH ORDINALITY AS o(id, ord)
     WHERE t.municipality_id = $1 AND t.id = o.id`,
    [municipalityId, ids],
  );
}

/** Locks the municipality's topics (reordering reads then rewrites the whole order). */
export async function lockTopics(db: Queryable, municipalityId: string): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    'SELECT id::int AS id FROM faq_topics WHERE municipality_id = $1 ORDER BY sort, id FOR UPDATE',
    [municipalityId],
  );
  return rows.map((r) => r.id);
}
