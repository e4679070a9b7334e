import type { StaffPrincipal } from '../../../platform/auth/types.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError, type FieldErrors, forbidden, notFound } from '../../../platform/errors.js';
import { actorOf, recordAudit } from '../../audit/service.js';
import {
  type ExternalBodyValues,
  externalBodyNameTaken,
  insertExternalBody,
  selectExternalBody,
  updateExternalBody as updateExternalBodyRow,
} from '../core/external-bodies-queries.js';
import { canManageExternalBodies } from '../core/policy.js';

const invalid = (errors: FieldErrors) => new AppError('validation_failed', 'The external body is invalid', errors);

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
  if (Object.keys(errors).length) throw invalid(errors);
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
    if (!row) throw bodyConflict();
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
