import type { Db, Queryable } from '../../platform/db.js';
import { AppError, notFound } from '../../platform/errors.js';
import { type AuditActor, recordAudit } from '../audit/service.js';
import { type Department, presentDepartment } from './present.js';
import {
  insertDepartment,
  selectDepartment,
  selectDepartmentBySlug,
  selectDepartments,
  selectExistingDepartmentIds,
  slugTaken,
  updateDepartmentRow,
} from './queries.js';
import { cleanDepartment, type DepartmentInput } from './validation.js';

export type { Department, DepartmentInput };

const slugConflict = () =>
  new AppError('conflict', 'A department with this key exists already', { slug: 'departments.errors.slugTaken' });

/** Every department of a municipality, active ones first. */
export async function listDepartments(db: Queryable, municipalityId: string): Promise<Department[]> {
  return (await selectDepartments(db, municipalityId)).map(presentDepartment);
}

/** One department; throws not_found when it is not the municipality's. */
export async function getDepartment(db: Queryable, municipalityId: string, id: number): Promise<Department> {
  const row = await selectDepartment(db, municipalityId, id);
  if (!row) throw notFound('Department');
  return presentDepartment(row);
}

/** A department by its key, or undefined. */
export async function findDepartmentBySlug(
  db: Queryable,
  municipalityId: string,
  slug: string,
): Promise<Department | undefined> {
  const row = await selectDepartmentBySlug(db, municipalityId, slug);
  return row && presentDepartment(row);
}

/** The given ids that are (active) departments of the municipality. */
export function existingDepartmentIds(db: Queryable, municipalityId: string, ids: number[], activeOnly = true) {
  return selectExistingDepartmentIds(db, municipalityId, ids, activeOnly);
}

/**
 * Creates a department and its audit entry with the caller's transaction. The slug defaults to one made from the
 * name. Throws validation_failed (fields) or conflict (slug taken).
 */
export async function createDepartment(
  tx: Queryable,
  input: DepartmentInput & { municipalityId: string },
  actor: AuditActor,
): Promise<Department> {
  const clean = cleanDepartment(input);
  if (await slugTaken(tx, input.municipalityId, clean.slug)) throw slugConflict();
  const row = presentDepartment(await insertDepartment(tx, { municipalityId: input.municipalityId, ...clean }));
  await recordAudit(tx, {
    municipalityId: input.municipalityId,
    actor,
    action: 'department.create',
    entityType: 'department',
    entityId: row.id,
    after: row,
  });
  return row;
}

/** Changes name, key, e-mail and phone. Throws not_found, validation_failed or conflict. */
export async function updateDepartment(
  db: Db,
  municipalityId: string,
  id: number,
  input: DepartmentInput,
  actor: AuditActor,
): Promise<Department> {
  const clean = cleanDepartment(input);
  return db.transaction(async (tx) => {
    const before = await selectDepartment(tx, municipalityId, id, true);
    if (!before) throw notFound('Department');
    if (await slugTaken(tx, municipalityId, clean.slug, id)) throw slugConflict();
    const after = presentDepartment(await updateDepartmentRow(tx, id, { ...clean, active: before.active }));
    await recordAudit(tx, {
      municipalityId,
      actor,
      action: 'department.update',
      entityType: 'department',
      entityId: id,
      before: presentDepartment(before),
      after,
    });
    return after;
  });
}

/** Deactivates (no longer offered for new assignments) or reactivates a department. Throws not_found. */
export async function setDepartmentActive(
  db: Db,
  municipalityId: string,
  id: number,
  active: boolean,
  actor: AuditActor,
): Promise<Department> {
  return db.transaction(async (tx) => {
    const before = await selectDepartment(tx, municipalityId, id, true);
    if (!before) throw notFound('Department');
    if (before.active === active) return presentDepartment(before);
    const after = presentDepartment(await updateDepartmentRow(tx, id, { ...before, active }));
    await recordAudit(tx, {
      municipalityId,
      actor,
      action: active ? 'department.activate' : 'department.deactivate',
      entityType: 'department',
      entityId: id,
      before: { active: before.active },
      after: { active },
    });
    return after;
  });
}
