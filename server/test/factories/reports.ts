import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { findDistrictAt } from '../../features/addresses/service.js';
import { appendEvent } from '../../features/reports/core/events.js';
import {
  hashStatusToken,
  newStatusNonce,
  statusTokenFor,
  statusTokenKey,
} from '../../features/reports/core/status-token.js';
import { isClosedStatus, type ReportStatus } from '../../features/reports/core/statuses.js';
import { addWorkingDays } from '../../features/reports/core/working-days.js';
import type { Deps } from '../../platform/deps.js';
import { points } from './addresses.js';

/**
 * Test data for the Mängelmelder written straight into the tables, so a test can start a report in any state
 * (forwarded to a department, closed, flagged, …) without walking the whole workflow first.
 */

export interface TestCategoryInput {
  code?: string;
  name?: { de: string; en: string };
  parentId?: number | null;
  targetWorkingDays?: number;
  defaultDepartmentId?: number | null;
  questions?: unknown[];
  active?: boolean;
}

/** A category of the test app's municipality (upserted by code); returns its id. */
export async function createCategory(deps: Deps, input: TestCategoryInput = {}): Promise<number> {
  const code = input.code ?? `kat-${randomBytes(3).toString('hex')}`;
  const { rows } = await deps.db.query<{ id: number }>(
    `INSERT INTO report_categories (municipality_id, code, parent_id, name, questions, target_working_days,
                                    default_department_id, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (municipality_id, code) DO UPDATE SET name = EXCLUDED.name
     RETURNING id`,
    [
      deps.config.municipality.id,
      code,
      input.parentId ?? null,
      JSON.stringify(input.name ?? { de: 'Wilder Müll', en: 'Fly-tipping' }),
      JSON.stringify(input.questions ?? []),
      input.targetWorkingDays ?? 5,
      input.defaultDepartmentId ?? null,
      input.active ?? true,
    ],
  );
  return Number(rows[0]!.id);
}

/** A department of the test app's municipality; returns its id. */
export async function createTestDepartment(deps: Deps, name: string): Promise<number> {
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomBytes(2).toString('hex')}`;
  const { rows } = await deps.db.query<{ id: number }>(
    `INSERT INTO departments (municipality_id, slug, name, email) VALUES ($1, $2, $3, $4) RETURNING id`,
    [deps.config.municipality.id, slug, name, `${slug}@example.org`],
  );
  return Number(rows[0]!.id);
}

/** An external body (Deutsche Bahn, Straßen.NRW, …); returns its id. */
export async function createExternalBody(deps: Deps, name: string, active = true): Promise<number> {
  const { rows } = await deps.db.query<{ id: number }>(
    `INSERT INTO report_external_bodies (municipality_id, name, email, active) VALUES ($1, $2, $3, $4) RETURNING id`,
    [deps.config.municipality.id, name, 'kontakt@example.org', active],
  );
  return Number(rows[0]!.id);
}

export interface TestReportOverrides {
  categoryId?: number;
  status?: ReportStatus;
  description?: string;
  /** The moderated public text (default none, as after submission). */
  publicDescription?: string | null;
  lat?: number;
  lon?: number;
  addressLabel?: string | null;
  landmark?: string | null;
  departmentId?: number | null;
  suggestedDepartmentId?: number | null;
  reporterName?: string | null;
  reporterEmail?: string | null;
  reporterPhone?: string | null;
  notifyEmail?: boolean;
  /** Whether the reporter's address counts as confirmed (default true). */
  emailConfirmed?: boolean;
  language?: 'de' | 'en';
  needsScreening?: boolean;
  source?: 'web' | 'app' | 'open311' | 'bsc';
  /** Creation time (default: the test clock's now). */
  createdAt?: Date;
  /** Default: creation + the category's target working days. */
  dueAt?: Date | null;
  /** Number of small JPEG photos, each with this review state. */
  photos?: number;
  photoReview?: 'pending' | 'approved' | 'hidden';
}

export interface TestReport {
  id: number;
  reference: string;
  statusToken: string;
}

let tinyJpeg: Promise<Buffer> | undefined;
const photoBytes = () => {
  tinyJpeg ??= sharp({ create: { width: 8, height: 6, channels: 3, background: '#4a7' } })
    .jpeg()
    .toBuffer();
  return tinyJpeg;
};

/**
 * A report of the test app's municipality with a working status link, a `created` event and (optionally) photos.
 * The reference comes from the municipality's counter, skipping numbers another municipality of the same test
 * database already holds.
 */
export async function createReport(deps: Deps, overrides: TestReportOverrides = {}): Promise<TestReport> {
  const m = deps.config.municipality;
  const categoryId = overrides.categoryId ?? (await createCategory(deps, { code: 'wilder-muell' }));
  const createdAt = overrides.createdAt ?? deps.now();
  const lat = overrides.lat ?? points.mitte.lat;
  const lon = overrides.lon ?? points.mitte.lon;
  const status = overrides.status ?? 'received';
  const closed = isClosedStatus(status);
  const district = await findDistrictAt(deps.db, m.id, lat, lon);
  const target = await deps.db.query<{ days: number }>(
    'SELECT target_working_days AS days FROM report_categories WHERE id = $1',
    [categoryId],
  );
  const dueAt =
    overrides.dueAt === undefined
      ? addWorkingDays(createdAt, target.rows[0]?.days ?? 10, m.holidayRegion, m.timeZone)
      : overrides.dueAt;
  const nonce = newStatusNonce();
  const statusToken = statusTokenFor(statusTokenKey(deps.config.sessionSecret), nonce);
  const year = createdAt.getUTCFullYear();

  return deps.db.transaction(async (tx) => {
    for (;;) {
      const counter = await tx.query<{ n: number }>(
        `INSERT INTO report_reference_counters (municipality_id, year, last_number) VALUES ($1, $2, 1)
         ON CONFLICT (municipality_id, year) DO UPDATE SET last_number = report_reference_counters.last_number + 1
         RETURNING last_number AS n`,
        [m.id, year],
      );
      const reference = `${m.referencePrefix}-${year}-${String(counter.rows[0]!.n).padStart(6, '0')}`;
      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO reports (municipality_id, reference, category_id, status, description, public_description, lat,
                              lon, location_method, address_label, landmark, district_id, department_id,
                              suggested_department_id, reporter_name, reporter_email, reporter_phone, notify_email,
                              status_token_nonce, status_token_hash, language, needs_screening, source, due_at,
                              created_at, updated_at, closed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'map', $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
                 $21, $22, $23, $24, $24, $25)
         ON CONFLICT (reference) DO NOTHING RETURNING id`,
        [
          m.id,
          reference,
          categoryId,
          status,
          overrides.description ?? 'Am Straßenrand liegen mehrere Säcke Müll.',
          overrides.publicDescription ?? null,
          lat,
          lon,
          overrides.addressLabel === undefined ? 'Herforder Straße 5, 33602 Bielefeld' : overrides.addressLabel,
          overrides.landmark ?? null,
          district?.id ?? null,
          overrides.departmentId ?? null,
          overrides.suggestedDepartmentId ?? null,
          overrides.reporterName === undefined ? 'Erika Mustermann' : overrides.reporterName,
          overrides.reporterEmail === undefined ? 'erika@example.org' : overrides.reporterEmail,
          overrides.reporterPhone ?? null,
          overrides.notifyEmail ?? true,
          nonce,
          hashStatusToken(statusToken),
          overrides.language ?? 'de',
          overrides.needsScreening ?? false,
          overrides.source ?? 'web',
          dueAt,
          createdAt,
          closed ? createdAt : null,
        ],
      );
      if (!rows[0]) continue;
      const id = Number(rows[0].id);
      // As after a proof of work or the confirmation link (double opt-in), unless a test asks otherwise.
      if (overrides.emailConfirmed !== false) {
        await tx.query(
          'UPDATE reports SET email_confirmed_at = created_at WHERE id = $1 AND reporter_email IS NOT NULL',
          [id],
        );
      }
      // Through the one way events are written, so cached public answers are forgotten as after a submission.
      await appendEvent(tx, {
        municipalityId: m.id,
        reportId: id,
        kind: 'created',
        statusTo: 'received',
        public: true,
        at: createdAt,
      });
      for (let i = 0; i < (overrides.photos ?? 0); i++) {
        await tx.query(
          `INSERT INTO report_photos (municipality_id, report_id, content_type, data, width, height, byte_size, review,
                                      sort)
           VALUES ($6, $1, 'image/jpeg', $2, 8, 6, $3, $4, $5)`,
          [id, await photoBytes(), (await photoBytes()).length, overrides.photoReview ?? 'pending', i, m.id],
        );
      }
      return { id, reference, statusToken };
    }
  });
}
