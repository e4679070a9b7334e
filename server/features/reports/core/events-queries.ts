import type { Queryable } from '../../../platform/db.js';
import { bulkInsert, type Column, iso } from './bulk-insert.js';

// The one owner of report_events: every write to a report's history goes through here.

export interface EventInsert {
  /** The report's municipality (the database refuses another). */
  municipalityId: string;
  reportId: number;
  kind: string;
  statusFrom: string | null;
  statusTo: string | null;
  public: boolean;
  publicNote: string | null;
  internalNote: string | null;
  departmentId: number | null;
  externalBodyId: number | null;
  actorId: number | null;
  at: Date;
}

const eventColumns: Column<EventInsert>[] = [
  { name: 'municipality_id', type: 'text', value: (e) => e.municipalityId },
  { name: 'report_id', type: 'bigint', value: (e) => e.reportId },
  { name: 'kind', type: 'text', value: (e) => e.kind },
  { name: 'status_from', type: 'text', value: (e) => e.statusFrom },
  { name: 'status_to', type: 'text', value: (e) => e.statusTo },
  { name: 'public', type: 'boolean', value: (e) => e.public },
  { name: 'public_note', type: 'text', value: (e) => e.publicNote },
  { name: 'internal_note', type: 'text', value: (e) => e.internalNote },
  { name: 'department_id', type: 'bigint', value: (e) => e.departmentId },
  { name: 'external_body_id', type: 'bigint', value: (e) => e.externalBodyId },
  { name: 'actor_id', type: 'bigint', value: (e) => e.actorId },
  { name: 'created_at', type: 'timestamptz', value: (e) => iso(e.at) },
];

/** Appends history events in one statement, in the given order; returns their ids in that order. */
export async function insertEvents(tx: Queryable, events: readonly EventInsert[]): Promise<number[]> {
  if (events.length === 0) return [];
  const insert = bulkInsert('report_events', eventColumns, events);
  const { rows } = await tx.query<{ id: number }>(`${insert.sql} RETURNING id`, insert.params);
  return rows.map((r) => Number(r.id));
}

export interface PublicEventRow {
  id: number;
  kind: string;
  status_from: string | null;
  status_to: string | null;
  public_note: string | null;
  created_at: Date;
}

/** The public events of a report, oldest first (internal notes and actors are not selected). */
export async function selectPublicEvents(db: Queryable, reportId: number): Promise<PublicEventRow[]> {
  const { rows } = await db.query<PublicEventRow>(
    `SELECT id, kind, status_from, status_to, public_note, created_at
       FROM report_events WHERE report_id = $1 AND public ORDER BY created_at, id`,
    [reportId],
  );
  return rows;
}

/** Deletes the text of internal notes in the report's history (the events stay); returns how many. */
export async function clearInternalNotes(tx: Queryable, reportId: number): Promise<number> {
  const { rowCount } = await tx.query(
    `UPDATE report_events SET internal_note = NULL WHERE report_id = $1 AND internal_note IS NOT NULL`,
    [reportId],
  );
  return rowCount;
}

/** The id of a report's `created` event (the one its receipt is mailed for), or undefined. */
export async function selectCreatedEvent(db: Queryable, reportId: number): Promise<number | undefined> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT id FROM report_events WHERE report_id = $1 AND kind = 'created' ORDER BY id LIMIT 1`,
    [reportId],
  );
  return rows[0] ? Number(rows[0].id) : undefined;
}
