import { randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
import type { StaffPrincipal } from '../../../platform/auth/types.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { type AuditActor, recordAudit } from '../../audit/service.js';
import { existingDepartmentIds } from '../../departments/service.js';
import { findOfficeByKey } from '../../services/service.js';
import {
  type ApplicationRow,
  type EventRow,
  insertEvent,
  insertEventFile,
  selectApplication,
  selectEvents,
  selectFiles,
  selectInbox,
  updateStatus,
} from '../core/applications-queries.js';
import { cleanFileName, sniffAttachment } from '../core/attachments.js';
import { listCatalogue } from '../core/catalogue.js';
import { attachmentTypes } from '../core/definition.js';
import { queueNotices } from '../core/notify.js';
import { replaceOfficeDepartments, selectOfficeDepartments } from '../core/office-departments-queries.js';
import { setOfficeKey } from '../core/office-keys.js';
import { type OfficeKeyRow, selectOfficeKeys } from '../core/office-keys-queries.js';
import { type ApplicationStatus, isApplicationStatus } from '../core/statuses.js';

// The office's side: the inbox of applications (ciphertext the staff open in their browser with their key), status
// changes and messages to the applicant, and the offices' public keys.

/** Names for the inbox: service titles by slug and office names by key (German, the staff's language). */
export async function inboxNames(
  deps: Deps,
  municipalityId: string,
): Promise<{ titles: Map<string, string>; offices: Map<string, string> }> {
  const catalogue = await listCatalogue(deps, municipalityId);
  const titles = new Map(catalogue.map(({ definition: d }) => [d.slug, d.title.de]));
  const keys = [...new Set(catalogue.flatMap(({ definition: d }) => (d.kind === 'form' ? [d.office] : [])))];
  const offices = new Map<string, string>();
  for (const key of keys) offices.set(key, (await findOfficeByKey(deps, municipalityId, key))?.name.de ?? key);
  return { titles, offices };
}

/** A document staff send back with a message, as uploaded. */
export interface OfficeDocument {
  name: string;
  bytes: Buffer;
  truncated: boolean;
}

export const maxOfficeDocuments = 5;
export const maxOfficeDocumentBytes = 10 * 1024 * 1024;

/** The documents as stored (checked by content: PDF, JPEG or PNG); problems go to the `dokumente` field. */
async function checkDocuments(documents: OfficeDocument[], errors: Record<string, string>) {
  if (documents.length > maxOfficeDocuments) {
    errors.dokumente = 'applications.errors.fileTooMany';
    return [];
  }
  const out: { name: string; contentType: string; bytes: Buffer }[] = [];
  for (const d of documents) {
    if (d.truncated || d.bytes.length > maxOfficeDocumentBytes) {
      errors.dokumente = 'applications.errors.fileTooLarge';
      continue;
    }
    const checked = await sniffAttachment(d.bytes, attachmentTypes);
    if (!checked) {
      errors.dokumente = 'applications.errors.fileType';
      continue;
    }
    out.push({ name: cleanFileName(d.name), contentType: checked.contentType, bytes: d.bytes });
  }
  return out;
}

/** The statuses staff may set (received is the platform's). */
export const staffStatuses = [
  'in_progress',
  'documents_requested',
  'decided',
] as const satisfies readonly ApplicationStatus[];

/** The offices that receive applications in the inbox (from the catalogue), each with its current key if any. */
export async function listInboxOffices(
  deps: Deps,
  municipalityId: string,
): Promise<{ office: string; key?: OfficeKeyRow }[]> {
  const offices = new Set<string>();
  for (const { definition: d } of await listCatalogue(deps, municipalityId)) {
    if (d.kind === 'form' && d.delivery.kind === 'inbox') offices.add(d.office);
  }
  const keys = await selectOfficeKeys(deps.db, municipalityId);
  return [...offices]
    .sort()
    .map((office) => ({ office, key: keys.find((k) => k.officeKey === office && !k.retiredAt) }));
}

/** Who reads the inbox: BSC agents and admins see every office, department staff their departments' offices. */
export type Reader = Pick<StaffPrincipal, 'role' | 'departmentIds'>;

/** The inbox offices this staff member may see. */
export async function readableOffices(deps: Deps, municipalityId: string, reader: Reader): Promise<string[]> {
  const offices = (await listInboxOffices(deps, municipalityId)).map((o) => o.office);
  if (reader.role === 'admin' || reader.role === 'bsc_agent') return offices;
  const mapped = await selectOfficeDepartments(deps.db, municipalityId);
  return offices.filter((o) => (mapped.get(o) ?? []).some((d) => reader.departmentIds.includes(d)));
}

/** The inbox of the offices the reader may see (or of one of them). */
export async function listInbox(
  deps: Deps,
  municipalityId: string,
  reader: Reader,
  office?: string,
): Promise<ApplicationRow[]> {
  const readable = await readableOffices(deps, municipalityId, reader);
  return selectInbox(deps.db, municipalityId, office ? readable.filter((o) => o === office) : readable);
}

export interface InboxItem {
  application: ApplicationRow & { dataJwe: string };
  files: { id: string; jwe: string; size: number }[];
  events: EventRow[];
}

/** One inbox application with its ciphertexts and history; throws not_found (also for FIT-Connect deliveries). */
export async function getInboxItem(deps: Deps, municipalityId: string, reader: Reader, id: string): Promise<InboxItem> {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw notFound('Application');
  const application = await selectApplication(deps.db, municipalityId, id);
  if (application?.delivery !== 'inbox') throw notFound('Application');
  if (!(await readableOffices(deps, municipalityId, reader)).includes(application.officeKey))
    throw notFound('Application');
  const [files, events] = await Promise.all([selectFiles(deps.db, id), selectEvents(deps.db, id)]);
  return { application, files, events };
}

/**
 * Sets a new status with an optional message to the applicant (both land in the applicant's mailbox), audited.
 * Throws `validation_failed` with field errors for an unknown status or a message over 5,000 characters.
 */
export async function changeStatus(
  deps: Deps,
  municipalityId: string,
  reader: Reader,
  id: string,
  input: { status: string; message: string; documents?: OfficeDocument[] },
  actor: AuditActor,
): Promise<void> {
  const message = input.message.replace(/\r\n/g, '\n').trim();
  const errors: Record<string, string> = {};
  const documents = await checkDocuments(input.documents ?? [], errors);
  const status = input.status === '' ? null : input.status;
  if (status !== null && (!isApplicationStatus(status) || !(staffStatuses as readonly string[]).includes(status))) {
    errors.status = 'applications.errors.choice';
  }
  if (message.length > 5000) errors.message = 'applications.errors.tooLong';
  if (status === null && !message && documents.length === 0) errors.message = 'applications.errors.statusOrMessage';
  if (Object.keys(errors).length) throw new AppError('validation_failed', 'The change is incomplete', errors);
  const now = deps.now();
  const readable = await readableOffices(deps, municipalityId, reader);
  await deps.db.transaction(async (tx) => {
    const before = await selectApplication(tx, municipalityId, id, true);
    if (before?.delivery !== 'inbox' || !readable.includes(before.officeKey)) throw notFound('Application');
    if (status) await updateStatus(tx, id, status as ApplicationStatus, now);
    const eventId = await insertEvent(tx, municipalityId, {
      applicationId: id,
      status: status as ApplicationStatus | null,
      sender: 'office',
      message,
      now,
    });
    for (const d of documents) {
      await insertEventFile(tx, municipalityId, { id: randomUUID(), eventId, applicationId: id, ...d, now });
    }
    await queueNotices(tx, deps, municipalityId, {
      applicationId: id,
      eventId,
      reference: before.reference,
      status: status as ApplicationStatus | null,
      language: before.language,
      notifyEmail: before.notifyEmail,
    });
    await recordAudit(tx, {
      municipalityId,
      actor,
      action: 'application.status',
      entityType: 'application',
      entityId: before.reference,
      before: { status: before.status },
      after: { status: status ?? before.status, message: message ? 'yes' : 'no', documents: documents.length },
      at: now,
    });
  });
}

/** Makes the pasted public key (JWK JSON) the office's; throws `validation_failed` on the `jwk` field. */
export async function uploadOfficeKey(
  deps: Deps,
  municipalityId: string,
  office: string,
  jwkText: string,
  actor: AuditActor,
) {
  const offices = (await listInboxOffices(deps, municipalityId)).map((o) => o.office);
  if (!offices.includes(office)) throw notFound('Office');
  let jwk: JWK;
  try {
    jwk = JSON.parse(jwkText) as JWK;
  } catch {
    throw new AppError('validation_failed', 'Not JSON', { jwk: 'applications.errors.keyJson' });
  }
  try {
    await setOfficeKey(deps, municipalityId, office, jwk);
  } catch (err) {
    if (err instanceof AppError)
      throw new AppError('validation_failed', err.message, { jwk: 'applications.errors.keyUnusable' });
    throw err;
  }
  await recordAudit(deps.db, {
    municipalityId,
    actor,
    action: 'application.office-key',
    entityType: 'office',
    entityId: office,
    after: { kid: jwk.kid },
    at: deps.now(),
  });
}

/** The departments of each inbox office (for the keys page). */
export function listOfficeDepartments(deps: Deps, municipalityId: string): Promise<Map<string, number[]>> {
  return selectOfficeDepartments(deps.db, municipalityId);
}

/** Sets which departments work on an office's applications (ids of existing, active departments), audited. */
export async function setOfficeDepartments(
  deps: Deps,
  municipalityId: string,
  office: string,
  departmentIds: number[],
  actor: AuditActor,
): Promise<void> {
  const offices = (await listInboxOffices(deps, municipalityId)).map((o) => o.office);
  if (!offices.includes(office)) throw notFound('Office');
  const known = await existingDepartmentIds(deps.db, municipalityId, departmentIds);
  if (known.length !== new Set(departmentIds).size) {
    throw new AppError('validation_failed', 'Unknown department', { departments: 'applications.errors.choice' });
  }
  await deps.db.transaction(async (tx) => {
    await replaceOfficeDepartments(tx, municipalityId, office, [...new Set(departmentIds)]);
    await recordAudit(tx, {
      municipalityId,
      actor,
      action: 'application.office-departments',
      entityType: 'office',
      entityId: office,
      after: { departmentIds },
      at: deps.now(),
    });
  });
}
