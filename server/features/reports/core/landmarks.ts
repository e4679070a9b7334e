import { streetKey } from '../../../../shared/address-normalize.js';
import type { Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { type LandmarkRow, searchLandmarkRows, upsertLandmark } from './landmarks-queries.js';

export type Landmark = LandmarkRow;

/** The normalised key of a landmark name or query, like street keys: "Tierpark Olderdissen" → "tierparkolderdissen". */
export function landmarkKey(text: string): string {
  return streetKey(text);
}

/** Landmarks matching free text (forgiving: case, umlauts, spaces, hyphens, typos); [] for an empty key. */
export async function searchLandmarks(
  deps: Deps,
  municipalityId: string,
  text: string,
  limit = 10,
): Promise<Landmark[]> {
  const key = landmarkKey(text);
  if (key.length < 2) return [];
  return searchLandmarkRows(deps.db, municipalityId, key, Math.min(Math.max(1, Math.trunc(limit)), 50));
}

/** The best landmark for a text, or undefined when none matches. */
export async function findLandmark(db: Queryable, municipalityId: string, text: string): Promise<Landmark | undefined> {
  const key = landmarkKey(text);
  if (key.length < 2) return undefined;
  return (await searchLandmarkRows(db, municipalityId, key, 1))[0];
}

export interface LandmarkInput {
  name: string;
  kind?: string;
  lat: number;
  lon: number;
}

/** Inserts or updates landmarks by normalised name in the caller's transaction; returns how many. */
export async function saveLandmarks(tx: Queryable, municipalityId: string, items: LandmarkInput[]): Promise<number> {
  for (const l of items) {
    await upsertLandmark(tx, {
      municipalityId,
      name: l.name,
      nameKey: landmarkKey(l.name),
      kind: l.kind ?? 'place',
      lat: l.lat,
      lon: l.lon,
    });
  }
  return items.length;
}
