import type { StaffPrincipal } from '../../../platform/auth/types.js';
import type { Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError, type FieldErrors, forbidden, notFound } from '../../../platform/errors.js';
import { actorOf, recordAudit } from '../../audit/service.js';
import { existingDepartmentIds } from '../../departments/service.js';
import { selectLeafCategories } from '../core/categories-queries.js';
import { districtExists } from '../core/districts-queries.js';
import { canManageRules } from '../core/policy.js';
import {
  deleteRule,
  insertRule,
  type RoutingRuleRow,
  type RuleValues,
  ruleKeyTaken,
  selectRule,
  selectRules,
  updateRule as updateRuleRow,
} from '../core/routing-queries.js';

export type { RoutingRuleRow };

/** Form input for a routing rule: ids as the form sends them ('' = none / all districts). */
export interface RuleInput {
  categoryId: string;
  districtId: string;
  departmentId: string;
  autoForward: boolean;
}

const invalid = (errors: FieldErrors) => new AppError('validation_failed', 'The routing rule is invalid', errors);
const asId = (s: string): number | undefined => (/^[1-9]\d{0,15}$/.test(s.trim()) ? Number(s.trim()) : undefined);

/** The municipality's routing rules with names. */
export function listRules(deps: Deps): Promise<RoutingRuleRow[]> {
  return selectRules(deps.db, deps.config.municipality.id);
}

/** One rule; throws not_found. */
export async function getRule(deps: Deps, id: number): Promise<RoutingRuleRow> {
  const rule = await selectRule(deps.db, deps.config.municipality.id, id);
  if (!rule) throw notFound('Routing rule');
  return rule;
}

async function cleanRule(tx: Queryable, municipalityId: string, input: RuleInput): Promise<RuleValues> {
  const errors: FieldErrors = {};
  const categoryId = asId(input.categoryId);
  const districtId = input.districtId.trim() ? asId(input.districtId) : null;
  const departmentId = asId(input.departmentId);
  const categories = await selectLeafCategories(tx, municipalityId);
  if (categoryId === undefined || !categories.some((c) => c.id === categoryId)) {
    errors.categoryId = 'reports-admin.errors.categoryRequired';
  }
  if (districtId === undefined || (districtId !== null && !(await districtExists(tx, municipalityId, districtId)))) {
    errors.districtId = 'reports-admin.errors.districtInvalid';
  }
  if (departmentId === undefined || (await existingDepartmentIds(tx, municipalityId, [departmentId])).length === 0) {
    errors.departmentId = 'reports-admin.errors.departmentRequired';
  }
  if (Object.keys(errors).length) throw invalid(errors);
  return {
    categoryId: categoryId!,
    districtId: districtId!,
    departmentId: departmentId!,
    autoForward: input.autoForward,
  };
}

const ruleConflict = () =>
  new AppError('conflict', 'A rule for this category and district exists already', {
    categoryId: 'reports-admin.errors.ruleExists',
  });

const ruleAudit = (r: RuleValues) => ({
  categoryId: r.categoryId,
  districtId: r.districtId,
  departmentId: r.departmentId,
  autoForward: r.autoForward,
});

/** Creates a rule (admins). Throws forbidden, validation_failed or conflict (category and district taken). */
export async function createRule(deps: Deps, actor: StaffPrincipal, input: RuleInput): Promise<number> {
  if (!canManageRules(actor)) throw forbidden();
  const municipalityId = deps.config.municipality.id;
  return deps.db.transaction(async (tx) => {
    const values = await cleanRule(tx, municipalityId, input);
    if (await ruleKeyTaken(tx, values.categoryId, values.districtId)) throw ruleConflict();
    const id = await insertRule(tx, municipalityId, values);
    await recordAudit(tx, {
      municipalityId,
      actor: actorOf(actor),
      action: 'report_rule.create',
      entityType: 'report_rule',
      entityId: id,
      after: ruleAudit(values),
      at: deps.now(),
    });
    return id;
  });
}

/** Changes a rule (admins). Throws forbidden, not_found, validation_failed or conflict. */
export async function updateRule(deps: Deps, actor: StaffPrincipal, id: number, input: RuleInput): Promise<void> {
  if (!canManageRules(actor)) throw forbidden();
  const municipalityId = deps.config.municipality.id;
  await deps.db.transaction(async (tx) => {
    const before = await selectRule(tx, municipalityId, id, true);
    if (!before) throw notFound('Routing rule');
    const values = await cleanRule(tx, municipalityId, input);
    if (await ruleKeyTaken(tx, values.categoryId, values.districtId, id)) throw ruleConflict();
    await updateRuleRow(tx, id, values);
    await recordAudit(tx, {
      municipalityId,
      actor: actorOf(actor),
      action: 'report_rule.update',
      entityType: 'report_rule',
      entityId: id,
      before: ruleAudit({
        categoryId: Number(before.category_id),
        districtId: before.district_id === null ? null : Number(before.district_id),
        departmentId: Number(before.department_id),
        autoForward: before.auto_forward,
      }),
      after: ruleAudit(values),
      at: deps.now(),
    });
  });
}

/** Deletes a rule (admins). Throws forbidden or not_found. */
export async function removeRule(deps: Deps, actor: StaffPrincipal, id: number): Promise<void> {
  if (!canManageRules(actor)) throw forbidden();
  const municipalityId = deps.config.municipality.id;
  await deps.db.transaction(async (tx) => {
    const before = await selectRule(tx, municipalityId, id, true);
    if (!before) throw notFound('Routing rule');
    await deleteRule(tx, id);
    await recordAudit(tx, {
      municipalityId,
      actor: actorOf(actor),
      action: 'report_rule.delete',
      entityType: 'report_rule',
      entityId: id,
      before: ruleAudit({
        categoryId: Number(before.category_id),
        districtId: before.district_id === null ? null : Number(before.district_id),
        departmentId: Number(before.department_id),
        autoForward: before.auto_forward,
      }),
      at: deps.now(),
    });
  });
}
