import type { Deps } from '../../../platform/deps.js';
import { AppError, type FieldErrors, notFound } from '../../../platform/errors.js';
import { type AuditActor, recordAudit } from '../../audit/service.js';
import {
  type FacilityWrite,
  refTaken,
  selectFacility,
  updateFacility,
  upsertFacility,
} from '../core/facilities-queries.js';
import { forgetCachedParking } from '../core/service.js';
import { parseFacilityExport } from './import.js';
import { cleanFacility } from './validation.js';

/** Saves a new (id undefined) or changed facility with its audit row; throws validation_failed with field errors. */
export async function saveFacility(
  deps: Deps,
  id: number | undefined,
  value: FacilityWrite,
  errors: FieldErrors,
  actor: AuditActor,
): Promise<number> {
  const m = deps.config.municipality.id;
  return deps.db.transaction(async (tx) => {
    if (!errors.ref && (await refTaken(tx, m, value.ref, id))) errors.ref = 'parking.admin.errors.refTaken';
    if (Object.keys(errors).length > 0) throw new AppError('validation_failed', 'The facility has errors', errors);
    const now = deps.now();
    let savedId = id;
    if (id === undefined) {
      savedId = (await upsertFacility(tx, m, { ...value, demo: false, now })).id;
      await recordAudit(tx, {
        municipalityId: m,
        actor,
        action: 'parking_facility.create',
        entityType: 'parking_facility',
        entityId: savedId,
        after: value,
        at: now,
      });
    } else {
      const before = await selectFacility(tx, m, id);
      if (!before || !(await updateFacility(tx, m, id, { ...value, now }))) throw notFound('Parking facility');
      await recordAudit(tx, {
        municipalityId: m,
        actor,
        action: 'parking_facility.update',
        entityType: 'parking_facility',
        entityId: id,
        before,
        after: value,
        at: now,
      });
    }
    forgetCachedParking(tx, m);
    return savedId as number;
  });
}

export interface ImportOutcome {
  created: number;
  updated: number;
  /** Rows refused, with their line and the first field error (i18n key). */
  errors: { line: number; field: string; message: string }[];
}

/**
 * Imports the city's facility export (CSV or GeoJSON) by ref: all rows or none. Imported facilities are real data
 * (no longer demo). Throws validation_failed with a `file` error when the text is not an export.
 */
export async function importFacilities(deps: Deps, text: string, actor: AuditActor): Promise<ImportOutcome> {
  const m = deps.config.municipality.id;
  let rows: ReturnType<typeof parseFacilityExport>;
  try {
    rows = parseFacilityExport(text);
  } catch (err) {
    throw new AppError('validation_failed', 'Not a facility export', { file: (err as Error).message });
  }
  if (rows.length === 0)
    throw new AppError('validation_failed', 'Empty export', { file: 'parking.admin.import.empty' });
  const outcome: ImportOutcome = { created: 0, updated: 0, errors: [] };
  const clean = rows.map((r) => ({ line: r.line, ...cleanFacility(r.values) }));
  for (const c of clean) {
    const [field, message] = Object.entries(c.errors)[0] ?? [];
    if (field && message) outcome.errors.push({ line: c.line, field, message });
  }
  if (outcome.errors.length > 0) return outcome;
  return deps.db.transaction(async (tx) => {
    const now = deps.now();
    for (const c of clean) {
      const { created } = await upsertFacility(tx, m, { ...c.value, demo: false, now });
      if (created) outcome.created++;
      else outcome.updated++;
    }
    await recordAudit(tx, {
      municipalityId: m,
      actor,
      action: 'parking_facility.import',
      entityType: 'parking_facility',
      after: { created: outcome.created, updated: outcome.updated },
      at: now,
    });
    forgetCachedParking(tx, m);
    return outcome;
  });
}
