import { isCalendarDay } from '../../../shared/formats.js';
import type { StaffPrincipal } from '../../platform/auth/types.js';
import type { Queryable } from '../../platform/db.js';
import { AppError, type FieldErrors } from '../../platform/errors.js';
import { type AuditFilter, type AuditRow, insertAudit, selectAudit, selectAuditVocabulary } from './queries.js';

/** Who did something: a staff member (id + label), the CLI (`{ id: null, label: 'cli' }`) or a job (`'system'`). */
export type AuditActor = { id: number | null; label: string };

export const cliActor: AuditActor = { id: null, label: 'cli' };
export const systemActor: AuditActor = { id: null, label: 'system' };

/** The audit actor for a signed-in staff member: id plus "Name <e-mail>", so the row stays readable later. */
export function actorOf(staff: Pick<StaffPrincipal, 'id' | 'displayName' | 'email'>): AuditActor {
  return { id: staff.id, label: `${staff.displayName} <${staff.email}>` };
}

export interface AuditEntry {
  municipalityId: string;
  actor: AuditActor;
  /** `<entity>.<verb>`, e.g. `user.create`. */
  action: string;
  entityType: string;
  entityId?: string | number;
  before?: unknown;
  after?: unknown;
  /** When it happened (defaults to the transaction's time); pass deps.now() where the test clock matters. */
  at?: Date;
}

// Secrets never reach the log, even when a caller passes a whole row.
const secretKey = /^(password|password_?hash|.*secret.*|.*token.*|api_?key)$/i;

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !secretKey.test(k))
        .map(([k, v]) => [k, redact(v)]),
    );
  }
  return value;
}

/** Records one staff write; call it with the transaction that makes the change. Secrets are stripped. */
export async function recordAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  await insertAudit(tx, {
    municipalityId: entry.municipalityId,
    actorId: entry.actor.id,
    actorLabel: entry.actor.label,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId === undefined ? null : String(entry.entityId),
    before: entry.before === undefined ? undefined : redact(entry.before),
    after: entry.after === undefined ? undefined : redact(entry.after),
    at: entry.at ?? null,
  });
}

export const auditPageSize = 50;

export interface AuditQuery {
  actor?: string;
  action?: string;
  entityType?: string;
  from?: string;
  to?: string;
  page?: number;
}

/** Checks filter input; throws validation_failed with i18n keys per field. */
export function validateAuditQuery(q: AuditQuery): void {
  const errors: FieldErrors = {};
  if (q.from && !isCalendarDay(q.from)) errors.from = 'audit.errors.dateInvalid';
  if (q.to && !isCalendarDay(q.to)) errors.to = 'audit.errors.dateInvalid';
  if (!errors.from && !errors.to && q.from && q.to && q.from > q.to) errors.to = 'audit.errors.toBeforeFrom';
  if (q.actor && q.actor.length > 200) errors.actor = 'audit.errors.tooLong';
  if (Object.keys(errors).length) throw new AppError('validation_failed', 'The filter has invalid fields', errors);
}

/** A page of the municipality's audit log, newest first, with the filter's total and the filter choices. */
export async function listAudit(
  db: Queryable,
  municipalityId: string,
  timeZone: string,
  q: AuditQuery,
): Promise<{ rows: AuditRow[]; total: number; page: number; pages: number; actions: string[]; entityTypes: string[] }> {
  validateAuditQuery(q);
  const filter: AuditFilter = { municipalityId, timeZone, ...q };
  const page = Math.max(1, Math.floor(q.page ?? 1));
  const [result, vocabulary] = await Promise.all([
    selectAudit(db, filter, { limit: auditPageSize, offset: (page - 1) * auditPageSize }),
    selectAuditVocabulary(db, municipalityId),
  ]);
  const pages = Math.max(1, Math.ceil(result.total / auditPageSize));
  return { ...result, page, pages, ...vocabulary };
}

/** The vocabulary alone, for re-rendering a filter form that had errors. */
export function listAuditVocabulary(db: Queryable, municipalityId: string) {
  return selectAuditVocabulary(db, municipalityId);
}

export type { AuditRow };
