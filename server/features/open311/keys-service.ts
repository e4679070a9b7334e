import { createHash, randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../../platform/db.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, notFound } from '../../platform/errors.js';
import { type AuditActor, recordAudit } from '../audit/service.js';
import { forbidden } from './errors.js';
import {
  type ClientRow,
  insertClient,
  markClientRevoked,
  selectClient,
  selectClients,
  selectLiveClientIdByKeyHash,
  touchClientByKeyHash,
} from './queries.js';

export type { ClientRow };

/** Keys look like `o311_` + 32 random base64url characters; the first 12 characters are kept to recognise them. */
const keyPrefixLength = 12;
const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

export interface Open311Client {
  id: number;
  name: string;
  keyPrefix: string;
  createdAt: Date;
  createdByName: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

function present(row: ClientRow): Open311Client {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.key_prefix,
    createdAt: row.created_at,
    createdByName: row.created_by_name,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Every API client of the municipality, live ones first. */
export async function listOpen311Clients(db: Queryable, municipalityId: string): Promise<Open311Client[]> {
  return (await selectClients(db, municipalityId)).map(present);
}

/**
 * Creates an API client and its key, audited. Only the key's SHA-256 and its first characters are stored: the key
 * itself is returned this once. Throws validation_failed (field `name`, an i18n key) for an empty or long name.
 */
export async function createOpen311Client(
  deps: Deps,
  input: { municipalityId: string; name: string },
  actor: AuditActor,
): Promise<{ client: Open311Client; key: string }> {
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (!name)
    throw new AppError('validation_failed', 'A name is required', { name: 'open311.keys.errors.nameRequired' });
  if (name.length > 120) {
    throw new AppError('validation_failed', 'The name is too long', { name: 'open311.keys.errors.nameTooLong' });
  }
  const key = `o311_${randomBytes(24).toString('base64url')}`;
  const keyPrefix = key.slice(0, keyPrefixLength);
  return deps.db.transaction(async (tx) => {
    const id = await insertClient(tx, {
      municipalityId: input.municipalityId,
      name,
      keyPrefix,
      keyHash: hashKey(key),
      createdBy: actor.id,
      at: deps.now(),
    });
    await recordAudit(tx, {
      municipalityId: input.municipalityId,
      actor,
      action: 'open311_client.create',
      entityType: 'open311_client',
      entityId: id,
      after: { id, name, keyPrefix },
      at: deps.now(),
    });
    const row = await selectClient(tx, input.municipalityId, id);
    return { client: present(row!), key };
  });
}

/** Revokes a client's key at once, audited; revoking twice changes nothing. Throws not_found. */
export async function revokeOpen311Client(
  deps: { db: Db; now: () => Date },
  municipalityId: string,
  id: number,
  actor: AuditActor,
): Promise<Open311Client> {
  return deps.db.transaction(async (tx) => {
    const row = await selectClient(tx, municipalityId, id, true);
    if (!row) throw notFound('API client');
    if (row.revoked_at) return present(row);
    await markClientRevoked(tx, id, deps.now());
    await recordAudit(tx, {
      municipalityId,
      actor,
      action: 'open311_client.revoke',
      entityType: 'open311_client',
      entityId: id,
      before: { name: row.name, keyPrefix: row.key_prefix, revoked: false },
      after: { name: row.name, keyPrefix: row.key_prefix, revoked: true },
      at: deps.now(),
    });
    return present((await selectClient(tx, municipalityId, id))!);
  });
}

/** The id of the live client holding `apiKey` (undefined for a missing, unknown or revoked key); records nothing. */
export async function findLiveOpen311Client(
  deps: Deps,
  municipalityId: string,
  apiKey: string | undefined,
): Promise<number | undefined> {
  return apiKey ? selectLiveClientIdByKeyHash(deps.db, municipalityId, hashKey(apiKey)) : undefined;
}

/**
 * The id of the live client holding `apiKey`, recording the use. Throws a GeoReport 403 when the key is missing,
 * unknown or revoked.
 */
export async function authenticateOpen311Client(
  deps: Deps,
  municipalityId: string,
  apiKey: string | undefined,
): Promise<number> {
  if (!apiKey) throw forbidden({ key: 'apiKeyMissing', param: 'api_key' });
  const client = await touchClientByKeyHash(deps.db, municipalityId, hashKey(apiKey), deps.now());
  if (!client) throw forbidden({ key: 'apiKeyInvalid', param: 'api_key' });
  if (client.revoked_at) throw forbidden({ key: 'apiKeyRevoked', param: 'api_key' });
  return client.id;
}
