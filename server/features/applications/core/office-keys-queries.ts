import type { JWK } from 'jose';
import type { Queryable } from '../../../platform/db.js';

// application_office_keys: the public keys of offices that receive applications in the back-office inbox. Only this
// file writes the table.

export interface OfficeKeyRow {
  officeKey: string;
  kid: string;
  publicJwk: JWK;
  createdAt: Date;
  retiredAt: Date | null;
}

const columns = `office_key AS "officeKey", kid, public_jwk AS "publicJwk", created_at AS "createdAt", retired_at AS "retiredAt"`;

/** Makes `jwk` the office's current key; the previous one is retired, not deleted (older applications name it). */
export async function insertCurrentKey(
  tx: Queryable,
  municipalityId: string,
  k: { officeKey: string; kid: string; publicJwk: JWK; now: Date },
): Promise<void> {
  await tx.query(
    `UPDATE application_office_keys SET retired_at = $3
      WHERE municipality_id = $1 AND office_key = $2 AND retired_at IS NULL`,
    [municipalityId, k.officeKey, k.now],
  );
  await tx.query(
    `INSERT INTO application_office_keys (municipality_id, office_key, kid, public_jwk, created_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [municipalityId, k.officeKey, k.kid, JSON.stringify(k.publicJwk), k.now],
  );
}

export async function selectCurrentKey(
  db: Queryable,
  municipalityId: string,
  officeKey: string,
): Promise<OfficeKeyRow | undefined> {
  const { rows } = await db.query<OfficeKeyRow>(
    `SELECT ${columns} FROM application_office_keys
      WHERE municipality_id = $1 AND office_key = $2 AND retired_at IS NULL`,
    [municipalityId, officeKey],
  );
  return rows[0];
}

export async function selectOfficeKeys(db: Queryable, municipalityId: string): Promise<OfficeKeyRow[]> {
  const { rows } = await db.query<OfficeKeyRow>(
    `SELECT ${columns} FROM application_office_keys WHERE municipality_id = $1 ORDER BY office_key, created_at DESC`,
    [municipalityId],
  );
  return rows;
}
