import type { Queryable } from '../../../platform/db.js';

// The one owner of report_fixed_answers: the reporters' answers to "Ist es behoben?", one per closing as done.

export interface FixedAnswerInsert {
  municipalityId: string;
  reportId: number;
  /** The closing answered (the report's closed_at when asked). */
  closedAt: Date;
  fixed: boolean;
  reopened: boolean;
  at: Date;
}

/** Stores an answer; false when this closing has one already (the first answer stands). */
export async function insertFixedAnswer(tx: Queryable, a: FixedAnswerInsert): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO report_fixed_answers (municipality_id, report_id, closed_at, fixed, reopened, answered_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (report_id, closed_at) DO NOTHING`,
    [a.municipalityId, a.reportId, a.closedAt, a.fixed, a.reopened, a.at],
  );
  return rowCount > 0;
}

/** The answer given to one closing of a report, or undefined. */
export async function selectFixedAnswer(
  db: Queryable,
  reportId: number,
  closedAt: Date,
): Promise<{ fixed: boolean; reopened: boolean; answered_at: Date } | undefined> {
  const { rows } = await db.query<{ fixed: boolean; reopened: boolean; answered_at: Date }>(
    'SELECT fixed, reopened, answered_at FROM report_fixed_answers WHERE report_id = $1 AND closed_at = $2',
    [reportId, closedAt],
  );
  return rows[0];
}

/** The latest answer of a report (any closing), or undefined: the status page says what was answered. */
export async function selectLatestFixedAnswer(
  db: Queryable,
  reportId: number,
): Promise<{ fixed: boolean; reopened: boolean; closed_at: Date; answered_at: Date } | undefined> {
  const { rows } = await db.query<{ fixed: boolean; reopened: boolean; closed_at: Date; answered_at: Date }>(
    `SELECT fixed, reopened, closed_at, answered_at FROM report_fixed_answers WHERE report_id = $1
      ORDER BY closed_at DESC LIMIT 1`,
    [reportId],
  );
  return rows[0];
}
