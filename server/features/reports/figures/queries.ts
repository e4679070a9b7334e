import type { Queryable } from '../../../platform/db.js';

/**
 * The reports counted in figures: made in [from, to) of local time ($3, $4 as 'YYYY-MM-DD' local midnights in the
 * time zone $2), abusive ones left out. Personal data play no part, so anonymising a report changes nothing here.
 */
const counted = `r.municipality_id = $1 AND NOT r.abusive
  AND r.created_at >= ($3::timestamp AT TIME ZONE $2) AND r.created_at < ($4::timestamp AT TIME ZONE $2)`;

export interface FiguresWindow {
  municipalityId: string;
  timeZone: string;
  /** First local day counted, 'YYYY-MM-DD'. */
  from: string;
  /** First local day no longer counted, 'YYYY-MM-DD'. */
  until: string;
}

const params = (w: FiguresWindow) => [w.municipalityId, w.timeZone, w.from, w.until];

/** Reports per local month ('YYYY-MM'); months without reports are absent. */
export async function countReportsByMonth(db: Queryable, w: FiguresWindow) {
  const { rows } = await db.query<{ month: string; count: number }>(
    `SELECT to_char(r.created_at AT TIME ZONE $2, 'YYYY-MM') AS month, count(*)::int AS count
       FROM reports r WHERE ${counted}
      GROUP BY 1 ORDER BY 1`,
    params(w),
  );
  return rows;
}

/** Reports per category, with the category's code and names. */
export async function countReportsByCategory(db: Queryable, w: FiguresWindow) {
  const { rows } = await db.query<{ code: string; name: { de: string; en: string }; count: number }>(
    `SELECT c.code, c.name, count(*)::int AS count
       FROM reports r JOIN report_categories c ON c.id = r.category_id
      WHERE ${counted}
      GROUP BY c.id, c.code, c.name, c.sort ORDER BY count(*) DESC, c.sort, c.code`,
    params(w),
  );
  return rows;
}

/** Reports per district (key and name null for reports outside any district). */
export async function countReportsByDistrict(db: Queryable, w: FiguresWindow) {
  const { rows } = await db.query<{ key: string | null; name: string | null; count: number }>(
    `SELECT d.key, d.name, count(*)::int AS count
       FROM reports r LEFT JOIN districts d ON d.id = r.district_id
      WHERE ${counted}
      GROUP BY d.key, d.name ORDER BY count(*) DESC, d.name NULLS LAST`,
    params(w),
  );
  return rows;
}

/** Reports per current status. */
export async function countReportsByStatus(db: Queryable, w: FiguresWindow) {
  const { rows } = await db.query<{ status: string; count: number }>(
    `SELECT r.status, count(*)::int AS count FROM reports r WHERE ${counted} GROUP BY r.status`,
    params(w),
  );
  return rows;
}

/** Creation and closing time of every report done (not rejected or handed on) in the window. */
export async function selectDoneDurations(db: Queryable, w: FiguresWindow) {
  const { rows } = await db.query<{ created_at: Date; closed_at: Date }>(
    `SELECT r.created_at, r.closed_at FROM reports r
      WHERE ${counted} AND r.status = 'done' AND r.closed_at IS NOT NULL`,
    params(w),
  );
  return rows;
}

/** Answers to "Ist es behoben?" for the reports of the window: fixed, not fixed, and reopened by a "no". */
export async function countFixedAnswers(db: Queryable, w: FiguresWindow) {
  const { rows } = await db.query<{ yes: number; no: number; reopened: number }>(
    `SELECT count(*) FILTER (WHERE a.fixed)::int AS yes, count(*) FILTER (WHERE NOT a.fixed)::int AS no,
            count(*) FILTER (WHERE a.reopened)::int AS reopened
       FROM report_fixed_answers a JOIN reports r ON r.id = a.report_id
      WHERE ${counted}`,
    params(w),
  );
  return rows[0] ?? { yes: 0, no: 0, reopened: 0 };
}
