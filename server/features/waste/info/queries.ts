import type { Queryable } from '../../../platform/db.js';
import type { OpeningRule } from './opening-hours.js';

// SQL of the Abfall-ABC (waste_abc_items) and the Wertstoffhöfe (waste_recycling_centres): this file owns both.

export interface AbcItemRow {
  key: string;
  name: Record<string, string>;
  synonyms: string[];
  disposal: string;
}

export interface NewAbcItem extends AbcItemRow {
  searchText: string;
}

/** Inserts or updates items by key (one statement for the whole list). */
export async function upsertAbcItems(db: Queryable, municipalityId: string, items: NewAbcItem[]): Promise<void> {
  await db.query(
    `INSERT INTO waste_abc_items (municipality_id, key, name, synonyms, disposal, search_text)
     SELECT $1, i.key, i.name, ARRAY(SELECT jsonb_array_elements_text(i.synonyms)), i.disposal, i.search_text
     FROM jsonb_to_recordset($2::jsonb) AS i(key text, name jsonb, synonyms jsonb, disposal text, search_text text)
     ON CONFLICT (municipality_id, key) DO UPDATE
       SET name = EXCLUDED.name, synonyms = EXCLUDED.synonyms, disposal = EXCLUDED.disposal,
           search_text = EXCLUDED.search_text`,
    [
      municipalityId,
      JSON.stringify(
        items.map((i) => ({
          key: i.key,
          name: i.name,
          synonyms: i.synonyms,
          disposal: i.disposal,
          search_text: i.searchText,
        })),
      ),
    ],
  );
}

/**
 * Items whose names or synonyms contain the (lower-case) query, or resemble it (pg_trgm word_similarity at least
 * `threshold`, so typos still find them), best first; at most `limit`.
 */
export async function searchAbcItems(
  db: Queryable,
  municipalityId: string,
  q: string,
  threshold: number,
  limit: number,
): Promise<AbcItemRow[]> {
  const { rows } = await db.query<AbcItemRow>(
    `SELECT key, name, synonyms, disposal
     FROM (SELECT *, word_similarity($2, search_text) AS score, strpos(search_text, $2) > 0 AS contains
           FROM waste_abc_items WHERE municipality_id = $1) i
     WHERE contains OR score >= $3
     ORDER BY contains DESC, score DESC, name->>'de'
     LIMIT $4`,
    [municipalityId, q, threshold, limit],
  );
  return rows;
}

/** Every item, by German name (the A–Z list). */
export async function listAbcItems(db: Queryable, municipalityId: string): Promise<AbcItemRow[]> {
  const { rows } = await db.query<AbcItemRow>(
    `SELECT key, name, synonyms, disposal FROM waste_abc_items WHERE municipality_id = $1
     ORDER BY name->>'de' COLLATE "C"`,
    [municipalityId],
  );
  return rows;
}

export interface RecyclingCentreRow {
  key: string;
  name: string;
  street: string;
  postcode: string;
  city: string;
  lat: number;
  lon: number;
  hours: OpeningRule[];
}

/** Inserts or updates Wertstoffhöfe by key. */
export async function upsertRecyclingCentres(
  db: Queryable,
  municipalityId: string,
  centres: RecyclingCentreRow[],
): Promise<void> {
  await db.query(
    `INSERT INTO waste_recycling_centres (municipality_id, key, name, street, postcode, city, lat, lon, hours, sort)
     SELECT $1, c.key, c.name, c.street, c.postcode, c.city, c.lat, c.lon, c.hours, c.sort
     FROM jsonb_to_recordset($2::jsonb) AS c(key text, name text, street text, postcode text, city text,
          lat float8, lon float8, hours jsonb, sort int)
     ON CONFLICT (municipality_id, key) DO UPDATE
       SET name = EXCLUDED.name, street = EXCLUDED.street, postcode = EXCLUDED.postcode, city = EXCLUDED.city,
           lat = EXCLUDED.lat, lon = EXCLUDED.lon, hours = EXCLUDED.hours, sort = EXCLUDED.sort`,
    [municipalityId, JSON.stringify(centres.map((c, sort) => ({ ...c, sort })))],
  );
}

/** The municipality's Wertstoffhöfe in their order. */
export async function listRecyclingCentres(db: Queryable, municipalityId: string): Promise<RecyclingCentreRow[]> {
  const { rows } = await db.query<RecyclingCentreRow>(
    `SELECT key, name, street, postcode, city, lat, lon, hours FROM waste_recycling_centres
     WHERE municipality_id = $1 ORDER BY sort, key`,
    [municipalityId],
  );
  return rows;
}
