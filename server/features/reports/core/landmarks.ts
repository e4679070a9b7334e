import { streetKey } from '../../../../shared/address-normalize.js';
import type { Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import {
  findLandmarkRow,
  type LandmarkRow,
  matchLandmarkRows,
  searchLandmarkRows,
  upsertLandmark,
} from './landmarks-queries.js';

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

/**
 * What a typed landmark names: nothing, one place, or several the citizen must choose from. The typed text is
 * never replaced by the place (nor by an address near it): callers keep `typed` and show `landmark.name` beside it.
 */
export type LandmarkMatch =
  | { kind: 'none'; typed: string }
  | { kind: 'one'; typed: string; landmark: Landmark }
  | { kind: 'many'; typed: string; candidates: Landmark[] };

/** At most this many places are offered as a choice. */
export const landmarkChoiceLimit = 6;
/** A similar-only (typo) match wins over the next one when it is clearly more similar. */
const clearLead = 0.1;

/**
 * Matches typed text against the landmarks. An exact name is one place; a text found inside several names
 * ("Bahnhof": Hauptbahnhof, Bahnhof Brackwede) is a choice; a text found inside exactly one name ("Tierpark":
 * Tierpark Olderdissen) is that place; typos count only when one candidate clearly leads. `chosenId` (a choice
 * already made) wins when it names a landmark of the municipality.
 */
export async function matchLandmark(
  db: Queryable,
  municipalityId: string,
  text: string,
  chosenId?: number,
): Promise<LandmarkMatch> {
  const typed = text.trim();
  if (chosenId !== undefined) {
    const chosen = await findLandmarkRow(db, municipalityId, chosenId);
    if (chosen) return { kind: 'one', typed, landmark: chosen };
  }
  const key = landmarkKey(typed);
  if (key.length < 2) return { kind: 'none', typed };
  const rows = await matchLandmarkRows(db, municipalityId, key, landmarkChoiceLimit + 1);
  const strip = ({ rank: _r, similarity: _s, ...l }: (typeof rows)[number]): Landmark => l;
  const [best, next] = rows;
  if (!best) return { kind: 'none', typed };
  if (best.rank === 0) return { kind: 'one', typed, landmark: strip(best) };
  const textual = rows.filter((r) => r.rank <= 3);
  if (textual.length === 1 && textual[0]) return { kind: 'one', typed, landmark: strip(textual[0]) };
  if (textual.length > 1) return { kind: 'many', typed, candidates: textual.slice(0, landmarkChoiceLimit).map(strip) };
  if (!next || best.similarity - next.similarity >= clearLead) return { kind: 'one', typed, landmark: strip(best) };
  return { kind: 'many', typed, candidates: rows.slice(0, landmarkChoiceLimit).map(strip) };
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
