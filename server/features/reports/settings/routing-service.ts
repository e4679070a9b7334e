import type { StaffPrincipal } from '../../../platform/auth/types.js';
import type { Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError, type FieldErrors, forbidden, notFound } from '../../../platform/errors.js';
import { actorOf, recordAudit } from '../../audit/service.js';
import { existingDepartmentIds } from '../../departments/service.js';
import { canManageExternalBodies, canManageRules } from '../core/policy.js';
import {
  deleteRule,
  districtExists,
  type ExternalBodyRow,
  type ExternalBodyValues,
  externalBodyNameTaken,
  insertExternalBody,
  insertRule,
  type RoutingRuleRow,
  type RuleValues,
  ruleKeyTaken,
  selectDistrictOptions,
  selectExternalBodies,
  selectExternalBody,
  selectLeafCategories,
  selectRule,
  selectRuleFor,
  selectRules,
  updateExternalBody as updateExternalBodyRow,
  updateRule as updateRuleRow,
} from '../core/routing-queries.js';

export type { ExternalBodyRow, RoutingRuleRow };

/** Form input for a routing rule: ids as the form sends them ('' = none / all districts). */
export interface RuleInput {
  categoryId: string;
  districtId: string;
  departmentId: string;
  autoForward: boolean;
}

const invalid = (errors: FieldErrors, what: string) =>
  new AppError('validation_failed', `The ${what} is invalid`, errors);
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

/**
 * The department responsible for a category in a district, and whether reports go there without a BSC step:
 * the district's own rule wins over the one for all districts. Undefined when no rule matches.
 */
export async function findRoutingFor(
  db: Queryable,
  municipalityId: string,
  categoryId: number,
  districtId: number | null,
): Promise<{ departmentId: number; autoForward: boolean } | undefined> {
  const rule = await selectRuleFor(db, municipalityId, categoryId, districtId);
  return rule && { departmentId: Number(rule.department_id), autoForward: rule.auto_forward };
}

/** The municipality's districts (id, name) for choices. */
export function listDistrictOptions(deps: Deps) {
  return selectDistrictOptions(deps.db, deps.config.municipality.id);
}

/** Selectable categories (no groups) for rule and filter choices. */
export function listLeafCategories(deps: Deps) {
  return selectLeafCategories(deps.db, deps.config.municipality.id);
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
  if (Object.keys(errors).length) throw invalid(errors, 'routing rule');
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

/** External bodies (active first). */
export function listExternalBodies(deps: Deps): Promise<ExternalBodyRow[]> {
  return selectExternalBodies(deps.db, deps.config.municipality.id);
}

/** One external body; throws not_found. */
export async function getExternalBody(db: Queryable, municipalityId: string, id: number): Promise<ExternalBodyRow> {
  const body = await selectExternalBody(db, municipalityId, id);
  if (!body) throw notFound('External body');
  return body;
}

export interface ExternalBodyInput {
  name: string;
  email: string;
  phone: string;
  website: string;
  active: boolean;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^\+?[0-9][0-9 ()/-]{2,38}$/;

function cleanExternalBody(input: ExternalBodyInput): ExternalBodyValues {
  const errors: FieldErrors = {};
  const name = input.name.trim();
  const email = input.email.trim() || null;
  const phone = input.phone.trim() || null;
  const website = input.website.trim() || null;
  if (!name) errors.name = 'reports-admin.errors.nameRequired';
  else if (name.length > 200) errors.name = 'reports-admin.errors.tooLong200';
  if (email && (email.length > 254 || !emailPattern.test(email))) errors.email = 'reports-admin.errors.emailInvalid';
  if (phone && !phonePattern.test(phone)) errors.phone = 'reports-admin.errors.phoneInvalid';
  if (website && (website.length > 500 || !/^https?:\/\/[^\s/]+\.[^\s]+$/.test(website))) {
    errors.website = 'reports-admin.errors.websiteInvalid';
  }
  if (Object.keys(errors).length) throw invalid(errors, 'external body');
  return { name, email, phone, website, active: input.active };
}

const bodyConflict = () =>
  new AppError('conflict', 'An external body with this name exists already', {
    name: 'reports-admin.errors.nameTaken',
  });

const bodyAudit = (b: ExternalBodyValues) => ({
  name: b.name,
  email: b.email,
  phone: b.phone,
  website: b.website,
  active: b.active,
});

/** Creates an external body (admins). Throws forbidden, validation_failed or conflict. */
export async function createExternalBody(deps: Deps, actor: StaffPrincipal, input: ExternalBodyInput) {
  if (!canManageExternalBodies(actor)) throw forbidden();
  const municipalityId = deps.config.municipality.id;
  const values = cleanExternalBody(input);
  return deps.db.transaction(async (tx) => {
    if (await externalBodyNameTaken(tx, municipalityId, values.name)) throw bodyConflict();
    const row = await insertExternalBody(tx, municipalityId, values);
    await recordAudit(tx, {
      municipalityId,
      actor: actorOf(actor),
      action: 'report_external_body.create',
      entityType: 'report_external_body',
      entityId: row.id,
      after: bodyAudit(values),
      at: deps.now(),
    });
    return row;
  });
}

/** Changes (or deactivates) an external body (admins). Throws forbidden, not_found, validation_failed, conflict. */
export async function updateExternalBody(deps: Deps, actor: StaffPrincipal, id: number, input: ExternalBodyInput) {
  if (!canManageExternalBodies(actor)) throw forbidden();
  const municipalityId = deps.config.municipality.id;
  const values = cleanExternalBody(input);
  return deps.db.transaction(async (tx) => {
    const before = await selectExternalBody(tx, municipalityId, id, true);
    if (!before) throw notFound('External body');
    if (await externalBodyNameTaken(tx, municipalityId, values.name, id)) throw bodyConflict();
    const row = await updateExternalBodyRow(tx, id, values);
    await recordAudit(tx, {
      municipalityId,
      actor: actorOf(actor),
      action: 'report_external_body.update',
      entityType: 'report_external_body',
      entityId: id,
      before: bodyAudit(before),
      after: bodyAudit(values),
      at: deps.now(),
    });
    return row;
  });
}
