import type { Queryable } from '../../../platform/db.js';
import type { Season } from './types.js';

// SQL of waste_seasons: the only file that writes the table.

const seasonColumns = `id, key, starts_on::text AS "startsOn", ends_on::text AS "endsOn"`;

/** The municipality's seasons, oldest first. */
export async function selectSeasons(db: Queryable, municipalityId: string): Promise<Season[]> {
  const { rows } = await db.query<Season>(
    `SELECT ${seasonColumns} FROM waste_seasons WHERE municipality_id = $1 ORDER BY starts_on, key`,
    [municipalityId],
  );
  return rows;
}

/** The season covering a date; when two overlap, the one that started later. */
export async function selectSeasonOn(db: Queryable, municipalityId: string, date: string): Promise<Season | undefined> {
  const { rows } = await db.query<Season>(
    `SELECT ${seasonColumns} FROM waste_seasons
      WHERE municipality_id = $1 AND $2::date BETWEEN starts_on AND ends_on
      ORDER BY starts_on DESC LIMIT 1`,
    [municipalityId, date],
  );
  return rows[0];
}

/** Inserts seasons or moves the dates of existing keys; returns them. */
export async function upsertSeasons(
  tx: Queryable,
  municipalityId: string,
  seasons: Omit<Season, 'id'>[],
): Promise<Season[]> {
  const { rows } = await tx.query<Season>(
    `INSERT INTO waste_seasons (municipality_id, key, starts_on, ends_on)
     SELECT $1, u.key, u.starts_on, u.ends_on FROM unnest($2::text[], $3::date[], $4::date[]) AS u(key, starts_on, ends_on)
     ON CONFLICT (municipality_id, key) DO UPDATE SET starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on
     RETURNING ${seasonColumns}`,
    [municipalityId, seasons.map((s) => s.key), seasons.map((s) => s.startsOn), seasons.map((s) => s.endsOn)],
  );
  return rows;
}
