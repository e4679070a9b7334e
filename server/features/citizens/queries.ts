import type { Queryable } from '../../platform/db.js';

export type CitizenProvider = 'saml' | 'oidc';

/** The citizen with this pseudonym (HMAC) at this provider, created on first login; returns its id. */
export async function upsertCitizen(
  tx: Queryable,
  c: { municipalityId: string; provider: CitizenProvider; pseudonymHash: string; now: Date },
): Promise<number> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO citizens (municipality_id, provider, pseudonym_hash, created_at, last_login_at)
     VALUES ($1, $2, $3, $4, $4)
     ON CONFLICT (municipality_id, provider, pseudonym_hash) DO UPDATE SET last_login_at = EXCLUDED.last_login_at
     RETURNING id`,
    [c.municipalityId, c.provider, c.pseudonymHash, c.now],
  );
  return Number(rows[0]!.id);
}
