import type { Queryable } from '../../platform/db.js';
import type { Office, OfficeInput, Service, ServiceInput } from './model.js';

// SQL of the services A–Z: this file owns `service_offices` and `services` (every INSERT, UPDATE, DELETE).

const officeColumns = `id::int AS id, key, name, street, postcode, city, postal_address AS "postalAddress", phone, email,
  hours, hours_note AS "hoursNote", accessibility, coalesce(appointment_url, '') AS "appointmentUrl", lat, lon,
  updated_at AS "updatedAt"`;

const serviceColumns = `id::int AS id, slug, office_id::int AS "officeId", name, synonyms, summary, description,
  leistungsschluessel, documents, fees, processing_time AS "processingTime", legal_basis AS "legalBasis", topics,
  coalesce(online_url, '') AS "onlineUrl", online_label AS "onlineLabel",
  coalesce(appointment_url, '') AS "appointmentUrl", updated_at AS "updatedAt"`;

const officeParams = (o: OfficeInput) => [
  o.key,
  JSON.stringify(o.name),
  o.street,
  o.postcode,
  o.city,
  o.postalAddress,
  o.phone,
  o.email,
  JSON.stringify(o.hours),
  JSON.stringify(o.hoursNote),
  JSON.stringify(o.accessibility),
  o.appointmentUrl || null,
  o.lat,
  o.lon,
];

/** Inserts an office or, when its key exists, updates it; returns the stored row. */
export async function upsertOffice(db: Queryable, municipalityId: string, o: OfficeInput, at: Date): Promise<Office> {
  const { rows } = await db.query<Office>(
    `INSERT INTO service_offices (municipality_id, key, name, street, postcode, city, postal_address, phone, email,
       hours, hours_note, accessibility, appointment_url, lat, lon, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (municipality_id, key) DO UPDATE SET name = EXCLUDED.name, street = EXCLUDED.street,
       postcode = EXCLUDED.postcode, city = EXCLUDED.city, postal_address = EXCLUDED.postal_address,
       phone = EXCLUDED.phone, email = EXCLUDED.email, hours = EXCLUDED.hours, hours_note = EXCLUDED.hours_note,
       accessibility = EXCLUDED.accessibility, appointment_url = EXCLUDED.appointment_url, lat = EXCLUDED.lat,
       lon = EXCLUDED.lon, updated_at = EXCLUDED.updated_at
     RETURNING ${officeColumns}`,
    [municipalityId, ...officeParams(o), at],
  );
  return rows[0] as Office;
}

/** Changes an office by id (its key too); returns the stored row. */
export async function updateOfficeRow(
  db: Queryable,
  municipalityId: string,
  id: number,
  o: OfficeInput,
  at: Date,
): Promise<Office> {
  const { rows } = await db.query<Office>(
    `UPDATE service_offices SET key = $3, name = $4, street = $5, postcode = $6, city = $7, postal_address = $8,
       phone = $9, email = $10, hours = $11, hours_note = $12, accessibility = $13, appointment_url = $14,
       lat = $15, lon = $16, updated_at = $17
     WHERE municipality_id = $1 AND id = $2 RETURNING ${officeColumns}`,
    [municipalityId, id, ...officeParams(o), at],
  );
  return rows[0] as Office;
}

/** Every office of the municipality, by German name. */
export async function selectOffices(db: Queryable, municipalityId: string): Promise<Office[]> {
  const { rows } = await db.query<Office>(
    `SELECT ${officeColumns} FROM service_offices WHERE municipality_id = $1 ORDER BY name->>'de', id`,
    [municipalityId],
  );
  return rows;
}

export async function selectOffice(
  db: Queryable,
  municipalityId: string,
  id: number,
  forUpdate = false,
): Promise<Office | undefined> {
  const { rows } = await db.query<Office>(
    `SELECT ${officeColumns} FROM service_offices WHERE municipality_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [municipalityId, id],
  );
  return rows[0];
}

export async function selectOfficeByKey(db: Queryable, municipalityId: string, key: string) {
  const { rows } = await db.query<Office>(
    `SELECT ${officeColumns} FROM service_offices WHERE municipality_id = $1 AND key = $2`,
    [municipalityId, key],
  );
  return rows[0];
}

/** Whether another office (not `exceptId`) has this key. */
export async function officeKeyTaken(db: Queryable, municipalityId: string, key: string, exceptId?: number) {
  const { rows } = await db.query(
    'SELECT 1 FROM service_offices WHERE municipality_id = $1 AND key = $2 AND id IS DISTINCT FROM $3',
    [municipalityId, key, exceptId ?? null],
  );
  return rows.length > 0;
}

const serviceParams = (s: ServiceInput, officeId: number) => [
  s.slug,
  officeId,
  JSON.stringify(s.name),
  s.synonyms,
  JSON.stringify(s.summary),
  JSON.stringify(s.description),
  s.leistungsschluessel,
  JSON.stringify(s.documents),
  JSON.stringify(s.fees),
  JSON.stringify(s.processingTime),
  s.legalBasis,
  s.topics,
  s.onlineUrl || null,
  JSON.stringify(s.onlineLabel),
  s.appointmentUrl || null,
];

/** Inserts a service or, when its slug exists, updates it; returns the stored row. */
export async function upsertService(
  db: Queryable,
  municipalityId: string,
  s: ServiceInput,
  officeId: number,
  at: Date,
): Promise<Service> {
  const { rows } = await db.query<Service>(
    `INSERT INTO services (municipality_id, slug, office_id, name, synonyms, summary, description,
       leistungsschluessel, documents, fees, processing_time, legal_basis, topics, online_url, online_label,
       appointment_url, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT (municipality_id, slug) DO UPDATE SET office_id = EXCLUDED.office_id, name = EXCLUDED.name,
       synonyms = EXCLUDED.synonyms, summary = EXCLUDED.summary, description = EXCLUDED.description,
       leistungsschluessel = EXCLUDED.leistungsschluessel, documents = EXCLUDED.documents, fees = EXCLUDED.fees,
       processing_time = EXCLUDED.processing_time, legal_basis = EXCLUDED.legal_basis, topics = EXCLUDED.topics,
       online_url = EXCLUDED.online_url, online_label = EXCLUDED.online_label,
       appointment_url = EXCLUDED.appointment_url, updated_at = EXCLUDED.updated_at
     RETURNING ${serviceColumns}`,
    [municipalityId, ...serviceParams(s, officeId), at],
  );
  return rows[0] as Service;
}

/** Changes a service by id (its slug too); returns the stored row. */
export async function updateServiceRow(
  db: Queryable,
  municipalityId: string,
  id: number,
  s: ServiceInput,
  officeId: number,
  at: Date,
): Promise<Service> {
  const { rows } = await db.query<Service>(
    `UPDATE services SET slug = $3, office_id = $4, name = $5, synonyms = $6, summary = $7, description = $8,
       leistungsschluessel = $9, documents = $10, fees = $11, processing_time = $12, legal_basis = $13,
       topics = $14, online_url = $15, online_label = $16, appointment_url = $17, updated_at = $18
     WHERE municipality_id = $1 AND id = $2 RETURNING ${serviceColumns}`,
    [municipalityId, id, ...serviceParams(s, officeId), at],
  );
  return rows[0] as Service;
}

export async function deleteServiceRow(db: Queryable, municipalityId: string, id: number): Promise<void> {
  await db.query('DELETE FROM services WHERE municipality_id = $1 AND id = $2', [municipalityId, id]);
}

/** Every service of the municipality (optionally of one topic), by German name. */
export async function selectServices(db: Queryable, municipalityId: string, topic?: string): Promise<Service[]> {
  const { rows } = await db.query<Service>(
    `SELECT ${serviceColumns} FROM services WHERE municipality_id = $1 AND ($2::text IS NULL OR $2 = ANY (topics))
     ORDER BY name->>'de', id`,
    [municipalityId, topic ?? null],
  );
  return rows;
}

export async function selectService(
  db: Queryable,
  municipalityId: string,
  id: number,
  forUpdate = false,
): Promise<Service | undefined> {
  const { rows } = await db.query<Service>(
    `SELECT ${serviceColumns} FROM services WHERE municipality_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [municipalityId, id],
  );
  return rows[0];
}

export async function selectServiceBySlug(db: Queryable, municipalityId: string, slug: string) {
  const { rows } = await db.query<Service>(
    `SELECT ${serviceColumns} FROM services WHERE municipality_id = $1 AND slug = $2`,
    [municipalityId, slug],
  );
  return rows[0];
}

/** Whether another service (not `exceptId`) has this slug. */
export async function serviceSlugTaken(db: Queryable, municipalityId: string, slug: string, exceptId?: number) {
  const { rows } = await db.query(
    'SELECT 1 FROM services WHERE municipality_id = $1 AND slug = $2 AND id IS DISTINCT FROM $3',
    [municipalityId, slug, exceptId ?? null],
  );
  return rows.length > 0;
}

/** How many services and offices the municipality has. */
export async function countServicesAndOffices(db: Queryable, municipalityId: string) {
  const { rows } = await db.query<{ services: number; offices: number }>(
    `SELECT (SELECT count(*)::int FROM services WHERE municipality_id = $1) AS services,
            (SELECT count(*)::int FROM service_offices WHERE municipality_id = $1) AS offices`,
    [municipalityId],
  );
  return rows[0] ?? { services: 0, offices: 0 };
}
