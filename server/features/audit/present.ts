import type { AuditRow } from './queries.js';

/** One changed field of an audit entry; the view formats the values for the reader's language. */
export interface AuditChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditEntryView {
  id: number;
  at: Date;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: AuditChange[];
}

const show = (v: unknown): unknown => (v === null ? undefined : v);

/** The fields that differ between before and after (all of after for a creation, all of before for a deletion). */
export function changesOf(before: unknown, after: unknown): AuditChange[] {
  const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(before) && !isObject(after)) {
    if (before === null && after === null) return [];
    return [{ field: '', before: show(before), after: show(after) }];
  }
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ field: k, before: show(b[k]), after: show(a[k]) }));
}

export function presentAuditRow(row: AuditRow): AuditEntryView {
  return {
    id: Number(row.id),
    at: new Date(row.created_at),
    actor: row.actor_label,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    changes: changesOf(row.before ?? null, row.after ?? null),
  };
}
