import type { Queryable } from '../../platform/db.js';

// SQL on Open311's own table (its API clients). Reports are read and written through the reports services.

export interface ClientRow {
  id: number;
  name: string;
  key_prefix: string;
  created_at: Date;
  created_by_name: string | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const columns = `c.id, c.name, c.key_prefix, c.created_at, s.display_name AS created_by_name, c.last_used_at,
  c.revoked_at`;

/** The municipality's API clients, live ones first, by name. */
export async function selectClients(db: Queryable, municipalityId: string): Promise<ClientRow[]> {
  const { rows } = await db.query<ClientRow>(
    `SELECT ${columns} FROM open311_clients c LEFT JOIN staff_users s ON s.id = c.created_by
      WHERE c.municipality_id = $1 ORDER BY c.revoked_at IS NOT NULL, lower(c.name), c.id`,
    [municipalityId],
  );
  return rows;
}

/** One API client of the municipality (optionally locked), or undefined. */
export async function selectClient(
  db: Queryable,
  municipalityId: string,
  id: number,
  forUpdate = false,
): Promise<ClientRow | undefined> {
  const { rows } = await db.query<ClientRow>(
    `SELECT ${columns} FROM open311_clients c LEFT JOIN staff_users s ON s.id = c.created_by
      WHERE c.municipality_id = $1 AND c.id = $2${forUpdate ? ' FOR UPDATE OF c' : ''}`,
    [municipalityId, id],
  );
  return rows[0];
}

/** Stores a new API client (only the key's prefix and hash); returns its id. */
export async function insertClient(
  tx: Queryable,
  c: { municipalityId: string; name: string; keyPrefix: string; keyHash: string; createdBy: number | null; at: Date },
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO open311_clients (municipality_id, name, key_prefix, key_hash, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [c.municipalityId, c.name, c.keyPrefix, c.keyHash, c.createdBy, c.at],
  );
  return rows[0]!.id;
}

/** Revokes an API client (once: a revoked one keeps its first revocation time). */
export async function markClientRevoked(tx: Queryable, id: number, at: Date): Promise<void> {
  await tx.query('UPDATE open311_clients SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, at]);
}

/** The client holding a key (by hash), with its revocation time; records the use when it is live. */
export async function touchClientByKeyHash(
  db: Queryable,
  municipalityId: string,
  keyHash: string,
  at: Date,
): Promise<{ id: number; revoked_at: Date | null } | undefined> {
  const { rows } = await db.query<{ id: number; revoked_at: Date | null }>(
    `UPDATE open311_clients SET last_used_at = CASE WHEN revoked_at IS NULL THEN $3 ELSE last_used_at END
      WHERE municipality_id = $1 AND key_hash = $2 RETURNING id, revoked_at`,
    [municipalityId, keyHash, at],
  );
  return rows[0];
}

/** The id of the live (not revoked) client with this key hash, without recording a use; or undefined. */
export async function selectLiveClientIdByKeyHash(
  db: Queryable,
  municipalityId: string,
  keyHash: string,
): Promise<number | undefined> {
  const { rows } = await db.query<{ id: number }>(
    'SELECT id FROM open311_clients WHERE municipality_id = $1 AND key_hash = $2 AND revoked_at IS NULL',
    [municipalityId, keyHash],
  );
  return rows[0] ? Number(rows[0].id) : undefined;
}
