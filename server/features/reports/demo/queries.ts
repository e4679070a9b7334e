import type { Queryable } from '../../../platform/db.js';

// SQL of the demo reports (demo-reports.ts): lookups it needs and batch inserts, one statement per table.

/** True when the municipality has any report (demo reports are only added to an empty Mängelmelder). */
export async function anyReport(db: Queryable, municipalityId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM reports WHERE municipality_id = $1 LIMIT 1', [municipalityId]);
  return rows.length > 0;
}

export interface DemoStaffRow {
  id: number;
  role: string;
  department_ids: number[];
}

/** Enabled back-office and department staff with their departments, oldest first (actors of demo events). */
export async function selectDemoActors(db: Queryable, municipalityId: string): Promise<DemoStaffRow[]> {
  const { rows } = await db.query<{ id: number; role: string; department_ids: (string | number)[] }>(
    `SELECT u.id, u.role,
            coalesce(array_agg(d.department_id ORDER BY d.department_id)
                     FILTER (WHERE d.department_id IS NOT NULL), '{}') AS department_ids
       FROM staff_users u LEFT JOIN staff_user_departments d ON d.user_id = u.id
      WHERE u.municipality_id = $1 AND u.disabled_at IS NULL AND u.role IN ('admin', 'bsc_agent', 'department_staff')
      GROUP BY u.id, u.role ORDER BY u.id`,
    [municipalityId],
  );
  return rows.map((r) => ({ id: Number(r.id), role: r.role, department_ids: r.department_ids.map(Number) }));
}

/** Routing rules of the municipality (category × district, NULL district = any). */
export async function selectDemoRoutingRules(
  db: Queryable,
  municipalityId: string,
): Promise<{ category_id: number; district_id: number | null; department_id: number; auto_forward: boolean }[]> {
  const { rows } = await db.query<{
    category_id: number;
    district_id: number | null;
    department_id: number;
    auto_forward: boolean;
  }>(
    `SELECT category_id, district_id, department_id, auto_forward FROM report_routing_rules
      WHERE municipality_id = $1 ORDER BY id`,
    [municipalityId],
  );
  return rows;
}

/** Active external bodies by name. */
export async function selectDemoExternalBodies(db: Queryable, municipalityId: string): Promise<Map<string, number>> {
  const { rows } = await db.query<{ id: number; name: string }>(
    'SELECT id, name FROM report_external_bodies WHERE municipality_id = $1 AND active ORDER BY id',
    [municipalityId],
  );
  return new Map(rows.map((r) => [r.name, Number(r.id)]));
}

/** The note templates (status, title, German body), in their order. */
export async function selectDemoNoteTemplates(
  db: Queryable,
  municipalityId: string,
): Promise<{ status: string; title: string; body: string }[]> {
  const { rows } = await db.query<{ status: string; title: string; body: string | null }>(
    `SELECT status, title, body->>'de' AS body FROM report_note_templates
      WHERE municipality_id = $1 ORDER BY sort, id`,
    [municipalityId],
  );
  return rows.filter((r) => r.body).map((r) => ({ status: r.status, title: r.title, body: r.body as string }));
}

/**
 * Takes `count` reference numbers of municipality × year at once (the counter moves by count) and returns the
 * first of them.
 */
export async function reserveReferenceNumbers(
  tx: Queryable,
  municipalityId: string,
  year: number,
  count: number,
): Promise<number> {
  const { rows } = await tx.query<{ last_number: number }>(
    `INSERT INTO report_reference_counters (municipality_id, year, last_number) VALUES ($1, $2, $3)
     ON CONFLICT (municipality_id, year) DO UPDATE SET last_number = report_reference_counters.last_number + $3
     RETURNING last_number`,
    [municipalityId, year, count],
  );
  return (rows[0] as { last_number: number }).last_number - count + 1;
}

export interface DemoReportRow {
  reference: string;
  categoryId: number;
  status: string;
  description: string;
  publicDescription: string | null;
  answers: Record<string, string>;
  lat: number;
  lon: number;
  locationMethod: string;
  addressId: number;
  addressLabel: string;
  districtId: number | null;
  departmentId: number | null;
  suggestedDepartmentId: number | null;
  externalBodyId: number | null;
  needsScreening: boolean;
  supporterCount: number;
  dueAt: Date;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/**
 * Inserts demo reports in one statement: source 'web', language 'de', no reporter data, no status link. A
 * reference that is taken already is skipped; returns id by reference of those inserted.
 */
export async function insertDemoReports(
  tx: Queryable,
  municipalityId: string,
  reports: DemoReportRow[],
): Promise<Map<string, number>> {
  const col = <T>(f: (r: DemoReportRow) => T) => reports.map(f);
  const { rows } = await tx.query<{ id: number; reference: string }>(
    `INSERT INTO reports (municipality_id, reference, category_id, status, description, public_description, answers,
       lat, lon, location_method, address_id, address_label, district_id, department_id, suggested_department_id,
       external_body_id, needs_screening, supporter_count, notify_email, language, source, due_at, created_at,
       updated_at, closed_at)
     SELECT $1, u.reference, u.category_id, u.status, u.description, u.public_description, u.answers::jsonb,
            u.lat, u.lon, u.location_method, u.address_id, u.address_label, u.district_id, u.department_id,
            u.suggested_department_id, u.external_body_id, u.needs_screening, u.supporter_count, false, 'de', 'web',
            u.due_at, u.created_at, u.updated_at, u.closed_at
       FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[],
                   $9::float8[], $10::text[], $11::bigint[], $12::text[], $13::bigint[], $14::bigint[], $15::bigint[],
                   $16::bigint[], $17::boolean[], $18::int[], $19::timestamptz[], $20::timestamptz[],
                   $21::timestamptz[], $22::timestamptz[])
            WITH ORDINALITY AS u(reference, category_id, status, description, public_description, answers, lat, lon,
                   location_method, address_id, address_label, district_id, department_id, suggested_department_id,
                   external_body_id, needs_screening, supporter_count, due_at, created_at, updated_at, closed_at, ord)
      ORDER BY u.ord
     ON CONFLICT (reference) DO NOTHING
     RETURNING id, reference`,
    [
      municipalityId,
      col((r) => r.reference),
      col((r) => r.categoryId),
      col((r) => r.status),
      col((r) => r.description),
      col((r) => r.publicDescription),
      col((r) => JSON.stringify(r.answers)),
      col((r) => r.lat),
      col((r) => r.lon),
      col((r) => r.locationMethod),
      col((r) => r.addressId),
      col((r) => r.addressLabel),
      col((r) => r.districtId),
      col((r) => r.departmentId),
      col((r) => r.suggestedDepartmentId),
      col((r) => r.externalBodyId),
      col((r) => r.needsScreening),
      col((r) => r.supporterCount),
      col((r) => iso(r.dueAt)),
      col((r) => iso(r.createdAt)),
      col((r) => iso(r.updatedAt)),
      col((r) => iso(r.closedAt)),
    ],
  );
  return new Map(rows.map((r) => [r.reference, Number(r.id)]));
}

export interface DemoEventRow {
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

/** Inserts history events in one statement, in the given order (ids follow it). */
export async function insertDemoEvents(tx: Queryable, events: DemoEventRow[]): Promise<void> {
  if (events.length === 0) return;
  const col = <T>(f: (e: DemoEventRow) => T) => events.map(f);
  await tx.query(
    `INSERT INTO report_events (report_id, kind, status_from, status_to, public, public_note, internal_note,
       department_id, external_body_id, actor_id, created_at)
     SELECT u.report_id, u.kind, u.status_from, u.status_to, u.public, u.public_note, u.internal_note,
            u.department_id, u.external_body_id, u.actor_id, u.created_at
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::text[],
                   $8::bigint[], $9::bigint[], $10::bigint[], $11::timestamptz[])
            WITH ORDINALITY AS u(report_id, kind, status_from, status_to, public, public_note, internal_note,
                   department_id, external_body_id, actor_id, created_at, ord)
      ORDER BY u.ord`,
    [
      col((e) => e.reportId),
      col((e) => e.kind),
      col((e) => e.statusFrom),
      col((e) => e.statusTo),
      col((e) => e.public),
      col((e) => e.publicNote),
      col((e) => e.internalNote),
      col((e) => e.departmentId),
      col((e) => e.externalBodyId),
      col((e) => e.actorId),
      col((e) => iso(e.at)),
    ],
  );
}

/** Inserts anonymous supporters (no e-mail, no notifications) in one statement. */
export async function insertDemoSupporters(tx: Queryable, supporters: { reportId: number; at: Date }[]) {
  if (supporters.length === 0) return;
  await tx.query(
    `INSERT INTO report_supporters (report_id, email, notify_email, language, created_at)
     SELECT u.report_id, NULL, false, 'de', u.created_at
       FROM unnest($1::bigint[], $2::timestamptz[]) WITH ORDINALITY AS u(report_id, created_at, ord)
      ORDER BY u.ord`,
    [supporters.map((s) => s.reportId), supporters.map((s) => s.at.toISOString())],
  );
}
