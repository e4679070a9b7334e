import type { Queryable } from '../../platform/db.js';

export interface FeedbackRow {
  id: number;
  municipalityId: string;
  page: string | null;
  message: string;
  name: string | null;
  email: string | null;
  language: 'de' | 'en';
  createdAt: Date;
  sentAt: Date | null;
}

const columns = `id, municipality_id AS "municipalityId", page, message, name, email, language,
  created_at AS "createdAt", sent_at AS "sentAt"`;

export async function insertFeedback(
  db: Queryable,
  f: {
    municipalityId: string;
    page: string | null;
    message: string;
    name: string | null;
    email: string | null;
    language: 'de' | 'en';
    createdAt: Date;
  },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO accessibility_feedback (municipality_id, page, message, name, email, language, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [f.municipalityId, f.page, f.message, f.name, f.email, f.language, f.createdAt],
  );
  return Number(rows[0]!.id);
}

export async function selectFeedback(db: Queryable, id: number): Promise<FeedbackRow | undefined> {
  const { rows } = await db.query<FeedbackRow>(`SELECT ${columns} FROM accessibility_feedback WHERE id = $1`, [id]);
  const row = rows[0];
  return row ? { ...row, id: Number(row.id) } : undefined;
}

/** Marks a feedback as mailed; false when it was already marked (another run got there first). */
export async function markFeedbackSent(db: Queryable, id: number, at: Date): Promise<boolean> {
  const { rows } = await db.query(
    'UPDATE accessibility_feedback SET sent_at = $2 WHERE id = $1 AND sent_at IS NULL RETURNING id',
    [id, at],
  );
  return rows.length > 0;
}

/** Rows of the municipality sent before `before` (never-sent ones count from their creation). */
const purgeable = 'municipality_id = $1 AND COALESCE(sent_at, created_at) < $2';

export async function countPurgeableFeedback(db: Queryable, municipalityId: string, before: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM accessibility_feedback WHERE ${purgeable}`,
    [municipalityId, before],
  );
  return rows[0]?.n ?? 0;
}

export async function deletePurgeableFeedback(db: Queryable, municipalityId: string, before: Date): Promise<number> {
  const { rows } = await db.query(`DELETE FROM accessibility_feedback WHERE ${purgeable} RETURNING id`, [
    municipalityId,
    before,
  ]);
  return rows.length;
}
