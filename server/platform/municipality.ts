import type { Municipality } from './config.js';
import type { Queryable } from './db.js';

/** Makes sure the configured municipality has its row (municipal data reference it by id). */
export async function upsertMunicipality(db: Queryable, m: Municipality): Promise<void> {
  await db.query(
    `INSERT INTO municipalities (id, name, ars) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, ars = EXCLUDED.ars, updated_at = now()
     WHERE municipalities.name IS DISTINCT FROM EXCLUDED.name OR municipalities.ars IS DISTINCT FROM EXCLUDED.ars`,
    [m.id, m.name, m.ars],
  );
}
