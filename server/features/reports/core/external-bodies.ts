import type { Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import { type ExternalBodyRow, selectExternalBodies, selectExternalBody } from './external-bodies-queries.js';

export type { ExternalBodyRow };

/** External bodies (active first). */
export function listExternalBodies(deps: Deps): Promise<ExternalBodyRow[]> {
  return selectExternalBodies(deps.db, deps.config.municipality.id);
}

/** One external body of the municipality, or undefined. */
export function findExternalBody(
  db: Queryable,
  municipalityId: string,
  id: number,
): Promise<ExternalBodyRow | undefined> {
  return selectExternalBody(db, municipalityId, id);
}

/** One external body; throws not_found. */
export async function getExternalBody(db: Queryable, municipalityId: string, id: number): Promise<ExternalBodyRow> {
  const body = await findExternalBody(db, municipalityId, id);
  if (!body) throw notFound('External body');
  return body;
}
