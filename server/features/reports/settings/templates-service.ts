import type { StaffPrincipal } from '../../../platform/auth/types.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError, type FieldErrors, forbidden, notFound } from '../../../platform/errors.js';
import { actorOf, recordAudit } from '../../audit/service.js';
import { templateKinds } from '../core/note-templates.js';
import {
  deleteTemplate,
  insertTemplate,
  selectTemplate,
  type TemplateValues,
  updateTemplateRow,
} from '../core/note-templates-queries.js';
import { canManageTemplates } from '../core/policy.js';
import { listLeafCategories } from '../core/routing.js';

export interface TemplateInput {
  status: string;
  title: string;
  bodyDe: string;
  bodyEn: string;
  sort: string;
  /** A category id, or '' for every category. */
  categoryId?: string;
}

function cleanTemplate(input: TemplateInput, categoryIds: readonly number[]): TemplateValues {
  const errors: FieldErrors = {};
  const title = input.title.trim();
  const de = input.bodyDe.trim();
  const en = input.bodyEn.trim();
  const sortText = input.sort.trim();
  const sort = sortText ? Number(sortText) : 0;
  if (!(templateKinds as readonly string[]).includes(input.status)) errors.status = 'reports-admin.errors.kindRequired';
  if (!title) errors.title = 'reports-admin.errors.titleRequired';
  else if (title.length > 120) errors.title = 'reports-admin.errors.tooLong120';
  if (!de) errors.bodyDe = 'reports-admin.errors.bodyRequired';
  else if (de.length > 4000) errors.bodyDe = 'reports-admin.errors.tooLong4000';
  if (en.length > 4000) errors.bodyEn = 'reports-admin.errors.tooLong4000';
  if (!Number.isInteger(sort) || Math.abs(sort) > 10000) errors.sort = 'reports-admin.errors.sortInvalid';
  const categoryText = (input.categoryId ?? '').trim();
  const categoryId = categoryText ? Number(categoryText) : null;
  if (categoryId !== null && !categoryIds.includes(categoryId))
    errors.categoryId = 'reports-admin.errors.categoryInvalid';
  if (Object.keys(errors).length) throw new AppError('validation_failed', 'The template is invalid', errors);
  return { status: input.status, title, body: en ? { de, en } : { de }, sort, categoryId };
}

const audited = (v: TemplateValues) => ({
  status: v.status,
  title: v.title,
  bodyDe: v.body.de,
  bodyEn: v.body.en ?? null,
  sort: v.sort,
  categoryId: v.categoryId ?? null,
});

const leafCategoryIds = async (deps: Deps) => (await listLeafCategories(deps)).map((c) => Number(c.id));

/** Creates a template (admins, BSC). Throws forbidden or validation_failed. */
export async function createTemplate(deps: Deps, actor: StaffPrincipal, input: TemplateInput): Promise<number> {
  if (!canManageTemplates(actor)) throw forbidden();
  const values = cleanTemplate(input, await leafCategoryIds(deps));
  const municipalityId = deps.config.municipality.id;
  return deps.db.transaction(async (tx) => {
    const id = await insertTemplate(tx, municipalityId, values, deps.now());
    await recordAudit(tx, {
      municipalityId,
      actor: actorOf(actor),
      action: 'report_template.create',
      entityType: 'report_template',
      entityId: id,
      after: audited(values),
      at: deps.now(),
    });
    return id;
  });
}

/** Changes a template (admins, BSC). Throws forbidden, not_found or validation_failed. */
export async function updateTemplate(deps: Deps, actor: StaffPrincipal, id: number, input: TemplateInput) {
  if (!canManageTemplates(actor)) throw forbidden();
  const values = cleanTemplate(input, await leafCategoryIds(deps));
  const municipalityId = deps.config.municipality.id;
  await deps.db.transaction(async (tx) => {
    const before = await selectTemplate(tx, municipalityId, id, true);
    if (!before) throw notFound('Template');
    await updateTemplateRow(tx, id, values, deps.now());
    await recordAudit(tx, {
      municipalityId,
      actor: actorOf(actor),
      action: 'report_template.update',
      entityType: 'report_template',
      entityId: id,
      before: audited(before),
      after: audited(values),
      at: deps.now(),
    });
  });
}

/** Deletes a template (admins, BSC). Throws forbidden or not_found. */
export async function removeTemplate(deps: Deps, actor: StaffPrincipal, id: number): Promise<void> {
  if (!canManageTemplates(actor)) throw forbidden();
  const municipalityId = deps.config.municipality.id;
  await deps.db.transaction(async (tx) => {
    const before = await selectTemplate(tx, municipalityId, id, true);
    if (!before) throw notFound('Template');
    await deleteTemplate(tx, id);
    await recordAudit(tx, {
      municipalityId,
      actor: actorOf(actor),
      action: 'report_template.delete',
      entityType: 'report_template',
      entityId: id,
      before: audited(before),
      at: deps.now(),
    });
  });
}
