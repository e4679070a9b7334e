import type { Queryable } from '../../platform/db.js';

export interface AuditRow {
  id: number;
  actor_id: number | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  created_at: Date;
}

export interface AuditFilter {
  municipalityId: string;
  actor?: string;
  action?: string;
  entityType?: string;
  /** Calendar days (YYYY-MM-DD), inclusive, in `timeZone`. */
  from?: string;
  to?: string;
  timeZone: string;
}

/** Appends one audit row. */
export async function insertAudit(
  tx: Queryable,
  row: {
    municipalityId: string;
    actorId: number | null;
    actorLabel: string;
    action: string;
    entityType: string;
    entityId: string | null;
    before: unknown;
    after: unknown;
    at: Date | null;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (municipality_id, actor_id, actor_label, action, entity_type, entity_id, before, after,
                            created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, COALESCE($9::timestamptz, now()))`,
    [
      row.municipalityId,
      row.actorId,
      row.actorLabel,
      row.action,
      row.entityType,
      row.entityId,
      row.before === undefined ? null : JSON.stringify(row.before),
      row.after === undefined ? null : JSON.stringify(row.after),
      row.at,
    ],
  );
}

function where(f: AuditFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [f.municipalityId];
  const parts = ['municipality_id = $1'];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    parts.push(sql(`$${params.length}`));
  };
  if (f.actor) add((p) => `actor_label ILIKE ${p} ESCAPE '\\'`, `%${f.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.action) add((p) => `action = ${p}`, f.action);
  if (f.entityType) add((p) => `entity_type = ${p}`, f.entityType);
  if (f.from || f.to) params.push(f.timeZone);
  const tz = `$${params.length}`;
  // Local calendar days: midnight in the municipality's zone, DST-correct.
  if (f.from) add((p) => `created_at >= (${p}::date::timestamp AT TIME ZONE ${tz})`, f.from);
  if (f.to) add((p) => `created_at < ((${p}::date + 1)::timestamp AT TIME ZONE ${tz})`, f.to);
  return { sql: parts.join(' AND '), params };
}

/** One page of matching rows, newest first, and the total count. */
export async function selectAudit(
  db: Queryable,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const w = where(filter);
  const n = w.params.length;
  const [rows, count] = await Promise.all([
    db.query<AuditRow>(
      `SELECT id, actor_id, actor_label, action, entity_type, entity_id, before, after, created_at
         FROM audit_log WHERE ${w.sql} ORDER BY created_at DESC, id DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...w.params, page.limit, page.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE ${w.sql}`, w.params),
  ]);
  return { rows: rows.rows, total: count.rows[0]?.n ?? 0 };
}

/** The distinct actions and entity types recorded for a municipality (filter choices). */
export async function selectAuditVocabulary(
  db: Queryable,
  municipalityId: string,
): Promise<{ actions: string[]; entityTypes: string[] }> {
  const [actions, types] = await Promise.all([
    db.query<{ v: string }>('SELECT DISTINCT action AS v FROM audit_log WHERE municipality_id = $1 ORDER BY 1', [
      municipalityId,
    ]),
    db.query<{ v: string }>('SELECT DISTINCT entity_type AS v FROM audit_log WHERE municipality_id = $1 ORDER BY 1', [
      municipalityId,
    ]),
  ]);
  return { actions: actions.rows.map((r) => r.v), entityTypes: types.rows.map((r) => r.v) };
}
