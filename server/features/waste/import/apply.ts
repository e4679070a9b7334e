import { afterCommit, type Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { i18nFor } from '../../../platform/i18n.js';
import { type AuditActor, recordAudit } from '../../audit/service.js';
import { selectBinTypes } from '../core/bin-types-queries.js';
import { forgetWasteCaches } from '../core/cache.js';
import { deleteCollections, type RouteDateRow, upsertCollections } from '../core/collections-queries.js';
import { type AssignmentRow, deleteAssignments, upsertAssignments, upsertRoutes } from '../core/routes-queries.js';
import { selectSeasons, upsertSeasons } from '../core/seasons-queries.js';
import { problemText } from './messages.js';
import { type ImportPlan, planImport } from './plan.js';

// Phase two: apply a plan in one transaction, all or nothing. The plan is made again inside the transaction (under
// a lock) from the same file, so what is written is what the file says now; when that differs from the preview
// (someone else changed the calendar meanwhile) nothing is written and the caller shows the new summary.

/** The first problems of a plan as an AppError (validation_failed, details "line 7" → text). */
export function invalidPlanError(plan: ImportPlan): AppError {
  const { t } = i18nFor('en', 'UTC');
  const details: Record<string, string> = {};
  for (const p of plan.problems.slice(0, 100)) {
    const k = p.line === 0 ? 'file' : `line ${p.line}`;
    details[k] = details[k] ? `${details[k]}; ${problemText(t, p)}` : problemText(t, p);
  }
  if (plan.problems.length > 100) details.more = `${plan.problems.length - 100} more problems`;
  return new AppError(
    'validation_failed',
    `${plan.problems.length} problems in the file; nothing was imported`,
    details,
  );
}

/**
 * Applies a plan from planImport: creates seasons and routes, replaces the dates and assignments in its scope,
 * records an audit entry, forgets cached waste answers after the commit. Idempotent: the same file again changes
 * nothing and reports zero changes. Throws validation_failed for a plan with problems, conflict when the calendar
 * changed since the plan was made. Returns the plan that was applied.
 */
export async function applyImport(
  deps: Pick<Deps, 'db' | 'config' | 'now'>,
  plan: ImportPlan,
  actor: AuditActor,
): Promise<ImportPlan> {
  if (plan.problems.length > 0) throw invalidPlanError(plan);
  const m = plan.municipalityId;
  return deps.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`waste-import:${m}`]);
    const fresh = await planImport(tx, m, plan.source, deps.config.municipality.timeZone);
    if (fresh.problems.length > 0) throw invalidPlanError(fresh);
    if (fresh.digest !== plan.digest) {
      throw new AppError('conflict', 'The calendar changed since the preview; check the new summary', {
        file: 'changed since the preview',
      });
    }
    await write(tx, fresh);
    await recordAudit(tx, {
      municipalityId: m,
      actor,
      action: 'waste.import',
      entityType: 'waste_import',
      after: {
        fileName: fresh.source.fileName,
        format: fresh.source.format,
        kind: fresh.kind,
        sha256: fresh.sha256,
        ...fresh.totals,
      },
      at: deps.now(),
    });
    afterCommit(tx, () => forgetWasteCaches(m));
    return fresh;
  });
}

/** A value the plan guarantees (written just before in this transaction); its absence is a bug. */
function must<K, V>(map: Map<K, V>, key: K): V {
  const v = map.get(key);
  if (v === undefined) throw new Error(`waste import: nothing stored for ${String(key)}`);
  return v;
}

async function write(tx: Queryable, plan: ImportPlan): Promise<void> {
  const m = plan.municipalityId;
  await upsertSeasons(
    tx,
    m,
    plan.newSeasons.map(({ key, startsOn, endsOn }) => ({ key, startsOn, endsOn })),
  );
  const seasonIds = new Map((await selectSeasons(tx, m)).map((s) => [s.key, s.id]));
  const binIds = new Map((await selectBinTypes(tx, m)).map((b) => [b.key, b.id]));
  const ids = (seasonKey: string, binKey: string) => ({
    seasonId: must(seasonIds, seasonKey),
    binTypeId: must(binIds, binKey),
  });
  const routes = await upsertRoutes(
    tx,
    m,
    plan.routes.map((r) => ({ ...ids(r.seasonKey, r.binTypeKey), key: r.routeKey, name: r.name })),
  );
  const routeId = new Map(routes.map((r) => [`${r.seasonId}|${r.binTypeId}|${r.key}`, r.id]));
  const idOf = (seasonKey: string, binKey: string, key: string) => {
    const { seasonId, binTypeId } = ids(seasonKey, binKey);
    return must(routeId, `${seasonId}|${binTypeId}|${key}`);
  };
  const removals: { routeId: number; date: string }[] = [];
  const upserts: RouteDateRow[] = [];
  for (const r of plan.routes) {
    if (!r.dates) continue;
    const id = idOf(r.seasonKey, r.binTypeKey, r.routeKey);
    const c = r.dates.changes;
    for (const d of [...c.removed, ...c.moved.map((x) => x.from)]) removals.push({ routeId: id, date: d.date });
    for (const d of [...c.added, ...c.moved.map((x) => x.to), ...c.changed]) upserts.push({ routeId: id, ...d });
  }
  await deleteCollections(tx, removals);
  await upsertCollections(tx, m, upserts);
  const sets: AssignmentRow[] = [];
  const drops: Omit<AssignmentRow, 'routeId'>[] = [];
  for (const a of plan.assignments) {
    const pair = ids(a.seasonKey, a.binTypeKey);
    for (const addressId of [...a.added, ...a.changed]) {
      sets.push({ ...pair, addressId, routeId: idOf(a.seasonKey, a.binTypeKey, must(a.target, addressId)) });
    }
    for (const addressId of a.removed) drops.push({ ...pair, addressId });
  }
  await upsertAssignments(tx, m, sets);
  await deleteAssignments(tx, m, drops);
}
