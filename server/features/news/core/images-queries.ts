import type { Queryable } from '../../../platform/db.js';

// The one owner of news_images: SQL only.

export interface NewsImageRow {
  id: number;
  contentType: string;
  width: number;
  height: number;
  bytes: Buffer;
}

/** The image already downloaded from this URL, if any (id only). */
export async function findNewsImageBySource(db: Queryable, municipalityId: string, sourceUrl: string) {
  const { rows } = await db.query<{ id: number }>(
    'SELECT id::int AS id FROM news_images WHERE municipality_id = $1 AND source_url = $2',
    [municipalityId, sourceUrl],
  );
  return rows[0]?.id;
}

/** Stores a re-encoded image; returns its id (the existing one when the URL is known). */
export async function insertNewsImage(
  tx: Queryable,
  municipalityId: string,
  img: { sourceUrl: string; contentType: string; width: number; height: number; bytes: Buffer; now: Date },
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO news_images (municipality_id, source_url, content_type, width, height, bytes, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (municipality_id, source_url) DO UPDATE SET source_url = EXCLUDED.source_url
     RETURNING id::int AS id`,
    [municipalityId, img.sourceUrl, img.contentType, img.width, img.height, img.bytes, img.now],
  );
  return rows[0]!.id;
}

/** One image with its bytes, or undefined. */
export async function selectNewsImage(db: Queryable, municipalityId: string, id: number) {
  const { rows } = await db.query<NewsImageRow>(
    `SELECT id::int AS id, content_type AS "contentType", width, height, bytes FROM news_images
      WHERE municipality_id = $1 AND id = $2`,
    [municipalityId, id],
  );
  return rows[0];
}
