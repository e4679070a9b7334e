import { afterCommit, type Queryable } from '../../platform/db.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, notFound } from '../../platform/errors.js';
import { invalidateResponses } from '../../platform/http/response-cache.js';
import { type AuditActor, recordAudit } from '../audit/service.js';
import { indexDocuments, removeDocuments, type SearchDocument } from '../search/documents.js';
import { interfaceNames } from './interfaces.js';
import { type Platform, platformPath, presentPlatform } from './present.js';
import {
  deletePlatformRow,
  insertPlatform,
  lockPlatformOrder,
  platformSlugTaken,
  renumberPlatforms,
  selectPlatform,
  selectPlatforms,
  updatePlatformRow,
} from './queries.js';
import { cleanPlatform, type PlatformInput } from './validation.js';

export type { Platform, PlatformInput };

/** Cache tag of the public overview page. */
export const platformsCacheTag = (municipalityId: string) => `platforms:${municipalityId}`;

function forgetPages(tx: Queryable, municipalityId: string): void {
  afterCommit(tx, () => {
    invalidateResponses(platformsCacheTag(municipalityId));
    invalidateResponses(`pages:${municipalityId}`);
  });
}

/** The search document of a platform (kind `platform`, ref = its id; the interfaces are its keywords). */
export function platformDocument(p: Platform): SearchDocument {
  return {
    kind: 'platform',
    ref: String(p.id),
    url: platformPath(p.slug),
    title: p.name,
    summary: p.offers,
    body: {
      de: `${p.offers.de} ${p.operator.de}`,
      en: p.offers.en && `${p.offers.en} ${p.operator.en ?? p.operator.de}`,
    },
    keywords: p.interfaces.map((i) => interfaceNames[i]),
    updatedAt: p.updatedAt,
  };
}

/** Every platform in the editors' order. */
export async function listPlatforms(db: Queryable, municipalityId: string): Promise<Platform[]> {
  return (await selectPlatforms(db, municipalityId)).map(presentPlatform);
}

/** One platform; throws not_found. */
export async function getPlatform(db: Queryable, municipalityId: string, id: number): Promise<Platform> {
  const row = await selectPlatform(db, municipalityId, id);
  if (!row) throw notFound('Platform');
  return presentPlatform(row);
}

const slugConflict = () =>
  new AppError('conflict', 'A platform with this key exists already', { slug: 'platforms.errors.slugTaken' });

/** Adds a platform at the end, indexes it, audits. Throws validation_failed or conflict. */
export async function createPlatform(deps: Deps, municipalityId: string, input: PlatformInput, actor: AuditActor) {
  const fields = cleanPlatform(input);
  return deps.db.transaction(async (tx) => {
    if (await platformSlugTaken(tx, municipalityId, fields.slug)) throw slugConflict();
    const p = presentPlatform(await insertPlatform(tx, municipalityId, fields, deps.now()));
    await indexDocuments(tx, municipalityId, [platformDocument(p)]);
    const entry = { municipalityId, actor, entityType: 'data_platform', entityId: p.id, at: deps.now() };
    await recordAudit(tx, { ...entry, action: 'data_platform.create', after: p });
    forgetPages(tx, municipalityId);
    return p;
  });
}

/** Changes a platform, re-indexes, audits. Throws not_found, validation_failed or conflict. */
export async function updatePlatform(
  deps: Deps,
  municipalityId: string,
  id: number,
  input: PlatformInput,
  actor: AuditActor,
) {
  const fields = cleanPlatform(input);
  return deps.db.transaction(async (tx) => {
    const before = await selectPlatform(tx, municipalityId, id, true);
    if (!before) throw notFound('Platform');
    if (await platformSlugTaken(tx, municipalityId, fields.slug, id)) throw slugConflict();
    const p = presentPlatform(await updatePlatformRow(tx, municipalityId, id, fields, deps.now()));
    await indexDocuments(tx, municipalityId, [platformDocument(p)]);
    const entry = { municipalityId, actor, entityType: 'data_platform', entityId: id, at: deps.now() };
    await recordAudit(tx, { ...entry, action: 'data_platform.update', before: presentPlatform(before), after: p });
    forgetPages(tx, municipalityId);
    return p;
  });
}

/** Deletes a platform and its search entry, audits. Throws not_found. */
export async function deletePlatform(deps: Deps, municipalityId: string, id: number, actor: AuditActor) {
  await deps.db.transaction(async (tx) => {
    const before = await selectPlatform(tx, municipalityId, id, true);
    if (!before) throw notFound('Platform');
    await deletePlatformRow(tx, municipalityId, id);
    await removeDocuments(tx, municipalityId, 'platform', [String(id)]);
    const entry = { municipalityId, actor, entityType: 'data_platform', entityId: id, at: deps.now() };
    await recordAudit(tx, { ...entry, action: 'data_platform.delete', before: presentPlatform(before) });
    forgetPages(tx, municipalityId);
  });
}

/** Moves a platform one place up or down, audits. Throws not_found. */
export async function movePlatform(
  deps: Deps,
  municipalityId: string,
  id: number,
  direction: 'up' | 'down',
  actor: AuditActor,
) {
  await deps.db.transaction(async (tx) => {
    const before = await lockPlatformOrder(tx, municipalityId);
    const i = before.indexOf(id);
    if (i < 0) throw notFound('Platform');
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= before.length) return;
    const after = [...before];
    [after[i], after[j]] = [after[j]!, after[i]!];
    await renumberPlatforms(tx, municipalityId, after);
    const entry = { municipalityId, actor, entityType: 'data_platform', entityId: id, at: deps.now() };
    await recordAudit(tx, { ...entry, action: `data_platform.move-${direction}`, before, after });
    forgetPages(tx, municipalityId);
  });
}
